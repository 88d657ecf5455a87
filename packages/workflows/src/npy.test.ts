import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readNpy, writeMatrixF32, writeVectorF64 } from "./npy.ts";

describe(".npy files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npy-"));

  it("writes column-major data as a row-major float32 matrix with a 64-byte aligned header", () => {
    const file = path.join(dir, "m.npy");
    writeMatrixF32(file, [Float64Array.of(1, 2, Number.NaN), Float64Array.of(0.1, -5, 7)], 3);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 6).toString("latin1")).toBe("\x93NUMPY");
    const headerEnd = 10 + bytes.readUInt16LE(8);
    expect(headerEnd % 64).toBe(0);
    expect(bytes.toString("latin1", 10, headerEnd)).toMatch(/'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\)/);
    const { shape, values } = readNpy(file);
    expect(shape).toEqual([3, 2]);
    expect(Array.from(values)).toEqual([1, Math.fround(0.1), 2, -5, Number.NaN, 7]);
  });

  it("round-trips a float64 vector exactly", () => {
    const file = path.join(dir, "v.npy");
    writeVectorF64(file, [0.1, 1 / 3, -2e300]);
    expect(readNpy(file)).toEqual({ shape: [3], values: Float64Array.of(0.1, 1 / 3, -2e300) });
  });

  it("refuses what is not float32 or float64", () => {
    const file = path.join(dir, "i.npy");
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from("\x93NUMPY\x01\x00", "latin1"),
        Buffer.from([54, 0]),
        Buffer.from(`{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }${" ".repeat(0)}\n`.padEnd(54, " "), "latin1"),
      ]),
    );
    expect(() => readNpy(file)).toThrow(/<i8/);
  });
});

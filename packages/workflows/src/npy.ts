// NumPy's .npy files (format 1.0, little-endian, C order): how the worker hands matrices to a
// Python workflow and reads its predictions back, with no copy through text.
import fs from "node:fs";

const MAGIC = "\x93NUMPY";

/** Writes rows × columns of column-major data as a float32 matrix (row-major on disk). */
export function writeMatrixF32(file: string, columns: ArrayLike<number>[], rows: number): void {
  const cols = columns.length;
  const data = new Float32Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const column = columns[c] as ArrayLike<number>;
    for (let r = 0; r < rows; r++) data[r * cols + c] = column[r] as number;
  }
  write(file, "<f4", [rows, cols], new Uint8Array(data.buffer));
}

export function writeVectorF64(file: string, values: ArrayLike<number>): void {
  write(file, "<f8", [values.length], new Uint8Array(Float64Array.from(values).buffer));
}

function write(file: string, descr: string, shape: number[], body: Uint8Array): void {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  // The header is padded with spaces to a multiple of 64 bytes and ends in a newline.
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const header = `${dict}${" ".repeat((64 - (unpadded % 64)) % 64)}\n`;
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(header, "latin1"), body]));
}

/** A float64 or float32 array of any shape, as float64 values in C order, with its shape. */
export function readNpy(file: string): { shape: number[]; values: Float64Array } {
  const buf = fs.readFileSync(file);
  if (buf.toString("latin1", 0, 6) !== MAGIC) throw new Error(`${file} is not a .npy file`);
  const major = buf[6] as number;
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = buf.toString("latin1", major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${file} is in Fortran order; write it in C order`);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = buf.subarray(start);
  const width = descr === "<f8" ? 8 : 4;
  if (body.length < count * width) throw new Error(`${file} holds ${body.length} bytes of data for shape (${shape.join(", ")})`);
  const copy = new Uint8Array(body.length);
  copy.set(body);
  let values: Float64Array;
  if (descr === "<f8") values = new Float64Array(copy.buffer, 0, count);
  else if (descr === "<f4") values = Float64Array.from(new Float32Array(copy.buffer, 0, count));
  else throw new Error(`${file} holds ${descr} values; expected float64 or float32`);
  return { shape, values };
}

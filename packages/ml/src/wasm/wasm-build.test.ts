// The committed WebAssembly kernels are what their AssemblyScript sources compile to, byte for
// byte: nobody can change a kernel's behaviour by editing only the generated module.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("rebuilds every wasm kernel from source to the committed bytes", () => {
  const script = path.join(import.meta.dirname, "../../scripts/build-wasm.mjs");
  const printed = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
  expect(printed).toContain("wasm kernels match their sources");
}, 60_000);

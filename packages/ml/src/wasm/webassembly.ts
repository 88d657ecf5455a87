// Node's WebAssembly, typed: this package's TypeScript lib (no DOM) does not declare it, and a
// global declaration would clash with the web app's DOM lib, which type-checks this code too.
export interface WasmModule {
  readonly __brand: "WebAssembly.Module";
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Compiles a kernel's bytes once (base64, as build-wasm.mjs writes them); null where it cannot run. */
export function compileOnce(base64: string): () => WasmModule | null {
  let compiled: WasmModule | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = new wasm.Module(Buffer.from(base64, "base64"));
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}

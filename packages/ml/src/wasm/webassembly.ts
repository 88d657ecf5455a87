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

const PAGE = 65536;
/** 32-bit WebAssembly's 4 GiB, less the page a memory of `bytes` is rounded up with. */
const MAX_BYTES = 4 * 1024 ** 3 - PAGE;

/**
 * An instance of the kernel with its own memory of at least `bytes`, or null where the kernel
 * cannot run: no WebAssembly, more than 4 GiB, or no address space for it (the JavaScript
 * fallbacks need less).
 */
export function instanceWithMemory<Exports>(
  module: WasmModule | null,
  bytes: number,
): { exports: Exports; buffer: ArrayBuffer | SharedArrayBuffer } | null {
  if (!module || bytes > MAX_BYTES) return null;
  let memory: WasmMemory;
  try {
    memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) + 1 });
  } catch {
    return null;
  }
  const instance = new wasm.Instance(module, { env: { memory } });
  return { exports: instance.exports as unknown as Exports, buffer: memory.buffer };
}

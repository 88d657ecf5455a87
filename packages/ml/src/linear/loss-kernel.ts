// The binary logistic loss in WebAssembly (wasm/linear.ts): the encoded rows, labels, weights and
// gradient live in one memory the kernel reads directly, so an evaluation is one call with no
// bounds checks (200k flights rows: 1.1 s of JavaScript per fit). Falls back to binaryLoss in
// logistic.ts, which is also the reference (same bits), when ROUNDHOUSE_LINEAR_KERNEL=js, when
// WebAssembly is unavailable or the rows do not fit in its 4 GiB.
import { LINEAR_WASM_BASE64 } from "../wasm/linear-wasm.ts";
import { compileOnce, wasm } from "../wasm/webassembly.ts";

interface LinearExports {
  binaryLoss(...args: number[]): number;
}

export interface BinaryLossKernel {
  /** The rows' encoding (encodeAll's layout), to be written before the first evaluation. */
  cols: Int32Array;
  vals: Float32Array;
  /** The loss at w (D + 1 weights, the intercept last); sets grad to its gradient. */
  evaluate(w: Float64Array, grad: Float64Array): number;
}

const linearModule = compileOnce(LINEAR_WASM_BASE64);
const PAGE = 65536;
const MAX_BYTES = 4 * 1024 ** 3 - PAGE;

export function binaryLossKernel(label: ArrayLike<number>, F: number, D: number): BinaryLossKernel | null {
  if (process.env.ROUNDHOUSE_LINEAR_KERNEL === "js") return null;
  const module = linearModule();
  const n = label.length;
  // Layout: the f64 arrays first (aligned), then the row encoding.
  const at = { w: 0, grad: 8 * (D + 1), y: 16 * (D + 1), cols: 16 * (D + 1) + 8 * n, vals: 16 * (D + 1) + 8 * n + 4 * n * F };
  const bytes = at.vals + 4 * n * F;
  if (!module || bytes > MAX_BYTES) return null;
  let memory: { buffer: ArrayBuffer | SharedArrayBuffer };
  try {
    memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) + 1 });
  } catch {
    return null; // the address space or memory for it is not there: the JavaScript loop needs none
  }
  const kernel = new wasm.Instance(module, { env: { memory } }).exports as unknown as LinearExports;
  const w = new Float64Array(memory.buffer, at.w, D + 1);
  const grad = new Float64Array(memory.buffer, at.grad, D + 1);
  new Float64Array(memory.buffer, at.y, n).set(label);
  return {
    cols: new Int32Array(memory.buffer, at.cols, n * F),
    vals: new Float32Array(memory.buffer, at.vals, n * F),
    evaluate(weights, gradient) {
      w.set(weights.subarray(0, D + 1));
      grad.fill(0);
      const loss = kernel.binaryLoss(at.w, at.grad, at.cols, at.vals, at.y, n, F, D);
      gradient.set(grad);
      return loss;
    },
  };
}

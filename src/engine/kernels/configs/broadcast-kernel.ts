/**
 * Fused kernel `EmtdBroadcast`: copy x into a larger shape of the same rank along its size-1 axes (numpy
 * broadcasting without the multiply), Y[i₀…iₖ] = X[j₀…jₖ] with j_a = 0 where X has size 1 on axis a, else i_a.
 *
 * Why: tfjs-core's gradient of `Sum` broadcasts dy back as `dy · ones(x.shape)`. On the wasm backend that fills
 * `ones` in JavaScript and runs a broadcasting multiply, measured at E = 5·10⁵, C = 2 (`tf.sum(sq, 1, true)`, the
 * reduction every pair term has): 2.4–2.7 ms for `ones` and 5.2 ms for the [E, 1] × [E, 2] multiply, against
 * ≈0.4 ms for a same-shape multiply — a third of one autodiff energy-and-gradient call. This copy is one pass.
 * The Sum gradient that uses it is in kernels/configs/autodiff-overrides.
 *
 * One shared typed-array implementation for cpu and wasm (through kernels/configs/kernel-io), with tight loops for the two common
 * patterns (rows [R, 1] → [R, C]; one row [1, C] → [R, C]) and a general strided walk for the rest.
 */
import type * as tf from "@tensorflow/tfjs";
import type { KernelIO } from "./kernel-io";

export const BROADCAST = "EmtdBroadcast";

export interface BroadcastAttrs {
  /** The output shape: same rank as x, equal to x's size on every axis where x's size is not 1. */
  shape: number[];
}

type Values = Float32Array | Int32Array | Uint8Array;

/**
 * The axes of `from` → `to` merged into runs of equal kind (kept or broadcast), size-1 output axes dropped:
 * [R, 1] → [R, C] gives sizes [R, C], broadcast [false, true].
 */
export function broadcastRuns(from: readonly number[], to: readonly number[]): { sizes: number[]; broadcast: boolean[] } {
  const sizes: number[] = [];
  const broadcast: boolean[] = [];
  for (let a = 0; a < to.length; a++) {
    const n = to[a]!;
    if (n === 1) continue;
    const b = from[a] === 1;
    if (broadcast.length > 0 && broadcast[broadcast.length - 1] === b) sizes[sizes.length - 1]! *= n;
    else {
      sizes.push(n);
      broadcast.push(b);
    }
  }
  return { sizes, broadcast };
}

/** out ← x broadcast over the runs of {@link broadcastRuns} (out has the product of `sizes` elements). */
export function broadcastValues(x: Values, out: Values, sizes: readonly number[], broadcast: readonly boolean[]): void {
  const k = sizes.length;
  if (k === 0) {
    if (out.length > 0) out[0] = x[0]!;
    return;
  }
  if (k === 1) {
    if (broadcast[0]) out.fill(x[0]!);
    else out.set(x.subarray(0, sizes[0]));
    return;
  }
  if (k === 2 && !broadcast[0]) {
    // [R, 1] → [R, C]: each row's value repeated (the Sum-over-channels gradient).
    const R = sizes[0]!;
    const C = sizes[1]!;
    if (C === 2) {
      for (let r = 0; r < R; r++) {
        const v = x[r]!;
        out[2 * r] = v;
        out[2 * r + 1] = v;
      }
    } else {
      // A plain loop: a fill() call per row costs ≈17 ns, 8.6 ms at R = 5·10⁵ (measured at C = 3 on wasm).
      for (let r = 0, o = 0; r < R; r++) {
        const v = x[r]!;
        for (let end = o + C; o < end; o++) out[o] = v;
      }
    }
    return;
  }
  if (k === 2) {
    // [1, C] → [R, C]: the row repeated.
    const R = sizes[0]!;
    const C = sizes[1]!;
    const row = x.subarray(0, C);
    for (let r = 0; r < R; r++) out.set(row, r * C);
    return;
  }
  // General: walk the runs, outermost first; x advances only along kept runs.
  const outStride = new Array<number>(k);
  const xStride = new Array<number>(k);
  let o = 1;
  let s = 1;
  for (let a = k - 1; a >= 0; a--) {
    outStride[a] = o;
    xStride[a] = broadcast[a] ? 0 : s;
    o *= sizes[a]!;
    if (!broadcast[a]) s *= sizes[a]!;
  }
  const walk = (a: number, xo: number, oo: number): void => {
    const n = sizes[a]!;
    if (a === k - 1) {
      if (broadcast[a]) out.fill(x[xo]!, oo, oo + n);
      else out.set(x.subarray(xo, xo + n), oo);
      return;
    }
    for (let i = 0; i < n; i++) walk(a + 1, xo + i * xStride[a]!, oo + i * outStride[a]!);
  };
  walk(0, 0, 0);
}

export function broadcastKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: BroadcastAttrs): tf.TensorInfo {
  const { x } = inputs;
  const { sizes, broadcast } = broadcastRuns(x.shape, attrs.shape);
  return io.run([x], [{ shape: attrs.shape, dtype: x.dtype }], ([xv], [out]) => broadcastValues(xv!, out!, sizes, broadcast)).outputs[0]!;
}

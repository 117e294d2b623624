/**
 * Fused kernel `EmtdHuberCoupling`: the Huber coupling's energy and gradient (hamiltonian/variants `huberCoupling`)
 * in one pass over the edges,
 *
 *   H = J Σ_e w_e ρ_δ(r_e),  ρ_δ(r) = r² − relu(r − δ)²,  r_e = √(‖x_src − x_dst‖² + 10⁻³⁰),
 *   ∇H = Bᵀ(2J w_e min(1, δ/r_e)(x_src − x_dst)),
 *
 * two outputs: H (float32 scalar) and ∇H ([N, C] float32). On a small field a step costs tfjs's per-op overhead, not
 * its arithmetic: the composite is 25 kernels (≈ 75 µs a ULA step on ws:20:4:0.1, most of p1.3-langevin under a
 * Huber variant), this one. Every value is rounded to float32 where the composite's ops round it, in their order, and
 * each reduction is formed as the backend's stock `Sum` forms it (`accumulate`: tfjs-wasm one float32 accumulator,
 * tfjs-cpu a float64 one rounded once), so both outputs equal the composite's bit for bit
 * (test/unit/hamiltonian/huber-kernel). No gradient is registered: the front end (ops/huber-coupling) takes it only
 * where no gradient tape records.
 */
import type * as tf from "@tensorflow/tfjs";
import type { KernelIO } from "./kernel-io";
import type { GraphPlan } from "../loops/graph-plan";

export const HUBER_COUPLING = "EmtdHuberCoupling";

export interface HuberAttrs {
  plan: GraphPlan;
  delta: number;
  coupling: number;
  /** How the backend's stock `Sum` accumulates: rounding to float32 after each addition, or in float64 rounded once. */
  accumulate: "float32" | "float64";
}

const f = Math.fround;

export function huberCouplingKernel(io: KernelIO, inputs: { x: tf.TensorInfo; w: tf.TensorInfo }, attrs: HuberAttrs): tf.TensorInfo[] {
  const { x, w } = inputs;
  return io.run(
    [x, w],
    [
      { shape: [], dtype: "float32" },
      { shape: x.shape, dtype: "float32" },
    ],
    ([xv, wv], [energy, gradient]) => {
      energy![0] = huberValues(attrs, xv as Float32Array, wv as Float32Array, gradient as Float32Array, x.shape[1]!);
    },
  ).outputs;
}

/** H of x (rows of `C`), with ∇H written into `g`: the composite's float32 steps per edge (module comment). */
function huberValues(attrs: HuberAttrs, x: Float32Array, w: Float32Array, g: Float32Array, C: number): number {
  const { src, dst, edgeCount } = attrs.plan;
  const delta = f(attrs.delta);
  const coupling = f(attrs.coupling);
  const tiny = f(1e-30);
  const wide = attrs.accumulate === "float64";
  const d = new Float32Array(C);
  g.fill(0); // wasm outputs are not zeroed
  let total = 0;
  for (let e = 0; e < edgeCount; e++) {
    const s = src[e]! * C;
    const t = dst[e]! * C;
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const dc = f(x[s + c]! - x[t + c]!);
      d[c] = dc;
      sum = wide ? sum + f(dc * dc) : f(sum + f(dc * dc));
    }
    const r2 = f(sum);
    const r = f(Math.sqrt(f(r2 + tiny)));
    const weight = f(w[e]! * coupling);
    const over = f(r - delta);
    const excess = over > 0 ? over : 0;
    const perEdge = f(f(r2 - f(excess * excess)) * weight);
    total = wide ? total + perEdge : f(total + perEdge);
    // ∇ρ_δ(‖d‖)·w = d·(min(1, δ/r)·(2w)): the composite's products in its order.
    const k = f(Math.min(1, f(delta / r)) * f(weight * 2));
    for (let c = 0; c < C; c++) {
      const v = f(d[c]! * k);
      g[s + c] = g[s + c]! + v;
      g[t + c] = g[t + c]! - v;
    }
  }
  return f(total);
}

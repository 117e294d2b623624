import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, normal, split, uniform, type Key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { noisyDescent } from "../../../src/ops/noisy-descent";
import { disposeState } from "../../../src/dynamics/types";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala, ula } from "../../../src/dynamics/gradient";
import { LARGE_FIELD_ENTRIES } from "../../../src/engine/kernels/configs/dispatch";

/** H_r = J Σ_⟨ij⟩ ‖x_i − x_j‖² of chain r on ring:N:2h, in float64 over the edges (i, i + o mod N), o = 1 … h. */
function ringEnergies(x: Float32Array, n: number, h: number, chains: number, d: number, J: number): Float64Array {
  const out = new Float64Array(chains);
  const width = chains * d;
  for (let i = 0; i < n; i++) {
    for (let o = 1; o <= h; o++) {
      const j = (i + o) % n;
      for (let r = 0; r < chains; r++) {
        for (let c = r * d; c < (r + 1) * d; c++) {
          const diff = x[i * width + c]! - x[j * width + c]!;
          out[r] += J * diff * diff;
        }
      }
    }
  }
  return out;
}

test("batched MALA on a large field decides on float64 energies and asymmetries: each chain's cost matches a float64 reference (R = 2, and a chain energy of R = 1)", async () => {
  await ready({ backend: "wasm" });
  for (const R of [2, 1]) await largeChains(R);
});

async function largeChains(R: number): Promise<void> {
  const [n, h, d, J] = [40000, 5, 2, 0.7];
  assert.ok(n * d >= LARGE_FIELD_ENTRIES, "large per chain");
  const g = graphFromSpec(`ring:${n}:${2 * h}`, key(1));
  const energy = interactionChains(g, R, { coupling: J });
  const step = 0.002;
  const T = 1;
  const sampler = mala(energy, { step, temperature: T });
  // Near equilibrium (H ≈ N·d·T/2 per chain ≈ 4·10⁴: its float32 spacing is 2⁻⁹ ≈ 0.002, and the float32 chain sums
  // of 8·10⁴ terms err by far more), where costs are O(1).
  const x0 = tf.mul(normal(key(2), [n, R * d]), 0.3) as tf.Tensor2D;
  const warm = ula(energy, { step: 0.02, temperature: T });
  let warmState = warm.init(x0);
  x0.dispose();
  for (let s = 0; s < 40; s++) [warmState] = warm.step(warmState, key(100 + s));
  let state = sampler.init(warmState.position);
  disposeState(warmState);
  for (let s = 0; s < 30; s++) [state] = sampler.step(state, key(200 + s)); // MALA's own stationary law, not ULA's
  let decided = 0; // chains whose probability was strictly between 0 and 1: the check below is not vacuous there
  // One chain needs more steps than two to meet a probability strictly between 0 and 1.
  for (let s = 0; s < (R === 1 ? 16 : 6); s++) {
    const k: Key = key(7 + s);
    const x = state.position.dataSync() as Float32Array;
    // The reference, from the definition, in float64: the proposal y as the sampler draws it, its gradient, the cost.
    const [noiseKey, acceptKey] = split(k, 2) as [Key, Key];
    const y = noisyDescent(state.position, state.gradient!, step, T, noiseKey);
    const { energies: ey32, gradient: gy } = energy.evaluate(y as tf.Tensor2D);
    const [yv, gxv, gyv] = [y, state.gradient!, gy].map((t) => t.dataSync() as Float32Array) as [Float32Array, Float32Array, Float32Array];
    const u = uniform(acceptKey, [R]).dataSync();
    const [hx, hy] = [ringEnergies(x, n, h, R, d, J), ringEnergies(yv, n, h, R, d, J)];
    // The kernel's float64 energy is ½ Σ x·∇H with ∇H rounded to float32 first: within 2⁻²⁵·Σ|x·∇H| of H.
    const bound = (v: Float32Array, gv: Float32Array, r: number) => {
      let sum = 0;
      for (let i = 0; i < n; i++) for (let c = r * d; c < (r + 1) * d; c++) sum += Math.abs(v[i * R * d + c]! * gv[i * R * d + c]!);
      return 2 ** -25 * sum;
    };
    const want = Array.from({ length: R }, (_, r) => {
      let [forward, back] = [0, 0];
      for (let i = 0; i < n; i++) {
        for (let c = r * d; c < (r + 1) * d; c++) {
          const a = i * R * d + c;
          forward += (yv[a]! - x[a]! + step * gxv[a]!) ** 2;
          back += (x[a]! - yv[a]! + step * gyv[a]!) ** 2;
        }
      }
      const cost = hy[r]! - hx[r]! + (back - forward) / (4 * step);
      // |Δp| ≤ |Δcost|/T (p = e^{−cost/T} ≤ 1), the cost's error that of the two energies (float64 sums: 10⁻⁹ more).
      const [ex, ey] = [bound(x, gxv, r), bound(yv, gyv, r)];
      return { p: cost <= 0 ? 1 : Math.exp(-cost / T), tol: (ex + ey) / T + 1e-9, ex, ey };
    });
    tf.dispose([y, ey32, gy]);
    let info;
    [state, info] = sampler.step(state, k);
    for (let r = 0; r < R; r++) {
      const { p, tol, ex, ey } = want[r]!;
      const got = info.acceptanceProbabilities[r]!;
      assert.ok(Math.abs(got - p) <= tol, `step ${s}, chain ${r}: p ${got} vs ${p} ± ${tol}`);
      if (Math.abs(u[r]! - p) > tol) assert.equal(info.accepted[r], u[r]! < p ? 1 : 0, `step ${s}, chain ${r}: the decision`);
      const [h64, e] = info.accepted[r] ? [hy[r]!, ey] : [hx[r]!, ex];
      // (the float32 chain sums miss by ≈ 0.06 here, against a bound of ≈ 10⁻³: measured with this path switched off)
      assert.ok(Math.abs(info.energies[r]! - h64) <= e + 1e-9 * h64, `step ${s}, chain ${r}: energy ${info.energies[r]} vs ${h64} ± ${e}`);
      if (p > 0 && p < 1) decided++;
    }
  }
  assert.ok(decided > 0, `R = ${R}: some chain's acceptance probability strictly between 0 and 1`);
  disposeState(state);
  releaseGraph(g);
}

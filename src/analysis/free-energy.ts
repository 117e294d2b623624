/**
 * Free energy F = ⟨H⟩ − T·S from samples. The estimator of S: the Gaussian (maximum-entropy) entropy of the
 * sampled fields' covariance, channel by channel, after removing the consensus (node-mean) direction:
 *
 *   Ŝ = Σ_c ½ Σ_{k=1}^{N−1} ln(2πe μ_{c,k}),  μ_{c,k} the N − 1 largest eigenvalues of channel c's covariance.
 *
 * It is an upper bound on the true differential entropy for any law with that covariance, and exact for the
 * quadratic field (whose Boltzmann law is Gaussian). It needs many more samples than N (bias ~ N²/samples), so it
 * is for small graphs.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ArgumentError } from "../errors";

/**
 * The Gaussian entropy estimate Ŝ of the module comment, in nats, from sampled fields: `samples[s]` is one field stored
 * row-major [N, C] (float32 or float64, N·C values); needs more than N samples. Plain numbers, no tensors.
 *
 * @example
 * ```ts
 * // 2000 fields of N = 4 independent N(0, 1) values: after removing the node mean, N − 1 = 3 modes of variance 1.
 * const u = normal(key(3), [2000, 4]);
 * const rows = await u.data();
 * u.dispose();
 * const samples = Array.from({ length: 2000 }, (_, s) => rows.slice(4 * s, 4 * s + 4));
 * gaussianEntropyEstimate(samples, 4, 1); // → 4.23 (exact: 3 · ½ ln(2πe) = 4.257; the estimator needs samples ≫ N)
 * ```
 */
export function gaussianEntropyEstimate(
  samples: readonly Float32Array[] | readonly Float64Array[],
  nodes: number,
  channels: number,
): number {
  const where = "emtd/analysis/entropy";
  const count = samples.length;
  if (count <= nodes) throw new ArgumentError(where, "samples", `more than N = ${nodes} fields`, count);
  let entropy = 0;
  for (let c = 0; c < channels; c++) {
    const data = new Matrix(count, nodes);
    samples.forEach((s, row) => {
      if (s.length !== nodes * channels) throw new ArgumentError(where, "samples[]", `fields of ${nodes * channels} values`, s.length);
      let m = 0;
      for (let i = 0; i < nodes; i++) m += s[i * channels + c]!;
      m /= nodes;
      for (let i = 0; i < nodes; i++) data.set(row, i, s[i * channels + c]! - m);
    });
    const centred = data.subRowVector(data.mean("column"));
    const cov = centred
      .transpose()
      .mmul(centred)
      .div(count - 1);
    const ev = Float64Array.from(new EigenvalueDecomposition(cov, { assumeSymmetric: true }).realEigenvalues).sort();
    for (let k = 1; k < nodes; k++) entropy += 0.5 * Math.log(2 * Math.PI * Math.E * ev[k]!);
  }
  return entropy;
}

/**
 * F = ⟨H⟩ − T·S (energies in units of J, k_B = 1, S in nats).
 *
 * @example
 * ```ts
 * freeEnergy(2, 0.5, 3); // → 0.5
 * ```
 */
export function freeEnergy(meanEnergy: number, temperature: number, entropy: number): number {
  return meanEnergy - temperature * entropy;
}

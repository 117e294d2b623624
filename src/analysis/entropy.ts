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

/** `samples[s]` is one field, row-major [N, C]. */
export function gaussianEntropyEstimate(samples: readonly Float32Array[] | readonly Float64Array[], nodes: number, channels: number): number {
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
    const cov = centred.transpose().mmul(centred).div(count - 1);
    const ev = Float64Array.from(new EigenvalueDecomposition(cov, { assumeSymmetric: true }).realEigenvalues).sort();
    for (let k = 1; k < nodes; k++) entropy += 0.5 * Math.log(2 * Math.PI * Math.E * ev[k]!);
  }
  return entropy;
}

/** F = ⟨H⟩ − T·S. */
export function freeEnergy(meanEnergy: number, temperature: number, entropy: number): number {
  return meanEnergy - temperature * entropy;
}

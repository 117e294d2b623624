/**
 * Worked variant 2 (notebook 18): each coupling weighted by its two ends' local Shannon entropy,
 * w_ij = σ(−(S_i + S_j)/2): a calm neighbourhood (S very negative) couples as the proposal does (w → 1), a noisy one
 * (S large) is heard less. Autodiff differentiates through the weights too.
 */
import { defineTerm, edgeDifferences, edgeWeights, localShannonEntropy, tf, type Variant } from "emtd";

const variant: Variant = {
  name: "entropy-weighted coupling",
  interaction: (graph, { coupling }) =>
    defineTerm({
      name: `entropy-weighted(${graph.label})`,
      energy: (psi) => {
        const s = localShannonEntropy(psi, graph);
        const ends = tf.add(tf.gather(s, tf.tensor1d(graph.src, "int32")), tf.gather(s, tf.tensor1d(graph.dst, "int32")));
        const w = tf.reshape(tf.sigmoid(tf.mul(ends, -0.5)), [-1, 1]);
        const r2 = tf.sum(tf.square(edgeDifferences(psi, graph)), 1, true);
        return tf.mul(tf.sum(tf.mul(tf.mul(edgeWeights(graph), w), r2)), coupling);
      },
    }),
};

export default variant;

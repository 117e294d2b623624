/**
 * A variant family (notebook 18's explorer, `emtd verdicts --variant FILE --param delta=1 --watch`): the Huber
 * coupling with its δ on a slider, plus an added on-site term w·Σψ² (a pull towards 0) with its weight w.
 */
import { defineTerm, huberCoupling, tf } from "emtd";
import { variantFamily } from "emtd/variants";

export default variantFamily({
  name: "Huber coupling with an on-site pull",
  parameters: {
    delta: { min: 0.1, max: 2, step: 0.1, default: 0.5 },
    weight: { min: 0, max: 1, step: 0.05, default: 0 },
  },
  variant: ({ delta, weight }) => ({
    name: `Huber δ = ${delta}, on-site w = ${weight}`,
    interaction: (graph, { coupling }) => huberCoupling(graph, { delta, coupling }),
    ...(weight > 0
      ? { terms: () => [defineTerm({ name: `on-site pull ${weight}`, energy: (psi) => tf.mul(weight, tf.sum(tf.square(psi))) })] }
      : {}),
  }),
});

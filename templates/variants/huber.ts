/** Worked variant 1 (notebook 18): a robust Huber coupling, quadratic for disagreements below δ, linear beyond. */
import { huberCoupling, type Variant } from "emtd";

const variant: Variant = {
  name: "Huber coupling (δ = 0.5)",
  interaction: (graph, { coupling }) => huberCoupling(graph, { delta: 0.5, coupling }),
};

export default variant;

// Hamiltonians: terms as functions of the field, sums, autodiff or analytic gradients, and checks for your own terms.
export {
  type Term,
  type TermDefinition,
  type EnergyAndGradient,
  defineTerm,
  energyAndGradient,
  gradient,
  autodiffGradient,
  scale,
  sum,
  energyValue,
  checkScalarEnergy,
} from "../hamiltonian/term";
export { checkGradient, type GradientCheck, type GradientCheckOptions } from "../hamiltonian/check";
export { type Columns } from "../hamiltonian/columns";
export { interaction, interactionReference, type InteractionOptions } from "../hamiltonian/interaction";
export { entropicPenalty, localEntropy, localShannonEntropy, type EntropyOptions } from "../hamiltonian/entropy";
export { computationalCost, constantDensity, massDensity, type Density, type CostOptions } from "../hamiltonian/cost";
export { huberCoupling, anchor, type HuberOptions, type AnchorOptions } from "../hamiltonian/variants";
export { systemHamiltonian, type SystemHamiltonianOptions } from "../hamiltonian/proposal";

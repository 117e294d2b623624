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
export { checkBroadcasts, BroadcastError } from "../hamiltonian/broadcast";
export { type Columns } from "../hamiltonian/columns";
export { interaction, interactionReference, type InteractionOptions } from "../hamiltonian/interaction";
export { entropicPenalty, localEntropy, localShannonEntropy, type EntropyOptions } from "../hamiltonian/entropy";
export { computationalCost, constantDensity, massDensity, type Density, type CostOptions } from "../hamiltonian/cost";
export { huberCoupling, anchor, type HuberOptions, type AnchorOptions } from "../hamiltonian/variants";
export { systemHamiltonian, type SystemHamiltonianOptions } from "../hamiltonian/proposal";
// The §1.1–§1.2 claims' studies: what each claim measures, as the notebooks and figures call it.
export { complexStateCheck, type ComplexStateCheck } from "../studies/hamiltonian/complex-state";
export {
  interactionPenalties,
  latencyNetwork,
  type InteractionPenalties,
  type LatencyReading,
} from "../studies/hamiltonian/interaction-penalties";
export {
  entropicPenaltyResponse,
  randomWalkPenalty,
  type EntropicPenaltyResponse,
  type PenaltyLaplacian,
} from "../studies/hamiltonian/entropic-penalty";
export { costTradeoff, type CostTradeoff, type CostFlowEnd, type CostDensity } from "../studies/hamiltonian/cost-tradeoff";

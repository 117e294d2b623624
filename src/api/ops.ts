// Ops: graph operators and fused-op front ends (each picks its kernel where registered, its reference elsewhere).
export { laplacianProduct, laplacianProductReference } from "../ops/laplacian";
export { adjacencyProduct } from "../ops/adjacency";
export { edgeDifferences, incidenceTranspose, edgeDifferencesReference, incidenceTransposeReference } from "../ops/incidence";
export { edgeWeights, releaseGraph } from "../ops/tensors";
export {
  interactionEnergy,
  interactionEnergyAndGradient,
  interactionEnergyAndGradientReference,
  type InteractionResult,
} from "../ops/interaction";
export {
  langevinUpdate,
  langevinUpdateReference,
  type LangevinParameters,
  type FusedSteps,
  type LangevinStepInput,
  type StepStats,
} from "../ops/langevin-update";
export { type MalaStepStats, type MalaChainStats } from "../ops/mala-correction";
export { noisyDescent, noisyDescentReference } from "../ops/noisy-descent";
export { fusedUlaStep, fusedUlaSteps, fusedMalaStep, type DeviceMalaStep, type MalaAsymmetry, malaAsymmetry } from "../ops/term-steps";
export {
  isingSweeps,
  isingSweepsReference,
  type IsingSweepOptions,
  isingSweepsReplicas,
  isingSweepsReplicasReference,
  type IsingReplicaSweepOptions,
  type IsingReplicaSweepResult,
  type IsingSweepResult,
} from "../ops/ising-sweep";

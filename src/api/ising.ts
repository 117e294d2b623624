// The Ising model: lattices, the sampler and its checkpoints, exact results.
export { type IsingSystem, isingLattice, isingGraph, isingEnergy } from "../spin/ising/ising-system";
export {
  type IsingSampler,
  type IsingSamplerOptions,
  type SweepStatistics,
  type IsingRunOptions,
  type IsingRunSettings,
  type IsingRunResult,
  type IsingTemperatureResult,
  type Estimate,
  isingSampler,
  type IsingState,
  type IsingStepOverrides,
  type IsingCheckpoint,
} from "../spin/ising/ising-sampler";
export { runIsing } from "../spin/ising/ising-run";
export {
  CRITICAL_TEMPERATURE,
  ENUMERATION_LIMIT,
  type IsingExact,
  ellipticK,
  onsagerEnergy,
  yangMagnetization,
  correlationLength,
  isingEnumeration,
} from "../spin/ising/ising-exact";
export { isingQuench, type QuenchOptions } from "../studies/ising-quench/ising-quench";
export { spinCopyRuns, INITIAL_TEMPERATURE, type SpinCopyRuns, type SpinCopyOptions } from "../studies/ising-isomorphism/spin-copy-runs";
export {
  fieldTransition,
  type FieldTransition,
  type FieldTransitionOptions,
  type McEstimate,
} from "../studies/ising-isomorphism/field-transition";
export { ricciFlowSmoothing, type RicciFlowSmoothing, type RicciFlowSmoothingOptions } from "../studies/ricci/ricci-smoothing";

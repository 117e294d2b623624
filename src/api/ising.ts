// The Ising model: lattices, the sampler and its checkpoints, exact results.
export { type IsingSystem, isingLattice, isingGraph, isingEnergy } from "../ising/model";
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
  runIsing,
  type IsingState,
  type IsingStepOverrides,
  disposeIsingState,
  type IsingCheckpoint,
} from "../ising/sampler";
export {
  CRITICAL_TEMPERATURE,
  ENUMERATION_LIMIT,
  type IsingExact,
  ellipticK,
  onsagerEnergy,
  yangMagnetization,
  correlationLength,
  isingEnumeration,
} from "../ising/exact";
export { isingQuench, type QuenchOptions } from "../ising/quench";

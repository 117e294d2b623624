// Dynamics: integrators as { init, step }, batched chains, one Metropolis acceptance, schedules, the run loop,
// integrators by name.
export {
  type Integrator,
  type ChainIntegrator,
  type ChainStepInfo,
  type SamplerState,
  type StepInfo,
  type StepOverrides,
  type PendingRead,
  disposeState,
  type Sampler,
  type BaseState,
  type StateSnapshot,
  snapshotState,
  restoreState,
  takePosition,
} from "../dynamics/types";
export {
  gradientFlow,
  ula,
  mala,
  unadjustedSampler,
  type GradientOptions,
  gradientSampler,
  type GradientSamplerSpec,
  MALA_TARGET_ACCEPTANCE,
} from "../dynamics/gradient";
export { flowToRest, type Rest } from "../dynamics/flow-to-rest";
export { metropolis, type MetropolisOptions } from "../dynamics/metropolis";
export {
  metropolisProbability,
  metropolisAccepts,
  metropolisAcceptsLazily,
  metropolisAcceptTensor,
  metropolisProbabilityTensor,
} from "../dynamics/acceptance";
export { type ChainEnergy, chainsOf, interactionChains } from "../hamiltonian/chain-energy";
export { type Proposal, ulaProposal } from "../dynamics/langevin";
export { type Schedule, constant, geometric, linear, logarithmic, reheating, type ReheatOptions } from "../dynamics/schedules";
export {
  run,
  type RunOptions,
  type RunResult,
  type ChainEstimate,
  type TraceRecord,
  type RunCheckpoint,
  type PartialRun,
} from "../dynamics/run";
export { ZERO_ACCEPTANCE_STEPS } from "../dynamics/loop";
export {
  INTEGRATOR_NAMES,
  CHAIN_INTEGRATOR_NAMES,
  type IntegratorName,
  type IntegratorChoice,
  type IntegratorEntry,
  defaultStep,
  makeIntegrator,
  registerIntegrator,
  integratorNames,
  chainIntegratorNames,
} from "../dynamics/registry";
export {
  acceptanceBand,
  samplingWarnings,
  ESS_WARNING,
  type AcceptanceBand,
  type SamplingDiagnostics,
  RHAT_WARNING,
  CHAINS_WARNING,
  convergenceWarnings,
  type QuantityDiagnostics,
} from "../dynamics/warnings";
export { stepControl, type StepControl, type StepControlOptions, type StepControlState } from "../dynamics/step-control";
export { meanFieldName, type PrecisionProgress, type TargetReport } from "../dynamics/diagnosed";
export { drawRecorder, type Draws, type DrawRecorder } from "../dynamics/draws";
export {
  inferenceDataGroups,
  toInferenceData,
  writeInferenceData,
  type InferenceDataAttributes,
  type StoreDraws,
} from "../dynamics/inference-data";

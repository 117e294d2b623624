// Ambient entropy (the essay): terms, the simulated model, finality, experiments.
export { decay, participationCoupling, holding, pull } from "../studies/ambient/terms";
export {
  simulateAmbient,
  adversaryLoad,
  type AmbientOptions,
  type AmbientTrace,
  type AdversaryOptions,
  type Injection as AmbientInjection,
} from "../studies/ambient/simulate";
export {
  finalityCurve,
  displacementCurve,
  pooledCurves,
  declaredFinality,
  clockFinalityRound,
  pipelineFinality,
  type FinalityCurve,
  type PipelineFinality,
} from "../studies/ambient/finality";
export {
  ambientGraph,
  displacedRuns,
  type ModelConstants,
  type NetworkOf,
  networkTrace,
  type OverNetworks,
  withNetworks,
} from "../studies/ambient/networks";
export {
  finalityExperiment,
  finalityOverNetworks,
  type FinalityOptions,
  scaleExperiment,
  sybilExperiment,
  sybilOverNetworks,
  type SybilOptions,
  persistenceDiagram,
  persistenceOverNetworks,
  type PersistenceOptions,
  type ScalePoint,
  type SybilPoint,
  type PersistenceCell,
} from "../studies/ambient/ambient-experiments";
export {
  detachmentExperiment,
  detachmentOverNetworks,
  detachedDecayRate,
  type DetachmentOptions,
  type DetachmentResult,
} from "../studies/ambient/detachment";
export {
  doubleSpendExperiment,
  doubleSpendOverNetworks,
  type DoubleSpendOptions,
  type DoubleSpendResult,
} from "../studies/ambient/double-spend";
export {
  adversaryEffect,
  adversaryStrengths,
  type AdversaryArm,
  type AdversaryEffectPoint,
  type AdversaryStrengthPoint,
} from "../studies/ambient/byzantine";
export { simulateAmbientFast, type AmbientFastOptions } from "../studies/ambient/fast";

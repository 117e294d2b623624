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
  finalityExperiment,
  detachmentExperiment,
  scaleExperiment,
  sybilExperiment,
  persistenceDiagram,
  doubleSpendExperiment,
  type ModelConstants,
  type DetachmentResult,
  type ScalePoint,
  type SybilPoint,
  type PersistenceCell,
  type DoubleSpendResult,
} from "../studies/ambient/ambient-experiments";
export {
  adversaryEffect,
  adversaryStrengths,
  type AdversaryArm,
  type AdversaryEffectPoint,
  type AdversaryStrengthPoint,
} from "../studies/ambient/byzantine";
export { simulateAmbientFast, type AmbientFastOptions } from "../studies/ambient/fast";

// Analysis: exact references, entropy and free energy, consensus time and curve, message complexity, the Fiedler
// value, consensus against N per graph family.
export {
  equipartitionEnergy,
  ulaStationaryEnergy,
  ulaStationaryFreeEnergy,
  gaussianThermodynamics,
  gradientFlowRate,
  landauerJoulesPerBit,
  type GaussianThermodynamics,
} from "../analysis/gaussian-exact";
export { boltzmannMean, type BoltzmannOptions } from "../analysis/quadrature";
export { gaussianEntropyEstimate, freeEnergy } from "../analysis/free-energy";
export {
  measureConsensus,
  ricciConsensus,
  type ConsensusOptions,
  type ConsensusMeasurement,
  type RicciConsensusComparison,
} from "../analysis/consensus-time";
export { consensusErrorCurve, firstCrossing, type ConsensusCurve } from "../analysis/consensus-curve";
export {
  pbftMessages,
  hotstuffMessages,
  pushGossip,
  emtdDiffusion,
  hotstuffWorstCase,
  byzantineMessageBound,
  emtdMessagesBySize,
  averagingDiffusion,
  averagingMessagesBySize,
  averagingDelivery,
  metropolisGossip,
  metropolisGossipBySize,
  type MessageCount,
  type EmtdDiffusionOptions,
  type MetropolisGossipOptions,
  type MetropolisGossipRun,
} from "../analysis/messages";
export { fiedlerLanczos, smallestRitz, type FiedlerEstimate } from "../analysis/fiedler";
export {
  nonZeroSpectrum,
  fiedlerValue,
  type FiedlerValue,
  predictedRounds,
  exactDisagreement,
  consensusTime,
  type ConsensusTimeResult,
  sampleDisagreement,
  type DisagreementSample,
  scaleStudy,
  type ScaleRow,
  type ScaleStudyOptions,
  SCALE_DENSE_LIMIT,
} from "../studies/scale/scale-study";
export { copyDecision, copyDecisionSizes, type CopyDecision } from "../studies/scale/copy-scale";
export { SCALE_INVARIANT_SLOPE, scaleClass } from "../studies/scale/scale-class";
export { laplacianTraces, malaAtMode, malaAtEquilibrium, type LaplacianTraces } from "../analysis/mala-acceptance";
export {
  langevinStepSweep,
  plannedLangevinRun,
  type LangevinStepPoint,
  type LangevinSweepOptions,
  type LangevinRunLength,
} from "../studies/langevin-sweep/langevin-sweep";

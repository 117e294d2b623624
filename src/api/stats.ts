// Statistics on plain arrays: summaries, ESS and MCSE, binomial intervals, two-sample tests, group-sequential tests on runs.
export { mean, variance, quantile, median, medianInterval } from "../stats/summary";
export { autocorrelation, effectiveSampleSize, estimateMean, type MeanEstimate, autocovariance } from "../stats/ess";
export { wilson, wilsonFloor, type Proportion } from "../stats/binomial";
export {
  type Block,
  type ClusteredProportion,
  clusteredProportion,
  intraclassCorrelation,
  designEffectOf,
  type SumBlock,
  clusteredMean,
} from "../stats/clustered";
export {
  type Estimate as StatEstimate,
  normalQuantile,
  normalCdf,
  normalInterval,
  type TwoProportion,
  twoProportionTest,
  type Equivalence,
  equivalenceTest,
  minimumDetectableEffect,
  runsForPower,
} from "../stats/tests";
export { type ChiSquareResult, chiSquareTwoSample, histogram, type KsResult, ksTwoSample, kolmogorovQ } from "../stats/twosample";
export {
  rhat,
  essBulk,
  essTail,
  essQuantile,
  essMean,
  mcseMean,
  diagnose,
  basicRhat,
  multiChainEss,
  splitChains,
  rankNormalize,
  MIN_DRAWS,
  type ChainDraws,
  type ConvergenceDiagnostics,
} from "../stats/diagnostics";
export { tQuantile, tPValue, tInterval, holm, bootstrapInterval } from "../stats/inference";
export { lineFit, type LineFit, powerLaw, type PowerLawFit } from "../stats/regression";
export { equivalenceRuns, levelRuns, ratioEquivalenceRuns, BIOEQUIVALENCE_RATIO } from "../stats/equivalence";
export {
  obfSpending,
  obfBoundaries,
  crossingProbabilities,
  FUTILITY_BETA,
  type Boundaries,
  type Crossing,
} from "../stats/group-sequential";
export {
  sequentialDesign,
  decideSequentially,
  decideFixed,
  twoArmStatistic,
  checkOperatingCharacteristics,
  MIN_LOOKS,
  type RunTest,
  type RunOutcome,
  type TwoArmVariance,
  type SequentialOptions,
  type SequentialDesign,
  type SequentialOutcome,
  type OperatingCharacteristics,
} from "../stats/sequential";

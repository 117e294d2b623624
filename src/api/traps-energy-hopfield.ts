// Metastable traps and re-heating (§4.2), energy accounting (§4.3), Hopfield networks (§4.4).
export {
  TRAP_METHODS,
  type TrapMethod,
  type TrapMethodOptions,
  type PreparedProblem,
  prepareProblem,
  trapSchedule,
  trapRun,
  temperatureLadder,
  temperingChain,
  type TemperingTrace,
  successCurve,
  type SuccessPoint,
} from "../traps/anneal";
export { type EscapeSample, escapeTimes, exactEscapeTime, type ArrheniusFit, arrheniusFit, arrheniusLocalSlope } from "../traps/escape";
export { trotterEnergy, quantumEnergy, pathIntegral, type PathIntegralOptions, type PathIntegralTrace } from "../traps/quantum";
export { trapEscape, type TrapEscape } from "../traps/first-passage";
export {
  JOULES_PER_INSTRUCTION,
  WATTS_PER_CORE,
  JOULES_PER_NETWORK_BYTE,
  PBFT_MESSAGE_BYTES,
  entropyBits,
  empiricalEntropyBits,
  consensusEntropy,
  type ConsensusEntropy,
  energyLadder,
  type EnergyLadder,
  decisionCost,
  type DecisionCost,
  timedConsensusRun,
  fieldEntropyBitsRemoved,
} from "../energy/accounting";
export { consensusHeat, type ConsensusHeat } from "../energy/heat";
export {
  randomPatterns,
  hebbianCouplings,
  hopfieldGraph,
  corruptedCue,
  overlap,
  hopfieldEnergy,
  recall,
  retrieval,
  agsOverlap,
  agsCriticalLoad,
  type RecallOptions,
  type RecallResult,
  type RetrievalOptions,
  type RetrievalResult,
} from "../hopfield/network";
export { consensusHebbian, type ConsensusHebbian } from "../hopfield/consensus";

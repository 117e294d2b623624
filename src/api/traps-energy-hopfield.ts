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
} from "../studies/traps/trap-annealing";
export { type EscapeSample, escapeTimes, exactEscapeTime, arrheniusFit, arrheniusLocalSlope } from "../studies/traps/escape";
export { trotterEnergy, quantumEnergy, pathIntegral, type PathIntegralOptions, type PathIntegralTrace } from "../studies/traps/quantum";
export { trapEscape, type TrapEscape } from "../studies/traps/first-passage";
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
} from "../studies/joules/joule-accounting";
export { consensusHeat, type ConsensusHeat } from "../studies/joules/bath-heat";
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
} from "../spin/hopfield/hopfield-network";
export { consensusHebbian, type ConsensusHebbian } from "../studies/hopfield/hebbian-consensus";
export {
  hebbianRecall,
  recallThreshold,
  HEBBIAN_SETTING,
  type HebbianRecall,
  type HebbianRecallOptions,
  type Recalled,
} from "../studies/hopfield/hebbian-recall";
export {
  wsSpinProblem,
  loopEnds,
  reheatEscapes,
  type LoopEnds,
  type Escapes,
  type Trap,
  type EscapeOptions,
} from "../studies/traps/text-traps";

// Adversaries and self-healing (§4.1): faulty nodes, update rules, harmonic extension, Sybils, crash faults.
export { RULES, type RuleName, type RuleParameters, updateNode } from "../adversary/rules";
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultyConsensusOptions,
  type FaultyConsensusResult,
  type ConsensusTrace,
  runFaultyConsensus,
} from "../adversary/consensus";
export { harmonicExtension } from "../adversary/harmonic";
export { attachSybils, type Attachment } from "../adversary/sybil";
export { withoutNodes } from "../adversary/crash";
export {
  captureByStubborn,
  resilience,
  stressResponse,
  routingAroundDamage,
  type CaptureResult,
  type ResilienceCell,
  type StressPoint,
  type RoutingResult,
} from "../adversary/experiments";
export { noisyNodes, HONEST_VARIANCE, type NoisyNodesOptions, type NoisyNodesResult } from "../adversary/noisy-nodes";
export { agreementUnderFaults, type AgreementResult } from "../adversary/routing";
export { notRobustWitness, completeRobustness } from "../adversary/robustness";

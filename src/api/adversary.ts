// Adversaries and self-healing (§4.1): faulty nodes, update rules, harmonic extension, Sybils, crash faults.
export { RULES, type RuleName, type RuleParameters, updateNode } from "../studies/adversary/rules";
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultyConsensusOptions,
  type FaultyConsensusResult,
  type ConsensusTrace,
  runFaultyConsensus,
} from "../studies/adversary/faulty-consensus";
export { harmonicExtension } from "../studies/adversary/harmonic";
export { attachSybils, type Attachment } from "../studies/adversary/sybil";
export { withoutNodes } from "../studies/adversary/crash";
export {
  captureByStubborn,
  resilience,
  stressResponse,
  routingAroundDamage,
  type CaptureResult,
  type ResilienceCell,
  type StressPoint,
  type RoutingResult,
} from "../studies/adversary/adversary-experiments";
export { noisyNodes, HONEST_VARIANCE, type NoisyNodesOptions, type NoisyNodesResult } from "../studies/adversary/noisy-nodes";
export { agreementUnderFaults, type AgreementResult } from "../studies/adversary/routing";
export { notRobustWitness, completeRobustness } from "../studies/adversary/robustness";
export {
  damageRuns,
  notRobustByArcs,
  DAMAGE_DESIGN,
  type DamageDesign,
  type DamageFamily,
  type DamageRuns,
} from "../studies/adversary/damage-runs";
export { healingRuns, HEALING_DESIGN, type HealingDesign } from "../studies/adversary/healing-runs";

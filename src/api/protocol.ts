// Protocol: Merkle trees, transactions, the DAG, tamper enumerators, the pipeline, cooling, root distances.
export {
  sha256,
  leafHash,
  nodeHash,
  toHex,
  fromHex,
  bytesEqual,
  buildTree,
  rootFromLeafHashes,
  inclusionProof,
  rootFromProof,
  verifyInclusion,
  rootToCoordinates,
  type MerkleTree,
  type InclusionProof,
} from "../protocol/merkle";
export {
  type Signer,
  type Transaction,
  signerFromSeed,
  signerFromKey,
  signedBytes,
  signTransaction,
  verifyTransaction,
  transactionBytes,
  parseTransaction,
  transactionId,
} from "../protocol/transaction";
export {
  type Box,
  type EventKind,
  type PipelineEvent,
  type Injection,
  type PipelineOptions,
  type PipelineResult,
  runPipeline,
} from "../protocol/pipeline";
export { thermodynamicCooling, type CoolingOptions, type CoolingResult, type CoolingRecord, type CoolingPhase } from "../protocol/cooling";
export { type DagBlock, type AncestryProof, blockRoot, makeBlock, verifyBlock, verifyAncestry, MerkleDag } from "../protocol/dag";
export { type TamperCount, flipBit, inclusionTamperings, ancestryTamperings } from "../studies/protocol/tamper";
export {
  type TransactionPool,
  type RootDistanceOptions,
  type RootDistances,
  transactionPool,
  rootDistances,
} from "../studies/protocol/root-distances";
export {
  annealRuns,
  boltzmannConflictBound,
  boltzmannConflictFloor,
  designedTrapConflicts,
  type AnnealRuns,
  type AnnealEnd,
} from "../studies/cooling/annealing";
export { injectionRun, injectionRuns, copyMessagesBySize, type InjectionRun, type InjectionRuns } from "../studies/cooling/injection";
export {
  coolingGraph,
  coolingStudy,
  freeInjection,
  COOLING_GRAPH,
  COOLING_OPTIONS,
  type CoolingStudy,
  type FreeInjection,
} from "../studies/protocol/cooling-study";
export {
  pipelineScenario,
  pipelineScenarioNetwork,
  runPipelineScenario,
  PIPELINE_SCENARIO_OPTIONS,
  PIPELINE_SCENARIO_NODES,
  type PipelineScenario,
} from "../studies/protocol/pipeline-scenario";
export { injectionFlowRuns, type InjectionFlowRuns } from "../studies/cooling/flow-injection";
export {
  conflictDraws,
  conflictTemperature,
  pairedConflictGap,
  shareInConflict,
  type ConflictDraws,
} from "../studies/cooling/gaussian-conflict";
export {
  conflictingRoots,
  doubleSpends,
  rootCopyRuns,
  rootFlow,
  type ConflictingRoots,
  type RootCopyRuns,
  type RootFlow,
} from "../studies/protocol/root-diffusion";

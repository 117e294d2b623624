/**
 * EMTD Lab: Entropic-Merkle Tensor Dynamics on tfjs, implemented faithfully and measured.
 *
 * The field Ψ is an [N, C] float32 tensor; Hamiltonians are composable terms (field → scalar tensor) with autodiff
 * gradients; integrators are `{ init, step }` pairs; `run` records a trace. Call `await ready()` first.
 *
 * Other entry points: `emtd/display` (notebook display: figures, tables, live progress), `emtd/bench` (the
 * benchmarks behind `emtd bench`), `emtd/engine` (the fused kernels, their registration, threads, the fast generator),
 * `emtd/jupyter` (the kernelspec installer, the Jupyter client and the headless notebook runner).
 */

// The engine: backends and explicit random keys (the fused kernels themselves: `emtd/engine`).
export * as tf from "@tensorflow/tfjs";
export { EmtdError, ArgumentError, BackendError } from "./errors";
export { ready, availableBackends, currentBackend, BACKENDS, type BackendName } from "./engine/backend";
export { key, fold, split, seedOf, uniformSource, normal, uniform, checkKey, type Key } from "./engine/random";

// Graphs: one input (toGraph) normalised to a packed Graph, generators, the float64 Laplacian, spectra, colouring, curvature, Ricci flow.
export { type Graph, type Csr, fromGraphology, fromEdges, adjacencyCsr, neighbours, componentCount, isConnected } from "./graph/graph";
export { ringLattice, wattsStrogatz, erdosRenyiGraph, barabasiAlbert, torus, complete, graphs } from "./graph/generators";
export { graphFromSpec, GRAPH_SPEC_FORMS } from "./graph/spec";
export { toGraph, GRAPH_INPUT_FORMS, type GraphInput, type EdgeListInput, type AdjacencyInput } from "./graph/input";
export { laplacianOperator, laplacianApplyCsr } from "./graph/laplacian";
export {
  laplacianMatrix,
  laplacianEigenvalues,
  lanczosRitzValues,
  spectralSummary,
  ringLatticeEigenvalues,
  type SpectralSummary,
} from "./graph/spectrum";
export { colourClasses, isProperColouring } from "./graph/coloring";
export { formanCurvature, ollivierCurvature, walkMeasure, wasserstein1 } from "./graph/curvature";
export {
  ricciFlow,
  withCouplings,
  twoCommunities,
  consensusSpectrum,
  type RicciFlowOptions,
  type RicciFlowStep,
  type RicciFlowResult,
  type ConsensusSpectrum,
} from "./graph/ricci";
export { graphFromEdgeList, ringGraph, torusGraph, wattsStrogatzGraph, wattsStrogatzEdges } from "./graph/direct";
export { graphFromFile, parseGraph, parseEdgeList, graphFileFormat, GRAPH_FILE_FORMATS, type GraphFileFormat } from "./graph/files";

// The state field Ψ.
export { type FieldLayout, fieldLayout, merkle, trustPhase, tensorProduct, initialField, consensusError } from "./field/field";

// Hamiltonians: terms as functions of the field, sums, autodiff or analytic gradients.
export {
  type Term,
  type TermDefinition,
  type EnergyAndGradient,
  defineTerm,
  energyAndGradient,
  gradient,
  autodiffGradient,
  scale,
  sum,
  energyValue,
} from "./hamiltonian/term";
export { type Columns } from "./hamiltonian/columns";
export { interaction, interactionReference, type InteractionOptions } from "./hamiltonian/interaction";
export { entropicPenalty, localEntropy, localShannonEntropy, type EntropyOptions } from "./hamiltonian/entropy";
export { computationalCost, constantDensity, massDensity, type Density, type CostOptions } from "./hamiltonian/cost";
export { huberCoupling, anchor, type HuberOptions, type AnchorOptions } from "./hamiltonian/variants";
export { systemHamiltonian, type SystemHamiltonianOptions } from "./hamiltonian/proposal";

// Ops: the graph operators and fused-op front ends (each picks its kernel where registered, its composite reference elsewhere).
export { laplacianProduct, laplacianProductReference } from "./ops/laplacian";
export { adjacencyProduct } from "./ops/adjacency";
export { edgeDifferences, incidenceTranspose, edgeDifferencesReference, incidenceTransposeReference } from "./ops/incidence";
export { edgeWeights, releaseGraph } from "./ops/tensors";
export { interactionEnergyAndGradient, interactionEnergyAndGradientReference, type InteractionResult } from "./ops/interaction";
export { langevinUpdate, langevinUpdateReference, type LangevinParameters } from "./ops/langevin";
export { noisyDescent, noisyDescentReference } from "./ops/noisy-descent";
export { isingSweeps, isingSweepsReference, type IsingSweepOptions } from "./ops/ising-sweep";

// Dynamics: integrators as { init, step }, the registry with default steps, schedules, and the run loop.
export { type Integrator, type SamplerState, type StepInfo, type StepOverrides, disposeState } from "./dynamics/types";
export { gradientFlow, ula, mala, type GradientOptions } from "./dynamics/gradient";
export { metropolis, type MetropolisOptions } from "./dynamics/metropolis";
export { type Schedule, constant, geometric, linear, logarithmic, reheating, type ReheatOptions } from "./dynamics/schedules";
export { run, type RunOptions, type RunResult, type TraceRecord } from "./dynamics/run";
export { INTEGRATOR_NAMES, type IntegratorName, type IntegratorChoice, defaultStep, makeIntegrator } from "./dynamics/registry";
export { type RunCheckpoint } from "./dynamics/run";

// Statistics: summaries, ESS and MCSE, two-sample tests.
export { mean, variance, quantile, median } from "./stats/summary";
export { autocorrelation, effectiveSampleSize, estimateMean, type MeanEstimate } from "./stats/ess";
export { type ChiSquareResult, chiSquareTwoSample, histogram, type KsResult, ksTwoSample, kolmogorovQ } from "./stats/twosample";

// Analysis: exact references, entropy, consensus, message complexity.
export {
  equipartitionEnergy,
  ulaStationaryEnergy,
  ulaStationaryFreeEnergy,
  gaussianThermodynamics,
  gradientFlowRate,
  landauerJoulesPerBit,
  type GaussianThermodynamics,
} from "./analysis/exact";
export { gaussianEntropyEstimate, freeEnergy } from "./analysis/entropy";
export {
  measureConsensus,
  ricciConsensus,
  type ConsensusOptions,
  type ConsensusMeasurement,
  type RicciConsensusComparison,
} from "./analysis/consensus";
export { consensusErrorCurve, firstCrossing, type ConsensusCurve } from "./analysis/consensus-curve";
export {
  pbftMessages,
  hotstuffMessages,
  pushGossip,
  emtdDiffusion,
  logLogSlope,
  type MessageCount,
  type EmtdDiffusionOptions,
} from "./analysis/messages";

// The Ising model: lattices, sampler, exact results.
export { type IsingSystem, isingLattice, isingGraph, isingEnergy } from "./ising/model";
export {
  type IsingSampler,
  type IsingSamplerOptions,
  type SweepStatistics,
  type IsingRunOptions,
  type IsingRunResult,
  type IsingTemperatureResult,
  type Estimate,
  isingSampler,
  runIsing,
} from "./ising/sampler";
export {
  CRITICAL_TEMPERATURE,
  ENUMERATION_LIMIT,
  type IsingExact,
  ellipticK,
  onsagerEnergy,
  yangMagnetization,
  correlationLength,
  isingEnumeration,
} from "./ising/exact";

// Protocol: Merkle trees, transactions, the DAG, tamper enumerators, the pipeline, thermodynamic cooling.
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
} from "./protocol/merkle";
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
} from "./protocol/transaction";
export {
  type Box,
  type EventKind,
  type PipelineEvent,
  type Injection,
  type PipelineOptions,
  type PipelineResult,
  runPipeline,
} from "./protocol/pipeline";
export { thermodynamicCooling, type CoolingOptions, type CoolingResult, type CoolingRecord, type CoolingPhase } from "./protocol/cooling";
export { type DagBlock, type AncestryProof, blockRoot, makeBlock, verifyBlock, verifyAncestry, MerkleDag } from "./protocol/dag";
export { type TamperCount, flipBit, inclusionTamperings, ancestryTamperings } from "./protocol/tamper";
export {
  type TransactionPool,
  type RootDistanceOptions,
  type RootDistances,
  transactionPool,
  rootDistances,
} from "./protocol/root-distances";

// The §3.3 reference implementation, ported.
export {
  type ReferenceOptions,
  type ReferenceResult,
  referenceDefaults,
  referenceGraph,
  runEpoch,
  referenceRun,
  referenceKeys,
  adjacencyOf,
} from "./reference/port";
export { type Adjacency, wattsStrogatzAdjacency, adjacencyLists, rewiredEdgeCount } from "./reference/smallworld";
export { type ReferenceRunRecord, type ReferenceSummary, referenceRuns, summariseReference } from "./reference/runs";
export { type TensorOrder, type TensorRunRecord, referenceTensorRuns, greedyColouring } from "./reference/tensor";

// Audits of Lemma 1 (§3.2): exact transition matrices, Lyapunov, annealing.
export * as audit from "./audit/transitions";
export {
  type GaussianFreeEnergy,
  modeVariance,
  langevinFreeEnergy,
  langevinEnergyPath,
  increaseFraction,
  normalSource,
} from "./audit/lyapunov";
export {
  type DoubleWell,
  doubleWell,
  groundProbability,
  annealDoubleWell,
  groundStateRate,
  exactGroundProbability,
  type SpinProblem,
  twoCommunityProblem,
  spinEnergies,
  exactSpinAnneal,
  groundState,
} from "./audit/annealing";

// Metastable traps and re-heating (§4.2), energy accounting (§4.3), Hopfield networks (§4.4).
export {
  TRAP_ENUMERATION_LIMIT,
  randomFieldRing,
  spinGlass,
  problemCsr,
  energyTable,
  flipCost,
  groundStates,
  isLocalMinimum,
  barrierFrom,
  criticalDepth,
  metastableCount,
  type ProblemCsr,
  type GroundState,
} from "./traps/problems";
export {
  TRAP_METHODS,
  type TrapMethod,
  type TrapMethodOptions,
  type PreparedProblem,
  prepareProblem,
  stateIndex,
  metropolisSweep,
  trapSchedule,
  trapRun,
  temperatureLadder,
  temperingChain,
  type TemperingTrace,
  successCurve,
  type SuccessPoint,
  boltzmannLaw,
} from "./traps/anneal";
export { type EscapeSample, escapeTimes, exactEscapeTime, type ArrheniusFit, arrheniusFit, arrheniusLocalSlope } from "./traps/escape";
export { trotterEnergy, quantumEnergy, pathIntegral, type PathIntegralOptions, type PathIntegralTrace } from "./traps/quantum";
export {
  JOULES_PER_INSTRUCTION,
  WATTS_PER_CORE,
  JOULES_PER_NETWORK_BYTE,
  PBFT_MESSAGE_BYTES,
  entropyBits,
  empiricalEntropyBits,
  injectedConsensusProblem,
  consensusEntropy,
  type ConsensusEntropy,
  energyLadder,
  type EnergyLadder,
  timedConsensusRun,
  fieldEntropyBitsRemoved,
} from "./energy/accounting";
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
} from "./hopfield/network";
export { consensusHebbian, type ConsensusHebbian } from "./hopfield/consensus";

// Claims of the proposal and the essay, each with a measure() that computes its verdict.
export { claims as section4RestClaims, SPLIT_STATE } from "./claims/section4-rest";

// Runs that are never lost (`emtd run`): configs and their schema, checkpoints, atomic files; sweeps (`emtd sweep`).
export { runConfig, configValues, type RunConfigOptions, type RunConfigResult, type RunProgress } from "./runs/run-config";
export { runConfigSchema, validateRunConfig, runnableCommands, configFields, camelCase, kebabCase, ConfigError } from "./runs/schema";
export {
  encodeRunCheckpoint,
  decodeRunCheckpoint,
  float32ToBase64,
  base64ToFloat32,
  float64ToBase64,
  base64ToFloat64,
  numberReplacer,
  numberReviver,
  type EncodedRunCheckpoint,
} from "./runs/encode";
export { writeFileAtomic } from "./runs/atomic";
export { lockDirectory, DirectoryLocked, LOCK_FILE } from "./runs/lock";
export { VERSION } from "./runs/version";
export { RunInterrupted, type RunSession } from "./cli/command";
export { planSweep, taskId, canonicalJson, type SweepPlan, type SweepTask, type SlurmOptions } from "./sweeps/plan";
export { readSweep, resultsCsv, mergeResults, readTaskResult, taskDirectory } from "./sweeps/results";

// Jupyter kernel (issue 12): clearing a cell's output from a notebook.

// §4.1 adversaries, self-healing and scale (issue 9): faulty nodes and update rules, harmonic extension, Sybil
// identities, crash faults, consensus time and disagreement against N per family, and the §4.1 claims.
export { RULES, type RuleName, type RuleParameters, updateNode } from "./adversary/rules";
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultyConsensusOptions,
  type FaultyConsensusResult,
  type ConsensusTrace,
  runFaultyConsensus,
} from "./adversary/consensus";
export { harmonicExtension } from "./adversary/harmonic";
export { attachSybils, type Attachment } from "./adversary/sybil";
export { withoutNodes } from "./adversary/crash";
export {
  captureByStubborn,
  resilience,
  stressResponse,
  routingAroundDamage,
  type CaptureResult,
  type ResilienceCell,
  type StressPoint,
  type RoutingResult,
} from "./adversary/experiments";
export {
  SCALE_FAMILIES,
  type ScaleFamily,
  type FamilyMember,
  familyMember,
  erdosRenyiDirect,
  barabasiAlbertDirect,
  closedFormSpectrum,
  nonZeroSpectrum,
  fiedlerValue,
  type FiedlerValue,
  predictedRounds,
  exactDisagreement,
  consensusTime,
  type ConsensusTimeResult,
  sampleDisagreement,
  type DisagreementSample,
  logLogFit,
  type LogLogFit,
  scaleStudy,
  type ScaleRow,
  type ScaleStudyOptions,
  COMPLETE_EDGE_LIMIT,
  SCALE_DENSE_LIMIT,
} from "./analysis/scale";
export { claims as section41Claims, SCALE_INVARIANT_SLOPE, scaleClass } from "./claims/section4-1";
export { fiedlerLanczos, smallestRitz, type FiedlerEstimate } from "./analysis/fiedler";
// Ambient entropy (the essay) and prototyping your own Hamiltonian (issue 10).
export { checkScalarEnergy } from "./hamiltonian/term";
export { checkGradient, type GradientCheck, type GradientCheckOptions } from "./hamiltonian/check";
export { wilson, type Proportion } from "./analysis/binomial";
export { decay, participationCoupling, holding, pull } from "./ambient/terms";
export {
  simulateAmbient,
  adversaryLoad,
  type AmbientOptions,
  type AmbientTrace,
  type AdversaryOptions,
  type Injection as AmbientInjection,
} from "./ambient/simulate";
export {
  finalityCurve,
  displacementCurve,
  declaredFinality,
  clockFinalityRound,
  pipelineFinality,
  type FinalityCurve,
  type PipelineFinality,
} from "./ambient/finality";
export {
  ambientGraph,
  displacedRuns,
  finalityExperiment,
  detachmentExperiment,
  scaleExperiment,
  sybilExperiment,
  persistenceDiagram,
  doubleSpendExperiment,
  type DetachmentResult,
  type ScalePoint,
  type SybilPoint,
  type PersistenceCell,
  type DoubleSpendResult,
} from "./ambient/experiments";
export { claims as essayClaimList, essayClaims } from "./claims/essay";
export { boltzmannMean, type BoltzmannOptions } from "./analysis/quadrature";

// Engine speed (issue 15): one Ising sampler face over the fused kernel, one Metropolis acceptance rule, batched chains.
export { type IsingState, type IsingStepOverrides, disposeIsingState } from "./ising/sampler";
export { metropolisProbability, metropolisAccepts, metropolisAcceptTensor, metropolisProbabilityTensor } from "./dynamics/acceptance";
export {
  isingSweepsReplicas,
  isingSweepsReplicasReference,
  type IsingReplicaSweepOptions,
  type IsingReplicaSweepResult,
  type IsingSweepResult,
} from "./ops/ising-sweep";
export {
  type ChainEnergy,
  type ChainState,
  type ChainStepInfo,
  type ChainIntegrator,
  type ChainEstimate,
  type ChainsRunResult,
  interactionChains,
  ulaChains,
  malaChains,
  runChains,
  disposeChainState,
} from "./dynamics/chains";

// Claims registry and verdicts (issue 11): every claim as data, measured by `measure()`; §1–§3 claims by name.
export {
  type Claim,
  type Measurement,
  type Evidence,
  type Verdict,
  type Reading,
  type MeasureContext,
  type Part,
  VERDICTS,
  PARTS,
} from "./claims/types";
export {
  CLAIMS,
  claimById,
  measureClaims,
  registryProblems,
  verdictRecord,
  type MeasuredClaim,
  type MeasureOptions,
} from "./claims/registry";
export { verdictTable, showVerdicts, showNotebookVerdicts, verdictMarkdown, verdictLabel } from "./claims/display";
export * as section1Claims from "./claims/section1";
export * as section2Claims from "./claims/section2";
export * as section3Claims from "./claims/section3";

// Reliability (issue 13): typed faults, memory budgets, stability bounds, checkpoints of Ising runs, progress, the worker watchdog.
export { ResourceError, NumericalError, DivergenceError, WorkerTimeoutError, type NumericalFault } from "./errors";
export { ZERO_ACCEPTANCE_STEPS, type PartialRun } from "./dynamics/run";
export { largestLaplacianEigenvalue } from "./graph/stability";
export { checkGraphFits, MAX_NODES } from "./graph/spec";
export { checkFits, graphBytes, memoryLimit, availableMemory } from "./engine/budget";
export { encodeIsingCheckpoint, decodeIsingCheckpoint, type EncodedIsingCheckpoint } from "./runs/encode";
export { type IsingCheckpoint } from "./ising/sampler";
export { progressReporter, type ProgressReporter } from "./cli/progress";

// doorway: the one file writer's typed failure (a full or read-only disk) and its injectable file system.
export { StorageError } from "./errors";
export type { AtomicFs, WriteFileAtomicOptions } from "./runs/atomic";

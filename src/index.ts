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

// The engine: backends, explicit random keys, memory budgets, typed errors (the fused kernels: `emtd/engine`).
export * as tf from "@tensorflow/tfjs";
export {
  EmtdError,
  ArgumentError,
  BackendError,
  ResourceError,
  StorageError,
  NumericalError,
  DivergenceError,
  WorkerTimeoutError,
  type NumericalFault,
} from "./errors";
export { ready, availableBackends, currentBackend, tensorBackend, WASM_TENSOR_HEAP, BACKENDS, type BackendName } from "./engine/backend";
export { key, fold, split, seedOf, uniformSource, normal, uniform, checkKey, type Key } from "./engine/random";
export { checkFits, graphBytes, memoryLimit, availableMemory } from "./engine/budget";

// The package: its version, recorded in every result.
export { VERSION } from "./package";

// Statistics on plain arrays: summaries, ESS and MCSE, binomial intervals, two-sample tests.
export { mean, variance, quantile, median } from "./stats/summary";
export { autocorrelation, effectiveSampleSize, estimateMean, type MeanEstimate } from "./stats/ess";
export { wilson, type Proportion } from "./stats/binomial";
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
} from "./stats/tests";
export { type ChiSquareResult, chiSquareTwoSample, histogram, type KsResult, ksTwoSample, kolmogorovQ } from "./stats/twosample";

// Graphs: one input (toGraph) normalised to a packed Graph; generators, direct builders and the scale study's
// families, files, the float64 Laplacian, spectra, stability, colouring, curvature, Ricci flow.
export { type Graph, type Csr, fromGraphology, fromEdges, adjacencyCsr, neighbours, componentCount, isConnected } from "./graph/graph";
export { ringLattice, wattsStrogatz, erdosRenyiGraph, barabasiAlbert, torus, complete, graphs } from "./graph/generators";
export {
  graphFromEdgeList,
  ringGraph,
  torusGraph,
  wattsStrogatzGraph,
  wattsStrogatzEdges,
  erdosRenyiDirect,
  barabasiAlbertDirect,
} from "./graph/direct";
export {
  SCALE_FAMILIES,
  type ScaleFamily,
  type FamilyMember,
  familyMember,
  closedFormSpectrum,
  COMPLETE_EDGE_LIMIT,
} from "./graph/families";
export { graphFromSpec, GRAPH_SPEC_FORMS, checkGraphFits, MAX_NODES } from "./graph/spec";
export { toGraph, GRAPH_INPUT_FORMS, type GraphInput, type EdgeListInput, type AdjacencyInput } from "./graph/input";
export { graphFromFile, parseGraph, parseEdgeList, graphFileFormat, GRAPH_FILE_FORMATS, type GraphFileFormat } from "./graph/files";
export { laplacianOperator, laplacianApplyCsr } from "./graph/laplacian";
export {
  laplacianMatrix,
  laplacianEigenvalues,
  lanczosRitzValues,
  spectralSummary,
  ringLatticeEigenvalues,
  type SpectralSummary,
} from "./graph/spectrum";
export { largestLaplacianEigenvalue } from "./graph/stability";
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

// The state field Ψ.
export { type FieldLayout, fieldLayout, merkle, trustPhase, tensorProduct, initialField, consensusError } from "./field/field";

// Hamiltonians: terms as functions of the field, sums, autodiff or analytic gradients, and checks for your own terms.
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
  checkScalarEnergy,
} from "./hamiltonian/term";
export { checkGradient, type GradientCheck, type GradientCheckOptions } from "./hamiltonian/check";
export { type Columns } from "./hamiltonian/columns";
export { interaction, interactionReference, type InteractionOptions } from "./hamiltonian/interaction";
export { entropicPenalty, localEntropy, localShannonEntropy, type EntropyOptions } from "./hamiltonian/entropy";
export { computationalCost, constantDensity, massDensity, type Density, type CostOptions } from "./hamiltonian/cost";
export { huberCoupling, anchor, type HuberOptions, type AnchorOptions } from "./hamiltonian/variants";
export { systemHamiltonian, type SystemHamiltonianOptions } from "./hamiltonian/proposal";

// Ops: graph operators and fused-op front ends (each picks its kernel where registered, its reference elsewhere).
export { laplacianProduct, laplacianProductReference } from "./ops/laplacian";
export { adjacencyProduct } from "./ops/adjacency";
export { edgeDifferences, incidenceTranspose, edgeDifferencesReference, incidenceTransposeReference } from "./ops/incidence";
export { edgeWeights, releaseGraph } from "./ops/tensors";
export { interactionEnergyAndGradient, interactionEnergyAndGradientReference, type InteractionResult } from "./ops/interaction";
export { langevinUpdate, langevinUpdateReference, type LangevinParameters } from "./ops/langevin";
export { noisyDescent, noisyDescentReference } from "./ops/noisy-descent";
export {
  isingSweeps,
  isingSweepsReference,
  type IsingSweepOptions,
  isingSweepsReplicas,
  isingSweepsReplicasReference,
  type IsingReplicaSweepOptions,
  type IsingReplicaSweepResult,
  type IsingSweepResult,
} from "./ops/ising-sweep";

// Dynamics: integrators as { init, step }, batched chains, one Metropolis acceptance, schedules, the run loop,
// integrators by name.
export { type Integrator, type SamplerState, type StepInfo, type StepOverrides, disposeState } from "./dynamics/types";
export { gradientFlow, ula, mala, type GradientOptions } from "./dynamics/gradient";
export { metropolis, type MetropolisOptions } from "./dynamics/metropolis";
export {
  metropolisProbability,
  metropolisAccepts,
  metropolisAcceptsLazily,
  metropolisAcceptTensor,
  metropolisProbabilityTensor,
} from "./dynamics/acceptance";
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
export { type Schedule, constant, geometric, linear, logarithmic, reheating, type ReheatOptions } from "./dynamics/schedules";
export {
  run,
  type RunOptions,
  type RunResult,
  type TraceRecord,
  type RunCheckpoint,
  ZERO_ACCEPTANCE_STEPS,
  type PartialRun,
} from "./dynamics/run";
export { INTEGRATOR_NAMES, type IntegratorName, type IntegratorChoice, defaultStep, makeIntegrator } from "./dynamics/registry";
export { acceptanceBand, samplingWarnings, ESS_WARNING, type AcceptanceBand, type SamplingDiagnostics } from "./dynamics/warnings";
export { stepControl, type StepControl, type StepControlOptions, type StepControlState } from "./dynamics/step-control";

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
} from "./analysis/exact";
export { boltzmannMean, type BoltzmannOptions } from "./analysis/quadrature";
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
  hotstuffWorstCase,
  byzantineMessageBound,
  emtdMessagesBySize,
  type MessageCount,
  type EmtdDiffusionOptions,
} from "./analysis/messages";
export { fiedlerLanczos, smallestRitz, type FiedlerEstimate } from "./analysis/fiedler";
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
  logLogFit,
  type LogLogFit,
  scaleStudy,
  type ScaleRow,
  type ScaleStudyOptions,
  SCALE_DENSE_LIMIT,
} from "./analysis/scale";

// The Ising model: lattices, the sampler and its checkpoints, exact results.
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
  type IsingState,
  type IsingStepOverrides,
  disposeIsingState,
  type IsingCheckpoint,
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
export {
  coolingGraph,
  coolingStudy,
  freeInjection,
  COOLING_GRAPH,
  COOLING_OPTIONS,
  type CoolingStudy,
  type FreeInjection,
} from "./protocol/cooling-study";

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
  exactSpinAnneal,
} from "./audit/annealing";
export {
  lemmaSystem,
  lemmaKernels,
  oneWayMoves,
  lawFreeEnergyPath,
  lemmaWell,
  groundStateCurves,
  LEMMA_EDGES,
  LEMMA_RING,
  type LemmaSystem,
  type LemmaKernel,
  type GroundStateCurves,
} from "./audit/lemma";

// Spin problems (src/spin): problems and their builders, exact enumeration, the Metropolis sweep.
export {
  type SpinProblem,
  spinsOf,
  randomSpins,
  TRAP_ENUMERATION_LIMIT,
  twoCommunityProblem,
  randomFieldRing,
  spinGlass,
  injectedConsensusProblem,
  problemCsr,
  flipCost,
  stateIndex,
  type ProblemCsr,
  SPLIT_STATE,
} from "./spin/problem";
export {
  energyTable,
  spinEnergies,
  groundStates,
  groundState,
  boltzmannLaw,
  boltzmann,
  isLocalMinimum,
  barrierFrom,
  criticalDepth,
  metastableCount,
  type GroundState,
} from "./spin/exact";
export { metropolisSweep } from "./spin/metropolis";

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
} from "./traps/anneal";
export { type EscapeSample, escapeTimes, exactEscapeTime, type ArrheniusFit, arrheniusFit, arrheniusLocalSlope } from "./traps/escape";
export { trotterEnergy, quantumEnergy, pathIntegral, type PathIntegralOptions, type PathIntegralTrace } from "./traps/quantum";
export { trapEscape, type TrapEscape } from "./traps/first-passage";
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
} from "./energy/accounting";
export { consensusHeat, type ConsensusHeat } from "./energy/heat";
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

// Adversaries and self-healing (§4.1): faulty nodes, update rules, harmonic extension, Sybils, crash faults.
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
export { noisyNodes, HONEST_VARIANCE, type NoisyNodesOptions, type NoisyNodesResult } from "./adversary/noisy-nodes";
export { agreementUnderFaults, type AgreementResult } from "./adversary/routing";
export { notRobustWitness, completeRobustness } from "./adversary/robustness";

// Ambient entropy (the essay): terms, the simulated model, finality, experiments.
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
export { adversaryEffect, type AdversaryEffectPoint } from "./ambient/byzantine";

// Claims of the proposal and the essay as data, each measured by `measure()`, and their verdicts.
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
  measureContext,
  headlineVerdict,
  type MeasuredClaim,
  type MeasureOptions,
  type VerdictRecord,
  type ReadingRecord,
} from "./claims/registry";
export { verdictTable, showVerdicts, showNotebookVerdicts, verdictMarkdown, verdictLabel, stabilityText } from "./claims/display";
export * as section1Claims from "./claims/section1";
export * as section2Claims from "./claims/section2";
export * as section3Claims from "./claims/section3";
export { claims as section41Claims, SCALE_INVARIANT_SLOPE, scaleClass } from "./claims/section4-1";
export { claims as section4RestClaims } from "./claims/section4-rest";
export { claims as essayClaimList, essayClaims } from "./claims/essay";
export {
  STABLE_AGREEMENT,
  stabilityOf,
  withStability,
  measureReplicates,
  type Stability,
  type StableRecord,
  type ReplicatedRun,
} from "./claims/stability";
export { provenance, codeIdentity, type Provenance } from "./claims/provenance";
export {
  COMMITTED_RUN,
  committedRunFile,
  readCommittedRun,
  readVerdictRun,
  writeVerdictRun,
  sameMeasurement,
  type VerdictRun,
} from "./claims/committed";
export { replicateSweepConfig, localBatch } from "./cli/verdict-sweep";

// Runs that are never lost (`emtd run`): configs and their schema, checkpoints, atomic files, locks, progress;
// sweeps (`emtd sweep`).
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
  encodeIsingCheckpoint,
  decodeIsingCheckpoint,
  type EncodedIsingCheckpoint,
} from "./runs/encode";
export { writeFileAtomic, type AtomicFs, type WriteFileAtomicOptions } from "./files/atomic";
export { lockDirectory, DirectoryLocked, LOCK_FILE } from "./runs/lock";
export { RunInterrupted, type RunSession } from "./command/command";
export { progressReporter, type ProgressReporter } from "./cli/progress";
export { canonicalJson } from "./files/json";
export { planSweep, taskId, type SweepPlan, type SweepTask, type SlurmOptions } from "./sweeps/plan";
export { readSweep, resultsCsv, mergeResults, readTaskResult, taskDirectory } from "./sweeps/results";

// experiments: experiments shared by claim, figure and notebook (issue 22); decisionCost is under energy/accounting.
export {
  pipelineScenario,
  pipelineScenarioNetwork,
  runPipelineScenario,
  PIPELINE_SCENARIO_OPTIONS,
  PIPELINE_SCENARIO_NODES,
  type PipelineScenario,
} from "./protocol/pipeline-scenario";
export { isingQuench, type QuenchOptions } from "./ising/quench";
// face: one sampler face ({ init, step } over R chains), one run loop, one checkpoint encoder (issue 22).
export { type Sampler, type BaseState, type StateSnapshot, snapshotState, restoreState, takePosition } from "./dynamics/types";
export { runLoop, loopRecord, type LoopRecord, type LoopOptions } from "./dynamics/run";
export { gradientSampler, type GradientSamplerSpec, MALA_TARGET_ACCEPTANCE } from "./dynamics/gradient";
export { encodeCheckpoint, decodeCheckpoint, type FieldKind, type CheckpointFields } from "./runs/encode";
// diagnostics: multi-chain R̂ and ESS (Vehtari et al. 2021), diagnosed runs, sampling to a target precision (issue 21)
export { autocovariance } from "./stats/ess";
export { rhat, essBulk, essTail, essQuantile, essMean, mcseMean, diagnose, basicRhat } from "./stats/diagnostics";
export { multiChainEss, splitChains, rankNormalize, MIN_DRAWS, type ChainDraws, type ConvergenceDiagnostics } from "./stats/diagnostics";
export { RHAT_WARNING, CHAINS_WARNING, convergenceWarnings, type QuantityDiagnostics } from "./dynamics/warnings";
export { runChainsDiagnosed, runChainsToPrecision, meanFieldName, type DiagnosedChainsResult } from "./dynamics/diagnosed";
export type { RunChainsOptions, DiagnosedChainsOptions, PrecisionOptions, PrecisionProgress, TargetReport } from "./dynamics/diagnosed";
// sampleout: the kept draws of a run in ArviZ's InferenceData layout, written as a Zarr v2 store (issue 21 §2).
export { writeTreeAtomic } from "./files/atomic";
export { zarrStoreFiles, writeZarrStore, type ZarrArray, type ZarrGroup, type ZarrDtype } from "./files/zarr";
export { drawRecorder, type Draws, type DrawRecorder } from "./dynamics/draws";
export { inferenceDataGroups, writeInferenceData, type InferenceDataAttributes } from "./dynamics/inference-data";
// sampleout: MALA's acceptance on the interaction in closed form, at the mode and at equilibrium (issue 21 §3).
export { laplacianTraces, malaAtMode, malaAtEquilibrium, type LaplacianTraces } from "./analysis/mala-acceptance";
// variants: a user's variant against the claims (issue 21)
export {
  compareVariant,
  comparisonText,
  keyNumber,
  type CompareOptions,
  type VariantComparison,
  type ClaimComparison,
  type Side,
  type StepCost,
} from "./claims/compare";
export { PROPOSAL, mechanismOf, checkVariant, recordingMechanism, hamiltonianOf, interactionReferenceOf } from "./claims/mechanism";
export type { Variant, Mechanism, InteractionPart, TermsPart, SchedulePart, IntegratorPart } from "./claims/types";

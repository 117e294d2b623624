/**
 * EMTD Lab: Entropic-Merkle Tensor Dynamics on tfjs, implemented faithfully and measured.
 *
 * The field Ψ is an [N, C] float32 tensor; Hamiltonians are composable terms (field → scalar tensor) with autodiff
 * gradients; integrators are `{ init, step }` pairs; `run` records a trace. Call `await ready()` first.
 */
export * as tf from "@tensorflow/tfjs";
export { EmtdError, ArgumentError, BackendError } from "./errors";
export { ready, availableBackends, currentBackend, BACKENDS, type BackendName } from "./engine/backend";
export { key, fold, split, seedOf, uniformSource, normal, uniform, type Key } from "./engine/random";

export { type Graph, type Csr, fromGraphology, fromEdges, adjacencyCsr, neighbours, componentCount, isConnected } from "./graph/graph";
export { ringLattice, wattsStrogatz, erdosRenyiGraph, barabasiAlbert, torus, complete, graphs } from "./graph/generators";
export { graphFromSpec, GRAPH_SPEC_FORMS } from "./graph/spec";
export { laplacianProduct, adjacencyProduct, edgeDifferences, edgeWeights, incidenceTranspose, releaseGraph } from "./graph/operators";
export { laplacianMatrix, laplacianEigenvalues, lanczosRitzValues, spectralSummary, ringLatticeEigenvalues, type SpectralSummary } from "./graph/spectrum";
export { colourClasses, isProperColouring } from "./graph/coloring";

export { type FieldLayout, fieldLayout, merkle, trustPhase, tensorProduct, initialField, consensusError } from "./field/field";

export { type Term, type TermDefinition, type EnergyAndGradient, defineTerm, energyAndGradient, gradient, autodiffGradient, scale, sum, energyValue } from "./hamiltonian/term";
export { type Columns } from "./hamiltonian/columns";
export { interaction, interactionReference, type InteractionOptions } from "./hamiltonian/interaction";
export { entropicPenalty, localEntropy, localShannonEntropy, type EntropyOptions } from "./hamiltonian/entropy";
export { computationalCost, constantDensity, massDensity, type Density, type CostOptions } from "./hamiltonian/cost";
export { huberCoupling, anchor, type HuberOptions, type AnchorOptions } from "./hamiltonian/variants";
export { systemHamiltonian, type SystemHamiltonianOptions } from "./hamiltonian/proposal";

export { type Integrator, type SamplerState, type StepInfo, type StepOverrides, disposeState } from "./dynamics/types";
export { gradientFlow, ula, mala, type GradientOptions } from "./dynamics/gradient";
export { metropolis, type MetropolisOptions } from "./dynamics/metropolis";
export { type Schedule, constant, geometric, linear, logarithmic, reheating, type ReheatOptions } from "./dynamics/schedules";
export { run, type RunOptions, type RunResult, type TraceRecord } from "./dynamics/run";

export { mean, variance, autocorrelation, effectiveSampleSize, estimateMean, type MeanEstimate } from "./analysis/stats";
export { equipartitionEnergy, ulaStationaryEnergy, gaussianThermodynamics, gradientFlowRate, landauerJoulesPerBit, type GaussianThermodynamics } from "./analysis/exact";
export { gaussianEntropyEstimate, freeEnergy } from "./analysis/entropy";

// --- §3 reference implementation, two-sample tests (issue 5) ---
export { type ReferenceOptions, type ReferenceResult, referenceDefaults, referenceGraph, runEpoch, referenceRun, referenceKeys, adjacencyOf } from "./reference/port";
export { type Adjacency, wattsStrogatzAdjacency, adjacencyLists, rewiredEdgeCount } from "./reference/smallworld";
export { type ReferenceRunRecord, type ReferenceSummary, referenceRuns, summariseReference, median } from "./reference/runs";
export { type TensorOrder, type TensorRunRecord, referenceTensorRuns, greedyColouring } from "./reference/tensor";
export { type ChiSquareResult, chiSquareTwoSample, histogram } from "./analysis/twosample";
// --- §3.2 Lemma 1 audited (issue 5) ---
export * as audit from "./audit/kernel";
export { type GaussianFreeEnergy, modeVariance, langevinFreeEnergy, langevinEnergyPath, increaseFraction, normalSource } from "./audit/lyapunov";
export { type DoubleWell, doubleWell, groundProbability, annealDoubleWell, groundStateRate, exactGroundProbability, type SpinProblem, twoCommunityProblem, spinEnergies, exactSpinAnneal, groundState } from "./audit/annealing";
// --- §3.1 protocol (issue 5) ---
export { sha256, leafHash, nodeHash, toHex, fromHex, bytesEqual, buildTree, rootFromLeafHashes, inclusionProof, rootFromProof, verifyInclusion, rootToCoordinates, type MerkleTree, type InclusionProof } from "./protocol/merkle";
export { type Signer, type Transaction, signerFromSeed, signerFromKey, signedBytes, signTransaction, verifyTransaction, transactionBytes, parseTransaction, transactionId } from "./protocol/transaction";
export { type Box, type EventKind, type PipelineEvent, type Injection, type PipelineOptions, type PipelineResult, runPipeline } from "./protocol/pipeline";
// Ising mode, Ricci flow and thermodynamic cooling (issue 4, §2 of the proposal).
export { type IsingSystem, isingLattice, isingGraph, isingEnergy } from "./ising/model";
export { type IsingSampler, type IsingSamplerOptions, type SweepStatistics, type IsingRunOptions, type IsingRunResult, type IsingTemperatureResult, type Estimate, isingSampler, runIsing } from "./ising/sampler";
export { CRITICAL_TEMPERATURE, ENUMERATION_LIMIT, type IsingExact, ellipticK, onsagerEnergy, yangMagnetization, correlationLength, isingEnumeration } from "./ising/exact";
export { formanCurvature, ollivierCurvature, walkMeasure, wasserstein1 } from "./graph/curvature";
export { ricciFlow, withCouplings, twoCommunities, consensusSpectrum, type RicciFlowOptions, type RicciFlowStep, type RicciFlowResult, type ConsensusSpectrum } from "./graph/ricci";
export { measureConsensus, ricciConsensus, type ConsensusOptions, type ConsensusMeasurement, type RicciConsensusComparison } from "./analysis/consensus";
export { pbftMessages, hotstuffMessages, pushGossip, emtdDiffusion, logLogSlope, type MessageCount, type EmtdDiffusionOptions } from "./analysis/messages";
export { thermodynamicCooling, type CoolingOptions, type CoolingResult, type CoolingRecord, type CoolingPhase } from "./protocol/cooling";
// Notebook display (issue 3): the display bridge, plotly figures, tables, summaries, live displays.
export { DISPLAY, type Displayable, type MimeBundle, type DisplayHandle, display, newDisplay, mimeBundle, isDisplayable, inKernel, registerDisplayAdapter, bundle, html, markdown } from "./viz/display";
// Jupyter kernel (issue 12): clearing a cell's output from a notebook.
export { clearOutput } from "./viz/display";
export { Figure, figure, lineFigure, histogramFigure, scatterFigure, traceFigure, plotlyVersion, plotlyScript, resetPlotlyEmbedding, type Trace, type Layout } from "./viz/plotly";
export { Table, table, dataFrameTable, recordsTable, type DataFrameLike, type TableOptions } from "./viz/table";
export { tensorSummary, fieldSummary, graphSummary, runSummary, traceSummary } from "./viz/summary";
export { progressBar, livePlot, allOf, type RecordListener } from "./viz/live";
// Performance (issue #6): fused kernels for cpu and wasm with composite references, the fast seeded generator,
// direct typed-array graph constructors, worker threads and the benchmarks behind `emtd bench`.
export { registerFusedKernels, unregisterFusedKernels, FUSED_KERNEL_CONFIGS } from "./engine/kernels/register";
export { hasKernel } from "./engine/kernels/dispatch";
export { LAPLACIAN_PRODUCT, fusedLaplacianProduct } from "./engine/kernels/laplacian";
export { laplacianProductReference } from "./graph/operators";
export { INTERACTION, interactionEnergyAndGradient, interactionEnergyAndGradientReference, type InteractionResult } from "./engine/kernels/interaction";
export { LANGEVIN_UPDATE, NOISY_DESCENT, langevinUpdate, langevinUpdateReference, noisyDescent, noisyDescentReference, langevinNoise, type LangevinParameters } from "./engine/kernels/langevin";
export { ISING_SWEEP, isingSweeps, isingSweepsReference, isingUniforms, type IsingSweepOptions } from "./engine/kernels/ising";
export { planFor, type GraphPlan } from "./engine/kernels/plan";
export { configureThreads, threadCount, parallelThreshold } from "./engine/kernels/pool";
export { Xoshiro128, fillNormal, fillUniform, NOISE_BLOCK_ROWS } from "./engine/fastrandom";
export { graphFromEdgeList, ringGraph, torusGraph, wattsStrogatzGraph } from "./graph/direct";
export { benchLangevin, type LangevinBenchOptions } from "./bench/langevin";
export { benchIsing, type IsingBenchOptions, BETA_CRITICAL } from "./bench/ising";
export { scalingRows, scalingCsv, SCALING_SIZES, type ScalingRow } from "./bench/scaling";
export { scipyLangevin, cLangevin, cIsing, copyBandwidth } from "./bench/baselines";

// Merkle-DAG of block roots (issue 4, §2.1 "Cryptographic Data Structures").
export { type DagBlock, type AncestryProof, blockRoot, makeBlock, verifyBlock, verifyAncestry, MerkleDag } from "./protocol/dag";

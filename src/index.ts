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

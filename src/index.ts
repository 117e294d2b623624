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

// Notebook display (issue 3): the display bridge, plotly figures, tables, summaries, live displays.
export { DISPLAY, type Displayable, type MimeBundle, type DisplayHandle, display, newDisplay, mimeBundle, isDisplayable, inKernel, registerDisplayAdapter, bundle, html, markdown } from "./viz/display";
export { Figure, figure, lineFigure, histogramFigure, scatterFigure, traceFigure, plotlyVersion, plotlyScript, resetPlotlyEmbedding, type Trace, type Layout } from "./viz/plotly";
export { Table, table, dataFrameTable, recordsTable, type DataFrameLike, type TableOptions } from "./viz/table";
export { tensorSummary, fieldSummary, graphSummary, runSummary, traceSummary } from "./viz/summary";
export { progressBar, livePlot, allOf, type RecordListener } from "./viz/live";

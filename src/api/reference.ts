// The §3.3 reference implementation, ported.
export {
  type ReferenceOptions,
  type ReferenceKernel,
  type ReferenceResult,
  referenceDefaults,
  referenceGraph,
  runEpoch,
  referenceRun,
  referenceKeys,
  adjacencyOf,
} from "../reference-port/port";
export { type Adjacency, wattsStrogatzAdjacency, adjacencyLists, rewiredEdgeCount } from "../reference-port/smallworld";
export {
  type HeatEquationRuns,
  type CoolingRuns,
  heatEquationRuns,
  coolingRuns,
  smallestUphill,
  REFERENCE_RUNS,
} from "../studies/reference/reference-runs";
export { type ReferenceRunRecord, type ReferenceSummary, referenceRuns, summariseReference } from "../reference-port/port-runs";
export { type TensorOrder, type TensorRunRecord, referenceTensorRuns, greedyColouring } from "../reference-port/tensor-port";

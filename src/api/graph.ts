// Graphs: one input (toGraph) normalised to a packed Graph; generators, direct builders and the scale study's
// families, files, the float64 Laplacian, spectra, stability, colouring, curvature, Ricci flow.
export { type Graph, type Csr, fromGraphology, fromEdges, adjacencyCsr, neighbours, componentCount, isConnected } from "../graph/graph";
export { disjointUnion } from "../graph/union";
export { graphs } from "../graph/generators";
export {
  graphFromEdgeList,
  ringGraph,
  torusGraph,
  wattsStrogatzGraph,
  wattsStrogatzEdges,
  erdosRenyiDirect,
  barabasiAlbertDirect,
} from "../graph/direct";
export {
  SCALE_FAMILIES,
  type ScaleFamily,
  type FamilyMember,
  familyMember,
  closedFormSpectrum,
  COMPLETE_EDGE_LIMIT,
} from "../graph/families";
export { graphFromSpec, GRAPH_SPEC_FORMS, checkGraphFits, MAX_NODES } from "../graph/spec";
export { toGraph, GRAPH_INPUT_FORMS, type GraphInput, type EdgeListInput, type AdjacencyInput } from "../graph/input";
export { graphFromFile, parseGraph, parseEdgeList, graphFileFormat, GRAPH_FILE_FORMATS, type GraphFileFormat } from "../graph/files";
export { laplacianOperator, laplacianApplyCsr } from "../graph/laplacian";
export {
  laplacianMatrix,
  laplacianEigenvalues,
  laplacianModes,
  type LaplacianModes,
  lanczosRitzValues,
  spectralSummary,
  ringLatticeEigenvalues,
  type SpectralSummary,
} from "../graph/spectrum";
export { largestLaplacianEigenvalue } from "../graph/stability";
export { colourClasses, isProperColouring } from "../graph/coloring";
export { formanCurvature, ollivierCurvature, walkMeasure, wasserstein1 } from "../graph/curvature";
export {
  ricciFlow,
  flowCurvature,
  withCouplings,
  twoCommunities,
  consensusSpectrum,
  type RicciFlowOptions,
  type RicciFlowStep,
  type RicciFlowResult,
  type ConsensusSpectrum,
} from "../graph/ricci";

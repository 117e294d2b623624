// `emtd/graph`: the packed Graph from every input form, generators and direct builders, the scale study's families,
// files, Laplacians, spectra, stability, colouring, curvature, Ricci flow.
export * from "../graph";

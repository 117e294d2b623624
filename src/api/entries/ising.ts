// `emtd/ising`: the 2D Ising model: lattices, the sampler and its checkpoints, exact results, the quench.
export * from "../ising";

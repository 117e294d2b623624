// `emtd/studies`: the studies of the proposal, one concept each: spin problems, the §3.3 reference port, Lemma 1's
// audit, traps, energy and Hopfield networks, adversaries, the protocol (Merkle trees, transactions, the DAG, the
// pipeline, cooling), ambient entropy.
export * from "../spin";
export * from "../reference";
export * from "../audit";
export * from "../traps-energy-hopfield";
export * from "../adversary";
export * from "../protocol";
export * from "../ambient";

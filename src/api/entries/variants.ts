// `emtd/variants`: a Hamiltonian variant against the proposal: the proposal's mechanism and a variant's, the check of
// a variant file, the exact references each claim reads and the assumptions they rest on, and the comparison of a
// variant's verdicts with the committed run.
export * from "../variants";

// `emtd/hamiltonian`: energies as terms of the field: the proposal's terms and variants, sums, autodiff or analytic
// gradients, checks for your own terms.
export * from "../hamiltonian";

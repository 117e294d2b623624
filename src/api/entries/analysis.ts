// `emtd/analysis`: exact references, entropy and free energy, consensus time and curve, message complexity, the
// Fiedler value, the scale study, MALA acceptance, Langevin step sweeps.
export * from "../analysis";

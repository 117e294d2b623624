// `emtd/spin`: §3's update on spins and ledgers: spin problems and their exact enumeration, the Metropolis sweep and
// §3.3's update kernels, the §3.3 reference implementation ported, and the audits of Lemma 1 (§3.2).
export * from "../spin";
export * from "../reference";
export * from "../audit";

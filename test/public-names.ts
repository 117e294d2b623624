/**
 * Every public name of the package's concept entry points as one namespace, for tests that sweep many modules by
 * their public names (test/spin-golden.ts, test/unit/engine/keys.test.ts). A name on two entry points is the same binding.
 */
export * from "../src/index";
export * from "../src/api/entries/engine";
export * from "../src/api/entries/stats";
export * from "../src/api/entries/graph";
export * from "../src/api/entries/field";
export * from "../src/api/entries/ops";
export * from "../src/api/entries/hamiltonian";
export * from "../src/api/entries/dynamics";
export * from "../src/api/entries/analysis";
export * from "../src/api/entries/ising";
export * from "../src/api/entries/spin";
export * from "../src/api/entries/protocol";
export * from "../src/api/entries/energy";
export * from "../src/api/entries/ambient";
export * from "../src/api/entries/claims";
export * from "../src/api/entries/variants";
export * from "../src/api/entries/runs";

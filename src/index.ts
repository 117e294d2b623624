/**
 * EMTD Lab: Entropic-Merkle Tensor Dynamics on tfjs, implemented faithfully and measured.
 *
 * The field Ψ is an [N, C] float32 tensor; Hamiltonians are composable terms (field → scalar tensor) with autodiff
 * gradients; integrators are `{ init, step }` pairs; `run` records a trace. Call `await ready()` first.
 *
 * Other entry points: `emtd/display` (notebook display: figures, tables, live progress), `emtd/bench` (the
 * benchmarks behind `emtd bench`), `emtd/engine` (the fused kernels, their registration, threads, the fast generator),
 * `emtd/jupyter` (the kernelspec installer, the Jupyter client and the headless notebook runner).
 */

// The engine: backends, explicit random keys, memory budgets, typed errors (the fused kernels: `emtd/engine`).
export * from "./api/engine";

// The package: its version, recorded in every result.
export * from "./api/package";

// Statistics on plain arrays: summaries, ESS and MCSE, binomial intervals, two-sample tests.
export * from "./api/stats";

// Graphs: one input (toGraph) normalised to a packed Graph; generators, direct builders and the scale study's
// families, files, the float64 Laplacian, spectra, stability, colouring, curvature, Ricci flow.
export * from "./api/graph";

// The state field Ψ.
export * from "./api/field";

// Hamiltonians: terms as functions of the field, sums, autodiff or analytic gradients, and checks for your own terms.
export * from "./api/hamiltonian";

// Ops: graph operators and fused-op front ends (each picks its kernel where registered, its reference elsewhere).
export * from "./api/ops";

// Dynamics: integrators as { init, step }, batched chains, one Metropolis acceptance, schedules, the run loop,
// integrators by name.
export * from "./api/dynamics";

// Analysis: exact references, entropy and free energy, consensus time and curve, message complexity, the Fiedler
// value, consensus against N per graph family.
export * from "./api/analysis";

// The Ising model: lattices, the sampler and its checkpoints, exact results.
export * from "./api/ising";

// The §3.3 reference implementation, ported.
export * from "./api/reference";

// Protocol: Merkle trees, transactions, the DAG, tamper enumerators, the pipeline, cooling, root distances.
export * from "./api/protocol";

// Audits of Lemma 1 (§3.2): exact transition matrices, Lyapunov, annealing.
export * from "./api/audit";

// Spin problems (src/spin): problems and their builders, exact enumeration, the Metropolis sweep.
export * from "./api/spin";

// Metastable traps and re-heating (§4.2), energy accounting (§4.3), Hopfield networks (§4.4).
export * from "./api/traps-energy-hopfield";

// Adversaries and self-healing (§4.1): faulty nodes, update rules, harmonic extension, Sybils, crash faults.
export * from "./api/adversary";

// Ambient entropy (the essay): terms, the simulated model, finality, experiments.
export * from "./api/ambient";

// Claims of the proposal and the essay as data, each measured by `measure()`, and their verdicts.
export * from "./api/claims";

// Runs that are never lost (`emtd run`): configs and their schema, checkpoints, atomic files, locks, progress;
// sweeps (`emtd sweep`).
export * from "./api/runs";

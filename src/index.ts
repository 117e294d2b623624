/**
 * EMTD Lab: Entropic-Merkle Tensor Dynamics on tfjs, implemented faithfully and measured.
 *
 * The field Ψ is an [N, C] float32 tensor; Hamiltonians are composable terms (field → scalar tensor) with autodiff
 * gradients; integrators are `{ init, step }` pairs; `run` records a trace. Call `await ready()` first.
 *
 * This front door holds what the three uses need: running the notebooks, reproducing the figures and verdicts, and
 * prototyping a Hamiltonian; at most 60 names, values and types (test/unit/house/api.test.ts), chosen by what the
 * notebooks, templates, README and docs import from it (`node dist/test/api-usage.js` counts them). Display is
 * `emtd/display`, where every notebook imports it from. Everything else is under a subpath named by its concept (the `exports` of package.json):
 * `emtd/engine` (backends, keys, budgets, errors, the fused kernels), `emtd/stats`, `emtd/graph`, `emtd/field`,
 * `emtd/ops`, `emtd/hamiltonian`, `emtd/dynamics`, `emtd/analysis`, `emtd/ising`, the studies by concept (`emtd/spin`:
 * spin problems, §3.3's update and its port, Lemma 1's audit; `emtd/protocol`: Merkle trees to the pipeline, adversaries;
 * `emtd/energy`: traps, energy accounting, Hopfield; `emtd/ambient`: the essay's model), `emtd/claims`,
 * `emtd/variants` (a variant against the proposal), `emtd/runs`; and `emtd/display` (figures, tables, live progress), `emtd/widgets`, `emtd/figures`, `emtd/bench`,
 * `emtd/jupyter`, `emtd/cli`. docs/api-report.md lists every entry point's names.
 */

// The engine and its keys: load a backend, then split and fold explicit random keys.
export { tf, ready, key, fold, split, uniformSource, type Key } from "./api/engine";

// The package's version, recorded in every result.
export { VERSION } from "./api/package";

// Graphs: one input (a spec, edges, an adjacency, a graphology graph) normalised to a packed Graph.
export { graphFromSpec, toGraph, fromGraphology, graphs, isConnected, type Graph } from "./api/graph";

// Terms of the Hamiltonian, the proposal's and your own (`defineTerm`), and the check of an analytic gradient.
export {
  defineTerm,
  sum,
  scale,
  energyValue,
  gradient,
  checkGradient,
  interaction,
  entropicPenalty,
  localShannonEntropy,
  computationalCost,
  huberCoupling,
  anchor,
  systemHamiltonian,
  type Term,
} from "./api/hamiltonian";
export { edgeDifferences, edgeWeights } from "./api/ops";

// The samplers and `run`; annealing schedules.
export { gradientFlow, ula, mala, metropolis, run, geometric, logarithmic } from "./api/dynamics";
export type { Integrator, RunResult, Schedule } from "./api/dynamics";

// Exact references to check a run against.
export { equipartitionEnergy, boltzmannMean } from "./api/analysis";
export { estimateMean } from "./api/stats";

// The Ising model.
export { isingLattice, isingSampler, runIsing, onsagerEnergy, CRITICAL_TEMPERATURE } from "./api/ising";

// Claims and verdicts: measure them, show them; a variant of the mechanism compared against the committed run.
export { CLAIMS, claimById, measureClaims, showVerdicts, showNotebookVerdicts, claimMeasurements } from "./api/claims";
export { compareVariant, comparisonRows, flipsText } from "./api/variants";
export type { Claim, Variant, VariantFamily } from "./api/claims";

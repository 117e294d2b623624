/**
 * The proposal's §3.3 reference implementation (`TensorNode` + `EntropicLedger.run_epoch`), ported line by line to
 * plain typed arrays. Faithful to the Python, including what is odd about it:
 *
 * - the graph is `nx.watts_strogatz_graph(n, k=4, p=0.1)` ({@link wattsStrogatzGraph} follows networkx's rewiring);
 * - each node's state is [merkle, reputation] = [0, 1]; its temperature starts at 100;
 * - node 0 is injected first with `update_state(input_signal)` (a Metropolis step, so it may REJECT the signal);
 * - then sweeps in node order: node i proposes `nodes[0].state[0]` (read at the moment of its update), with local
 *   Hamiltonian H_i = Σ_{j∈N(i)} ½‖s_i − s_j‖², accepted when ΔE ≤ 0, otherwise rejected when u > e^{−ΔE/T_i}
 *   (u uniform, drawn only when ΔE > 0); after its update the node cools, `T_i ← decay·T_i` (inside the sweep);
 * - a sweep adds ‖s_i − s_i^prev‖ over nodes; stop when that total is < 1e-4, or after 1000 sweeps; `steps`
 *   counts sweeps, the converged one included.
 *
 * Randomness: the library's keys (`uniformSource`), so the streams differ from NumPy's; the DISTRIBUTIONS over
 * seeds are compared with the Python original in test/integration/cli/reference.test.ts.
 */
import { type Key, split, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { wattsStrogatzGraph } from "../graph/direct";
import { adjacencyCsr, type Graph } from "../graph/graph";
import { type Adjacency, wattsStrogatzAdjacency } from "./smallworld";

/** Parameters of one `run_epoch`. Defaults are the proposal's. */
export interface ReferenceOptions {
  /** Number of nodes N (the proposal uses 50). */
  nodes: number;
  /** The injected value `input_signal` (the proposal uses 3.14159). */
  signal?: number;
  /** Per-node cooling factor `decay_rate`, in (0, 1]. Default 0.95. */
  decay?: number;
  /** Initial temperature of every node. Default 100. */
  initialTemperature?: number;
  /** Sweep limit. Default 1000. */
  maxSteps?: number;
  /** Convergence threshold on the sweep's total state change. Default 1e-4. */
  tolerance?: number;
  /** Coupling factor c in H_i = Σ c‖s_i − s_j‖². Default ½ (the proposal); other values exist to test the tests. */
  coupling?: number;
  /** Watts–Strogatz degree k and rewiring probability p. Defaults 4 and 0.1. */
  k?: number;
  p?: number;
  /**
   * What node i proposes in a sweep: "node0", `nodes[0].state[0]` as the code writes it (default), or "neighbour",
   * the Merkle value of a uniformly drawn neighbour (one uniform drawn before the step; the pull gossip, the
   * text's other rule, VERDICTS.md §1), or "symmetric", the other of the two values 0 and the signal (a repair's
   * textbook kernel, never the text's).
   */
  kernel?: ReferenceKernel;
}

/** The outcome of one run, plus diagnostics the Python does not print but that explain it. */
export interface ReferenceResult {
  /** Sweeps performed (the Python's `steps`). */
  steps: number;
  /** Final state of node 0, [merkle, reputation]. */
  finalState: [number, number];
  /** Fraction of nodes whose Merkle component equals the signal exactly. */
  agreement: number;
  /** Nodes whose final Merkle component is neither 0 nor the signal exactly (a value between: averaging's mark). */
  between: number;
  /** Whether node 0 accepted the injected signal. */
  injectionAccepted: boolean;
  /** Accepted proposals that changed a state, per sweep. */
  changesPerSweep: number[];
  /** Uphill proposals (ΔE > 0, the only ones that draw a random number and feel the temperature), per sweep. */
  uphillPerSweep: number[];
  /** Temperature of node N−1 after the last sweep (all nodes share it: each cools once per sweep). */
  finalTemperature: number;
}

const WHERE = "emtd/reference";

/** What node i proposes in the port's sweep (ReferenceOptions `kernel`). */
export type ReferenceKernel = "node0" | "neighbour" | "symmetric";

function checkKernel(kernel: string): ReferenceKernel {
  if (kernel !== "node0" && kernel !== "neighbour" && kernel !== "symmetric")
    throw new ArgumentError(WHERE, "kernel", '"node0", "neighbour" or "symmetric"', kernel);
  return kernel;
}

/** The value node i proposes under `kernel` (one uniform for a neighbour's; none otherwise). */
function proposal(
  kernel: ReferenceKernel,
  i: number,
  merkle: Float64Array,
  adjacency: Adjacency,
  signal: number,
  rand: () => number,
): number {
  if (kernel === "node0") return merkle[0]!;
  if (kernel === "symmetric") return merkle[i] === signal ? 0 : signal;
  const a = adjacency.rowPtr[i]!;
  return merkle[adjacency.col[a + Math.floor(rand() * (adjacency.rowPtr[i + 1]! - a))]!]!;
}

/**
 * Checks `options` (ArgumentError naming the bad one) and fills in the proposal's defaults: signal 3.14159, decay 0.95,
 * T₀ = 100 (units of the coupling, k_B = 1), 1000 sweeps, tolerance 1e−4, coupling ½, k = 4, p = 0.1.
 *
 * @example
 * ```ts
 * referenceDefaults({ nodes: 50 }).decay; // → 0.95
 * ```
 */
export function referenceDefaults(options: ReferenceOptions): Required<ReferenceOptions> {
  const nodes = check.integer(WHERE, "nodes", options.nodes, 5);
  const decay = options.decay ?? 0.95;
  if (!(decay > 0 && decay <= 1)) throw new ArgumentError(WHERE, "decay", "a number in (0, 1]", decay);
  return {
    nodes,
    signal: check.finite(WHERE, "signal", options.signal ?? 3.14159),
    decay,
    initialTemperature: check.positive(WHERE, "initialTemperature", options.initialTemperature ?? 100),
    maxSteps: check.integer(WHERE, "maxSteps", options.maxSteps ?? 1000, 1),
    tolerance: check.nonNegative(WHERE, "tolerance", options.tolerance ?? 1e-4),
    coupling: check.positive(WHERE, "coupling", options.coupling ?? 0.5),
    k: check.integer(WHERE, "k", options.k ?? 4, 2, nodes - 1),
    p: check.probability(WHERE, "p", options.p ?? 0.1),
    kernel: checkKernel(options.kernel ?? "node0"),
  };
}

/**
 * The proposal's graph for one run as a library {@link Graph}: `nx.watts_strogatz_graph(N, k, p)` drawn from `rng`
 * by {@link wattsStrogatzGraph}; the same edge set as {@link referenceRun}'s graph for the same stream.
 * @example
 * ```ts
 * const g = referenceGraph({ nodes: 50 }, uniformSource(key(1)));
 * [g.n, g.edgeCount]; // → [50, 100]
 * ```
 */
export function referenceGraph(options: ReferenceOptions, rng: () => number): Graph {
  const o = referenceDefaults(options);
  return wattsStrogatzGraph(o.nodes, o.k, o.p, rng);
}

/**
 * `run_epoch` of §3.3 (module comment) on a given graph with a given uniform source `rand` ∈ [0, 1): returns sweeps,
 * node 0's final state, agreement and per-sweep diagnostics. The neighbours of i are `col[rowPtr[i] .. rowPtr[i+1])`
 * in any order (states take two values only, so the sums do not depend on it). O(steps · Σ deg) time; no tensors.
 *
 * @example
 * ```ts
 * const adjacency = wattsStrogatzAdjacency(50, 4, 0.1, uniformSource(key(1)));
 * const r = runEpoch(adjacency, { nodes: 50 }, uniformSource(key(2)));
 * [r.steps, r.agreement, r.injectionAccepted]; // → [3, 1, true]: the first sweep copies the signal to 48 nodes, the second to the last, the third sees no change
 * ```
 */
export function runEpoch(adjacency: Adjacency, options: ReferenceOptions, rand: () => number): ReferenceResult {
  const o = referenceDefaults(options);
  const n = o.nodes;
  if (adjacency.n !== n) throw new ArgumentError(WHERE, "adjacency", `a graph on ${n} nodes`, adjacency.n);
  const { rowPtr, col } = adjacency;
  const merkle = new Float64Array(n); // state[0]
  const reputation = new Float64Array(n).fill(1); // state[1]
  const temperature = new Float64Array(n).fill(o.initialTemperature);
  const c = o.coupling;

  // compute_local_hamiltonian: Σ_j c·‖s_i − s_j‖², the norm taken as NumPy does (√(x·x)) and then squared.
  const localH = (i: number): number => {
    let h = 0;
    for (let a = rowPtr[i]!, end = rowPtr[i + 1]!; a < end; a++) {
      const j = col[a]!;
      const dm = merkle[i]! - merkle[j]!;
      const dr = reputation[i]! - reputation[j]!;
      const diff = Math.sqrt(dm * dm + dr * dr);
      h += c * (diff * diff);
    }
    return h;
  };
  // update_state: Metropolis on the Merkle component only.
  const update = (i: number, proposed: number): boolean => {
    // Proposing the current value: the Python computes the same sum twice, ΔE = 0 exactly, accepts without drawing.
    if (proposed === merkle[i]) return true;
    const current = localH(i);
    const original = merkle[i]!;
    merkle[i] = proposed;
    const deltaE = localH(i) - current;
    if (deltaE > 0) {
      uphill++;
      const prob = Math.exp(-deltaE / temperature[i]!);
      if (rand() > prob) {
        merkle[i] = original;
        return false;
      }
    }
    return true;
  };

  let uphill = 0;
  update(0, o.signal);
  const injectionAccepted = merkle[0] === o.signal;
  const changesPerSweep: number[] = [];
  const uphillPerSweep: number[] = [];
  let converged = false;
  let steps = 0;
  while (!converged && steps < o.maxSteps) {
    let total = 0;
    let changes = 0;
    uphill = 0;
    for (let i = 0; i < n; i++) {
      const prev = merkle[i]!; // reputation never changes, so ‖s_i − s_prev‖ = |Δmerkle|
      update(i, proposal(o.kernel, i, merkle, adjacency, o.signal, rand));
      const change = Math.abs(merkle[i]! - prev);
      total += change;
      if (change !== 0) changes++;
      temperature[i]! *= o.decay;
    }
    changesPerSweep.push(changes);
    uphillPerSweep.push(uphill);
    if (total < o.tolerance) converged = true;
    steps++;
  }
  let agreeing = 0,
    between = 0;
  for (let i = 0; i < n; i++) {
    if (merkle[i] === o.signal) agreeing++;
    else if (merkle[i] !== 0) between++;
  }
  return {
    steps,
    finalState: [merkle[0]!, reputation[0]!],
    agreement: agreeing / n,
    between,
    injectionAccepted,
    changesPerSweep,
    uphillPerSweep,
    finalTemperature: temperature[n - 1]!,
  };
}

/**
 * The per-run keys [graph, Metropolis] = split(runKey), shared by every implementation of the reference.
 *
 * @example
 * ```ts
 * const [graphKey, mcKey] = referenceKeys(key(1));
 * seedOf(graphKey) !== seedOf(mcKey); // → true
 * ```
 */
export function referenceKeys(runKey: Key): [Key, Key] {
  return split(runKey, 2) as [Key, Key];
}

/**
 * One complete run of the proposal's script: the Watts–Strogatz graph from the first subkey of
 * {@link referenceKeys}, the epoch ({@link runEpoch}) from the second. Deterministic in `runKey`; no tensors.
 *
 * @example
 * ```ts
 * const r = referenceRun({ nodes: 50 }, key(0));
 * [r.steps, r.agreement]; // → [1, 0]: node 0 refused the injection (r.injectionAccepted false), so the sweep changes nothing
 * ```
 */
export function referenceRun(options: ReferenceOptions, runKey: Key): ReferenceResult & { adjacency: Adjacency } {
  const o = referenceDefaults(options);
  const [graphKey, mcKey] = referenceKeys(runKey);
  const adjacency = wattsStrogatzAdjacency(o.nodes, o.k, o.p, uniformSource(graphKey));
  return { ...runEpoch(adjacency, o, uniformSource(mcKey)), adjacency };
}

/**
 * CSR neighbour lists of a packed {@link Graph} (e.g. from {@link referenceGraph}): neighbours of i are
 * col[rowPtr[i] .. rowPtr[i+1]).
 *
 * @example
 * ```ts
 * const a = adjacencyOf(ringGraph(5, 2));
 * Array.from(a.col.subarray(a.rowPtr[0], a.rowPtr[1])); // → [1, 4]
 * ```
 */
export function adjacencyOf(graph: Graph): Adjacency {
  const csr = adjacencyCsr(graph);
  return { n: graph.n, rowPtr: csr.rowPtr, col: csr.col };
}

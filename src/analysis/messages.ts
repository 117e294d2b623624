/**
 * Message accounting for §2.2's claim "Traditional BFT relies on message complexity O(N²). EMTD relies on
 * information diffusion." Each protocol is counted for ONE decision on ONE injected value, in messages (point-to-
 * point sends; a broadcast to k peers is k messages) and rounds (synchronous message delays), until every honest
 * node holds the value.
 *
 * - PBFT normal case (Castro & Liskov 1999, §4.2), n replicas, no view change, client messages excluded:
 *   pre-prepare: primary → n − 1 backups; prepare: each of the n − 1 backups → the other n − 1 replicas;
 *   commit: each of the n replicas → the other n − 1. Total (n − 1) + (n − 1)² + n(n − 1) = 2n(n − 1); 3 rounds.
 *   (The client's request and the n replies add n + 1.)
 * - Basic HotStuff (Yin et al. 2019, Algorithm 2), one view, leader excluded from its own sends: new-view n − 1,
 *   then prepare, pre-commit and commit each as a leader broadcast (n − 1) plus votes back (n − 1), then decide
 *   (n − 1). Total 8(n − 1); 8 rounds. (Chained HotStuff pipelines phases: ~2(n − 1) per decision in steady state.)
 * - Push gossip on the complete graph (Frieze & Grimmett 1985; Pittel 1987): each round every informed node sends
 *   the value to one node chosen uniformly among the other n − 1. Simulated with a seeded source; Pittel proved the
 *   number of rounds is log₂ n + ln n + O(1) in probability; messages = Σ over rounds of the informed count.
 * - The §3.1 chart's gossip with its acceptance step (metropolisGossip): push gossip on ws(n, 4, 0.1) where the
 *   receiver reads its neighbours' states and takes the value by Metropolis on its local energy at the schedule's
 *   temperature; messages = pushes + those reads, until every node holds the value (or 1000 rounds, no decision).
 * - EMTD diffusion: gradient flow of H = Σ J_ij (x_i − x_j)² + s (x_0 − v)² (the library's interaction + anchor at
 *   the injecting node 0), x(0) = 0: every step each node sends its state to each neighbour, 2E messages per
 *   round. Rounds until max_i |x_i − v| ≤ tol·|v|. The step is h = 0.9 / (2 max_i D_i + s), near the stability
 *   limit 1/(2 max D + s) of explicit Euler (the Hessian 2(L + s e₀e₀ᵀ) has λ_max ≤ 2(2 max D + s)): the
 *   fastest this scheme can go, i.e. the count is generous to EMTD. Without the anchor the field relaxes to the
 *   mean and no node holds v: injection must be pinned for "every node holds the value" to be reachable at all.
 */
import { metropolisAcceptsLazily } from "../dynamics/acceptance";
import type { Schedule } from "../dynamics/schedules";
import { fold, type Key, split, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { adjacencyCsr, type Graph, isConnected } from "../graph/graph";
import { laplacianApplyCsr } from "../graph/laplacian";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { type Adjacency, wattsStrogatzAdjacency } from "../reference-port/smallworld";
import { UPDATE_SWEEP_CAP } from "../spin/update-kernels";

const WHERE = "emtd/analysis/messages";

export interface MessageCount {
  protocol: string;
  n: number;
  messages: number;
  rounds: number;
}

/**
 * PBFT normal-case messages among replicas for one decision (Castro & Liskov 1999, §4.2): pre-prepare n − 1,
 * prepare (n − 1)², commit n(n − 1); total 2n(n − 1) in 3 rounds. n ≥ 4.
 *
 * @example
 * ```ts
 * pbftMessages(4).messages; // → 24
 * ```
 */
export function pbftMessages(n: number): MessageCount & { prePrepare: number; prepare: number; commit: number } {
  check.integer(WHERE, "n", n, 4);
  const prePrepare = n - 1;
  const prepare = (n - 1) * (n - 1);
  const commit = n * (n - 1);
  return { protocol: "pbft", n, prePrepare, prepare, commit, messages: prePrepare + prepare + commit, rounds: 3 };
}

/**
 * Basic HotStuff messages for one view (Yin et al. 2019, Algorithm 2): 8(n − 1) in 8 rounds. n ≥ 4.
 *
 * @example
 * ```ts
 * hotstuffMessages(100).messages; // → 792
 * ```
 */
export function hotstuffMessages(n: number): MessageCount {
  check.integer(WHERE, "n", n, 4);
  return { protocol: "hotstuff", n, messages: 8 * (n - 1), rounds: 8 };
}

/**
 * Basic HotStuff messages for one decision when the `faultyLeaders` leaders before a correct one are faulty (Yin et
 * al. 2019, §4.4, the pacemaker): each failed view ends in a timeout after which every replica sends NEW-VIEW to the
 * next leader (n − 1 messages; a faulty leader that runs some phases costs more, never less), then the correct
 * leader's view costs 8(n − 1). At least (f + 8)(n − 1): with f = ⌊(n − 1)/3⌋ faulty leaders in a row (the default,
 * the most the protocol tolerates) it grows as n²/3, the worst case its linear view change still leaves.
 *
 * @example
 * ```ts
 * hotstuffWorstCase(100).messages; // → 4059 (= (33 + 8)·99)
 * ```
 */
export function hotstuffWorstCase(n: number, faultyLeaders = Math.floor((n - 1) / 3)): MessageCount & { faultyLeaders: number } {
  check.integer(WHERE, "n", n, 4);
  const f = check.integer(WHERE, "faultyLeaders", faultyLeaders, 0, Math.floor((n - 1) / 3));
  return { protocol: "hotstuff-worst-case", n, faultyLeaders: f, messages: (f + 8) * (n - 1), rounds: 8 + f };
}

/**
 * The order of Dolev and Reischuk's (1985) lower bound on the messages of any deterministic Byzantine agreement among
 * n processors tolerating t faults, Ω(n + t²): returned as n + t² (the bound's constant left out, so only its growth
 * is meaningful), with t = ⌊(n − 1)/3⌋ by default (the most any protocol tolerates).
 *
 * @example
 * ```ts
 * byzantineMessageBound(100); // → 1189 (= 100 + 33²)
 * ```
 */
export function byzantineMessageBound(n: number, t = Math.floor((n - 1) / 3)): number {
  check.integer(WHERE, "n", n, 4);
  check.integer(WHERE, "t", t, 0, Math.floor((n - 1) / 3));
  return n + t * t;
}

/**
 * One seeded run of push gossip on the complete graph K_n from one informed node: each round every informed node sends
 * to one uniformly chosen other node. Rounds ≈ log₂ n + ln n + O(1) (Pittel 1987); messages = Σ_rounds informed count.
 *
 * @example
 * ```ts
 * const g = pushGossip(1024, key(1));
 * [g.rounds, g.messages]; // → [20, 10093] (log₂ n + ln n = 16.9)
 * ```
 */
export function pushGossip(n: number, key: Key): MessageCount {
  check.integer(WHERE, "n", n, 2);
  const rng = uniformSource(key);
  const informed = new Uint8Array(n);
  informed[0] = 1;
  let count = 1;
  let rounds = 0;
  let messages = 0;
  const senders = new Int32Array(n);
  while (count < n) {
    // Snapshot: nodes informed during this round push from the next round on.
    let k = 0;
    for (let i = 0; i < n; i++) if (informed[i]) senders[k++] = i;
    for (let s = 0; s < k; s++) {
      let target = Math.floor(rng() * (n - 1));
      if (target >= senders[s]!) target++; // uniform over the other n − 1 nodes
      if (!informed[target]) {
        informed[target] = 1;
        count++;
      }
    }
    messages += k;
    rounds++;
  }
  return { protocol: "push-gossip", n, messages, rounds };
}

/** Options of {@link metropolisGossip}. */
export interface MetropolisGossipOptions {
  /** The injected value v at node 0 (every other node starts on the old value 0). */
  value: number;
  /** Temperature of round t (0-based); the proposal's is geometric from T₀ = 100, ×0.95. */
  schedule: Schedule;
  /** Rounds before a run ends undecided. Default §3.3's cap, 1000. */
  cap?: number;
  /** The graph; default ws(n, 4, 0.1) drawn from the key's first half (as studies/cooling/injection draws it). */
  graph?: Adjacency;
}

/** One run of {@link metropolisGossip}: rounds and messages (pushes + the receivers' neighbour reads). */
export interface MetropolisGossipRun extends MessageCount {
  /** Every node holds v at the end: a decision on the injected value (else the run reached the cap). */
  decided: boolean;
  /** Nodes holding v at the end. */
  holding: number;
  /** Pushes: every holder sends v to one neighbour a round. */
  pushes: number;
  /** Neighbour states read by receivers not yet holding v, for their ΔE (deg messages each). */
  reads: number;
}

/**
 * One run of the §3.1 chart's gossip with its acceptance step (Node i → Gossip Protocol → Neighbor j → Compute
 * Hamilton Difference → accept if the energy decreases, Metropolis if it increases) on ws(n, 4, 0.1) (or
 * `options.graph`): node 0 holds v, every other node the old value 0. Each round t every node holding v at the
 * start of the round pushes v to one uniformly drawn neighbour; a receiver not holding v reads its neighbours'
 * states (its degree in messages, the current states) and takes v by Metropolis on its local energy
 * ½Σ_j‖x_i − x_j‖², ΔE = ½v²(#neighbours on 0 − #neighbours on v), at T = schedule.temperature(t). The run ends
 * when every node holds v (a decision) or after `cap` rounds (not a decision). Messages = pushes + reads. A holder
 * whose neighbours all hold v already pushes to a holder whatever it draws: its push is counted, not drawn. One
 * uniform stream (the key's second half) draws targets and acceptances; deterministic in `key`.
 *
 * @example
 * ```ts
 * const g = metropolisGossip(50, { value: 3.14159, schedule: geometric({ initial: 100, rate: 0.95 }) }, key(0));
 * [g.decided, g.rounds, g.messages]; // → [true, 22, 684]: 472 pushes and 212 reads
 * const t0 = metropolisGossip(50, { value: 3.14159, schedule: constant(0) }, key(0));
 * [t0.decided, t0.holding]; // → [false, 1]: at T = 0 no receiver with fewer neighbours on v than on 0 takes it
 * ```
 */
export function metropolisGossip(n: number, options: MetropolisGossipOptions, key: Key): MetropolisGossipRun {
  check.integer(WHERE, "n", n, 2);
  const value = options.value;
  if (!(Number.isFinite(value) && value !== 0))
    throw new ArgumentError(WHERE, "value", "a finite number other than the old value 0", value);
  const cap = check.integer(WHERE, "cap", options.cap ?? UPDATE_SWEEP_CAP, 1);
  const [kGraph, kMoves] = split(key, 2) as [Key, Key];
  const graph = options.graph ?? wattsStrogatzAdjacency(n, 4, 0.1, uniformSource(kGraph));
  if (graph.n !== n) throw new ArgumentError(WHERE, "graph", `a graph on n = ${n} nodes`, graph.n);
  const r = gossipRounds(graph.rowPtr, graph.col, n, 0.5 * value * value, options.schedule, cap, uniformSource(kMoves));
  return { protocol: "metropolis-gossip", n, ...r, messages: r.pushes + r.reads, decided: r.holding === n };
}

/** The rounds of {@link metropolisGossip} (flat, typed arrays: a run at n = 10⁶ stays cheap). */
function gossipRounds(
  rowPtr: Int32Array,
  col: Int32Array,
  n: number,
  half: number,
  schedule: Schedule,
  cap: number,
  u: () => number,
): { rounds: number; holding: number; pushes: number; reads: number } {
  const holds = new Uint8Array(n);
  // open[i]: neighbours of i not holding v. Only a holder with open > 0 can change anything by its push.
  const open = new Int32Array(n);
  for (let i = 0; i < n; i++) open[i] = rowPtr[i + 1]! - rowPtr[i]!;
  holds[0] = 1;
  for (let a = rowPtr[0]!, end = rowPtr[1]!; a < end; a++) open[col[a]!]!--;
  let active = new Int32Array(n);
  let next = new Int32Array(n);
  const fresh = new Int32Array(n);
  let k = open[0]! > 0 ? 1 : 0;
  active[0] = 0;
  let holding = 1;
  let pushes = 0;
  let reads = 0;
  let rounds = 0;
  while (holding < n && rounds < cap) {
    if (k === 0) {
      // No holder has a neighbour without v (a disconnected graph): every later round only pushes to holders.
      pushes += holding * (cap - rounds);
      rounds = cap;
      break;
    }
    const T = schedule.temperature(rounds);
    pushes += holding; // the snapshot: nodes taking v this round push from the next round on
    let f = 0;
    for (let s = 0; s < k; s++) {
      const i = active[s]!;
      if (open[i] === 0) continue; // every neighbour holds v already: the push reaches a holder
      const start = rowPtr[i]!;
      const j = col[start + Math.floor(u() * (rowPtr[i + 1]! - start))]!;
      if (holds[j]) continue;
      const degree = rowPtr[j + 1]! - rowPtr[j]!;
      reads += degree;
      if (metropolisAcceptsLazily(half * (2 * open[j]! - degree), T, u)) {
        holds[j] = 1;
        for (let a = rowPtr[j]!, end = rowPtr[j + 1]!; a < end; a++) open[col[a]!]!--;
        fresh[f++] = j;
        holding++;
      }
    }
    let m = 0;
    for (let s = 0; s < k; s++) if (open[active[s]!]! > 0) next[m++] = active[s]!;
    for (let s = 0; s < f; s++) if (open[fresh[s]!]! > 0) next[m++] = fresh[s]!;
    [active, next] = [next, active];
    k = m;
    rounds++;
  }
  return { rounds, holding, pushes, reads };
}

/** What {@link metropolisGossipDelivery} counts over its runs. */
export interface GossipDelivery {
  runs: number;
  /** Runs ending with every node holding v (a decision on it). */
  delivered: number;
  /** Node-ends holding v, summed over the runs. */
  holding: number;
  /** Rounds, summed over the runs. */
  rounds: number;
}

/**
 * Whether the §3.1 chart's push gossip delivers v to every node: `runs` runs of {@link metropolisGossip} at `n` nodes,
 * run r from `keyOf(r)` (each on its own ws(n, 4, 0.1)) under a fresh `schedule()`, to the schedule's stated
 * `horizon` where it has one, else §3.3's cap. The delivery part of p2.2-diffusion-messages' and
 * p2.2-diffusion-propagates' gossip cells.
 */
export function metropolisGossipDelivery(
  runs: number,
  n: number,
  options: { value: number; schedule: () => Schedule & { readonly horizon?: number } },
  keyOf: (run: number) => Key,
): GossipDelivery {
  check.integer(WHERE, "runs", runs, 1);
  const out: GossipDelivery = { runs, delivered: 0, holding: 0, rounds: 0 };
  for (let r = 0; r < runs; r++) {
    const schedule = options.schedule();
    const g = metropolisGossip(n, { value: options.value, schedule, cap: schedule.horizon }, keyOf(r));
    if (g.decided) out.delivered++;
    out.holding += g.holding;
    out.rounds += g.rounds;
  }
  return out;
}

/**
 * Messages of one decision of {@link metropolisGossip} at each size: the first of up to `attempts` runs (attempt a
 * from `fold(keyOf(n), a)`, a fresh `schedule()` each) that ends with every node holding v; where none does, the
 * last run's count is kept with `decided` false (no decision to count there), and `holding` says how far it got.
 */
export function metropolisGossipBySize(
  sizes: readonly number[],
  o: { value: number; schedule: () => Schedule; attempts: number },
  keyOf: (n: number) => Key,
): { sizes: number[]; messages: number[]; rounds: number[]; holding: number[]; attempts: number[]; decided: boolean[] } {
  const out = {
    sizes: [...sizes],
    messages: [] as number[],
    rounds: [] as number[],
    holding: [] as number[],
    attempts: [] as number[],
    decided: [] as boolean[],
  };
  for (const n of sizes) {
    const run = (a: number) => metropolisGossip(n, { value: o.value, schedule: o.schedule() }, fold(keyOf(n), a));
    let r = run(0);
    let a = 1;
    while (!r.decided && a < o.attempts) r = run(a++);
    out.messages.push(r.messages);
    out.rounds.push(r.rounds);
    out.holding.push(r.holding);
    out.attempts.push(a);
    out.decided.push(r.decided);
  }
  return out;
}

export interface EmtdDiffusionOptions {
  /** Anchor strength s at the injecting node. Default: that node's weighted degree. */
  strength?: number;
  /** Relative tolerance: done when max_i |x_i − v| ≤ tol·|v|. Default 1e-2. */
  tolerance?: number;
  /** Injecting node. Default 0. */
  source?: number;
  /** Safety cap on rounds. Default 1e7. */
  maxRounds?: number;
}

/**
 * Rounds and messages of EMTD diffusion until every node holds the injected value within tolerance (module
 * comment). The recurrence x ← x − h(2Lx + 2s e₀(x₀ − v)) is run in float64 typed arrays: it is exactly the
 * library's `gradientFlow(sum(interaction(g), anchor(...)))` step (a test checks this), at a cost that lets n reach
 * 10⁴. By linearity the answer does not depend on v ≠ 0 (v = 1 is used).
 * @example
 * ```ts
 * const d = emtdDiffusion(ringGraph(16, 2));
 * [d.rounds, d.messages]; // → [526, 16832]: 2E = 32 messages a round
 * ```
 */
export function emtdDiffusion(graph: Graph, options: EmtdDiffusionOptions = {}): MessageCount & { step: number; strength: number } {
  if (!isConnected(graph)) throw new ArgumentError(WHERE, "graph", "connected (otherwise some node never hears the value)", graph.label);
  const source = check.integer(WHERE, "source", options.source ?? 0, 0, graph.n - 1);
  const strength = check.positive(WHERE, "strength", options.strength ?? graph.degree[source]!);
  const tol = check.positive(WHERE, "tolerance", options.tolerance ?? 1e-2);
  const maxRounds = check.integer(WHERE, "maxRounds", options.maxRounds ?? 10_000_000, 1);
  const csr = adjacencyCsr(graph);
  const maxDegree = graph.degree.reduce((m, d) => Math.max(m, d), 0);
  const h = 0.9 / (2 * maxDegree + strength);
  const rounds = anchoredDiffusionRounds(csr.rowPtr, csr.col, csr.value, graph.degree, source, strength, h, tol, maxRounds);
  if (rounds < 0)
    return {
      protocol: "emtd-diffusion",
      n: graph.n,
      messages: Number.POSITIVE_INFINITY,
      rounds: Number.POSITIVE_INFINITY,
      step: h,
      strength,
    };
  return { protocol: "emtd-diffusion", n: graph.n, messages: 2 * graph.edgeCount * rounds, rounds, step: h, strength };
}

/** The recurrence of {@link emtdDiffusion} with x(0) = 0, v = 1; −1 when maxRounds is reached. A flat function of
 * typed arrays (no closures over mutable state) so V8 keeps it optimised. */
function anchoredDiffusionRounds(
  rowPtr: Int32Array,
  col: Int32Array,
  value: Float64Array,
  degree: Float64Array,
  source: number,
  strength: number,
  h: number,
  tol: number,
  maxRounds: number,
): number {
  const n = degree.length;
  let x = new Float64Array(n);
  let next = new Float64Array(n);
  const lx = new Float64Array(n);
  for (let rounds = 0; rounds <= maxRounds; rounds++) {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(x[i]! - 1);
      if (d > worst) worst = d;
    }
    if (worst <= tol) return rounds;
    laplacianApplyCsr(rowPtr, col, value, degree, x, lx);
    for (let i = 0; i < n; i++) next[i] = x[i]! - 2 * h * lx[i]!;
    next[source] = next[source]! - 2 * h * strength * (x[source]! - 1);
    const t = x;
    x = next;
    next = t;
  }
  return -1;
}

/**
 * EMTD diffusion messages for one decision on the proposal's topology ws:n:4:0.1 at each size, each graph drawn from
 * `graphKey(n)`; a size whose graph is disconnected is left out (no decision is reachable there). The experiment of
 * notebook 06's message figure and of the claim p2.2-diffusion-messages.
 *
 * @example
 * ```ts
 * const r = emtdMessagesBySize([10, 30], (n) => fold(key(6), n));
 * r.sizes; // → [10, 30] (both graphs connected)
 * ```
 */
export function emtdMessagesBySize(
  sizes: readonly number[],
  graphKey: (n: number) => Key,
  tolerance = 0.01,
): { sizes: number[]; messages: number[] } {
  const out = { sizes: [] as number[], messages: [] as number[] };
  for (const n of sizes) {
    const g = graphFromSpec(`ws:${n}:4:0.1`, graphKey(n));
    if (isConnected(g)) {
      out.sizes.push(n);
      out.messages.push(emtdDiffusion(g, { tolerance }).messages);
    }
    releaseGraph(g);
  }
  return out;
}

/**
 * Rounds of the unpinned averaging flow x ← x − 2hLx (the explicit-Euler step of ℋ's gradient flow, nothing pinned)
 * from v = 1 injected at node 0 (x = e₀) until every node holds the consensus value v/N within `tolerance` of it
 * (max_i |x_i − 1/N| ≤ tol/N: the decision is the consensus the flow reaches, the mean); −1 at `maxRounds`. The
 * step h = 0.9/(2·max degree) keeps it stable. Float64 typed arrays, O(E) a round, so N = 10⁵ runs in about a
 * second on ws graphs, whose consensus time grows only as log N (their spectral gap stays open). `holding`: the nodes
 * within `tolerance` of the injected v = 1 itself at the end (none for N ≥ 2: the flow conserves the mean, so its
 * consensus is v/N, not v).
 *
 * @example
 * ```ts
 * averagingDiffusion(ringGraph(16, 2)).rounds; // → 75 (rounds to consensus on a 16-ring)
 * ```
 */
export function averagingDiffusion(
  graph: Graph,
  options: { tolerance?: number; maxRounds?: number } = {},
): MessageCount & { step: number; holding: number } {
  if (!isConnected(graph)) throw new ArgumentError(WHERE, "graph", "connected (otherwise no consensus is reachable)", graph.label);
  const tol = check.positive(WHERE, "tolerance", options.tolerance ?? 1e-2);
  const maxRounds = check.integer(WHERE, "maxRounds", options.maxRounds ?? 10_000_000, 1);
  const csr = adjacencyCsr(graph);
  const maxDegree = graph.degree.reduce((m, d) => Math.max(m, d), 0);
  const h = 0.9 / (2 * maxDegree);
  const end = new Float64Array(graph.n);
  const rounds = averagingRounds(csr.rowPtr, csr.col, csr.value, graph.degree, h, tol, maxRounds, end);
  const messages = rounds < 0 ? Number.POSITIVE_INFINITY : 2 * graph.edgeCount * rounds;
  let holding = 0;
  for (let i = 0; i < graph.n; i++) if (Math.abs(end[i]! - 1) <= tol) holding++;
  return {
    protocol: "emtd-averaging",
    n: graph.n,
    messages,
    rounds: rounds < 0 ? Number.POSITIVE_INFINITY : rounds,
    step: h,
    holding,
  };
}

/**
 * The recurrence of {@link averagingDiffusion} from x = e₀; −1 at maxRounds (flat, as {@link anchoredDiffusionRounds}).
 * The state it ends in is copied into `end`.
 */
function averagingRounds(
  rowPtr: Int32Array,
  col: Int32Array,
  value: Float64Array,
  degree: Float64Array,
  h: number,
  tol: number,
  maxRounds: number,
  end: Float64Array,
): number {
  const n = degree.length;
  const target = 1 / n;
  // J_ij = 1 on every edge (ws): J·x = x exactly, so the product is not formed.
  let unit = true;
  for (let a = 0; a < value.length && unit; a++) unit = value[a] === 1;
  let x = new Float64Array(n);
  x[0] = 1;
  let next = new Float64Array(n);
  const step = 2 * h;
  for (let rounds = 0; rounds <= maxRounds; rounds++) {
    // One fused pass: the disagreement of x, and x − 2h·Lx into next.
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const d = xi > target ? xi - target : target - xi;
      if (d > worst) worst = d;
      let lx = degree[i]! * xi;
      if (unit) for (let a = rowPtr[i]!, end = rowPtr[i + 1]!; a < end; a++) lx -= x[col[a]!]!;
      else for (let a = rowPtr[i]!, end = rowPtr[i + 1]!; a < end; a++) lx -= value[a]! * x[col[a]!]!;
      next[i] = xi - step * lx;
    }
    if (worst <= tol * target) {
      end.set(x);
      return rounds;
    }
    const t = x;
    x = next;
    next = t;
  }
  end.set(x);
  return -1;
}

/**
 * Messages of one decision of the unpinned averaging flow ({@link averagingDiffusion}) on ws:n:4:0.1 at each size,
 * each graph from `graphKey(n)`; a disconnected draw is left out. The flow cell of p2.2-diffusion-messages and of
 * notebook 06's message figure.
 */
export function averagingMessagesBySize(
  sizes: readonly number[],
  graphKey: (n: number) => Key,
  tolerance = 0.01,
): { sizes: number[]; messages: number[]; rounds: number[] } {
  const out = { sizes: [] as number[], messages: [] as number[], rounds: [] as number[] };
  for (const n of sizes) {
    const g = graphFromSpec(`ws:${n}:4:0.1`, graphKey(n));
    if (isConnected(g)) {
      const d = averagingDiffusion(g, { tolerance });
      out.sizes.push(n);
      out.messages.push(d.messages);
      out.rounds.push(d.rounds);
    }
    releaseGraph(g);
  }
  return out;
}

/**
 * The flow's delivery of the injected value: `runs` runs of {@link averagingDiffusion} (deterministic per graph), run
 * r on its own ws:n:4:0.1 from `graphKey(r)`, counting those that end with every node within `tolerance` of v = 1
 * (`delivered`). A disconnected draw reaches no consensus and is counted as a run that does not deliver.
 *
 * @example
 * ```ts
 * averagingDelivery(20, 50, (r) => fold(key(2), r)).delivered; // → 0 (every run ends on the mean v/50)
 * ```
 */
export function averagingDelivery(
  runs: number,
  n: number,
  graphKey: (run: number) => Key,
  tolerance = 0.01,
): { runs: number; delivered: number; connected: number; meanRounds: number } {
  check.integer(WHERE, "runs", runs, 1);
  let delivered = 0;
  let connected = 0;
  let rounds = 0;
  for (let r = 0; r < runs; r++) {
    const g = graphFromSpec(`ws:${n}:4:0.1`, graphKey(r));
    if (isConnected(g)) {
      const d = averagingDiffusion(g, { tolerance });
      connected++;
      rounds += d.rounds;
      if (d.holding === n) delivered++;
    }
    releaseGraph(g);
  }
  return { runs, delivered, connected, meanRounds: rounds / Math.max(connected, 1) };
}

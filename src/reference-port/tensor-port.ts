/**
 * The §3.3 algorithm on tfjs tensors, many runs at once.
 *
 * The proposal's sweep is inherently sequential: node i's local Hamiltonian reads the states its predecessors in
 * the same sweep have just written, so the N node updates of a sweep cannot be done at once without changing the
 * Markov chain. Two tensor versions are offered and measured against each other and the typed-array port:
 *
 * - `order: "sequential"` — FAITHFUL. The sweep stays sequential over nodes; what is vectorised is the batch of R
 *   independent runs (seeds): state [R·N, 2] (Merkle, reputation), each node update one gather of its R
 *   neighbourhoods ([R, D, 2], padded to the largest degree D with weight 0), the Metropolis decision for the
 *   R runs, and a scatter. Per run it is the same chain as the Python (same proposal `state[0]` read at the time of
 *   the update, ΔE with the ½ factor, reject iff u > e^{−ΔE/T} when ΔE > 0, cooling after each node's update,
 *   stopping rule); runs that have stopped are masked out. Float32 instead of float64: the states take two values,
 *   so only `signal` is rounded (agreement compares with fround(signal)).
 * - `order: "colour"` — NOT the proposal's chain. All nodes of one colour class (a proper greedy colouring, node 0
 *   in class 0) update at once, which equals a sequential sweep in the order class 0, class 1, … instead of node
 *   order. The stationary behaviour is the same kind of absorbing copy process, but the sweep order changes how far
 *   the signal travels in one sweep (in node order it runs around the ring lattice in a single sweep), so the
 *   distribution of `steps` differs. Measured in test/unit/reference-port/reference-tensor.test.ts and by `emtd reference --implementation colour`.
 *
 * Temperature: every node is cooled once per sweep, so the temperature node i sees in sweep s is T0·decay^s for
 * every node; a scalar per sweep reproduces the per-node cooling exactly (same repeated multiplication).
 *
 * Randomness: graphs from the same keys as the port (identical graphs per seed); Metropolis draws from
 * `uniform(fold(fold(batchKey, sweep), node))`, with batchKey = fold(key(seed), 0x7e45) of the first seed of the
 * batch — a different stream from the port's, so results agree in distribution, not run by run.
 */
import * as tf from "@tensorflow/tfjs";
import { fold, key, uniform, uniformSource, type Key } from "../engine/random";
import { check } from "../errors";
import { referenceDefaults, referenceKeys, type ReferenceOptions } from "./port";
import { type Adjacency, wattsStrogatzAdjacency } from "./smallworld";

export type TensorOrder = "sequential" | "colour";

export interface TensorRunRecord {
  seed: number;
  steps: number;
  agreement: number;
  injectionAccepted: boolean;
}

/**
 * Greedy proper colouring in node order (node 0 gets colour 0; each node the smallest colour its earlier neighbours do
 * not use); returns the colour of each node.
 *
 * @example
 * ```ts
 * Array.from(greedyColouring(adjacencyOf(ringGraph(5, 2)))); // → [0, 1, 0, 1, 2]
 * ```
 */
export function greedyColouring(a: Adjacency): Int32Array {
  const colour = new Int32Array(a.n).fill(-1);
  const used: number[] = [];
  for (let u = 0; u < a.n; u++) {
    used.length = 0;
    for (let e = a.rowPtr[u]!; e < a.rowPtr[u + 1]!; e++) if (colour[a.col[e]!]! >= 0) used.push(colour[a.col[e]!]!);
    let c = 0;
    while (used.includes(c)) c++;
    colour[u] = c;
  }
  return colour;
}

/**
 * Run the §3.3 algorithm for seeds seed … seed+runs−1 as one batch on the current tfjs backend (call
 * `await ready()` first). Returns plain numbers; every tensor created is disposed.
 * @example
 * ```ts
 * const { runs, sweeps } = referenceTensorRuns({ nodes: 20 }, 4, 0);
 * [runs.map((r) => r.steps), sweeps]; // → [[2, 1, 1, 1], 2]
 * ```
 */
export function referenceTensorRuns(
  options: ReferenceOptions,
  runs: number,
  seed: number,
  order: TensorOrder = "sequential",
): { runs: TensorRunRecord[]; sweeps: number; seconds: number } {
  const where = "emtd/reference/tensor";
  const o = referenceDefaults(options);
  const R = check.integer(where, "runs", runs, 1);
  check.integer(where, "seed", seed, 0, Number.MAX_SAFE_INTEGER - runs);
  check.oneOf(where, "order", order, ["sequential", "colour"] as const);
  const start = performance.now();
  const N = o.nodes;
  const graphs = Array.from({ length: R }, (_, r) => wattsStrogatzAdjacency(N, o.k, o.p, uniformSource(referenceKeys(key(seed + r))[0])));
  let D = 1;
  for (const g of graphs) for (let i = 0; i < N; i++) D = Math.max(D, g.rowPtr[i + 1]! - g.rowPtr[i]!);
  // Flat neighbour rows r·N + j, padded to D with row 0 and a weight of 0 (real neighbours weigh c, the ½).
  const nbFlat = new Int32Array(R * N * D);
  const nbWeight = new Float32Array(R * N * D);
  for (let r = 0; r < R; r++) {
    const g = graphs[r]!;
    for (let i = 0; i < N; i++) {
      const base = (r * N + i) * D;
      let d = 0;
      for (let e = g.rowPtr[i]!; e < g.rowPtr[i + 1]!; e++) {
        nbWeight[base + d] = o.coupling;
        nbFlat[base + d++] = r * N + g.col[e]!;
      }
    }
  }
  const batchKey: Key = fold(key(seed), 0x7e45);
  const signal32 = Math.fround(o.signal);

  const keep: tf.Tensor[] = [];
  const kept = <T extends tf.Tensor>(t: T): T => {
    keep.push(t);
    return tf.keep(t);
  };
  const rowsOf0 = kept(
    tf.tensor1d(
      Int32Array.from({ length: R }, (_, r) => r * N),
      "int32",
    ),
  );
  let state = tf.tidy(() => tf.tile(tf.tensor2d([0, 1], [1, 2]), [R * N, 1])) as tf.Tensor2D;
  let active = tf.ones([R], "bool") as tf.Tensor1D;

  // ΔE of M rows (states `current` → `proposed`, [M, 2]) with neighbour rows `nb` ([M·D]) and weights `w` ([M·D]):
  // Σ_d w_d ‖s − s_nb(d)‖², w = ½ for real neighbours and 0 for padding.
  const deltaEnergy = (current: tf.Tensor2D, proposed: tf.Tensor2D, nb: tf.Tensor, w: tf.Tensor): tf.Tensor1D => {
    const M = current.shape[0];
    const neighbours = tf.reshape(tf.gather(state, nb), [M, D, 2]);
    const weights = tf.reshape(w, [M, D]);
    const h = (s: tf.Tensor2D) => tf.sum(tf.mul(weights, tf.sum(tf.square(tf.sub(tf.expandDims(s, 1), neighbours)), 2)), 1);
    return tf.sub(h(proposed), h(current)) as tf.Tensor1D;
  };
  const decide = (delta: tf.Tensor1D, u: tf.Tensor1D, t: number, allowed: tf.Tensor1D): tf.Tensor1D =>
    tf.logicalAnd(allowed, tf.logicalOr(tf.lessEqual(delta, 0), tf.lessEqual(u, tf.exp(tf.div(tf.neg(delta), t))))) as tf.Tensor1D;

  /** One node's update in every run: returns per-run |change| (caller disposes). */
  const updateNode = (i: number, proposal: tf.Tensor1D, t: number, k: Key): tf.Tensor1D => {
    const rows = tf.tensor1d(
      Int32Array.from({ length: R }, (_, r) => r * N + i),
      "int32",
    );
    const nbIdx = tf.tensor1d(sliceRows(nbFlat, R, N, D, i), "int32");
    const nbW = tf.tensor1d(sliceRows(nbWeight, R, N, D, i), "float32");
    const [next, change] = tf.tidy(() => {
      const current = tf.gather(state, rows) as tf.Tensor2D;
      const proposed = tf.stack([proposal, tf.slice(current, [0, 1], [R, 1]).reshape([R])], 1) as tf.Tensor2D;
      const accept = decide(deltaEnergy(current, proposed, nbIdx, nbW), uniform(k, [R]) as tf.Tensor1D, t, active);
      const updated = tf.where(tf.expandDims(accept, 1), proposed, current) as tf.Tensor2D;
      const change = tf.sqrt(tf.sum(tf.square(tf.sub(updated, current)), 1)) as tf.Tensor1D;
      return [tf.tensorScatterUpdate(state, tf.expandDims(rows, 1), updated) as tf.Tensor2D, change];
    });
    tf.dispose([rows, nbIdx, nbW, state]);
    state = next;
    return change;
  };

  // Colour classes as row masks [R·N] (node 0 is always in class 0).
  let colourMasks: tf.Tensor1D[] = [];
  let allNb: tf.Tensor1D | null = null;
  let allW: tf.Tensor1D | null = null;
  let zeroRows: tf.Tensor1D | null = null;
  if (order === "colour") {
    const colours = graphs.map(greedyColouring);
    const C = Math.max(...colours.map((col) => Math.max(...col))) + 1;
    colourMasks = Array.from({ length: C }, (_, cc) => {
      const m = new Uint8Array(R * N);
      colours.forEach((col, r) => col.forEach((x, i) => (m[r * N + i] = x === cc ? 1 : 0)));
      return kept(tf.tensor1d(m, "bool"));
    });
    allNb = kept(tf.tensor1d(nbFlat, "int32"));
    allW = kept(tf.tensor1d(nbWeight, "float32"));
    zeroRows = kept(
      tf.tensor1d(
        Int32Array.from({ length: R * N }, (_, x) => Math.floor(x / N) * N),
        "int32",
      ),
    );
  }
  /** One colour class in every run at once: per-run Σ|change| (caller disposes). */
  const updateClass = (cc: number, t: number, k: Key): tf.Tensor1D => {
    const [next, change] = tf.tidy(() => {
      const proposal = tf.slice(tf.gather(state, zeroRows!), [0, 0], [R * N, 1]);
      const proposed = tf.concat([proposal, tf.slice(state, [0, 1], [R * N, 1])], 1) as tf.Tensor2D;
      const activeRows = tf.reshape(tf.tile(tf.expandDims(active, 1), [1, N]), [R * N]) as tf.Tensor1D;
      const allowed = tf.logicalAnd(colourMasks[cc]!, activeRows) as tf.Tensor1D;
      const accept = decide(deltaEnergy(state, proposed, allNb!, allW!), uniform(k, [R * N]) as tf.Tensor1D, t, allowed);
      const updated = tf.where(tf.expandDims(accept, 1), proposed, state) as tf.Tensor2D;
      const change = tf.sum(tf.reshape(tf.sqrt(tf.sum(tf.square(tf.sub(updated, state)), 1)), [R, N]), 1) as tf.Tensor1D;
      return [updated, change];
    });
    state.dispose();
    state = next;
    return change;
  };

  // Injection: node 0 of every run proposes the signal at T0.
  const injection = tf.fill([R], o.signal) as tf.Tensor1D;
  tf.dispose([updateNode(0, injection, o.initialTemperature, fold(batchKey, 0xffffffff)), injection]);
  const injected = tf.tidy(() => tf.equal(tf.slice(tf.gather(state, rowsOf0), [0, 0], [R, 1]).reshape([R]), signal32).dataSync());
  const steps = new Int32Array(R);
  let t = o.initialTemperature;
  let sweeps = 0;
  while (sweeps < o.maxSteps) {
    const sweepKey = fold(batchKey, sweeps);
    let total = tf.zeros([R]) as tf.Tensor1D;
    const add = (change: tf.Tensor1D) => {
      const next = tf.add(total, change) as tf.Tensor1D;
      tf.dispose([total, change]);
      total = next;
    };
    if (order === "sequential") {
      for (let i = 0; i < N; i++) {
        const proposal = tf.tidy(() => tf.slice(tf.gather(state, rowsOf0), [0, 0], [R, 1]).reshape([R]) as tf.Tensor1D);
        add(updateNode(i, proposal, t, fold(sweepKey, i)));
        proposal.dispose();
      }
    } else {
      for (let cc = 0; cc < colourMasks.length; cc++) add(updateClass(cc, t, fold(sweepKey, cc)));
    }
    t *= o.decay;
    sweeps++;
    const wasActive = active.dataSync();
    for (let r = 0; r < R; r++) if (wasActive[r]) steps[r]++;
    const nextActive = tf.tidy(() => tf.logicalAnd(active, tf.greaterEqual(total, o.tolerance)) as tf.Tensor1D);
    tf.dispose([active, total]);
    active = nextActive;
    if (!active.dataSync().some((x) => x)) break;
  }
  const merkle = tf.tidy(() => tf.slice(state, [0, 0], [R * N, 1]).dataSync());
  tf.dispose([state, active, ...keep]);
  const records: TensorRunRecord[] = [];
  for (let r = 0; r < R; r++) {
    let agreeing = 0;
    for (let i = 0; i < N; i++) if (merkle[r * N + i] === signal32) agreeing++;
    records.push({ seed: seed + r, steps: steps[r]!, agreement: agreeing / N, injectionAccepted: injected[r] === 1 });
  }
  return { runs: records, sweeps, seconds: (performance.now() - start) / 1000 };
}

/** Node i's padded neighbour rows in every run, as one flat [R·D] list. */
function sliceRows<A extends Int32Array | Float32Array>(nbFlat: A, R: number, N: number, D: number, i: number): A {
  const out = new (nbFlat.constructor as new (n: number) => A)(R * D);
  for (let r = 0; r < R; r++) out.set(nbFlat.subarray((r * N + i) * D, (r * N + i + 1) * D), r * D);
  return out;
}

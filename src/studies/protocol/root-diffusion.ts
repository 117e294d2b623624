/**
 * §2.1's "data as mass in the physical equations": a network split between the roots of two conflicting blocks (a
 * double spend), moved by the text's two updates, and whether what every node holds at the end is still some
 * ledger's root. One place for the claim p2.1-merkle-diffusion, figure merkle-diffusion and notebook 05.
 *
 * - {@link rootCopyRuns}: §3.3's copy-and-accept ({@link copyAndAcceptRuns}, either of the text's proposal rules), which
 *   moves whole values.
 * - {@link rootFlow}: §1.3's gradient flow of ℋ at T_net → 0, which averages them.
 */
import * as tf from "@tensorflow/tfjs";
import { fold, uniformSource, type Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import type { Term } from "../../hamiltonian/term";
import { gradientFlow } from "../../dynamics/gradient";
import { run } from "../../dynamics/run";
import type { Schedule } from "../../dynamics/schedules";
import { buildTree, rootToCoordinates } from "../../protocol/merkle";
import { signerFromKey, signTransaction, transactionBytes } from "../../protocol/transaction";
import { wattsStrogatzAdjacency } from "../../reference-port/smallworld";
import { copyAndAcceptRuns, copyKey, type ProposalKernel } from "../../spin/update-kernels";

/** Two conflicting ledgers G + a and G + b (one signer spends nonce 999 twice) and the candidates a point could be. */
export interface ConflictingRoots {
  /** Root coordinates of ledger A = G + a and B = G + b (d each). */
  chiA: number[];
  chiB: number[];
  /** ‖χ(A) − χ(B)‖². */
  gap: number;
  /** Coordinates of every candidate ledger: A, B, G, G + a + b, G + b + a, G + each of 100 other pool transactions, G less each one. */
  candidates: number[][];
}

/**
 * The double spend on base ledger G = pool[100 .. 132) (the pool needs 132 transactions), signed by a signer drawn
 * from `spenderKey`, with d root coordinates per ledger.
 *
 * @example
 * ```ts
 * const c = conflictingRoots(transactionPool(160, key(1)).transactions, 8, key(2));
 * c.candidates.length; // → 137
 * ```
 */
export function conflictingRoots(pool: readonly Uint8Array[], dimension: number, spenderKey: Key): ConflictingRoots {
  return doubleSpends(pool, dimension, [spenderKey])[0]!;
}

/**
 * One double spend on G (as {@link conflictingRoots}) per key, each by its own signer: the candidates that do not
 * involve the two spends (G, G plus another transaction, G less one) are computed once for all.
 *
 * @example
 * ```ts
 * const pool = transactionPool(160, key(1)).transactions;
 * doubleSpends(pool, 8, [key(2)])[0]; // deep-equals conflictingRoots(pool, 8, key(2))
 * ```
 */
export function doubleSpends(pool: readonly Uint8Array[], dimension: number, spenderKeys: readonly Key[]): ConflictingRoots[] {
  const G = pool.slice(100, 132);
  const coords = (txs: Uint8Array[]) => Array.from(rootToCoordinates(buildTree(txs).root, dimension));
  const base = coords(G);
  const others = [...pool.slice(0, 100).map((t) => [...G, t]), ...G.map((_, i) => G.filter((__, j) => j !== i))].map(coords);
  return spenderKeys.map((k) => {
    const spender = signerFromKey(k);
    const a = transactionBytes(signTransaction(spender, 999, "pay 50 to bob"));
    const b = transactionBytes(signTransaction(spender, 999, "pay 50 to carol"));
    const chiA = coords([...G, a]),
      chiB = coords([...G, b]);
    return {
      chiA,
      chiB,
      gap: chiA.reduce((s, x, j) => s + (x - chiB[j]!) ** 2, 0),
      candidates: [chiA, chiB, base, coords([...G, a, b]), coords([...G, b, a]), ...others],
    };
  });
}

/** Outcomes of {@link rootCopyRuns}. */
export interface RootCopyRuns {
  runs: number;
  /** Node-ends (over every node of every run) on a value that is A's or B's root: every one, under copying. */
  onALedger: number;
  /** Node-ends in all (runs × nodes). */
  nodeEnds: number;
  /** Runs ending with every node on one root, and of those on A. */
  agreed: number;
  onA: number;
  meanSweeps: number;
}

/**
 * §3.3's update on ws(N, 4, 0.1) (run r's graph from `fold(stream("graph"), r)`, its draws from Philox under `copyKey(fold(stream("runs"), r))`),
 * nodes 0 … N/2 − 1 starting on A's root and the rest on B's, to §3.3's stop.
 *
 * @example
 * ```ts
 * rootCopyRuns((name) => (name === "graph" ? key(1) : key(2)), { nodes: 50, runs: 10, gap: 0.5, kernel: "node0", schedule: () => geometric({ initial: 100, rate: 0.95 }) });
 * // → { onALedger: 500, nodeEnds: 500, agreed: 10, onA: 10, … } (node 0 starts on A and never moves)
 * ```
 */
export function rootCopyRuns(
  stream: (name: string) => Key,
  o: { nodes: number; runs: number; gap: number; schedule: () => Schedule; kernel: ProposalKernel },
): RootCopyRuns {
  const keys = { graph: stream("graph"), runs: stream("runs") };
  const N = o.nodes;
  const out: RootCopyRuns = { runs: o.runs, onALedger: 0, nodeEnds: 0, agreed: 0, onA: 0, meanSweeps: 0 };
  const starts = Array.from({ length: o.runs }, (_, r) => ({
    adjacency: wattsStrogatzAdjacency(N, 4, 0.1, uniformSource(fold(keys.graph, r))),
    labels: Int32Array.from({ length: N }, (_, i) => (i < N / 2 ? 0 : 1)),
    schedule: o.schedule(),
  }));
  // Every run side by side in the engine's lanes, run r drawing under copyKey(fold(stream("runs"), r)).
  const ends = copyAndAcceptRuns(
    starts,
    { distances: Float64Array.of(0, o.gap, o.gap, 0), K: 2, kernel: o.kernel },
    starts.map((_, r) => copyKey(fold(keys.runs, r))),
  );
  starts.forEach(({ labels }, r) => {
    out.meanSweeps += ends[r]!.sweeps / o.runs;
    // Labels index the two ledgers' roots: a node's value is a ledger's root exactly when its label is 0 or 1.
    for (const l of labels) if (l === 0 || l === 1) out.onALedger++;
    out.nodeEnds += N;
    const onB = labels.reduce((s, x) => s + x, 0);
    if (onB === 0 || onB === N) out.agreed++;
    if (onB === 0) out.onA++;
  });
  return out;
}

/** Outcome of {@link rootFlow}. */
export interface RootFlow {
  /** Largest |ψ_i − ψ̄| at the end. */
  spread: number;
  /** Nodes within `radius` of some candidate's coordinates, of N. */
  onALedger: number;
  nodes: number;
  /** Largest distance of a node's value to its nearest candidate. */
  worstNode: number;
  /** Distance of the mean value to (χ(A) + χ(B))/2. */
  midpoint: number;
}

/**
 * §1.3's gradient flow of `energy` (h = 0.25/max D, `steps` steps, nothing pinned) from nodes 0 … N/2 − 1 on χ(A)
 * and the rest on χ(B); a node's end value counts as a ledger's root when within `radius` of a candidate's. The
 * graph is the caller's.
 *
 * @example
 * ```ts
 * const pool = transactionPool(160, key(1)).transactions;
 * const g = graphFromSpec("ws:50:4:0.1", key(1));
 * rootFlow(g, interaction(g), conflictingRoots(pool, 1, key(2)), key(3)).onALedger; // → 0: every node ends on the midpoint
 * ```
 */
export function rootFlow(
  graph: Graph,
  energy: Term,
  roots: ConflictingRoots,
  key: Key,
  o: { steps?: number; radius?: number } = {},
): RootFlow {
  return rootFlows(graph, energy, [roots], key, o)[0]!;
}

/**
 * {@link rootFlow} for several double spends at once, side by side as channels of one field [N, runs·d] (run r's
 * coordinates in columns r·d … r·d + d − 1): exact for an energy that acts on each channel alone, as ℋ's interaction
 * Σ J_ij‖Ψ_i − Ψ_j‖² does. One outcome per double spend.
 */
export function rootFlows(
  graph: Graph,
  energy: Term,
  runs: readonly ConflictingRoots[],
  key: Key,
  o: { steps?: number; radius?: number } = {},
): RootFlow[] {
  const N = graph.n,
    R = runs.length,
    d = runs[0]!.chiA.length,
    C = R * d;
  const steps = o.steps ?? 1000,
    radius = o.radius ?? 1e-4;
  const x = new Float32Array(N * C);
  for (let i = 0; i < N; i++)
    runs.forEach((roots, r) => {
      const chi = i < N / 2 ? roots.chiA : roots.chiB;
      for (let k = 0; k < d; k++) x[i * C + r * d + k] = chi[k]!;
    });
  const x0 = tf.tensor2d(x, [N, C]);
  const out = run(gradientFlow(energy, { step: 0.25 / Math.max(...graph.degree) }), x0, { steps, recordEvery: steps }, key);
  const values = out.final.dataSync();
  tf.dispose([x0, out.final]);
  const dist = (u: readonly number[], v: readonly number[]) => Math.sqrt(u.reduce((s, y, k) => s + (y - v[k]!) ** 2, 0));
  return runs.map((roots, r) => {
    const node = (i: number) => Array.from({ length: d }, (_, k) => values[i * C + r * d + k]!);
    const centre = Array.from({ length: d }, (_, k) => {
      let s = 0;
      for (let i = 0; i < N; i++) s += values[i * C + r * d + k]!;
      return s / N;
    });
    let spread = 0,
      onALedger = 0,
      worstNode = 0;
    for (let i = 0; i < N; i++) {
      const xi = node(i);
      for (let k = 0; k < d; k++) spread = Math.max(spread, Math.abs(xi[k]! - centre[k]!));
      const nearest = Math.min(...roots.candidates.map((c) => dist(xi, c)));
      if (nearest < radius) onALedger++;
      worstNode = Math.max(worstNode, nearest);
    }
    const mid = roots.chiA.map((y, k) => (y + roots.chiB[k]!) / 2);
    return { spread, onALedger, nodes: N, worstNode, midpoint: dist(centre, mid) };
  });
}

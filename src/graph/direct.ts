/**
 * The builder of each graph family (graph/generators' `graphs` names them as `graphFromSpec` does), in typed arrays:
 * ring, torus, Watts–Strogatz, Erdős–Rényi (geometric skipping), Barabási–Albert and complete. Each gives the same
 * {@link Graph} as packing the graphology generator of the previous release at the same stream (tested equal), but
 * without a graphology graph: at N = 10⁶ graphology needs seconds and gigabytes (a JS object per node and per edge);
 * these need O(N + E) typed-array work. The graphology graph and the node keys are built lazily on first access, so
 * code that reads them still works.
 *
 * Watts–Strogatz follows networkx's rewiring step by step (the same calls to `rng`, in the same order), with a
 * dropped-flag per lattice edge and an open-addressing hash set for the rewired edges in place of an adjacency.
 */
import { UndirectedGraph } from "graphology";
import type { AbstractGraph } from "graphology-types";
import { ArgumentError, check } from "../errors";
import { checkFits, graphBytes } from "../engine/budget";
import { type Graph, weightedDegree } from "./graph";
import type { GraphStructure } from "../engine/edges";

type Rng = () => number;

/**
 * A {@link Graph} from an undirected edge list (any orientation and order; duplicates merge by summing weights;
 * self-loops are rejected). Edges are normalised to src < dst and sorted by (src, dst) like `fromGraphology`.
 * `weight` null means every J_ij = 1.
 *
 * @example
 * ```ts
 * // edges 1–0 (J = 2), 2–1 (J = 1) and 0–1 again (J = 0.5): the two 0–1 edges merge into J = 2.5
 * const g = graphFromEdgeList(3, Int32Array.of(1, 2, 0), Int32Array.of(0, 1, 1), Float64Array.of(2, 1, 0.5), "path");
 * [g.src, g.dst, g.weight]; // → [Int32Array [0, 1], Int32Array [1, 2], Float64Array [2.5, 1]]
 * g.degree; // → Float64Array [2.5, 3.5, 1]
 * ```
 */
export function graphFromEdgeList(n: number, a: Int32Array, b: Int32Array, weight: Float64Array | null, label: string): Graph {
  const m = a.length;
  // Counting sort by the lower endpoint, then insertion sort of each (small) bucket by the upper one.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const lo = Math.min(a[e]!, b[e]!);
    if (a[e] === b[e]) throw new ArgumentError("emtd/graph", "graph", "free of self-loops", `self-loop on node ${a[e]}`);
    start[lo + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, n);
  const hi = new Int32Array(m);
  const w = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const lo = Math.min(a[e]!, b[e]!);
    const at = cursor[lo]!++;
    hi[at] = Math.max(a[e]!, b[e]!);
    w[at] = weight === null ? 1 : weight[e]!;
  }
  let kept = 0;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const wt = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const t = start[i + 1]!;
    for (let p = s + 1; p < t; p++) {
      const h = hi[p]!;
      const hw = w[p]!;
      let q = p - 1;
      while (q >= s && hi[q]! > h) {
        hi[q + 1] = hi[q]!;
        w[q + 1] = w[q]!;
        q--;
      }
      hi[q + 1] = h;
      w[q + 1] = hw;
    }
    for (let p = s; p < t; p++) {
      if (kept > 0 && src[kept - 1] === i && dst[kept - 1] === hi[p]) {
        wt[kept - 1]! += w[p]!;
        continue;
      }
      src[kept] = i;
      dst[kept] = hi[p]!;
      wt[kept++] = w[p]!;
    }
  }
  return packedGraph(n, src.slice(0, kept), dst.slice(0, kept), wt.slice(0, kept), label);
}

/** The Graph record with lazily built graphology graph and keys. */
function packedGraph(n: number, src: Int32Array, dst: Int32Array, weight: Float64Array, label: string): Graph {
  const { degree, unitWeights } = weightedDegree(n, src, dst, weight);
  let keys: string[] | undefined;
  let graphology: AbstractGraph | undefined;
  return {
    n,
    edgeCount: src.length,
    src,
    dst,
    weight,
    unitWeights,
    degree,
    label,
    get keys() {
      return (keys ??= Array.from({ length: n }, (_, i) => String(i)));
    },
    get graphology() {
      if (!graphology) {
        const g = new UndirectedGraph();
        for (let i = 0; i < n; i++) g.addNode(String(i));
        for (let e = 0; e < src.length; e++) {
          g.addUndirectedEdge(String(src[e]), String(dst[e]), weight[e] === 1 ? {} : { weight: weight[e] });
        }
        graphology = g;
      }
      return graphology;
    },
  };
}

function checkRing(where: string, n: number, k: number): void {
  check.integer(where, "n", n, 3);
  check.integer(where, "k", k, 2, n - 1);
  if (k % 2 !== 0) throw new ArgumentError(where, "k", `an even integer in [2, ${n - 1}]`, k);
}

/**
 * Ring lattice: i joined to i ± 1 … i ± k/2 (mod n), k even, 2 ≤ k < n; n·k/2 edges, J = 1: the family's one
 * builder (`graphs.ring`, `ring:N:k`). Structured ({@link Graph.structure}): it holds no arrays until something
 * reads them, so ring:10⁸:10 costs nothing to build, and the Langevin kernel steps it without index arrays. The
 * edge arrays (sorted as {@link graphFromEdgeList} sorts them), degrees, keys and graphology graph are built on first
 * read; the edge arrays are refused with a ResourceError when they cannot fit in memory.
 *
 * @example
 * ```ts
 * const g = ringGraph(10, 4);
 * [g.n, g.edgeCount, g.label, g.structure]; // → [10, 20, "ring:10:4", { kind: "ring", halfWidth: 2 }]
 * g.src.length; // → 20 (built now, on first read)
 * ```
 */
export function ringGraph(n: number, k: number): Graph {
  checkRing("emtd/graph/ring", n, k);
  const half = k / 2;
  return structuredGraph({
    where: "emtd/graph/ring",
    n,
    edgeCount: n * half,
    degree: k,
    label: `ring:${n}:${k}`,
    structure: { kind: "ring", halfWidth: half },
    pack: (label) => {
      const { src, dst } = ringEdges(n, half);
      return packedGraph(n, src, dst, new Float64Array(n * half).fill(1), label);
    },
  });
}

/**
 * The ring lattice's edges {i, i + o mod n}, o = 1…h, each once with src < dst, sorted by (src, dst), without a sort:
 * row i holds i + 1 … min(i + h, n − 1), then, for i < h, its wrapping neighbours n − h + i … n − 1 (all above i + h
 * since n > 2h).
 */
function ringEdges(n: number, half: number): { src: Int32Array; dst: Int32Array } {
  const src = new Int32Array(n * half);
  const dst = new Int32Array(n * half);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j <= Math.min(i + half, n - 1); j++, e++) {
      src[e] = i;
      dst[e] = j;
    }
    for (let j = i < half ? n - half + i : n; j < n; j++, e++) {
      src[e] = i;
      dst[e] = j;
    }
  }
  return { src, dst };
}

/**
 * L×L periodic square lattice, node r·L + c joined to r·L + (c ± 1 mod L) and ((r ± 1 mod L))·L + c; 2L² edges,
 * J = 1: the family's one builder (`graphs.torus`, `torus:L`). Structured ({@link Graph.structure}, like
 * {@link ringGraph}): no arrays until something reads them, so the Langevin kernel steps torus:10⁴ (10⁸ nodes)
 * without index arrays. The edge arrays (exactly those of packing the lattice's edge list with
 * {@link graphFromEdgeList}), degrees, keys and graphology graph are built on first read; the edge arrays are refused
 * with a ResourceError when they cannot fit in memory.
 *
 * @example
 * ```ts
 * const g = torusGraph(4);
 * [g.n, g.edgeCount, g.label, g.structure]; // → [16, 32, "torus:4", { kind: "torus", side: 4 }]
 * g.src.length; // → 32 (built now, on first read)
 * ```
 */
export function torusGraph(L: number): Graph {
  check.integer("emtd/graph/torus", "L", L, 3);
  return structuredGraph({
    where: "emtd/graph/torus",
    n: L * L,
    edgeCount: 2 * L * L,
    degree: 4,
    label: `torus:${L}`,
    structure: { kind: "torus", side: L },
    pack: (label) => torusPacked(L, label),
  });
}

/**
 * A regular unit-weight graph known by its structure (ring lattice, torus): it holds nothing but its size until
 * something reads an array; then `pack` builds the packed edge list once (refused with a ResourceError when it
 * cannot fit), and degrees and keys are filled on their own first read.
 */
function structuredGraph(o: {
  where: string;
  n: number;
  edgeCount: number;
  degree: number;
  label: string;
  structure: GraphStructure;
  pack: (label: string) => Graph;
}): Graph {
  const { n, edgeCount, label } = o;
  let packed: Graph | undefined;
  const edges = (): Graph => {
    if (!packed) {
      checkFits(o.where, `the edge arrays of ${label} (${edgeCount} edges, built on first read)`, graphBytes(n, edgeCount, false).bytes);
      packed = o.pack(label);
    }
    return packed;
  };
  let degree: Float64Array | undefined;
  let keys: string[] | undefined;
  return {
    n,
    edgeCount,
    unitWeights: true,
    label,
    structure: o.structure,
    get src() {
      return edges().src;
    },
    get dst() {
      return edges().dst;
    },
    get weight() {
      return edges().weight;
    },
    get degree() {
      return (degree ??= new Float64Array(n).fill(o.degree));
    },
    get keys() {
      return (keys ??= Array.from({ length: n }, (_, i) => String(i)));
    },
    get graphology() {
      return edges().graphology;
    },
  };
}

/** The torus's edge list {i, right(i)}, {i, below(i)} packed (sorted, src < dst) by {@link graphFromEdgeList}. */
function torusPacked(L: number, label: string): Graph {
  const n = L * L;
  const a = new Int32Array(2 * n);
  const b = new Int32Array(2 * n);
  let e = 0;
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      const i = r * L + c;
      a[e] = i;
      b[e++] = r * L + ((c + 1) % L);
      a[e] = i;
      b[e++] = ((r + 1) % L) * L + c;
    }
  }
  return graphFromEdgeList(n, a, b, null, label);
}

/** An open-addressing set of non-negative integers below 2⁵³ (the rewired edges, keyed lo·n + hi). */
class EdgeSet {
  private keys: Float64Array;
  private used = 0;
  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity).fill(-1);
  }
  private slot(keys: Float64Array, id: number): number {
    const mask = keys.length - 1;
    let h = Math.imul((id % 4294967296) ^ Math.floor(id / 4294967296), 0x9e3779b1) & mask;
    while (keys[h] !== -1 && keys[h] !== id) h = (h + 1) & mask;
    return h;
  }
  has(id: number): boolean {
    return this.keys[this.slot(this.keys, id)] === id;
  }
  add(id: number): void {
    if (2 * (this.used + 1) > this.keys.length) {
      const old = this.keys;
      this.keys = new Float64Array(old.length * 2).fill(-1);
      for (const k of old) if (k !== -1) this.keys[this.slot(this.keys, k)] = k;
    }
    const h = this.slot(this.keys, id);
    if (this.keys[h] !== id) {
      this.keys[h] = id;
      this.used++;
    }
  }
  values(): number[] {
    const out: number[] = [];
    for (const k of this.keys) if (k !== -1) out.push(k);
    return out;
  }
}

/**
 * The one Watts–Strogatz rewiring core of the library, with networkx's semantics (`nx.watts_strogatz_graph`): start
 * from the ring lattice (k/2 neighbours each side); for j = 1..k/2 and u = 0..n−1, with probability p replace
 * (u, u+j) by (u, w), w uniform among nodes neither u nor already joined to u (skipped when u is joined to
 * everyone). Two `rng` calls per rewired edge and one per kept edge, in that order, so a stream gives one graph.
 * Returns the n·k/2 undirected edges (unsorted, any orientation); {@link wattsStrogatzGraph} and
 * reference/smallworld pack them.
 *
 * @example
 * ```ts
 * const { src, dst } = wattsStrogatzEdges(100, 4, 0.1, uniformSource(key(1)));
 * ```
 */
export function wattsStrogatzEdges(n: number, k: number, p: number, rng: Rng): { src: Int32Array; dst: Int32Array } {
  const where = "emtd/graph/ws";
  check.probability(where, "p", p);
  checkRing("emtd/graph/ring", n, k);
  const half = k / 2;
  const dropped = new Uint8Array(n * half); // lattice edge (u, u+j) has id (j−1)·n + u
  const degree = new Int32Array(n).fill(k);
  const extra = new EdgeSet();
  const pairId = (u: number, w: number) => (u < w ? u * n + w : w * n + u);
  const hasEdge = (u: number, w: number): boolean => {
    const d = (((w - u) % n) + n) % n;
    if (d >= 1 && d <= half && !dropped[(d - 1) * n + u]) return true;
    const back = n - d;
    if (back >= 1 && back <= half && !dropped[(back - 1) * n + w]) return true;
    return extra.has(pairId(u, w));
  };
  let rewired = 0;
  for (let j = 1; j <= half; j++) {
    for (let u = 0; u < n; u++) {
      const v = (u + j) % n;
      if (rng() >= p) continue;
      let w = Math.floor(rng() * n);
      let ok = true;
      while (w === u || hasEdge(u, w)) {
        if (degree[u]! >= n - 1) {
          ok = false;
          break;
        }
        w = Math.floor(rng() * n);
      }
      if (ok) {
        dropped[(j - 1) * n + u] = 1;
        degree[u]!--;
        degree[v]!--;
        extra.add(pairId(u, w));
        degree[u]!++;
        degree[w]!++;
        rewired++;
      }
    }
  }
  const m = n * half;
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  let e = 0;
  for (let j = 1; j <= half; j++) {
    for (let u = 0; u < n; u++) {
      if (dropped[(j - 1) * n + u]) continue;
      a[e] = u;
      b[e++] = (u + j) % n;
    }
  }
  for (const id of extra.values()) {
    a[e] = Math.floor(id / n);
    b[e++] = id % n;
  }
  if (e !== m || rewired > m) throw new Error("emtd/graph/ws: internal edge count mismatch");
  return { src: a, dst: b };
}

/**
 * Watts–Strogatz (networkx's rewiring, {@link wattsStrogatzEdges}) packed as a {@link Graph}: the ring lattice
 * ring:n:k with each edge rewired with probability p, drawing from `rng` (e.g. {@link uniformSource}). The family's
 * one builder (`graphs.ws`, `ws:N:k:p`).
 *
 * @example
 * ```ts
 * const g = wattsStrogatzGraph(20, 4, 0.2, uniformSource(key(1)));
 * [g.edgeCount, g.label, isConnected(g)]; // → [40, "ws:20:4:0.2", true]
 * ```
 */
export function wattsStrogatzGraph(n: number, k: number, p: number, rng: Rng): Graph {
  const { src, dst } = wattsStrogatzEdges(n, k, p, rng);
  return graphFromEdgeList(n, src, dst, null, `ws:${n}:${k}:${p}`);
}

/**
 * G(n, p), each edge present independently with probability p (mean p·n(n − 1)/2 edges), by geometric skipping
 * (Batagelj & Brandes 2005): O(n + E) typed-array work. The family's one builder (`graphs.er`, `er:N:p`): the same
 * calls to `rng` and the same graph as graphology-generators' sparse G(n, p), the previous release's `er:N:p`, up to
 * where one skip passes 2³¹ pairs (graphology truncates the skip to int32 there, and fails or misplaces edges).
 *
 * @example
 * ```ts
 * const g = erdosRenyiDirect(100, 0.05, uniformSource(key(1)));
 * [g.label, g.n, g.edgeCount]; // → ["er:100:0.05", 100, 267] (expected p·N(N − 1)/2 = 247.5)
 * ```
 */
export function erdosRenyiDirect(n: number, p: number, rng: Rng, label = `er:${n}:${p}`): Graph {
  check.integer("emtd/graph/er", "n", n, 1);
  check.probability("emtd/graph/er", "p", p);
  const a: number[] = [];
  const b: number[] = [];
  if (p > 0) {
    const lp = Math.log(1 - p);
    let v = 1;
    let w = -1;
    while (v < n) {
      w += 1 + (p === 1 ? 0 : Math.floor(Math.log(1 - rng()) / lp));
      while (w >= v && v < n) {
        w -= v;
        v++;
      }
      if (v < n) {
        a.push(v);
        b.push(w);
      }
    }
  }
  return graphFromEdgeList(n, Int32Array.from(a), Int32Array.from(b), null, label);
}

/**
 * Barabási–Albert preferential attachment with networkx's construction: a star on m+1 nodes, then each new node
 * joins m distinct targets drawn from the list of edge endpoints (probability ∝ degree); m + (n − m − 1)·m edges.
 * The family's one builder (`graphs.ba`, `ba:N:m`).
 *
 * @example
 * ```ts
 * const g = barabasiAlbertDirect(100, 2, uniformSource(key(1)));
 * [g.label, g.edgeCount, Math.max(...g.degree)]; // → ["ba:100:2", 196, 30] (a hub)
 * ```
 */
export function barabasiAlbertDirect(n: number, m: number, rng: Rng): Graph {
  check.integer("emtd/graph/ba", "m", m, 1);
  check.integer("emtd/graph/ba", "n", n, m + 1);
  const E = m + (n - m - 1) * m;
  const a = new Int32Array(E);
  const b = new Int32Array(E);
  const endpoints = new Int32Array(2 * E);
  let ends = 0;
  let e = 0;
  for (let i = 1; i <= m; i++) {
    a[e] = 0;
    b[e++] = i;
    endpoints[ends++] = 0;
    endpoints[ends++] = i;
  }
  for (let source = m + 1; source < n; source++) {
    const targets = new Set<number>();
    while (targets.size < m) targets.add(endpoints[Math.floor(rng() * ends)]!);
    for (const t of targets) {
      a[e] = source;
      b[e++] = t;
      endpoints[ends++] = t;
      endpoints[ends++] = source;
    }
  }
  return graphFromEdgeList(n, a, b, null, `ba:${n}:${m}`);
}

/**
 * The complete graph K_n, edge by edge (n(n − 1)/2 edges): the family's one builder (`graphs.complete`,
 * `complete:N`, the name it is public by); the scale study's K_N up to its edge limit.
 *
 * @example
 * ```ts
 * const g = graphs.complete(5);
 * [g.n, g.edgeCount, g.label]; // → [5, 10, "complete:5"]
 * ```
 */
export function completeDirect(n: number): Graph {
  check.integer("emtd/graph/complete", "n", n, 2);
  const E = (n * (n - 1)) / 2;
  const a = new Int32Array(E);
  const b = new Int32Array(E);
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      a[e] = i;
      b[e++] = j;
    }
  return graphFromEdgeList(n, a, b, null, `complete:${n}`);
}

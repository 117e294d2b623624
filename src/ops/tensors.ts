/**
 * The tensors a graph's ops read on the current backend (degree, adjacency in CSR, edge endpoints, weights, colour
 * masks): built once per graph and backend and cached; {@link releaseGraph} frees them. The composite references
 * of ops/ (laplacian, adjacency, incidence) are written on them.
 */
import * as tf from "@tensorflow/tfjs";
import { type RowSelection, disposeRowSelection, rowSelection } from "../engine/sparse";
import { releaseWirePlan } from "../engine";
import { ArgumentError } from "../errors";
import { colourClasses } from "../graph/coloring";
import { adjacencyCsr, type Graph } from "../graph/graph";

export interface GraphOperators {
  readonly backend: string;
  /** Weighted degree, [N, 1]. */
  readonly degree: tf.Tensor2D;
  /** Adjacency in CSR: entry columns, sorted row ids, empty trailing rows. */
  readonly adjacencyCol: tf.Tensor1D;
  readonly adjacencyRow: tf.Tensor1D;
  readonly adjacencyTail: number;
  /** Per-entry weights [2E, 1] and entry ids 0..2E-1, only for weighted graphs. */
  readonly adjacencyWeight: tf.Tensor2D | null;
  readonly adjacencyIds: tf.Tensor1D | null;
  /** Endpoint selections of the undirected edge list. */
  readonly src: RowSelection;
  readonly dst: RowSelection;
  /** J_ij per undirected edge, [E, 1]. */
  readonly edgeWeight: tf.Tensor2D;
  /** 0/1 masks [N, 1] of the colour classes, built on first use by {@link colourMasks}. */
  colourMasks?: tf.Tensor2D[];
}

const cache = new WeakMap<Graph, Map<string, GraphOperators>>();

/** The tensors of `graph` on the current backend (built on first use, then cached). */
export function operators(graph: Graph): GraphOperators {
  const backend = tf.getBackend();
  let byBackend = cache.get(graph);
  if (!byBackend) cache.set(graph, (byBackend = new Map()));
  let ops = byBackend.get(backend);
  if (!ops) byBackend.set(backend, (ops = build(graph, backend)));
  return ops;
}

function build(graph: Graph, backend: string): GraphOperators {
  const csr = adjacencyCsr(graph);
  const lastRow = csr.row.length === 0 ? -1 : csr.row[csr.row.length - 1]!;
  const weighted = !graph.unitWeights;
  const keep = <T extends tf.Tensor>(t: T): T => tf.keep(t);
  return {
    backend,
    degree: keep(tf.tensor2d(Float32Array.from(graph.degree), [graph.n, 1])),
    adjacencyCol: keep(tf.tensor1d(csr.col, "int32")),
    adjacencyRow: keep(tf.tensor1d(csr.row, "int32")),
    adjacencyTail: graph.n - 1 - lastRow,
    adjacencyWeight: weighted ? keep(tf.tensor2d(Float32Array.from(csr.value), [csr.value.length, 1])) : null,
    adjacencyIds: weighted
      ? keep(
          tf.tensor1d(
            Int32Array.from({ length: csr.col.length }, (_, r) => r),
            "int32",
          ),
        )
      : null,
    src: rowSelection(graph.src, graph.n),
    dst: rowSelection(graph.dst, graph.n),
    edgeWeight: keep(tf.tensor2d(Float32Array.from(graph.weight), [graph.edgeCount, 1])),
  };
}

/**
 * Free the cached tensors of `graph` on every backend (degrees, CSR indices, edge weights, row selections, colour
 * masks, and the CSR the webgpu kernels uploaded): the ops build them on first use and keep them for the graph's
 * lifetime. Call it when done with a graph.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const before = tf.memory().numTensors;
 * edgeWeights(graph); // builds the cache
 * tf.memory().numTensors - before; // → 12 (the graph's cached tensors)
 * releaseGraph(graph);
 * tf.memory().numTensors - before; // → 0
 * ```
 */
export function releaseGraph(graph: Graph): void {
  releaseWirePlan(graph); // its CSR on the GPU, where the webgpu kernels uploaded it
  const byBackend = cache.get(graph);
  if (!byBackend) return;
  for (const ops of byBackend.values()) {
    tf.dispose([ops.degree, ops.adjacencyCol, ops.adjacencyRow, ops.edgeWeight]);
    if (ops.adjacencyWeight) tf.dispose(ops.adjacencyWeight);
    if (ops.adjacencyIds) tf.dispose(ops.adjacencyIds);
    disposeRowSelection(ops.src);
    disposeRowSelection(ops.dst);
    if (ops.colourMasks) tf.dispose(ops.colourMasks);
  }
  cache.delete(graph);
}

/** Throw an {@link ArgumentError} from `where` unless `x` is a 2-D field with one row per node of `graph`. */
export function checkField(where: string, x: tf.Tensor, graph: Graph): asserts x is tf.Tensor2D {
  if (x.rank !== 2 || x.shape[0] !== graph.n) {
    throw new ArgumentError(where, "field", `a 2-D tensor with ${graph.n} rows (one per node)`, x.shape);
  }
}

/** 0/1 masks [N, 1] of the graph's colour classes (owned by the graph cache: do not dispose). */
export function colourMasks(graph: Graph): tf.Tensor2D[] {
  const ops = operators(graph);
  ops.colourMasks ??= colourClasses(graph).map((members) => {
    const mask = new Float32Array(graph.n);
    for (const i of members) mask[i] = 1;
    return tf.keep(tf.tensor2d(mask, [graph.n, 1]));
  });
  return ops.colourMasks;
}

/**
 * J_ij per undirected edge, [E, 1] float32, in the graph's edge order (owned by the graph cache: do not dispose;
 * {@link releaseGraph} frees it).
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * await edgeWeights(graph).data(); // → [1, 1, 1, 1]
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function edgeWeights(graph: Graph): tf.Tensor2D {
  return operators(graph).edgeWeight;
}

/**
 * Per-chain sums of an [N, R·d] tensor over nodes and channels: [R]. The node sum is a [1, N]·[N, R·d] product
 * (reducing a leading axis would make tfjs transpose the whole tensor first).
 */
export function chainSums(x: tf.Tensor2D, chains: number): tf.Tensor1D {
  const [n, width] = x.shape;
  return tf.sum(tf.reshape(tf.matMul(tf.ones([1, n]), x), [chains, width / chains]), 1) as tf.Tensor1D;
}

/**
 * Per chain, a where accepted, b elsewhere ([N, R·d]), exactly; consumes neither. Where every chain took the same
 * side, that tensor (a clone). With every value finite, a·m + b·(1 − m) for a 0/1 column mask m is exact and a few
 * broadcast products (tfjs's `where` with a broadcast mask costs ≈20× more here); otherwise `where`, so that a
 * rejected non-finite proposal cannot leak through 0·∞.
 */
export function selectChains(accepted: ArrayLike<number>, a: tf.Tensor2D, b: tf.Tensor2D, finite: boolean): tf.Tensor2D {
  const [n, width] = a.shape;
  const R = accepted.length;
  let taken = 0;
  for (let r = 0; r < R; r++) taken += accepted[r] ? 1 : 0;
  if (taken === R) return a.clone();
  if (taken === 0) return b.clone();
  const d = width / R;
  const m = new Float32Array(width);
  for (let r = 0; r < R; r++) m.fill(accepted[r]! ? 1 : 0, r * d, (r + 1) * d);
  return tf.tidy(() => {
    if (finite) {
      const mask = tf.tensor2d(m, [1, width]);
      return tf.add(tf.mul(a, mask), tf.mul(b, tf.sub(1, mask))) as tf.Tensor2D;
    }
    const mask = tf.cast(tf.tile(tf.tensor2d(m, [1, width]), [n, 1]), "bool");
    return tf.where(mask, a, b) as tf.Tensor2D;
  });
}

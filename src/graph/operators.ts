/**
 * Graph operators on tensors: the weighted Laplacian product L·X, the adjacency product A·X and edge differences
 * X[src] − X[dst], each linear in the graph size with a linear gradient. Their index tensors are built once per
 * graph and backend and cached; {@link releaseGraph} frees them.
 *
 * L = D − A with A_ij = J_ij, D = diag(Σ_j J_ij). For a field X (N×C), Σ_⟨ij⟩ J_ij ‖X_i − X_j‖² = tr(Xᵀ L X).
 */
import * as tf from "@tensorflow/tfjs";
import { type RowSelection, disposeRowSelection, rowSelection, scatterRows, segmentSum, selectRows } from "../engine/sparse";
import { ArgumentError } from "../errors";
import { colourClasses } from "./coloring";
import { adjacencyCsr, type Graph } from "./graph";
import { canFuseLaplacian, fusedLaplacianProduct } from "../engine/kernels/laplacian";
import { canFuseIncidence, fusedEdgeDifferences, fusedIncidenceTranspose } from "../engine/kernels/incidence";

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
    adjacencyIds: weighted ? keep(tf.tensor1d(Int32Array.from({ length: csr.col.length }, (_, r) => r), "int32")) : null,
    src: rowSelection(graph.src, graph.n),
    dst: rowSelection(graph.dst, graph.n),
    edgeWeight: keep(tf.tensor2d(Float32Array.from(graph.weight), [graph.edgeCount, 1])),
  };
}

/** Free the cached tensors of `graph` on every backend. */
export function releaseGraph(graph: Graph): void {
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

function checkField(where: string, x: tf.Tensor, graph: Graph): asserts x is tf.Tensor2D {
  if (x.rank !== 2 || x.shape[0] !== graph.n) {
    throw new ArgumentError(where, "field", `a 2-D tensor with ${graph.n} rows (one per node)`, x.shape);
  }
}

function adjacencyRaw(x: tf.Tensor2D, graph: Graph, ops: GraphOperators): tf.Tensor2D {
  if (graph.edgeCount === 0) return tf.zerosLike(x);
  if (!ops.adjacencyWeight) return segmentSum(x, ops.adjacencyCol, ops.adjacencyRow, ops.adjacencyTail);
  return tf.tidy(() => {
    const weighted = tf.mul(tf.sparse.sparseSegmentSum(x, ops.adjacencyCol, ops.adjacencyIds!), ops.adjacencyWeight!);
    return segmentSum(weighted as tf.Tensor2D, ops.adjacencyIds!, ops.adjacencyRow, ops.adjacencyTail);
  });
}

/** A·X, [N, C]; A is symmetric, so the gradient is A·dY. Caller disposes. */
export function adjacencyProduct(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/adjacencyProduct", x, graph);
  const ops = operators(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: adjacencyRaw(args[0] as tf.Tensor2D, graph, ops),
    gradFunc: (dy: tf.Tensor) => adjacencyProduct(dy as tf.Tensor2D, graph),
  }));
  return f(x) as tf.Tensor2D;
}

/**
 * L·X = D·X − A·X, [N, C]; L is symmetric, so the gradient is L·dY. Dispatches to the fused kernel
 * `EmtdLaplacianProduct` (engine/kernels/laplacian) when it is registered for the active backend and X is float32,
 * else to {@link laplacianProductReference}. Caller disposes.
 */
export function laplacianProduct(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/laplacianProduct", x, graph);
  if (canFuseLaplacian(x)) return fusedLaplacianProduct(x, graph);
  return laplacianProductReference(x, graph);
}

/** The composite reference of L·X on sparseSegmentSum, differentiable (gradient L·dY). Caller disposes. */
export function laplacianProductReference(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/laplacianProductReference", x, graph);
  const ops = operators(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.tidy(() => {
      const input = args[0] as tf.Tensor2D;
      return tf.sub(tf.mul(input, ops.degree), adjacencyRaw(input, graph, ops)) as tf.Tensor2D;
    }),
    gradFunc: (dy: tf.Tensor) => laplacianProductReference(dy as tf.Tensor2D, graph),
  }));
  return f(x) as tf.Tensor2D;
}

/** X[src_e] − X[dst_e] for every undirected edge e, [E, C], with a linear gradient (the incidence transpose). */
export function edgeDifferences(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/edgeDifferences", x, graph);
  if (graph.edgeCount === 0) return tf.zeros([0, x.shape[1]]);
  if (canFuseIncidence(x)) return fusedEdgeDifferences(x, graph); // engine/kernels/incidence
  return edgeDifferencesReference(x, graph);
}

/** The composite reference of {@link edgeDifferences} on sparseSegmentSum. Caller disposes. */
export function edgeDifferencesReference(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/edgeDifferences", x, graph);
  if (graph.edgeCount === 0) return tf.zeros([0, x.shape[1]]);
  const ops = operators(graph);
  return tf.tidy(() => tf.sub(selectRows(x, ops.src), selectRows(x, ops.dst)) as tf.Tensor2D);
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

/** J_ij per undirected edge, [E, 1] (owned by the graph cache: do not dispose). */
export function edgeWeights(graph: Graph): tf.Tensor2D {
  return operators(graph).edgeWeight;
}

/** Σ over edges e of Y[e] scattered back to both endpoints with signs: the incidence transpose Bᵀ·Y, [N, C]. */
export function incidenceTranspose(y: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  if (y.rank !== 2 || y.shape[0] !== graph.edgeCount) {
    throw new ArgumentError("emtd/graph/incidenceTranspose", "y", `a 2-D tensor with ${graph.edgeCount} rows (one per edge)`, y.shape);
  }
  if (graph.edgeCount > 0 && canFuseIncidence(y)) return fusedIncidenceTranspose(y, graph);
  return incidenceTransposeReference(y, graph);
}

/** The composite reference of {@link incidenceTranspose} on sparseSegmentSum. Caller disposes. */
export function incidenceTransposeReference(y: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  if (graph.edgeCount === 0) return tf.zeros([graph.n, y.shape[1]]);
  const ops = operators(graph);
  return tf.tidy(() => tf.sub(scatterRows(y, ops.src), scatterRows(y, ops.dst)) as tf.Tensor2D);
}

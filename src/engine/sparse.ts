/**
 * Sparse row operations with linear cost on every backend.
 *
 * tfjs's `gather` is ~10× slower than `sparseSegmentSum` on cpu and wasm here, and the gradient of `gather` goes
 * through `unsortedSegmentSum`, which is quadratic on the cpu backend. Both primitives below are therefore built on
 * `sparseSegmentSum` (linear, sorted segments) and carry custom gradients written in the same primitive, so
 * autodiff of a user's term stays linear in the graph size. These are the composite references: where the fused
 * kernels of engine/kernels are registered (cpu, wasm), the ops/ front ends dispatch to them instead.
 */
import * as tf from "@tensorflow/tfjs";

/** A precomputed row selection `out[r] = x[index[r]]` together with its transpose, for the gradient. */
export interface RowSelection {
  readonly rows: number; // rows of the output
  readonly sourceRows: number; // rows of the input
  readonly index: tf.Tensor1D; // int32 [rows]
  readonly outputIds: tf.Tensor1D; // int32 [rows], 0..rows-1
  /** Transpose: for every input row s (sorted), the output rows that read it. */
  readonly transposeIndex: tf.Tensor1D;
  readonly transposeSegments: tf.Tensor1D;
  readonly transposeTail: number; // empty trailing segments to pad
}

/** Build a {@link RowSelection}; the tensors it holds live until {@link disposeRowSelection}. */
export function rowSelection(index: Int32Array, sourceRows: number): RowSelection {
  const rows = index.length;
  // Counting sort of output positions by the input row they read: the transpose in CSR order.
  const counts = new Int32Array(sourceRows + 1);
  for (let r = 0; r < rows; r++) counts[index[r]! + 1]!++;
  for (let s = 0; s < sourceRows; s++) counts[s + 1]! += counts[s]!;
  const order = new Int32Array(rows);
  const segments = new Int32Array(rows);
  const cursor = counts.slice(0, sourceRows);
  for (let r = 0; r < rows; r++) {
    const s = index[r]!;
    const at = cursor[s]!++;
    order[at] = r;
    segments[at] = s;
  }
  const lastSegment = rows === 0 ? -1 : segments[rows - 1]!;
  // kept: a selection may be built lazily inside a caller's tidy, and must outlive it.
  return {
    rows,
    sourceRows,
    index: tf.keep(tf.tensor1d(index, "int32")),
    outputIds: tf.keep(
      tf.tensor1d(
        Int32Array.from({ length: rows }, (_, r) => r),
        "int32",
      ),
    ),
    transposeIndex: tf.keep(tf.tensor1d(order, "int32")),
    transposeSegments: tf.keep(tf.tensor1d(segments, "int32")),
    transposeTail: sourceRows - 1 - lastSegment,
  };
}

/**
 * Disposes the kept index tensors of a {@link rowSelection} (when the graph cache that owns it is dropped). Internal.
 */
export function disposeRowSelection(sel: RowSelection): void {
  tf.dispose([sel.index, sel.outputIds, sel.transposeIndex, sel.transposeSegments]);
}

/** Sum rows of `data` into `segments` (sorted ids), padding empty trailing segments with zeros. */
export function segmentSum(data: tf.Tensor2D, index: tf.Tensor1D, segments: tf.Tensor1D, tail: number): tf.Tensor2D {
  const out = tf.sparse.sparseSegmentSum(data, index, segments) as tf.Tensor2D;
  if (tail <= 0) return out;
  return tf.tidy(() =>
    tf.pad(out, [
      [0, tail],
      [0, 0],
    ]),
  );
}

/** `x[index]` row-wise, `[rows, C]`, with the linear transpose as gradient. Caller disposes the result. */
export function selectRows(x: tf.Tensor2D, sel: RowSelection): tf.Tensor2D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const value = tf.sparse.sparseSegmentSum(args[0] as tf.Tensor2D, sel.index, sel.outputIds) as tf.Tensor2D;
    const gradFunc = (dy: tf.Tensor) => scatterRows(dy as tf.Tensor2D, sel);
    return { value, gradFunc };
  });
  return f(x) as tf.Tensor2D;
}

/** Transpose of {@link selectRows}: `out[s] = Σ_{r: index[r]=s} y[r]`, `[sourceRows, C]`. */
export function scatterRows(y: tf.Tensor2D, sel: RowSelection): tf.Tensor2D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const value = segmentSum(args[0] as tf.Tensor2D, sel.transposeIndex, sel.transposeSegments, sel.transposeTail);
    const gradFunc = (dy: tf.Tensor) => selectRows(dy as tf.Tensor2D, sel);
    return { value, gradFunc };
  });
  return f(y) as tf.Tensor2D;
}

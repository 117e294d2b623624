/** Column windows: a term may act on a block of Ψ's channels (e.g. only the Merkle block). */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError } from "../errors";

/** Half-open column range [start, end); `undefined` means every column. */
export type Columns = readonly [number, number] | undefined;

/**
 * Throws an {@link ArgumentError} from `where` unless `psi` is 2-D [N, C] and `columns` is a window [start, end) with
 * 0 ≤ start < end ≤ C (or `undefined`, every column). Internal: seen through the terms that take `columns`.
 */
export function checkColumns(where: string, psi: tf.Tensor2D, columns: Columns): void {
  if (psi.rank !== 2) throw new ArgumentError(where, "field", "a 2-D tensor [N, C]", psi.shape);
  if (!columns) return;
  const [a, b] = columns;
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b > a && b <= psi.shape[1])) {
    throw new ArgumentError(where, "columns", `a range [start, end) with 0 ≤ start < end ≤ ${psi.shape[1]}`, columns);
  }
}

/** Ψ[:, start:end]. Caller disposes. */
export function select(psi: tf.Tensor2D, columns: Columns): tf.Tensor2D {
  if (!columns) return psi.clone();
  return tf.slice(psi, [0, columns[0]], [-1, columns[1] - columns[0]]);
}

/** The gradient of a block, written back into zeros of Ψ's shape. Caller disposes. */
export function embed(block: tf.Tensor2D, psi: tf.Tensor2D, columns: Columns): tf.Tensor2D {
  if (!columns) return block.clone();
  const after = psi.shape[1] - columns[1];
  return tf.pad(block, [
    [0, 0],
    [columns[0], after],
  ]);
}

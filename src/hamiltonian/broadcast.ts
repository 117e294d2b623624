/**
 * The broadcasting slip caught before a term runs (issue 73 item 4): `tf.mul(edgeWeights(graph), tf.sum(r2, 1))`
 * multiplies an [E, 1] by an [E], which tfjs lines up from the right into [E, E]: E² numbers where E were meant (10⁸
 * on ring:1000:10, seconds per step) and a wrong energy, with no error. The energy is evaluated once on a small field
 * with the engine's kernel record on, and any two-input kernel whose inputs differ in rank and whose output, their
 * broadcast, is larger than both and crosses one length with itself (an axis of length L from each input) is refused:
 * an all-pairs term written on purpose (`[N, 1, C]` minus `[1, N, C]`, inputs of one rank) and a per-node column
 * times a per-channel row (`[N, 1]` with `[C]`, two lengths) pass.
 */
import * as tf from "@tensorflow/tfjs";
import { EmtdError } from "../errors";
import type { Term } from "./term";

/** A term's energy broadcast two tensors of different rank into one larger than both (`op`, `a`, `b`, `output`). */
export class BroadcastError extends EmtdError {
  override name = "BroadcastError";
  constructor(
    readonly term: string,
    readonly op: string,
    readonly a: readonly number[],
    readonly b: readonly number[],
    readonly output: readonly number[],
  ) {
    super(
      `emtd/hamiltonian/checkBroadcasts: the energy of ${JSON.stringify(term)} broadcasts ${op} of [${a.join(", ")}] and [${b.join(", ")}] to [${output.join(", ")}] (${size(output)} numbers from ${size(a)} and ${size(b)}): tensors of different rank line up from the right, so [E, 1] with [E] is [E, E]; give both the same shape (tf.reshape, or keepDims in the sum)`,
    );
  }
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The tfjs op a user wrote for the commonest broadcasting kernels, so the message names what is in their file. */
const OPS: Readonly<Record<string, string>> = {
  Multiply: "tf.mul",
  Add: "tf.add",
  Sub: "tf.sub",
  RealDiv: "tf.div",
  Pow: "tf.pow",
  SquaredDifference: "tf.squaredDifference",
  Maximum: "tf.maximum",
  Minimum: "tf.minimum",
};

/** The kernels one synchronous call runs: name, input shapes and output shapes, from the engine's profile record. */
function kernelsOf(f: () => void): Array<{ name: string; inputShapes: number[][]; outputShapes: number[][] }> {
  const state = tf.engine().state;
  const profile = state.activeProfile;
  const before = { profiling: state.profiling, kernels: profile.kernels };
  const kernels: typeof profile.kernels = [];
  state.profiling = true;
  profile.kernels = kernels;
  try {
    f();
  } finally {
    state.profiling = before.profiling;
    profile.kernels = before.kernels;
    if (before.profiling) before.kernels.push(...kernels); // an enclosing tf.profile still sees them
  }
  return kernels;
}

/**
 * Evaluates `term.energy(psi)` once and throws a {@link BroadcastError} (one line: the operation and both shapes) where
 * a kernel broadcast two inputs of different rank into an output larger than each; returns nothing otherwise.
 * Disposes everything it makes.
 *
 * @example
 * ```ts
 * const slip = defineTerm({ name: "slip", energy: (psi) => tf.sum(tf.mul(tf.ones([8, 1]), tf.sum(psi, 1))) });
 * const psi = tf.ones([8, 2]) as tf.Tensor2D;
 * const refused = (() => { try { checkBroadcasts(slip, psi); return "passed"; } catch (e) { return (e as Error).message; } })();
 * refused; // → "…broadcasts tf.mul of [8, 1] and [8] to [8, 8]…"
 * psi.dispose();
 * ```
 */
export function checkBroadcasts(term: Term, psi: tf.Tensor2D): void {
  const kernels = kernelsOf(() => tf.tidy(() => void term.energy(psi)));
  for (const k of kernels) {
    const [a, b] = k.inputShapes;
    const out = k.outputShapes[0];
    if (k.inputShapes.length !== 2 || !a || !b || !out || a.length === b.length || a.length === 0 || b.length === 0) continue;
    const n = size(out);
    if (n > size(a) && n > size(b) && sameShape(out, broadcastShape(a, b)) && crossed(a, b, out))
      throw new BroadcastError(term.name, OPS[k.name] ?? k.name, a, b, out);
  }
}

/**
 * Whether the broadcast crossed one length with itself: an output axis taken from `a` and another taken from `b` (the
 * other input 1 or absent there) of the same length, the accidental outer product of the slip ([E, 1] with [E] →
 * [E, E]). A per-node column times a per-channel row ([N, 1] with [C] → [N, C]) crosses two different lengths and
 * passes.
 */
function crossed(a: readonly number[], b: readonly number[], out: readonly number[]): boolean {
  const from = (x: readonly number[], i: number) => x[x.length - out.length + i] ?? 1;
  const fromA = new Set<number>();
  const fromB = new Set<number>();
  out.forEach((length, i) => {
    if (length === 1) return;
    if (from(a, i) === length && from(b, i) === 1) fromA.add(length);
    if (from(b, i) === length && from(a, i) === 1) fromB.add(length);
  });
  return [...fromA].some((length) => fromB.has(length));
}

/** NumPy's broadcast of two shapes (from the right), or null where they do not broadcast. */
function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(Math.max(x, y));
  }
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[] | null) =>
  b !== null && a.length === b.length && a.every((x, i) => x === b[i]);

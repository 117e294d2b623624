/**
 * Deferred results on tfjs-wasm, for the forward pass of users' pair terms, Σ_e w_e ‖x_src − x_dst‖²: written in tfjs
 * ops it is the edge differences, Square, Sum over the last axis, Multiply by the weights and Sum to a scalar, passes
 * that each write an [E, 2] or [E, 1] temporary (≈ 2 ms together at E = 5·10⁵ on wasm) that nothing but the next op
 * reads. While {@link withDeferral} runs (engine/kernels/configs/backprop's forward pass), those ops return tensors whose memory
 * is allocated but not yet written, each remembering how to compute itself from real tensors; the Sum to a scalar then
 * reads the field through the edge pairs (and the weights, unless they are ones) once and forms the total in one loop,
 * with the stock kernels' float32 roundings in their order (kernels/simd/pair-chain-wat): the same value bit for bit. That total
 * is deferred too, with any scalar factors after it (the coupling J): the fused backward (kernels/configs/edge-square-kernel), which reads
 * the same field through the same pairs, forms it in its own pass, two dependent chains of float32 operations
 * overlapping in one loop (ring:100000:10, one thread: the Sum's pass ≈ 0.7 ms and the backward's ≈ 0.8 ms alone,
 * ≈ 1.0 ms together), and {@link settleTotal} writes it.
 *
 * Anything else that reads a deferred tensor gets its values: every tfjs-wasm kernel, `readSync` and our kernels
 * find a tensor's memory through the backend's `dataIdMap.get`, which here computes a deferred tensor first. A deferred
 * tensor holds a reference to the tensors it is computed from (the backend's reference count), so disposing them
 * first is safe; disposing a deferred tensor that was never read frees it without computing it. The gradient of the
 * chain does not read the temporaries (backprop's fused `EmtdEdgeSquareGradient` forms the differences from the field,
 * kernels/configs/edge-square-kernel), so in the sampler's step they are never written.
 */
import type { TensorInfo } from "@tensorflow/tfjs";
import { heapSimdFor, type HeapSimd, residentPairs } from "../simd/simd-heap";
import type { GraphPlan } from "../loops/graph-plan";
import { type WasmBackendInternals, wasmInternals } from "../tfjs/private-hooks";

/**
 * The rows a chain reads: a real float32 tensor (`rows`), or the edge differences x_src − x_dst of a real field
 * x [N, 2] under `plan` (`edges`: the differences themselves deferred, formed wherever they are read).
 */
export type Source = { kind: "rows"; d: TensorInfo } | { kind: "edges"; x: TensorInfo; plan: GraphPlan };

/** A chain of values over a source: its squares, the row norms ‖d_r‖² of two channels, or w ⊙ those norms (w real). */
export type Chain =
  | { kind: "square"; src: Source }
  | { kind: "norms"; src: Source; rows: number }
  | { kind: "weighted"; src: Source; w: TensorInfo; rows: number };

/**
 * What a deferred tensor is: the edge differences B·x (`diff`), a chain, or the total of the norms or weighted norms
 * of edge differences, times real one-value tensors `scales` in turn (`total`, a scalar).
 */
export type Deferred = { kind: "diff"; x: TensorInfo; plan: GraphPlan } | Chain | { kind: "total"; of: EdgeTotal; scales: TensorInfo[] };

/** The chains whose total the fused backward can form: norms or weighted norms of the edge differences of a field. */
export type EdgeTotal = Extract<Chain, { kind: "norms" | "weighted" }> & { src: { kind: "edges" } };

/** The parts of tfjs-wasm's backend touched here (./private-hooks). */
type WasmBackendLike = WasmBackendInternals;

const deferred = new WeakMap<object, Deferred>();
const hooked = new WeakSet<object>();
/** > 0 while the backend's own bookkeeping (reference counts, freeing) reads an entry: no values needed then. */
let bookkeeping = 0;
let active = 0;

/**
 * Counts since start-up: tensors deferred, made real because something read them, freed unread, and totals written
 * by the fused backward's pass (tests read them).
 */
export const deferredStats = { deferred: 0, computed: 0, skipped: 0, fused: 0 };
/** The deferred totals not yet written, by data id (few at a time: those of the forward pass in flight). */
const totals = new Set<object>();

let enabled = true;

/** Switch deferral on or off (tests and the benchmark compare both; off, every op computes as it runs). */
export function setDeferral(on: boolean): void {
  enabled = on;
}

/** Run `f` with deferral on (nested calls allowed); outside it the kernels compute as before. */
export function withDeferral<T>(f: () => T): T {
  if (!enabled) return f();
  active++;
  try {
    return f();
  } finally {
    active--;
  }
}

/** The deferred description of a tensor, or undefined when its values are real. */
export function deferredOf(info: TensorInfo): Deferred | undefined {
  return deferred.get(info.dataId);
}

/**
 * The source of a chain that starts at `info`: its own rows when real, the field and plan of deferred edge
 * differences; undefined when it is another deferred tensor.
 */
export function sourceOf(info: TensorInfo): Source | undefined {
  const node = deferred.get(info.dataId);
  if (node === undefined) return { kind: "rows", d: info };
  return node.kind === "diff" ? { kind: "edges", x: node.x, plan: node.plan } : undefined;
}

/** The loops, when deferral is on, the backend is tfjs-wasm's with the heap loops, and every input is real float32. */
export function deferralLoops(backend: unknown, inputs: TensorInfo[]): HeapSimd | null {
  if (active === 0 || inputs.some((t) => t.dtype !== "float32" || deferred.has(t.dataId))) return null;
  return heapSimdFor(backend);
}

/** A tensor of `shape` computed from `node` when first read: its memory allocated now, its inputs held till then. */
export function defer(backend: unknown, shape: number[], node: Deferred): TensorInfo {
  const b = wasmInternals(backend);
  hook(b);
  const info = b.makeOutput(shape, "float32");
  for (const t of inputsOf(node)) b.incRef(t.dataId);
  deferred.set(info.dataId, node);
  if (node.kind === "total") totals.add(info.dataId);
  deferredStats.deferred++;
  return info;
}

/**
 * The scalar Σ of a deferred chain (tfjs's Sum to a scalar), deferred when it is a total the fused backward can form
 * (norms or weighted norms of edge differences), else null (the caller sums now, {@link deferredTotal}).
 */
export function deferTotal(backend: unknown, shape: number[], node: Deferred): TensorInfo | null {
  if ((node.kind !== "norms" && node.kind !== "weighted") || node.src.kind !== "edges") return null;
  return defer(backend, shape, { kind: "total", of: node as EdgeTotal, scales: [] });
}

/**
 * total · c (either order: IEEE products commute) deferred in turn, for a deferred total and a real float32 tensor `c`
 * of the same one-value shape (a scalar factor: the coupling J); else null.
 */
export function deferScaled(backend: unknown, a: TensorInfo, b: TensorInfo): TensorInfo | null {
  if (size(a.shape) !== 1 || a.shape.length !== b.shape.length || size(b.shape) !== 1) return null;
  const [na, nb] = [deferred.get(a.dataId), deferred.get(b.dataId)];
  const [total, c] = na?.kind === "total" && nb === undefined ? [na, b] : nb?.kind === "total" && na === undefined ? [nb, a] : [null, null];
  if (total === null || c === null || deferralLoops(backend, [c]) === null) return null;
  return defer(backend, a.shape.slice(), { kind: "total", of: total.of, scales: [...total.scales, c] });
}

/** The deferred totals over the edge differences of field `x` under `plan`: what the backward of its chain can form. */
export function pendingTotals(x: TensorInfo, plan: GraphPlan): Array<{ dataId: object; of: EdgeTotal }> {
  const found: Array<{ dataId: object; of: EdgeTotal }> = [];
  for (const dataId of totals) {
    const node = deferred.get(dataId);
    if (node?.kind === "total" && node.of.src.x.dataId === x.dataId && node.of.src.plan === plan) found.push({ dataId, of: node.of });
  }
  return found;
}

/** Write the deferred total `dataId` from `sum`, the Σ of its chain formed elsewhere (the fused backward's pass). */
export function settleTotal(backend: unknown, dataId: object, sum: number): void {
  const b = wasmInternals(backend);
  const node = deferred.get(dataId);
  if (node?.kind !== "total") return;
  forget(dataId);
  writeTotal(b, dataId, node, sum);
  deferredStats.fused++;
  release(b, node);
}

function forget(dataId: object): void {
  deferred.delete(dataId);
  totals.delete(dataId);
}

/** A total's value: `sum` times each scale in turn, rounded to float32 as tfjs's Multiply rounds it, at its memory. */
function writeTotal(b: WasmBackendLike, dataId: object, node: Extract<Deferred, { kind: "total" }>, sum: number): void {
  const heap = b.wasm.HEAPU8.buffer;
  const value = (t: TensorInfo) => new Float32Array(heap, b.dataIdMap.get(t.dataId).memoryOffset, 1)[0]!;
  let v = Math.fround(sum);
  for (const c of node.scales) v = Math.fround(v * value(c)); // a product of two floats is exact in a double
  new Float32Array(heap, b.dataIdMap.get(dataId).memoryOffset, 1)[0] = v;
}

/** Σ over every element of a deferred tensor, in element order from +0 in float32 (tfjs-wasm's Sum), without writing it. */
export function deferredTotal(backend: unknown, node: Deferred): number | null {
  const loops = heapSimdFor(backend);
  if (loops === null || node.kind === "diff" || node.kind === "total") return null;
  const b = wasmInternals(backend);
  const src = node.src;
  const pairs = src.kind === "edges" ? residentPairs(b, src.plan) : 0;
  const at = (t: TensorInfo) => b.dataIdMap.get(t.dataId).memoryOffset;
  if (src.kind === "rows") {
    if (node.kind === "square") return loops.squaresSum(size(src.d.shape), at(src.d));
    if (node.kind === "norms") return loops.normsSum2(node.rows, at(src.d));
    return loops.weightedSum2(node.rows, at(src.d), at(node.w));
  }
  const E = src.plan.edgeCount;
  if (node.kind === "square") return loops.squaresSumE2(E, pairs, at(src.x));
  // 1·n = n exactly: with unit weights the norms' sum is the weighted sum, without reading the weights.
  if (node.kind === "norms" || unitWeights(b, node.w)) return loops.normsSumE2(E, pairs, at(src.x));
  return loops.weightedSumE2(E, pairs, at(src.x), at(node.w));
}

const ones = new WeakMap<object, boolean>();

/**
 * True when every value of the real float32 tensor `w` is 1 (a graph without weights: `edgeWeights` gives ones),
 * checked once per tensor: tfjs tensors are immutable, so the answer holds for the tensor's life.
 */
export function unitWeights(backend: unknown, w: TensorInfo): boolean {
  let known = ones.get(w.dataId);
  if (known === undefined) {
    const loops = heapSimdFor(backend);
    const at = wasmInternals(backend).dataIdMap.get(w.dataId).memoryOffset;
    known = loops !== null && w.dtype === "float32" && loops.allOnes(size(w.shape), at) === 1;
    ones.set(w.dataId, known);
  }
  return known;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** The real tensors a source reads. */
export const sourceInputs = (src: Source): TensorInfo[] => [src.kind === "rows" ? src.d : src.x];
/** The real tensors a deferred tensor is computed from. */
export const inputsOf = (node: Deferred): TensorInfo[] =>
  node.kind === "diff"
    ? [node.x]
    : node.kind === "total"
      ? [...inputsOf(node.of), ...node.scales]
      : node.kind === "weighted"
        ? [...sourceInputs(node.src), node.w]
        : sourceInputs(node.src);

/** Write a deferred tensor's values into its memory and let go of its inputs. */
function compute(b: WasmBackendLike, dataId: object, node: Deferred): void {
  forget(dataId); // first: the lookups below find it real
  if (node.kind === "total") {
    writeTotal(b, dataId, node, deferredTotal(b, node.of) ?? sumHere(valuesHere(b, node.of)));
    deferredStats.computed++;
    release(b, node);
    return;
  }
  const loops = heapSimdFor(b);
  const pairs = loops !== null && node.kind !== "diff" && node.src.kind === "edges" ? residentPairs(b, node.src.plan) : 0;
  const at = (t: TensorInfo) => b.dataIdMap.get(t.dataId).memoryOffset;
  const out = b.dataIdMap.get(dataId).memoryOffset;
  if (loops === null)
    computeHere(b, node, out); // the loops switched off since (setSimdEnabled(false))
  else if (node.kind === "diff") loops.diff2(node.plan.edgeCount, residentPairs(b, node.plan), at(node.x), out);
  else if (node.src.kind === "rows") {
    const d = at(node.src.d);
    if (node.kind === "square") loops.square(size(node.src.d.shape), d, d, out);
    else if (node.kind === "norms") loops.norms2(node.rows, d, out);
    else loops.weighted2(node.rows, d, at(node.w), out);
  } else {
    const [E, x] = [node.src.plan.edgeCount, at(node.src.x)];
    if (node.kind === "square") {
      loops.diff2(E, pairs, x, out);
      loops.square(2 * E, out, out, out);
    } else if (node.kind === "norms") loops.normsE2(E, pairs, x, out);
    else loops.weightedE2(E, pairs, x, at(node.w), out);
  }
  deferredStats.computed++;
  release(b, node);
}

/** {@link compute}'s loops in JavaScript (the loops switched off since), each op rounded to float32 as the module rounds it. */
function computeHere(b: WasmBackendLike, node: Exclude<Deferred, { kind: "total" }>, out: number): void {
  const values = valuesHere(b, node);
  new Float32Array(b.wasm.HEAPU8.buffer, out, values.length).set(values);
}

/** A deferred tensor's values in element order, computed in JavaScript. */
function valuesHere(b: WasmBackendLike, node: Exclude<Deferred, { kind: "total" }>): Float32Array {
  const heap = b.wasm.HEAPU8.buffer;
  const view = (t: TensorInfo, n: number) => new Float32Array(heap, b.dataIdMap.get(t.dataId).memoryOffset, n);
  const f = Math.fround;
  // The source's values in element order: d's own, or x_src − x_dst per channel.
  const values = (src: Source, n: number): Float32Array => {
    if (src.kind === "rows") return view(src.d, n);
    const { src: s, dst: t, edgeCount: E } = src.plan;
    const x = view(src.x, 2 * src.plan.n);
    const d = new Float32Array(2 * E);
    for (let e = 0; e < E; e++) for (let c = 0; c < 2; c++) d[2 * e + c] = x[2 * s[e]! + c]! - x[2 * t[e]! + c]!;
    return d;
  };
  if (node.kind === "diff") return values({ kind: "edges", x: node.x, plan: node.plan }, 0);
  if (node.kind === "square") {
    const n = node.src.kind === "rows" ? size(node.src.d.shape) : 2 * node.src.plan.edgeCount;
    const xs = values(node.src, n);
    return xs.map((v) => f(v * v));
  }
  const xs = values(node.src, 2 * node.rows);
  const ws = node.kind === "weighted" ? view(node.w, node.rows) : null;
  const o = new Float32Array(node.rows);
  for (let r = 0; r < node.rows; r++) {
    const n = f(f(0 + f(xs[2 * r]! * xs[2 * r]!)) + f(xs[2 * r + 1]! * xs[2 * r + 1]!));
    o[r] = ws === null ? n : f(ws[r]! * n);
  }
  return o;
}

/** Σ in element order from +0, rounded to float32 at every step (tfjs-wasm's Sum to a scalar). */
function sumHere(values: Float32Array): number {
  let s = 0;
  for (const v of values) s = Math.fround(s + v);
  return s;
}

function release(b: WasmBackendLike, node: Deferred): void {
  for (const t of inputsOf(node)) b.disposeData(t.dataId);
}

/**
 * Route the backend's data lookups through here, once per backend: a lookup of a deferred tensor computes it; the
 * reference-count methods and freeing do not (they read no values); freeing a deferred tensor drops its inputs.
 */
function hook(b: WasmBackendLike): void {
  if (hooked.has(b)) return;
  hooked.add(b);
  const storage = b.dataIdMap;
  const get = storage.get.bind(storage);
  storage.get = (dataId: object) => {
    if (bookkeeping === 0) {
      const node = deferred.get(dataId);
      if (node !== undefined) compute(b, dataId, node);
    }
    return get(dataId);
  };
  const bookkeepingOnly = <A extends unknown[], R>(f: (...args: A) => R) => {
    const bound = f.bind(b) as (...args: A) => R;
    return (...args: A): R => {
      bookkeeping++;
      try {
        return bound(...args);
      } finally {
        bookkeeping--;
      }
    };
  };
  b.incRef = bookkeepingOnly(b.incRef);
  b.refCount = bookkeepingOnly(b.refCount);
  const disposeData = bookkeepingOnly(b.disposeData);
  b.disposeData = (dataId: object, force?: boolean) => {
    const node = deferred.get(dataId);
    const freed = disposeData(dataId, force);
    if (freed && node !== undefined) {
      forget(dataId);
      deferredStats.skipped++;
      release(b, node);
    }
    return freed;
  };
}

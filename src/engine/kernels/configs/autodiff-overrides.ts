/**
 * Faster pieces of tfjs's own autodiff path, behind tfjs's interfaces (the kernel and gradient registries), for
 * the energies users write in plain tfjs ops (a pair term Σ_e w_e f(x_src − x_dst) through `edgeDifferences`).
 * Each replacement handles the cases it is measured to speed up and hands every other case to the stock
 * config saved at install time, with results equal to the stock ones bit for bit.
 *
 * Measured on the wasm backend, E = 5·10⁵ edges, C = 2 (`interactionReference`, one energy-and-gradient call
 * ≈ 25 ms, `npx emtd bench langevin` genericMsPerStep):
 *
 * - Gradient of `Sum`: stock tfjs broadcasts dy back as dy · ones(x.shape): `ones` filled in JavaScript
 *   (2.4–2.7 ms) and a broadcasting multiply [E, 1] × [E, 2] (5.2 ms; tfjs-wasm's broadcast binary ops are
 *   slow). Here: the fused copy `EmtdBroadcast` (kernels/configs/broadcast-kernel) where it is registered for the backend.
 * - Gradient of `Square`: stock mul(dy, mul(cast(x), 2)) is two passes (0.39 + 0.33 ms at 10⁶ floats on wasm);
 *   here the fused `EmtdSquareGradient` (kernels/configs/square-gradient-kernel), one.
 * - wasm `Identity` and same-dtype `Cast`: the tape clones every tensor a gradient saves (`keep(clone(x))`), and
 *   the gradients cast float32 to float32; tfjs-wasm copies the data for both (≈0.3 ms per [E, 2] tensor, five
 *   to seven per call). tfjs tensors are immutable, so here they share the data (a reference count), as the
 *   cpu backend's Identity and tfjs-wasm's own Reshape already do.
 * - wasm `Add`, `Sub`, `Multiply`, `RealDiv` of a column with rows, [R, 1] ∘ [R, C] or [R, C] ∘ [R, 1] (weights
 *   times edge differences, per-edge scales, and the gradients of such products): tfjs-wasm's broadcasting binary
 *   ops take 5–7 ms at R = 5·10⁵, C = 2, against 0.2–0.35 ms for same-shape ones. Here: the SIMD loops of
 *   kernels/simd/simd-heap, ≈ the same-shape cost (IEEE float32 ops, exact-rounded: the same bits).
 * - wasm `Sum` of float32 over a last axis of size 2 (‖x_src − x_dst‖² of two-channel fields): 0.6 ms at R = 5·10⁵;
 *   the SIMD loop of kernels/simd/simd-heap pairs the channels of two rows per step.
 *
 * - wasm `Add`, `Sub`, `Multiply`, `RealDiv` of one value with a tensor (x · J, r − δ, r² + ε: the constants of
 *   users' pair terms) and of two tensors of one shape, `Square`, `Sqrt`, `Neg`, float32: SIMD loops of
 *   kernels/simd/simd-heap, four elements per step (min of 40 alternating calls at 5·10⁵ rows, under load: one value
 *   0.22 → 0.16 ms, Sqrt 0.51 → 0.16 ms (tfjs-wasm's is scalar), Square of [E, 2] 0.38 → 0.32 ms, Add of two [E, 2]
 *   0.39 → 0.32 ms). Each IEEE op rounds once, as in tfjs-wasm: the same bits.
 * - wasm `GatherV2` of rows (`tf.gather(x, indices)`, the naive way to write x_src − x_dst): stock checks every index
 *   in a JavaScript closure and takes 37–70 ms for 5·10⁵ rows of [10⁵, 2]; here a range check and a copy loop in
 *   WebAssembly. Its gradient needs `UnsortedSegmentSum`, which tfjs-wasm lacks: kernels/configs/wasm/segment-sum-wasm supplies it.
 *
 * - Across gradients: energyAndGradient's tf.valueAndGrad (kernels/configs/backprop) differentiates Σ_e w_e ‖x_src − x_dst‖² chains
 *   in one pass (`EmtdEdgeSquareGradient`, kernels/configs/edge-square-kernel) in place of a fill, a product, a broadcast, the Square
 *   gradient and the incidence transpose; removeAutodiffOverrides switches that off too. Measured on ring:100000:10,
 *   d = 2 (one thread, load average ≈ 2): the `ula` step on `interactionReference` 6.9–7.7 → 4.6–4.9 ms, 3.1–3.2×
 *   the fused step in the same process.
 *
 * - Across ops: in the forward pass of energyAndGradient, a pair term's edge differences, Square, the Sum over a last
 *   axis of two and the Multiply by the weights are deferred (kernels/configs/deferred-tensors): allocated but not written; the Sum to a
 *   scalar reads the field through the edge pairs once, with the same float32 roundings in the same order, and the
 *   fused backward forms the differences from the field. A temporary that anything reads is computed first. Measured
 *   on ring:100000:10, d = 2 (one thread, one process, 9 alternating rounds, min; two runs on the shared host):
 *   valueAndGradient 2.69–2.85 → 1.75–2.08 ms, the `ula` step on `interactionReference` 3.96–4.32 → 2.82–3.41 ms.
 *   The total (and its products with scalars) is deferred as well and formed by the fused backward's own loop, which
 *   reads the same pairs: ring:100000:10 on two threads, `emtd bench langevin` genericMsPerStep 4.45–5.03 → 3.87–4.15 ms.
 *
 * Installed by registerFusedKernels (engine/kernels/configs/register, run by `ready()`), removed by
 * unregisterFusedKernels; never at import time.
 */
import * as tf from "@tensorflow/tfjs";
import { wasmInternals } from "../tfjs/private-hooks";
import { BROADCAST } from "./broadcast-kernel";
import { SQUARE_GRADIENT } from "./square-gradient-kernel";
import { hasKernel } from "./dispatch";
import { wasmIO } from "./kernel-io";
import { COLUMN_ROWS_OPS, heapSimdFor } from "../simd/simd-heap";
import { setBackpropFusion } from "./backprop";
import {
  defer,
  deferralLoops,
  deferredOf,
  deferredTotal,
  deferScaled,
  deferTotal,
  inputsOf,
  sourceInputs,
  sourceOf,
} from "./deferred-tensors";

/** The stock configs replaced here (restored by {@link removeAutodiffOverrides}). */
const stockGrad = new Map<string, tf.GradConfig>();
const stockWasm = new Map<string, tf.KernelConfig>();

/** ∂/∂x Σ_axes x = dy broadcast back over the reduced axes: `EmtdBroadcast` where registered, else stock. */
const sumGradConfig: tf.GradConfig = {
  kernelName: "Sum",
  inputsToSave: ["x"], // only for its shape, which the attributes do not give (keepDims = false drops axes)
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const g = dy as tf.Tensor;
    if (!hasKernel(BROADCAST) || g.dtype !== "float32") return stockGrad.get("Sum")!.gradFunc(dy, saved, attrs);
    const expanded = x.shape.slice();
    for (const a of tf.util.parseAxisParam(attrs.axis as number | number[], x.shape)) expanded[a] = 1;
    const derX = tf.tidy(() =>
      tf.engine().runKernel(BROADCAST, { x: tf.reshape(g, expanded) }, { shape: x.shape } as unknown as tf.NamedAttrMap),
    ) as tf.Tensor;
    return { x: () => derX };
  },
};

/** ∂/∂x x² = dy · 2x in one pass: `EmtdSquareGradient` where registered, else stock. */
const squareGradConfig: tf.GradConfig = {
  kernelName: "Square",
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const g = dy as tf.Tensor;
    if (!hasKernel(SQUARE_GRADIENT) || g.dtype !== "float32" || x.dtype !== "float32") {
      return stockGrad.get("Square")!.gradFunc(dy, saved, attrs);
    }
    return { x: () => tf.engine().runKernel(SQUARE_GRADIENT, { dy: g, x }, {}) as tf.Tensor };
  },
};

const GRADIENTS = [sumGradConfig, squareGradConfig];

/** Share x's data (no copy) when the op would copy it unchanged; else the stock wasm kernel. */
function sharingConfig(kernelName: "Identity" | "Cast"): tf.KernelConfig {
  return {
    kernelName,
    backendName: "wasm",
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const dtype = kernelName === "Cast" ? (args.attrs as { dtype: tf.DataType }).dtype : x.dtype;
      if (x.dtype === "string" || dtype !== x.dtype) return stockWasm.get(kernelName)!.kernelFunc(args);
      wasmInternals(args.backend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}

/**
 * The pattern of a column with rows: a and b of equal rank ≥ 2, equal on every axis but the last, where
 * one has 1 and the other C > 1. Returns R (the product of the other axes), C and which input is the column.
 */
export function columnWithRows(a: readonly number[], b: readonly number[]): { rows: number; width: number; column: "a" | "b" } | null {
  const k = a.length;
  if (k < 2 || b.length !== k) return null;
  let rows = 1;
  for (let i = 0; i < k - 1; i++) {
    if (a[i] !== b[i]) return null;
    rows *= a[i]!;
  }
  const [ca, cb] = [a[k - 1]!, b[k - 1]!];
  if (ca === 1 && cb > 1) return { rows, width: cb, column: "a" };
  if (cb === 1 && ca > 1) return { rows, width: ca, column: "b" };
  return null;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Which input is a single value broadcast over the other ("a" or "b"): its size is 1 and its rank at most the
 * other's (so the output has the other's shape), the other having more than one element. Else null.
 */
export function withOneValue(a: readonly number[], b: readonly number[]): "a" | "b" | null {
  const [na, nb] = [size(a), size(b)];
  if (na === 1 && nb > 1 && a.length <= b.length) return "a";
  if (nb === 1 && na > 1 && b.length <= a.length) return "b";
  return null;
}

/**
 * wasm Add/Sub/Multiply/RealDiv in float32 of a column with rows, or of two tensors of one shape, by the SIMD loops;
 * every other case by stock.
 */
function columnRowsConfig(kernelName: keyof typeof COLUMN_ROWS_OPS): tf.KernelConfig {
  const op = COLUMN_ROWS_OPS[kernelName];
  return {
    kernelName,
    backendName: "wasm",
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const floats = a.dtype === "float32" && b.dtype === "float32";
      if (floats && kernelName === "Multiply") {
        const deferred = deferWeighted(args.backend, a, b) ?? deferScaled(args.backend, a, b);
        if (deferred) return deferred;
      }
      if (floats && a.shape.length > 0 && tf.util.arraysEqual(a.shape, b.shape)) {
        const same = heapSimdFor(args.backend);
        if (same) {
          return wasmIO(args.backend).run([a, b], [{ shape: a.shape, dtype: "float32" }], ([av, bv], [ov]) =>
            same[`${op}Same`](ov!.length, av!.byteOffset, bv!.byteOffset, ov!.byteOffset),
          ).outputs[0]!;
        }
      }
      const one = floats ? withOneValue(a.shape, b.shape) : null;
      if (one) {
        const loops = heapSimdFor(args.backend);
        if (loops) {
          const [value, tensor] = one === "a" ? [a, b] : [b, a];
          const name = `${op}Scalar${one === "a" ? "A" : "B"}` as const;
          return wasmIO(args.backend).run([value, tensor], [{ shape: tensor.shape, dtype: "float32" }], ([vv, tv], [ov]) =>
            loops[name](ov!.length, vv![0]!, tv!.byteOffset, ov!.byteOffset),
          ).outputs[0]!;
        }
      }
      const pattern = floats ? columnWithRows(a.shape, b.shape) : null;
      const loops = pattern ? heapSimdFor(args.backend) : null;
      if (!pattern || !loops) return stockWasm.get(kernelName)!.kernelFunc(args);
      const side = pattern.column === "a" ? "A" : "B";
      const [column, rows] = side === "A" ? [a, b] : [b, a];
      const { rows: R, width: C } = pattern;
      return wasmIO(args.backend).run([column, rows], [{ shape: rows.shape, dtype: "float32" }], ([cv, rv], [ov]) => {
        if (C === 2) loops[`${op}${side}2`](R, cv!.byteOffset, rv!.byteOffset, ov!.byteOffset);
        else loops[`${op}${side}N`](R, C, cv!.byteOffset, rv!.byteOffset, ov!.byteOffset);
      }).outputs[0]!;
    },
  };
}

/**
 * w ⊙ n deferred (kernels/configs/deferred-tensors) when one of a, b is deferred row norms and the other a real tensor of the same shape
 * (the weights of a pair term); else null.
 */
function deferWeighted(backend: unknown, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo | null {
  if (!tf.util.arraysEqual(a.shape, b.shape)) return null;
  const [na, nb] = [deferredOf(a), deferredOf(b)];
  const [norms, w] = na?.kind === "norms" && nb === undefined ? [na, b] : nb?.kind === "norms" && na === undefined ? [nb, a] : [null, null];
  if (norms === null || w === null || !deferralLoops(backend, [...sourceInputs(norms.src), w])) return null;
  return defer(backend, a.shape.slice(), { kind: "weighted", src: norms.src, w, rows: norms.rows });
}

/**
 * wasm Sum of float32 over a last axis of size 2 (‖·‖² of two-channel rows) by the SIMD loop; of a deferred tensor
 * (kernels/configs/deferred-tensors) to a scalar by one pass over its real inputs, or over the last axis of deferred squares, deferred in
 * turn; else stock.
 */
const sumConfig: tf.KernelConfig = {
  kernelName: "Sum",
  backendName: "wasm",
  kernelFunc: (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const k = x.shape.length;
    const axes = k > 0 ? tf.util.parseAxisParam(axis, x.shape) : [];
    const pairs = x.dtype === "float32" && axes.length === 1 && axes[0] === k - 1 && x.shape[k - 1] === 2;
    const node = deferredOf(x);
    if (node !== undefined && k > 0 && axes.length === k) {
      const shape = keepDims ? x.shape.map(() => 1) : [];
      // Deferred in turn where the fused backward can form it (kernels/configs/deferred-tensors), else summed now.
      const later = node.kind !== "diff" && deferralLoops(args.backend, inputsOf(node)) ? deferTotal(args.backend, shape, node) : null;
      if (later) return later;
      const total = deferredTotal(args.backend, node);
      if (total !== null) {
        return wasmIO(args.backend).run([], [{ shape, dtype: "float32" }], (_, [ov]) => (ov![0] = total)).outputs[0]!;
      }
    }
    if (node?.kind === "square" && pairs && deferralLoops(args.backend, sourceInputs(node.src))) {
      const rows = x.shape.slice(0, k - 1);
      return defer(args.backend, keepDims ? [...rows, 1] : rows, { kind: "norms", src: node.src, rows: size(rows) });
    }
    const loops = pairs ? heapSimdFor(args.backend) : null;
    if (!loops) return stockWasm.get("Sum")!.kernelFunc(args);
    const rows = x.shape.slice(0, k - 1);
    const R = rows.reduce((a, b) => a * b, 1);
    const shape = keepDims ? [...rows, 1] : rows;
    return wasmIO(args.backend).run([x], [{ shape, dtype: "float32" }], ([xv], [ov]) => loops.sumPairs(R, xv!.byteOffset, ov!.byteOffset))
      .outputs[0]!;
  },
};

/** wasm Sqrt and Neg of float32 by the SIMD loops (four per step; IEEE, as stock); other dtypes by stock. */
function unaryConfig(kernelName: "Sqrt" | "Neg"): tf.KernelConfig {
  const loop = kernelName === "Sqrt" ? "sqrt" : "neg";
  return {
    kernelName,
    backendName: "wasm",
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const loops = x.dtype === "float32" ? heapSimdFor(args.backend) : null;
      if (!loops) return stockWasm.get(kernelName)!.kernelFunc(args);
      return wasmIO(args.backend).run([x], [{ shape: x.shape, dtype: "float32" }], ([xv], [ov]) =>
        loops[loop](ov!.length, 0, xv!.byteOffset, ov!.byteOffset),
      ).outputs[0]!;
    },
  };
}

/** wasm Square of float32 by the SIMD loop (x · x, four per step); other dtypes by stock. */
const squareConfig: tf.KernelConfig = {
  kernelName: "Square",
  backendName: "wasm",
  kernelFunc: (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const src = x.dtype === "float32" ? sourceOf(x) : undefined;
    if (src && deferralLoops(args.backend, sourceInputs(src))) return defer(args.backend, x.shape.slice(), { kind: "square", src });
    const loops = x.dtype === "float32" ? heapSimdFor(args.backend) : null;
    if (!loops) return stockWasm.get("Square")!.kernelFunc(args);
    return wasmIO(args.backend).run([x], [{ shape: x.shape, dtype: "float32" }], ([xv], [ov]) =>
      loops.square(ov!.length, xv!.byteOffset, xv!.byteOffset, ov!.byteOffset),
    ).outputs[0]!;
  },
};

/**
 * wasm GatherV2 of rows (axis 0, no batch axes, int32 indices, float32 or int32 values) by the loop of kernels/simd/simd-heap,
 * after the same range check as stock (an index out of range goes to the stock kernel, which throws its message).
 */
const gatherConfig: tf.KernelConfig = {
  kernelName: "GatherV2",
  backendName: "wasm",
  kernelFunc: (args) => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims?: number };
    const rows =
      x.shape.length >= 1 &&
      (x.dtype === "float32" || x.dtype === "int32") &&
      indices.dtype === "int32" &&
      (batchDims ?? 0) === 0 &&
      tf.util.parseAxisParam(axis, x.shape)[0] === 0;
    const loops = rows ? heapSimdFor(args.backend) : null;
    const stock = () => stockWasm.get("GatherV2")!.kernelFunc(args);
    if (!loops) return stock();
    const io = wasmIO(args.backend);
    const n = size(indices.shape);
    if (!io.run([indices], [], ([iv]) => loops.inRange(n, iv!.byteOffset, x.shape[0]!)).result) return stock();
    const shape = [...indices.shape, ...x.shape.slice(1)];
    return io.run([x, indices], [{ shape, dtype: x.dtype }], ([xv, iv], [ov]) =>
      loops.gatherRows(n, size(x.shape.slice(1)), iv!.byteOffset, xv!.byteOffset, ov!.byteOffset),
    ).outputs[0]!;
  },
};

const WASM_OVERRIDES = [
  sharingConfig("Identity"),
  sharingConfig("Cast"),
  ...(Object.keys(COLUMN_ROWS_OPS) as Array<keyof typeof COLUMN_ROWS_OPS>).map(columnRowsConfig),
  sumConfig,
  gatherConfig,
  squareConfig,
  unaryConfig("Sqrt"),
  unaryConfig("Neg"),
];

/** Install the replacements (idempotent; wasm ones once tfjs-backend-wasm has registered its kernels). */
export function installAutodiffOverrides(): void {
  setBackpropFusion(true);
  for (const config of GRADIENTS) {
    const current = tf.getGradient(config.kernelName);
    if (!current || current === config) continue;
    stockGrad.set(config.kernelName, current);
    tf.registerGradient(config); // overrides the registry entry (silent outside tfjs's DEBUG mode)
  }
  for (const config of WASM_OVERRIDES) {
    const current = tf.getKernel(config.kernelName, "wasm");
    if (!current || current.kernelFunc === config.kernelFunc) continue;
    stockWasm.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, "wasm");
    // The stock setup (tfjs-wasm binds its C++ function there) runs when the backend starts: keep it.
    tf.registerKernel({ ...config, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
  }
}

/** Put the stock configs back (tests compare both). */
export function removeAutodiffOverrides(): void {
  setBackpropFusion(false);
  for (const config of GRADIENTS) {
    const stock = stockGrad.get(config.kernelName);
    if (stock && tf.getGradient(config.kernelName) === config) tf.registerGradient(stock);
  }
  for (const config of WASM_OVERRIDES) {
    const stock = stockWasm.get(config.kernelName);
    if (!stock || tf.getKernel(config.kernelName, "wasm")?.kernelFunc !== config.kernelFunc) continue;
    tf.unregisterKernel(config.kernelName, "wasm");
    tf.registerKernel(stock);
  }
}

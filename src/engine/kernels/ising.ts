/**
 * Fused kernel `EmtdIsingSweep`: colour-parallel (checkerboard) Metropolis sweeps of the 2D Ising model,
 * H = −J Σ_⟨ij⟩ s_i s_j with J = 1, k_B = 1, on an L×L periodic lattice (L even, so the checkerboard is a proper
 * 2-colouring). One sweep updates colour 0 ((r + c) even) then colour 1; each site proposes s → −s and accepts when
 * u < min(1, e^{−βΔE}), ΔE = 2 s Σ_nb s'. Spins are float32 ±1 (tfjs has no int8).
 *
 * Randomness: sweep t uses key fold(key, t); row r of colour c draws one uniform per site of that colour, in
 * column order, from the stream (fold(key, t), c·L + r) (engine/fastrandom). Spins enter and leave as float32
 * ±1 (other values are not spins: the result is then undefined) and are int8 inside the kernel. {@link isingUniforms} returns the same
 * numbers, so the composite reference (ops/ising-sweep, `isingSweepsReference`) reproduces the kernel exactly.
 *
 * Outputs: the new spins [L, L] and the number of accepted flips (float32 scalar). Not differentiable (discrete).
 */
import * as tf from "@tensorflow/tfjs";
import { fold, type Key } from "../random";
import { PURPOSE_UNIFORM, Xoshiro128 } from "../fastrandom";
import { hasKernel, runKernel } from "./dispatch";
import { isingColourRows, isingThresholds, padSpins, refreshGhosts, unpadSpins } from "./impl";
import type { KernelIO } from "./io";
import { parallelIsingColour, parallelThreshold, threadCount } from "./pool";
import { simdIsingSweeps, simdReady } from "./simd";

export const ISING_SWEEP = "EmtdIsingSweep";

export interface IsingAttrs {
  beta: number;
  sweeps: number;
  key0: number;
  key1: number;
}

/**
 * The padded int8 lattice behind each output of this kernel, keyed by the output's dataId. tfjs tensors are
 * immutable, so when the next call's input is that output, its lattice is exactly the input's content and the
 * float32 → int8 conversion is skipped. The entry is consumed (deleted) by the call that reuses it, so a lattice is
 * never shared by two tensors; disposed tensors' entries go with their dataId (WeakMap). The lattices live on
 * SharedArrayBuffers so that worker threads can update their rows (pool.parallelIsingColour).
 */
const lattices = new WeakMap<object, Int8Array>();

function latticeFor(input: tf.TensorInfo, values: Float32Array, L: number): Int8Array {
  const cached = lattices.get(input.dataId);
  if (cached && cached.length === (L + 2) * (L + 2)) {
    lattices.delete(input.dataId);
    return cached;
  }
  const padded = new Int8Array(new SharedArrayBuffer((L + 2) * (L + 2)));
  padSpins(values, L, padded);
  return padded;
}

export function isingKernel(io: KernelIO, inputs: { spins: tf.TensorInfo }, attrs: IsingAttrs): tf.TensorInfo[] {
  const { spins } = inputs;
  const L = spins.shape[0]!;
  const threshold = isingThresholds(attrs.beta);
  const key: Key = [attrs.key0, attrs.key1];
  let padded: Int8Array | null = null;
  const { outputs } = io.run([spins], [{ shape: spins.shape, dtype: "float32" }, { shape: [], dtype: "float32" }], ([input], [out, flips]) => {
    // int8 with a ghost frame inside: a quarter of the memory traffic, integer arithmetic, no wrap branches.
    const lattice = latticeFor(spins, input as Float32Array, L);
    let count = 0;
    if (simdReady() && (threadCount() <= 1 || L * L < parallelThreshold())) {
      // The WebAssembly loop (simd.ts): same draws, same decisions.
      count = simdIsingSweeps(lattice, L, threshold, attrs.sweeps, (t) => fold(key, t), refreshGhosts);
    } else for (let t = 0; t < attrs.sweeps; t++) {
      const k = fold(key, t);
      for (let colour = 0; colour < 2; colour++) {
        count += parallelIsingColour(lattice, L, colour, attrs.beta, k, (r0, r1) => isingColourRows(lattice, L, colour, threshold, k, r0, r1));
        refreshGhosts(lattice, L);
      }
    }
    unpadSpins(lattice, L, out as Float32Array);
    flips![0] = count;
    padded = lattice;
  });
  lattices.set(outputs[0]!.dataId, padded!);
  return outputs;
}

/** The uniforms the sweep draws for `colour` under key k (zero on the other colour), [L, L]. */
export function isingUniforms(k: Key, L: number, colour: number): Float32Array {
  const u = new Float32Array(L * L);
  for (let r = 0; r < L; r++) {
    const stream = new Xoshiro128(k, colour * L + r, PURPOSE_UNIFORM);
    for (let c = (r + colour) & 1; c < L; c += 2) u[r * L + c] = stream.uniform();
  }
  return u;
}

/** True when the fused Ising sweep can run on the active backend for these spins. */
export function canFuseIsing(spins: tf.Tensor): boolean {
  return spins.dtype === "float32" && hasKernel(ISING_SWEEP);
}

/**
 * `sweeps` checkerboard sweeps at inverse temperature `beta` through the fused kernel (it must be registered):
 * spins [L, L] float32 ±1, L even (the front end ops/ising-sweep validates). Returns the new spins (caller
 * disposes) and the accepted flips.
 */
export function fusedIsingSweeps(spins: tf.Tensor2D, beta: number, sweeps: number, key: Key): { spins: tf.Tensor2D; flips: number } {
  const [out, flips] = runKernel(ISING_SWEEP, { spins }, { beta, sweeps, key0: key[0], key1: key[1] }) as tf.Tensor[];
  const count = flips!.dataSync()[0]!;
  flips!.dispose();
  return { spins: out as tf.Tensor2D, flips: count };
}

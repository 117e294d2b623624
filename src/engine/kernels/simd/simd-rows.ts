/**
 * L·X, the interaction's energy and gradient, and the Ising checkerboard in the SIMD module (simd.ts) on every thread
 * of kernels/threads/pool: the calling thread lays the shared memory out (the resident plan and X, or the lattice) and each
 * thread runs its share of whole rows there ({@link runShares}); the calling thread copies the result out.
 *
 * Same numbers whatever the thread count: rows of L·X are independent, and so are the rows of one Ising colour
 * (each reads only the other colour's sites and draws from its own stream (key, c·L + r)); the colours run one after
 * the other, the ghost frame refreshed between them. The interaction's energy Σ_a x_a·(∇H)_a / 2 is summed per noise
 * block of rows (NOISE_BLOCK_ROWS rows: element order from 0 within the block, in the module) and the blocks'
 * partials are added in block order on the calling thread, on one thread as on several: shares of whole blocks
 * (planCuts) give the same energy bit for bit.
 */
import { NOISE_BLOCK_ROWS, PURPOSE_UNIFORM, PhiloxStream } from "../../fastrandom";
import type { Key } from "../../random";
import { RING_UNROLLED_MAX } from "./langevin-wat";
import type { GraphPlan } from "../loops/graph-plan";
import { parallelThreshold, planCuts, runShares, threadCount } from "../threads/pool";
import { jobKind } from "../threads/worker-jobs";
import { residentField, residentLayout, ringHalfWidth, ringStencilOn, simdExports, simdScratch } from "./simd-module";
import { residentSteps } from "./simd-langevin";

/** L·X in the SIMD module ({@link laplacianShare}). */
export const JOB_SIMD_LAPLACIAN = jobKind(30, "laplacian (SIMD)");
/** The interaction's gradient and energy partials in the SIMD module ({@link interactionShare}). */
export const JOB_SIMD_INTERACTION = jobKind(31, "interaction (SIMD)");
/** One colour of the Ising checkerboard in the SIMD module ({@link isingShare}). */
export const JOB_SIMD_ISING = jobKind(32, "ising (SIMD)");
/** One pass of the consensus error over a field kept in the SIMD module ({@link consensusShare}; configs/consensus-kernel). */
export const JOB_SIMD_CONSENSUS = jobKind(33, "consensus error (SIMD)");

/**
 * X copied into the resident layout of `plan`; returns what every share of L·X reads: [n, h, rowPtr, col, deg, x,
 * out, scale] (h: the ring's half-width for the interior rows' stencil, or 0 for CSR sums; offsets in the memory).
 */
function laplacianArgs(plan: GraphPlan, x: Float32Array, scale: number): number[] {
  const l = residentLayout(plan);
  const n = plan.n;
  new Float32Array(simdExports().memory.buffer, l.x, 2 * n).set(x.subarray(0, 2 * n));
  const h = ringStencilOn() ? ringHalfWidth(plan) : 0;
  return [n, h, l.rowPtr, l.col, l.deg, l.x, l.out, scale];
}

/**
 * {@link laplacianArgs} for the interaction, which leaves a field the fused step keeps in the module where it is: when
 * `input` (x's tfjs dataId) is the layout's holder, the pass reads the `out` region and writes ∇H into the free `x`
 * region, and the holder stays (the next fused step still finds its input there); else x is copied in as usual.
 */
function interactionArgs(plan: GraphPlan, x: Float32Array, scale: number, input: object | null): number[] {
  const l = residentField(plan);
  if (input === null || l.holder !== input) return laplacianArgs(plan, x, scale);
  residentSteps.read++;
  const h = ringStencilOn() ? ringHalfWidth(plan) : 0;
  return [plan.n, h, l.rowPtr, l.col, l.deg, l.out, l.x, scale];
}

/** The module's pass for half-width h: CSR sums (0), or the ring's stencil, unrolled up to RING_UNROLLED_MAX. */
function passName(prefix: "lap" | "int2" | "en2", h: number): string {
  return h === 0 ? `${prefix}csr` : h <= RING_UNROLLED_MAX ? `${prefix}ring${h}` : `${prefix}ring`;
}

/** Rows [r0, r1) of {@link simdLaplacian2} on this thread; `args` as laplacianArgs. Returns 0 (no energy). */
export function laplacianShare(args: ArrayLike<number>, r0: number, r1: number): number {
  const ex = simdExports();
  const pass = ex[passName("lap", args[1]!) as `lapcsr`];
  pass(r0, r1, args[0]!, args[1]!, args[2]!, args[3]!, args[4]!, args[5]!, args[6]!, args[7]!);
  return 0;
}

/**
 * Rows [r0, r1) of {@link simdInteraction2} on this thread: the gradient rows (unless args[9] is 1, the energy alone)
 * and the energy partials of their noise blocks (at args[8]). Returns 0 (the partials are added on the calling thread).
 */
export function interactionShare(args: ArrayLike<number>, r0: number, r1: number): number {
  const ex = simdExports();
  const pass = ex[passName(args[9] === 1 ? "en2" : "int2", args[1]!) as `int2csr`];
  pass(r0, r1, args[0]!, args[1]!, args[2]!, args[3]!, args[4]!, args[5]!, args[6]!, args[7]!, args[8]!, 0); // one call per share
  return 0;
}

/**
 * out = scale · L x for a unit-weight plan and x [N, 2] (see simd.simdApplies), split over the threads by planCuts
 * (one share below the pool's size threshold): the same numbers as impl.laplacianRows.
 */
export function simdLaplacian2(plan: GraphPlan, x: Float32Array, out: Float32Array, scale: number): void {
  const args = laplacianArgs(plan, x, scale);
  runShares(JOB_SIMD_LAPLACIAN, planCuts(plan), args, (r0, r1) => laplacianShare(args, r0, r1));
  out.set(new Float32Array(simdExports().memory.buffer, args[6]!, 2 * plan.n));
}

/**
 * The interaction J tr(Xᵀ L X) of a unit-weight plan and x [N, 2]: writes ∇H = 2J L x into `gradient` and returns H
 * (in double) = Σ_a x_a·∇H_a / 2, summed per noise block of rows then over the blocks in order (module comment).
 * The gradient equals impl.interactionRows'; the energy agrees with its one sequential sum to rounding. With
 * `gradient` null, H alone: the same number, without storing ∇H or copying it out. `input`: x's tfjs dataId, so
 * that a field the fused step keeps in the module is read there ({@link interactionArgs}).
 */
export function simdInteraction2(
  plan: GraphPlan,
  x: Float32Array,
  gradient: Float32Array | null,
  coupling: number,
  input: object | null = null,
): number {
  const args = interactionArgs(plan, x, 2 * coupling, input);
  const blocks = Math.ceil(plan.n / NOISE_BLOCK_ROWS);
  // Within the slack simd.simdApplies budgets beyond the resident layout (4 MiB ≫ 8 bytes per 1024 rows).
  const partials = simdScratch(8 * Math.max(blocks, 1))!.at;
  args.push(partials, gradient === null ? 1 : 0);
  runShares(JOB_SIMD_INTERACTION, planCuts(plan), args, (r0, r1) => interactionShare(args, r0, r1));
  const buffer = simdExports().memory.buffer;
  gradient?.set(new Float32Array(buffer, args[6]!, 2 * plan.n));
  return blockSum(new Float64Array(buffer, partials, blocks)) / 2;
}

/** Σ of the blocks' partials in block order: the interaction's energy order on every path (interaction.ts too). */
export function blockSum(partials: ArrayLike<number>): number {
  let sum = 0;
  for (let b = 0; b < partials.length; b++) sum += partials[b]!;
  return sum;
}

/**
 * One colour's rows [r0, r1) of the Ising checkerboard on this thread: their streams (key, colour·L + r: engine/fastrandom PhiloxStream) set into
 * the states at args[4], then the module's pass. `args`: [L, colour, lattice, thresholds, states, key0, key1]
 * (offsets in the memory). Returns the flips.
 */
export function isingShare(args: ArrayLike<number>, r0: number, r1: number): number {
  const ex = simdExports();
  const [L, colour, lat, thr, states] = [args[0]!, args[1]!, args[2]!, args[3]!, args[4]!];
  const key: Key = [args[5]!, args[6]!];
  const seeds = new Int32Array(ex.memory.buffer, states, 4 * L);
  for (let r = r0; r < r1; r++) {
    new PhiloxStream(key, colour * L + r, PURPOSE_UNIFORM).save(seeds, 4 * r);
  }
  return ex.ising(r0, r1, L, colour, lat, thr, states);
}

/**
 * `sweeps` checkerboard sweeps (colour 0 then 1) on a padded int8 lattice, in the module's memory: the same draws
 * and decisions as impl.isingColourRows (row r of colour c uses the stream (keyOf(t), c·L + r)). Each colour's rows
 * are split over the threads (L² past the pool's size threshold), `refresh` runs between colours on the calling
 * thread. The lattice is copied in and back (it must not be the module's memory), after the resident plan's region.
 * Returns the flips, or null when the memory cannot grow to hold the lattice (the caller takes the JavaScript loop).
 * With `observables`, also writes [H, M] of the final lattice there (as impl.isingObservables, in SIMD).
 */
export function simdIsingSweeps(
  lattice: Int8Array,
  L: number,
  threshold: Int32Array,
  sweeps: number,
  keyOf: (t: number) => Key,
  refresh: (padded: Int8Array, L: number) => void,
  observables?: Int32Array,
): number | null {
  const cells = (L + 2) * (L + 2);
  const thrAt = Math.ceil(cells / 16) * 16;
  const statesAt = thrAt + 64;
  const obsAt = statesAt + 16 * L;
  const scratch = simdScratch(obsAt + 16);
  if (!scratch) return null;
  const { ex, at } = scratch;
  const [lat, thr, states, obs] = [at, at + thrAt, at + statesAt, at + obsAt];
  const buffer = ex.memory.buffer;
  const view = new Int8Array(buffer, lat, cells);
  view.set(lattice);
  new Int32Array(buffer, thr, 9).set(threshold);
  const cuts = isingCuts(L);
  let flips = 0;
  for (let t = 0; t < sweeps; t++) {
    const k = keyOf(t);
    for (let colour = 0; colour < 2; colour++) {
      const args = [L, colour, lat, thr, states, k[0], k[1]];
      flips += runShares(JOB_SIMD_ISING, cuts, args, (r0, r1) => isingShare(args, r0, r1));
      refresh(view, L);
    }
  }
  if (observables) {
    ex.isingObs(L, lat, obs);
    observables.set(new Int32Array(buffer, obs, 2));
  }
  lattice.set(view);
  return flips;
}

/** Row split points [0, …, L] of a colour over the threads (any split gives the same numbers), [0, L] below the threshold. */
function isingCuts(L: number): number[] {
  const threads = Math.min(threadCount(), L);
  if (threads <= 1 || L * L < parallelThreshold()) return [0, L];
  return Array.from({ length: threads + 1 }, (_, w) => Math.round((L * w) / threads));
}

/**
 * Rows [r0, r1) of one pass of the consensus error on this thread (configs/consensus-kernel's shared path, every
 * thread a share); `args`: [squares, x, m0, m1, partials] (offsets in the shared memory).
 */
export function consensusShare(args: ArrayLike<number>, r0: number, r1: number): number {
  const ex = simdExports();
  (args[0] === 1 ? ex.consensusSquares2 : ex.consensusSums2)(r0, r1, args[1]!, args[2]!, args[3]!, args[4]!);
  return 0;
}

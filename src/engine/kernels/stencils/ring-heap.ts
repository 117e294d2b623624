/**
 * The calling thread's share of the ring's chunked fused step (kernels/stencils/ring-stencil) run inside tfjs-wasm's memory, where the
 * field and its update are the tensors' own values: the window is widened to f64x2 straight from the input tensor and
 * the result written straight into the output tensor, with no copy in and no copy out. simd-heap's module assembles
 * the same functions as kernels/simd/simd-module's (langevin-wat's RING_STEP_WAT); their scratch (the fused step's, the widened window,
 * one wrapping row's CSR) lies on the heap, allocated once with tfjs-wasm's malloc and reused.
 *
 * Why: on ring:10⁷:10 the two copies were ≈ 20 % of a one-thread step (profile: the window in 9.6 %, the result out
 * 10.4 %). The workers cannot reach that memory (it is not shared): their shares stay in kernels/simd/simd-module's module with the
 * staged field. Same passes on the same values in the same order: bit-identical to ring.ringLangevinRows.
 */
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import type { GraphPlan } from "../loops/graph-plan";
import type { FusedModule } from "../simd/simd-langevin";
import { ringChunkRowsNow, ringLangevinRows, ringStencilWidth, type StencilRows, stencilLayout, widens } from "./ring-stencil";
import { directLangevinRows } from "./ring-direct";
import { heapAllocator, heapMemoryOf, heapSimdFor } from "../simd/simd-heap";

/** Calling-thread shares run on the heap (`heap`) or, their arrays not on it, by ring.ringLangevinRows (`fallback`); tests read them. */
export const heapStencilStats = { heap: 0, fallback: 0 };

/** The heap scratch in use: one block per tfjs-wasm module, grown when a larger one is asked for. */
let scratch: { module: object; ptr: number; bytes: number } | null = null;

/** A 16-byte aligned block of `bytes` on the backend's heap (reused while large enough; may grow the heap). */
function heapScratch(backend: unknown, bytes: number): number {
  const module = heapAllocator(backend);
  if (scratch === null || scratch.module !== module || scratch.bytes < bytes) {
    if (scratch !== null && scratch.module === module) module._free(scratch.ptr);
    scratch = { module, ptr: module._malloc(bytes + 15) >>> 0, bytes };
  }
  return (scratch.ptr + 15) & ~15;
}

/** The heap module's loops with its memory, as fusedBlocks takes them (one object per memory). */
const modules = new WeakMap<object, FusedModule>();

/**
 * The calling thread's rows of the ring's fused step on the tfjs-wasm backend `backend`, or null where they do not
 * apply (not a ring the chunked stencil takes at a widened half-width, or the heap module unavailable): then the
 * caller keeps ring.ringLangevinRows. Allocates its scratch now, so call it before the kernel takes its views of the
 * heap (an allocation may grow the heap and detach them). A call whose arrays are not views of that heap (or whose
 * chunk is larger than the scratch) runs ring.ringLangevinRows instead.
 */
export function heapRingRows(backend: unknown, plan: GraphPlan): StencilRows | null {
  const h = ringStencilWidth(plan, 2);
  const loops = heapSimdFor(backend);
  const memory = heapMemoryOf(backend);
  if (h === 0 || !widens(h) || loops === null || memory === undefined) return null;
  let ex = modules.get(memory);
  if (ex === undefined) modules.set(memory, (ex = { ...(loops as object), memory } as unknown as FusedModule));
  const rowsHeld = Math.min(ringChunkRowsNow(), Math.ceil(plan.n / NOISE_BLOCK_ROWS) * NOISE_BLOCK_ROWS);
  const lay = stencilLayout(rowsHeld, h, 2 * h, true);
  const at = heapScratch(backend, lay.bytes);
  const module = ex;
  return (n, margin, x, out, drift, sigma, key, rowStart, rowEnd, simdAt, rowsMax) => {
    const onHeap = x.buffer === memory.buffer && out.buffer === memory.buffer && x.byteOffset % 8 === 0;
    if (!onHeap || rowsMax > rowsHeld || margin !== h) {
      heapStencilStats.fallback++;
      ringLangevinRows(n, margin, x, out, drift, sigma, key, rowStart, rowEnd, simdAt, rowsMax);
      return;
    }
    heapStencilStats.heap++;
    directLangevinRows(module, n, h, x, out, drift, sigma, key, rowStart, rowEnd, at, rowsHeld);
  };
}

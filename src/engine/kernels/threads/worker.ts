/**
 * The worker side of pool.ts: waits on its job word, drains setup messages (plans, staging buffers) synchronously,
 * runs its row range of the kernel on the shared arrays, publishes the energy share and the done word.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { isingColourRows, isingThresholds, langevinRows, laplacianRows } from "../loops/row-loops";
import type { GraphPlan } from "../loops/graph-plan";
import { adoptSimd, simdExports, type WasmModule } from "../simd/simd-module";
import { FUSED_SCRATCH, fusedRows } from "../simd/simd-langevin";
import { ringLangevinRows, ringLaplacianRows, type StencilRows, widens } from "../stencils/ring-stencil";
import { directLangevinRows } from "../stencils/ring-direct";
import { torusLangevinRows, torusLaplacianRows } from "../stencils/torus-stencil";
import { noisyRows } from "../simd/simd-noisy-descent";
import { interactionShare, isingShare, laplacianShare } from "../simd/simd-rows";
import { consensusShare } from "../configs/consensus-kernel";
import {
  JOB_FUSED,
  JOB_RING,
  JOB_TORUS,
  JOB_RING_LAPLACIAN,
  JOB_TORUS_LAPLACIAN,
  JOB_NOISY,
  JOB_SIMD_INTERACTION,
  JOB_SIMD_CONSENSUS,
  JOB_SIMD_ISING,
  JOB_SIMD_LAPLACIAN,
  P_ARGS,
  P_SHARE,
  JOB_ISING,
  JOB_LANGEVIN,
  JOB_LAPLACIAN,
  P_A,
  P_B,
  P_CHANNELS,
  P_KEY0,
  P_KEY1,
  P_KIND,
  P_PLAN,
  P_RESULT,
  P_ROW_END,
  P_ROW_START,
  P_SLOTS,
  CONTROL_BYTES,
} from "./pool";

type SimdShared = Parameters<typeof adoptSimd>[0] & { module: WasmModule };
const { shared, port, simd } = workerData as { shared: SharedArrayBuffer; port: MessagePort; simd: SimdShared | null };
if (simd) adoptSimd(simd);
const control = new Int32Array(shared, 0, CONTROL_BYTES / 4);
const params = new Float64Array(shared, CONTROL_BYTES, P_SLOTS);
const plans = new Map<number, GraphPlan>();
let x = new Float32Array(0);
let out = new Float32Array(0);
let g = new Float32Array(0);
let scratch = new Float32Array(0);
/** x and out are views of the SIMD module's memory (pool.Staging.inModule): the ring's step reads and writes them there. */
let stagedInModule = false;
let lattice = new Int8Array(0);
let thresholdBeta = Number.NaN;
let threshold = new Int32Array(9);

function drain(): void {
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (!m) return;
    const msg = m.message as {
      type: string;
      id?: number;
      plan?: GraphPlan;
      x?: Float32Array;
      g?: Float32Array | null;
      out?: Float32Array;
      padded?: Int8Array;
      simd?: SimdShared;
      inModule?: boolean;
    };
    if (msg.type === "plan") plans.set(msg.id!, msg.plan!);
    else if (msg.type === "simd") adoptSimd(msg.simd!);
    else if (msg.type === "lattice") lattice = msg.padded!;
    else if (msg.type === "staging") {
      x = msg.x!;
      g = msg.g ?? g;
      out = msg.out!;
      stagedInModule = msg.inModule === true;
    }
  }
}

/** The ring's fused step on the staged field in the module's memory (kernels/stencils/ring-direct): no window copied in, no result out. */
const moduleRingRows: StencilRows = (n, h, xs, os, drift, sigma, key, r0, r1, at, rowsMax) =>
  directLangevinRows(simdExports(), n, h, xs, os, drift, sigma, key, r0, r1, at, rowsMax, reportRows);

/** Rows [r0, done) of the share are written: the calling thread may copy them out while the rest runs (pool.shareProgress). */
function reportRows(done: number): void {
  Atomics.store(control, 2, done);
  Atomics.notify(control, 2);
}

/** Fault injection for the watchdog's tests (EMTD_WORKER_FAULT=stall|crash): never report done, or die. */
const FAULT = process.env.EMTD_WORKER_FAULT;

let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  drain();
  const plan = plans.get(params[P_PLAN]!)!; // undefined for Ising jobs
  const channels = params[P_CHANNELS]!;
  const r0 = params[P_ROW_START]!;
  const r1 = params[P_ROW_END]!;
  let energy = 0;
  const arg = (k: number) => params[P_ARGS + k]!;
  switch (params[P_KIND]) {
    case JOB_FUSED: {
      // args: n, h, rowPtr, col, deg, x, out, scratch, drift, sigma, key0, key1 (fused.simdLangevin2)
      const rows = { n: arg(0), h: arg(1), rowPtr: arg(2), col: arg(3), deg: arg(4), x: arg(5), out: arg(6) };
      fusedRows(rows, arg(7) + FUSED_SCRATCH * params[P_SHARE]!, r0, r1, arg(8), arg(9), [arg(10), arg(11)]);
      break;
    }
    case JOB_NOISY:
      // args: channels, h, sigma, key0, key1, scratch, bytes per share, chunk rows (noisy.simdNoisyDescentChunked)
      noisyRows(x, g, out, arg(0), arg(1), arg(2), [arg(3), arg(4)], r0, r1, arg(5) + arg(6) * params[P_SHARE]!, arg(7));
      break;
    case JOB_RING:
    case JOB_TORUS:
    case JOB_RING_LAPLACIAN:
    case JOB_TORUS_LAPLACIAN: {
      // args: n, h or L, scratch, bytes per share, chunk rows, drift or scale, sigma, key0, key1 (ring.stencilShares)
      const kind = params[P_KIND];
      const run =
        kind === JOB_RING
          ? stagedInModule && widens(arg(1))
            ? moduleRingRows
            : ringLangevinRows
          : kind === JOB_TORUS
            ? torusLangevinRows
            : kind === JOB_TORUS_LAPLACIAN
              ? torusLaplacianRows
              : ringLaplacianRows;
      const at = arg(2) + arg(3) * params[P_SHARE]!;
      run(arg(0), arg(1), x, out, arg(5), arg(6), [arg(7), arg(8)], r0, r1, at, arg(4));
      break;
    }
    case JOB_SIMD_CONSENSUS:
      consensusShare(params.subarray(P_ARGS), r0, r1);
      break;
    case JOB_SIMD_LAPLACIAN:
    case JOB_SIMD_INTERACTION:
    case JOB_SIMD_ISING: {
      // args: simd-rows' laplacianArgs (+ the partials' offset), or the Ising colour's [L, colour, offsets, key]
      const kind = params[P_KIND];
      const run = kind === JOB_SIMD_LAPLACIAN ? laplacianShare : kind === JOB_SIMD_INTERACTION ? interactionShare : isingShare;
      energy = run(params.subarray(P_ARGS), r0, r1);
      break;
    }
    case JOB_LAPLACIAN:
      laplacianRows(plan, x, channels, out, r0, r1, params[P_A]!);
      break;
    case JOB_LANGEVIN:
      if (scratch.length < NOISE_BLOCK_ROWS * channels) scratch = new Float32Array(NOISE_BLOCK_ROWS * channels);
      langevinRows(plan, x, channels, params[P_A]!, params[P_B]!, [params[P_KEY0]!, params[P_KEY1]!], out, r0, r1, scratch);
      break;
    case JOB_ISING:
      if (params[P_A] !== thresholdBeta) {
        thresholdBeta = params[P_A]!;
        threshold = isingThresholds(thresholdBeta);
      }
      energy = isingColourRows(lattice, channels, params[P_B]!, threshold, [params[P_KEY0]!, params[P_KEY1]!], r0, r1);
      break;
  }
  if (FAULT === "crash") throw new Error("EMTD_WORKER_FAULT=crash");
  if (FAULT === "stall") continue;
  params[P_RESULT] = energy;
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}

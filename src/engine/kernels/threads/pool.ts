/**
 * Row-partitioned parallelism for the graph kernels (L·X, interaction, Langevin update) and the Ising colour
 * updates, with worker_threads over shared memory: the calling thread takes the first share of the rows, workers
 * the others. Synchronisation is two Atomics words per worker (job sequence, done sequence) — no message per job,
 * so the overhead is a few microseconds.
 *
 * - The fused Langevin step (fused.ts), L·X, the interaction's energy and gradient and the Ising colour updates
 *   (simd-rows.ts) run the WebAssembly SIMD module on every thread: each worker instantiates the calling thread's
 *   compiled module over its shared WebAssembly.Memory (simd.adoptSimd, lent as worker-jobs.shareModule), where the plan, X and the result already
 *   are; each thread runs its rows with its own scratch. The chunked stencils (kernels/stencils/ring-stencil, kernels/stencils/torus-stencil) and the
 *   noisy descent (kernels/simd/simd-noisy-descent) read a shared copy of X and write a shared result ({@link stagingFor}).
 * - The JavaScript loops (the fallbacks when the SIMD module is off or a field does not fit it) read the shared CSR
 *   plan and a shared copy of X ({@link parallelRows}).
 *
 * Split points are aligned to the noise blocks (NOISE_BLOCK_ROWS rows), so results are bit-identical to the
 * single-threaded kernel whatever the thread count, and balanced by adjacency entries (CSR row pointers), or by
 * rows for a structured graph (which has no row pointers to read).
 *
 * Threads: the machine's cores (`os.availableParallelism()`), or `EMTD_THREADS` when set (1 … 64); only graphs with
 * at least {@link parallelThreshold} adjacency entries + rows use them (smaller ones lose to the synchronisation).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import type { GraphPlan } from "../loops/graph-plan";
import { check, WorkerTimeoutError } from "../../../errors";
import { jobName, sharedModule } from "./worker-jobs";
import { JOB_ISING } from "./loop-jobs";

/** Most threads: far above the cores of the machines this runs on, below what a typo could make harmful. */
export const MAX_THREADS = 64;

/** Parameter slots in the shared Float64Array of each worker. */
export const P_KIND = 0;
export const P_PLAN = 1;
export const P_CHANNELS = 2;
export const P_ROW_START = 3;
export const P_ROW_END = 4;
export const P_A = 5; // scale | coupling | drift
export const P_B = 6; // sigma
export const P_KEY0 = 7;
export const P_KEY1 = 8;
export const P_RESULT = 9; // energy share
export const P_SHARE = 10; // the worker's share index (1 … threads − 1): its scratch in the shared memory
export const P_ARGS = 11; // a job's own arguments (runShares)
/** Bytes of a worker's control words (job sequence, done sequence, rows done, one spare) before its parameters. */
export const CONTROL_BYTES = 16;
export const P_SLOTS = 32;

interface Slot {
  worker: Worker;
  port: MessagePort;
  control: Int32Array; // [0] job sequence, [1] done sequence, [2] rows done (a job that reports progress, shareProgress)
  params: Float64Array;
  sequence: number;
  plans: WeakSet<GraphPlan>;
  lattice: Int8Array | null;
  /** Whether the worker has the shared module (worker-jobs.SharedModule: the SIMD module's, simd.adoptSimd). */
  simd: boolean;
  /** The staging buffers it was last sent. */
  staged: Float32Array | null;
  stagedG: Float32Array | null;
}

let configured: number | null = null;
let threshold = 200_000;
let slots: Slot[] = [];
const planIds = new WeakMap<GraphPlan, number>();
let nextPlanId = 1;
let staging: Staging | null = null;

/** The shared copies of X (and of G, for the noisy descent) and of the result. */
export interface Staging {
  x: Float32Array;
  g: Float32Array | null;
  out: Float32Array;
  /**
   * The tensor (tfjs dataId) whose values `out` holds on the rows `heldRows`, or null: set by a chunked stencil step
   * (kernels/stencils/ring-stencil {@link stencilShares}), cleared by {@link stagingFor}, whose callers write x and out.
   */
  holder: object | null;
  heldRows: readonly [number, number];
  /** x and out are views of kernels/simd/simd-module's memory (at their byte offsets; simd.simdStaging), else their own buffers. */
  inModule: boolean;
}
let watchdogMs: number | null = null;

/**
 * How long the calling thread waits for a worker's share before giving up (ms): `EMTD_WORKER_TIMEOUT_MS`, default
 * 60 000 — far above any share measured (a step on N = 10⁷ takes well under a second), so only a dead or stalled
 * worker reaches it.
 */
export function workerWatchdogMs(): number {
  if (watchdogMs === null) {
    const fromEnv = Number(process.env.EMTD_WORKER_TIMEOUT_MS ?? "");
    watchdogMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 60_000;
  }
  return watchdogMs;
}

/** Stop every worker and drop the shared staging buffers (a stalled worker must not write into the next job's). */
function resetPool(): void {
  for (const slot of slots) void slot.worker.terminate();
  slots = [];
  staging = null;
}

/**
 * Wait for `slot` to finish job `slot.sequence`, at most {@link workerWatchdogMs}: past it the pool is reset and a
 * {@link WorkerTimeoutError} names the kernel (nothing waits forever on a worker that died or stalled).
 */
function awaitWorker(slot: Slot, index: number, kind: number): void {
  const limit = workerWatchdogMs();
  const deadline = performance.now() + limit;
  for (;;) {
    const done = Atomics.load(slot.control, 1);
    if (done === slot.sequence) return;
    const left = deadline - performance.now();
    if (left <= 0) {
      resetPool();
      throw new WorkerTimeoutError(
        `emtd/engine/pool: worker ${index + 1} did not finish its rows of the ${jobName(kind)} kernel within ${limit} ms (it died or stalled); the workers were stopped. Run with EMTD_THREADS=1 to use no worker threads, or raise EMTD_WORKER_TIMEOUT_MS`,
      );
    }
    Atomics.wait(slot.control, 1, done, Math.min(left, 1000));
  }
}

/**
 * Threads the graph kernels use (the calling thread included): `EMTD_THREADS` when set (an integer ≥ 1, at most
 * {@link MAX_THREADS}; more than the cores is allowed), else the machine's cores (`os.availableParallelism()`).
 */
export function threadCount(): number {
  if (configured === null) {
    const fromEnv = Number(process.env.EMTD_THREADS ?? "");
    const wanted = Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : availableParallelism();
    configured = Math.max(1, Math.min(wanted, MAX_THREADS));
  }
  return configured;
}

let splitAlign = NOISE_BLOCK_ROWS;

/** Shares handed to worker threads since start-up, by {@link runShares} (tests check that threads took part). */
export const poolStats = { workerShares: 0 };

/** Minimum rows + adjacency entries of a graph for the kernels to use several threads. */
export function parallelThreshold(): number {
  return threshold;
}

/**
 * Change the thread count (≥ 1) and/or the size threshold at run time (benchmarks compare 1 against 2 threads;
 * tests force threads on small graphs). Workers beyond the new count stay, idle (blocked in Atomics.wait, unref'd):
 * a benchmark that alternates thread counts must not time a fresh worker's start and cold JIT every turn.
 */
export function configureThreads(options: { threads?: number; threshold?: number; watchdogMs?: number; splitAlign?: number }): void {
  if (options.threshold !== undefined) threshold = options.threshold;
  // Rows the split points are multiples of: NOISE_BLOCK_ROWS. Tests set another value to show that a split off the
  // noise blocks changes the numbers (their bit-identity checks can fail); nothing else should.
  if (options.splitAlign !== undefined) splitAlign = check.positive("emtd/engine/pool", "splitAlign", options.splitAlign);
  if (options.watchdogMs !== undefined) watchdogMs = check.positive("emtd/engine/pool", "watchdogMs", options.watchdogMs);
  if (options.threads !== undefined) {
    configured = Math.max(1, Math.min(MAX_THREADS, Math.floor(options.threads)));
  }
}

function spawn(): Slot {
  const shared = new SharedArrayBuffer(CONTROL_BYTES + 8 * P_SLOTS);
  const control = new Int32Array(shared, 0, CONTROL_BYTES / 4);
  const params = new Float64Array(shared, CONTROL_BYTES, P_SLOTS);
  const { port1, port2 } = new MessageChannel();
  const lent = sharedModule()?.shared() ?? null;
  const worker = new Worker(join(__dirname, "worker.js"), {
    workerData: { shared, port: port2, lent },
    transferList: [port2],
  });
  worker.unref(); // never keep the process alive
  // A worker that dies is reported by the watchdog of the job it left unfinished (the calling thread is blocked
  // in Atomics.wait and cannot see this event in time); the event itself must not crash the process afterwards.
  worker.on("error", () => undefined);
  port1.unref();
  return {
    worker,
    port: port1,
    control,
    params,
    sequence: 0,
    plans: new WeakSet(),
    lattice: null,
    simd: lent !== null,
    staged: null,
    stagedG: null,
  };
}

/**
 * The shared copies of X and of the result ([length] float32 each; grown, never shrunk, while the pool lives) that
 * workers read and write; each worker is sent them before its next job.
 */
export function stagingFor(length: number, withG = false): Staging {
  const stage = stagedField(length, withG);
  stage.holder = null;
  return stage;
}

/** {@link stagingFor} that leaves `holder` as it is (a stencil step that keeps its field between steps). */
export function stagedField(length: number, withG = false): Staging {
  const shared = () => new Float32Array(new SharedArrayBuffer(4 * Math.max(length, 1024)));
  if (!staging || staging.x.length < length) {
    // In kernels/simd/simd-module's memory when its loops are ready (x, then out on the next cache line), else buffers of their own.
    const size = Math.max(length, 1024);
    const half = Math.ceil((4 * size) / 64) * 64;
    const memory = sharedModule()?.staging(2 * half) ?? null;
    staging =
      memory !== null
        ? {
            x: new Float32Array(memory, 0, size),
            g: null,
            out: new Float32Array(memory, half, size),
            holder: null,
            heldRows: [0, 0],
            inModule: true,
          }
        : { x: shared(), g: null, out: shared(), holder: null, heldRows: [0, 0], inModule: false };
  }
  if (withG && staging.g === null) staging.g = new Float32Array(new SharedArrayBuffer(4 * staging.x.length));
  return staging;
}

/** Swap the staging x and out (the last result becomes the next input); workers are sent them before their next job. */
export function swapStaging(): void {
  if (staging) [staging.x, staging.out] = [staging.out, staging.x];
}

/** Send `slot` what its next job reads: the SIMD module (once) and the current staging buffers. */
function equip(slot: Slot): void {
  if (!slot.simd) {
    const lent = sharedModule()?.shared() ?? null;
    if (lent) {
      slot.port.postMessage({ type: "module", lent });
      slot.simd = true;
    }
  }
  if (staging && (slot.staged !== staging.x || slot.stagedG !== staging.g)) {
    slot.port.postMessage({ type: "staging", x: staging.x, g: staging.g, out: staging.out, inModule: staging.inModule });
    slot.staged = staging.x;
    slot.stagedG = staging.g;
  }
}

/**
 * Row split points [0, …, n] aligned to noise blocks and balanced by rows + adjacency entries; the calling thread's
 * share weighs `callerShare` times a worker's (it may have other work: copying its rows out).
 */
function splitRows(plan: GraphPlan, parts: number, callerShare = 1): number[] {
  const { n, rowPtr } = plan;
  const total = n + rowPtr[n]!;
  const cuts = [0];
  let row = 0;
  const weights = callerShare + parts - 1;
  for (let p = 1; p < parts; p++) {
    const target = (total * (callerShare + p - 1)) / weights;
    // The first row from `row` with row + rowPtr[row] ≥ target (increasing in row): by bisection, since every step
    // of a large field asks (a linear walk cost ~1 ms per step at N = 10⁶).
    for (let hi = n; row < hi;) {
      const mid = (row + hi) >>> 1;
      if (mid + rowPtr[mid]! < target) row = mid + 1;
      else hi = mid;
    }
    const aligned = Math.min(n, Math.round(row / splitAlign) * splitAlign);
    cuts.push(Math.max(cuts[cuts.length - 1]!, aligned));
  }
  cuts.push(n);
  return cuts;
}

/**
 * Split points [0, …, n] of n rows of equal cost (a structured graph's) over the threads, aligned to noise blocks:
 * [0, n] on one thread or below the size threshold (`entries`: the rows' adjacency entries + rows). The calling
 * thread's share weighs `callerShare` times a worker's (default 1).
 */
export function rowCuts(n: number, entries: number, callerShare = 1): number[] {
  const parts = threadCount();
  if (parts <= 1 || entries < threshold) return [0, n];
  const cuts = [0];
  const weights = callerShare + parts - 1;
  for (let p = 1; p < parts; p++) {
    const aligned = Math.min(n, Math.round((n * (callerShare + p - 1)) / weights / splitAlign) * splitAlign);
    cuts.push(Math.max(cuts[cuts.length - 1]!, aligned));
  }
  cuts.push(n);
  return cuts;
}

/**
 * The split points of a CSR plan's rows over the threads (see {@link willParallelize}; [0, n] when it would not), the
 * calling thread's share weighing `callerShare` times a worker's (default 1).
 */
export function planCuts(plan: GraphPlan, callerShare = 1): number[] {
  return willParallelize(plan) ? splitRows(plan, threadCount(), callerShare) : [0, plan.n];
}

/** True when a kernel on this plan would split its rows over worker threads. */
export function willParallelize(plan: GraphPlan): boolean {
  return threadCount() > 1 && plan.n + plan.rowPtr[plan.n]! >= threshold && splitRows(plan, threadCount())[1]! < plan.n;
}

/**
 * Run job `kind` over the shares of rows between `cuts` ([0, …, n], one share per thread): `local(r0, r1)` on the
 * calling thread for the first share, worker w for share w with its rows, its share index and `args` (at most
 * P_SLOTS − P_ARGS numbers; the worker maps kind → function). Workers are sent the SIMD module and the staging
 * buffers they lack first. Returns the sum of the shares' results.
 */
export function runShares(
  kind: number,
  cuts: readonly number[],
  args: readonly number[],
  local: (r0: number, r1: number) => number,
): number {
  const shares = cuts.length - 1;
  if (shares <= 1) return local(cuts[0]!, cuts[1]!);
  while (slots.length < shares - 1) slots.push(spawn());
  const started: Slot[] = [];
  for (let w = 1; w < shares; w++) {
    const rowStart = cuts[w]!;
    const rowEnd = cuts[w + 1]!;
    if (rowStart >= rowEnd) continue;
    const slot = slots[w - 1]!;
    equip(slot);
    const p = slot.params;
    p[P_KIND] = kind;
    p[P_ROW_START] = rowStart;
    p[P_ROW_END] = rowEnd;
    p[P_SHARE] = w;
    p.set(args, P_ARGS);
    Atomics.store(slot.control, 2, rowStart); // no rows done yet (shareProgress)
    slot.sequence++;
    Atomics.store(slot.control, 0, slot.sequence);
    Atomics.notify(slot.control, 0);
    started.push(slot);
    poolStats.workerShares++;
  }
  let result = cuts[1]! > cuts[0]! ? local(cuts[0]!, cuts[1]!) : 0;
  for (const slot of started) {
    awaitWorker(slot, slots.indexOf(slot), kind);
    result += slot.params[P_RESULT]!;
  }
  return result;
}

/**
 * Rows done so far of share w (≥ 1) of the running {@link runShares} job, for a job whose worker reports them
 * (kernels/stencils/ring-direct, chunk by chunk: rows [rowStart, rows) are written and visible here), waiting up to `ms` for
 * more than `seen`; `finished` once the worker has reported the job done (it reports nothing more).
 */
export function shareProgress(w: number, seen: number, ms: number): { rows: number; finished: boolean } {
  const slot = slots[w - 1]!;
  if (Atomics.load(slot.control, 2) === seen && Atomics.load(slot.control, 1) !== slot.sequence) Atomics.wait(slot.control, 2, seen, ms);
  return { rows: Atomics.load(slot.control, 2), finished: Atomics.load(slot.control, 1) === slot.sequence };
}

export interface RowJob {
  kind: number;
  plan: GraphPlan;
  channels: number;
  a?: number;
  b?: number;
  key?: readonly [number, number];
  /** A second field [N, C] the workers read beside x (staged as `g`), and the job's own arguments (at P_ARGS). */
  g?: Float32Array;
  args?: readonly number[];
}

/**
 * Whether {@link parallelRows} runs every row of `plan` on the calling thread (one thread, or a plan below the size
 * threshold): where it does, a kernel may take its rows to the SIMD module instead (kernels/simd/simd-wide).
 */
export function oneShare(plan: GraphPlan): boolean {
  return threadCount() <= 1 || plan.n + plan.rowPtr[plan.n]! < threshold;
}

/**
 * Run `job` over all rows: `local(rowStart, rowEnd, x, out)` on the calling thread for the first share (returns
 * its energy share, or 0), workers for the rest, reading `x` and writing `out` ([N, C] float32; they may be
 * tensor memory: shared copies are made when workers take part). Returns the sum of the energy shares.
 */
export function parallelRows(
  job: RowJob,
  x: Float32Array,
  out: Float32Array,
  local: (rowStart: number, rowEnd: number, x: Float32Array, out: Float32Array) => number,
): number {
  const { plan } = job;
  const threads = threadCount();
  if (oneShare(plan)) return local(0, plan.n, x, out);
  const cuts = splitRows(plan, threads);
  if (cuts[1] === plan.n) return local(0, plan.n, x, out);
  while (slots.length < threads - 1) slots.push(spawn());
  const length = plan.n * job.channels;
  const stage = stagingFor(length, job.g !== undefined);
  for (const slot of slots) equip(slot);
  stage.x.set(x.subarray(0, length));
  if (job.g !== undefined) stage.g!.set(job.g.subarray(0, length));
  let id = planIds.get(plan);
  if (id === undefined) planIds.set(plan, (id = nextPlanId++));
  const started: Slot[] = [];
  for (let w = 0; w < threads - 1; w++) {
    const rowStart = cuts[w + 1]!;
    const rowEnd = cuts[w + 2]!;
    if (rowStart >= rowEnd) continue;
    const slot = slots[w]!;
    if (!slot.plans.has(plan)) {
      // Only the shared CSR arrays travel (the edge list is not on shared memory and workers do not need it).
      const { n, edgeCount, rowPtr, col, weight, degree, bytes } = plan;
      const src = new Int32Array(0);
      const dst = src;
      slot.port.postMessage({ type: "plan", id, plan: { n, edgeCount, rowPtr, col, weight, degree, src, dst, bytes } });
      slot.plans.add(plan);
    }
    const p = slot.params;
    p[P_KIND] = job.kind;
    p[P_PLAN] = id;
    p[P_CHANNELS] = job.channels;
    p[P_ROW_START] = rowStart;
    p[P_ROW_END] = rowEnd;
    p[P_A] = job.a ?? 0;
    p[P_B] = job.b ?? 0;
    p[P_KEY0] = job.key?.[0] ?? 0;
    p[P_KEY1] = job.key?.[1] ?? 0;
    p.set(job.args ?? [], P_ARGS);
    slot.sequence++;
    Atomics.store(slot.control, 0, slot.sequence);
    Atomics.notify(slot.control, 0);
    started.push(slot);
  }
  // The calling thread's share reads the shared copy too (same values as x).
  let energy = local(0, cuts[1]!, stage.x, out);
  for (const slot of started) {
    awaitWorker(slot, slots.indexOf(slot), job.kind);
    energy += slot.params[P_RESULT]!;
  }
  const from = cuts[1]! * job.channels;
  out.set(stage.out.subarray(from, length), from);
  return energy;
}

/**
 * One colour of the Ising checkerboard update split by rows: `local(r0, r1)` on the calling thread for the first
 * share, workers for the rest, all on the same padded lattice (which must live on a SharedArrayBuffer). Returns
 * the total number of flips. Identical to the single-threaded update (each row has its own stream).
 */
export function parallelIsingColour(
  padded: Int8Array,
  L: number,
  colour: number,
  beta: number,
  key: readonly [number, number],
  local: (rowStart: number, rowEnd: number) => number,
): number {
  const threads = threadCount();
  if (threads <= 1 || L * L < threshold || !(padded.buffer instanceof SharedArrayBuffer)) return local(0, L);
  while (slots.length < threads - 1) slots.push(spawn());
  const cut = (w: number) => Math.round((L * w) / threads);
  const started: Slot[] = [];
  for (let w = 1; w < threads; w++) {
    const rowStart = cut(w);
    const rowEnd = cut(w + 1);
    if (rowStart >= rowEnd) continue;
    const slot = slots[w - 1]!;
    if (slot.lattice !== padded) {
      slot.port.postMessage({ type: "lattice", padded });
      slot.lattice = padded;
    }
    const p = slot.params;
    p[P_KIND] = JOB_ISING;
    p[P_CHANNELS] = L;
    p[P_ROW_START] = rowStart;
    p[P_ROW_END] = rowEnd;
    p[P_A] = beta;
    p[P_B] = colour;
    p[P_KEY0] = key[0];
    p[P_KEY1] = key[1];
    slot.sequence++;
    Atomics.store(slot.control, 0, slot.sequence);
    Atomics.notify(slot.control, 0);
    started.push(slot);
  }
  let flips = local(0, cut(1));
  for (const slot of started) {
    awaitWorker(slot, slots.indexOf(slot), JOB_ISING);
    flips += slot.params[P_RESULT]!;
  }
  return flips;
}

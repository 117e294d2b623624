/**
 * The worker's table of jobs. Each strategy that splits its rows over threads owns its job kinds: it declares each
 * with {@link jobKind} beside the code that dispatches it (a number and a name for the watchdog's messages) and
 * registers the worker's side ({@link registerJobs}) in a `*-jobs.ts` module beside its rows functions; a worker
 * loads the modules of {@link JOB_MODULES} by name when it starts (each registering in the worker's own copy of this
 * table) and runs a job by looking its kind up. So the threads import no strategy: a new one is a `jobKind` and a
 * `registerJobs` call in its family's modules (or a new jobs module, one line below). The SIMD strategy also lends
 * the threads the module whose memory they share ({@link shareModule}).
 */
import type { GraphPlan } from "../loops/graph-plan";

/** What a job reads on the worker: its parameter slots, the staged arrays, and its share of the rows. */
export interface JobContext {
  /** The job's own arguments (pool.runShares' `args`). */
  args: Float64Array;
  /** The worker's share index (1 … threads − 1): its scratch in the shared memory. */
  share: number;
  r0: number;
  r1: number;
  channels: number;
  /** The graph plan of a JavaScript-loop job (undefined for the others). */
  plan: GraphPlan | undefined;
  /** The loops' scalar slots: scale, coupling or drift; sigma; and the key. */
  a: number;
  b: number;
  key: [number, number];
  /** The staging buffers (pool.Staging): x, g and out, and whether x and out are views of the SIMD module's memory. */
  x: Float32Array;
  g: Float32Array;
  out: Float32Array;
  inModule: boolean;
  /** The padded Ising lattice of the last `lattice` message. */
  lattice: Int8Array;
  /** Rows [r0, done) are written (pool.shareProgress), for a job that reports its progress. */
  reportRows(done: number): void;
}

export interface WorkerJob {
  kind: number;
  /** Runs rows [r0, r1) of the job; returns its energy share (or nothing, for 0). */
  run(job: JobContext): number | void;
}

/** The modules that register jobs, relative to this folder: the worker loads each when it starts. */
export const JOB_MODULES: readonly string[] = ["./loop-jobs", "../simd/simd-jobs", "../stencils/stencil-jobs"];

const jobs = new Map<number, WorkerJob>();
const names = new Map<number, string>();

/**
 * Declare job kind `kind`, named `name` in messages (the watchdog's), for the strategy that dispatches it; returns
 * `kind`. A kind declared twice is a programming error (two strategies would share a worker's table entry).
 */
export function jobKind(kind: number, name: string): number {
  if (names.has(kind)) throw new Error(`emtd/engine/worker-jobs: job kind ${kind} is declared twice (${names.get(kind)}, ${name})`);
  names.set(kind, name);
  return kind;
}

/** The name of job kind `kind` as its strategy declared it, or "#kind". */
export function jobName(kind: number): string {
  return names.get(kind) ?? `#${kind}`;
}

/** The kinds declared so far in this thread (tests check that each has its job). */
export function declaredKinds(): number[] {
  return [...names.keys()].sort((a, b) => a - b);
}

/** Register `list` with the worker's table; a kind registered twice is a programming error. */
export function registerJobs(list: readonly WorkerJob[]): void {
  for (const job of list) {
    if (jobs.has(job.kind)) throw new Error(`emtd/engine/worker-jobs: job kind ${job.kind} is registered twice`);
    jobs.set(job.kind, job);
  }
}

/** The job registered for `kind`, or undefined. */
export function workerJob(kind: number): WorkerJob | undefined {
  return jobs.get(kind);
}

/** The kinds registered so far (tests check that every kind of ./pool has its job). */
export function registeredKinds(): number[] {
  return [...jobs.keys()].sort((a, b) => a - b);
}

/**
 * A WebAssembly module whose memory the threads share, lent by the strategy that owns it (kernels/simd/simd-module
 * calls {@link shareModule} as it loads, in every thread): the pool stages fields in its memory and sends workers
 * what they need to run on it; a worker adopts that.
 */
export interface SharedModule {
  /** What a worker needs to run on the same memory (structured-cloneable), or null while the module is not ready. */
  shared(): object | null;
  /** The module's memory with its first `bytes` reserved for the pool's staging, or null. */
  staging(bytes: number): ArrayBuffer | null;
  /** In a worker: run on the memory that `shared` (the calling thread's {@link SharedModule.shared}) describes. */
  adopt(shared: object): void;
}

let lent: SharedModule | null = null;

/** Lend the threads `module` (its owner does, when it loads). */
export function shareModule(module: SharedModule): void {
  lent = module;
}

/** The module lent to the threads, or null when its owner has not loaded. */
export function sharedModule(): SharedModule | null {
  return lent;
}

/**
 * The worker's table of jobs. Each strategy that splits its rows over threads registers its job kinds here
 * ({@link registerJobs}), in a `*-jobs.ts` module beside its rows functions; a worker loads the modules of
 * {@link JOB_MODULES} by name when it starts (each registering in the worker's own copy of this table) and runs a
 * job by looking its kind up. So the worker imports no strategy: a new one is a `registerJobs` call in its family's
 * jobs module (or a new module, one line below), its kind a constant of ./pool.
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
export const JOB_MODULES: readonly string[] = ["../loops/loop-jobs", "../simd/simd-jobs", "../stencils/stencil-jobs"];

const jobs = new Map<number, WorkerJob>();

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

/**
 * The worker side of pool.ts: waits on its job word, drains setup messages (plans, staging buffers) synchronously,
 * runs its row range of the job on the shared arrays, publishes the energy share and the done word. The jobs are
 * the strategies' own, registered in ./worker-jobs by the modules it names; this file imports none of them.
 */
import { join } from "node:path";
import { type MessagePort, receiveMessageOnPort, workerData } from "node:worker_threads";
import type { GraphPlan } from "../loops/graph-plan";
import { type JobContext, JOB_MODULES, sharedModule, workerJob } from "./worker-jobs";
import {
  P_ARGS,
  P_SHARE,
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

// The strategies register their jobs in this thread's table as they load (./worker-jobs), and the SIMD strategy
// lends the module whose memory the threads share.
for (const name of JOB_MODULES) require(join(__dirname, name));

/** Run on the calling thread's shared module (its memory and compiled code). */
function adopt(described: object): void {
  const owner = sharedModule();
  if (owner === null) throw new Error("emtd/engine/worker: a shared module was sent, but no job module lends one (./worker-jobs)");
  owner.adopt(described);
}

const { shared, port, lent } = workerData as { shared: SharedArrayBuffer; port: MessagePort; lent: object | null };
if (lent) adopt(lent);
const control = new Int32Array(shared, 0, CONTROL_BYTES / 4);
const params = new Float64Array(shared, CONTROL_BYTES, P_SLOTS);
const plans = new Map<number, GraphPlan>();
let x = new Float32Array(0);
let out = new Float32Array(0);
let g = new Float32Array(0);
/** x and out are views of the SIMD module's memory (pool.Staging.inModule): the ring's step reads and writes them there. */
let stagedInModule = false;
let lattice = new Int8Array(0);

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
      lent?: object;
      inModule?: boolean;
    };
    if (msg.type === "plan") plans.set(msg.id!, msg.plan!);
    else if (msg.type === "module") adopt(msg.lent!);
    else if (msg.type === "lattice") lattice = msg.padded!;
    else if (msg.type === "staging") {
      x = msg.x!;
      g = msg.g ?? g;
      out = msg.out!;
      stagedInModule = msg.inModule === true;
    }
  }
}

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
  const kind = params[P_KIND]!;
  const job = workerJob(kind);
  // A kind nobody registered: die, and the calling thread's watchdog names the kernel.
  if (job === undefined) throw new Error(`emtd/engine/worker: no job registered for kind ${kind} (./worker-jobs)`);
  const context: JobContext = {
    args: params.subarray(P_ARGS),
    share: params[P_SHARE]!,
    r0: params[P_ROW_START]!,
    r1: params[P_ROW_END]!,
    channels: params[P_CHANNELS]!,
    plan: plans.get(params[P_PLAN]!), // undefined for the jobs that take no plan
    a: params[P_A]!,
    b: params[P_B]!,
    key: [params[P_KEY0]!, params[P_KEY1]!],
    x,
    g,
    out,
    inModule: stagedInModule,
    lattice,
    reportRows,
  };
  const energy = job.run(context) ?? 0;
  if (FAULT === "crash") throw new Error("EMTD_WORKER_FAULT=crash");
  if (FAULT === "stall") continue;
  params[P_RESULT] = energy;
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}

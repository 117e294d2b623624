/**
 * The worker process of a one-replicate `emtd verdicts` spread over the cores (./verdict-workers forks it): it
 * readies its tfjs backend, says which, then measures each task of claims it is sent, in this process (so the claims
 * of one task share their memoised runs), and sends back each claim's record and seconds. It exits when the parent
 * disconnects. The records are what `measureClaims` and `verdictRecord` give in the parent's own process.
 */
import { ready } from "../engine/backend";
import { measureClaims } from "../claims/machinery/measure";
import { verdictRecord, type VerdictRecord } from "../claims/machinery/verdict-record";
import { EmtdError } from "../errors";

/** Parent → worker: measure these claims (in this order) at this seed and replicate. */
export interface WorkerTask {
  ids: string[];
  seed: number;
  replicate: number;
}

/** Worker → parent. */
export type WorkerReply =
  | { kind: "ready"; backend: string }
  | { kind: "measured"; results: Array<{ record: VerdictRecord; seconds: number }> }
  | { kind: "failed"; message: string; emtd: boolean };

async function measure(task: WorkerTask): Promise<WorkerReply> {
  try {
    const measured = await measureClaims(task.ids, { seed: task.seed, replicate: task.replicate });
    return { kind: "measured", results: measured.map((m) => ({ record: verdictRecord(m), seconds: m.seconds })) };
  } catch (error) {
    return { kind: "failed", message: (error as Error)?.message ?? String(error), emtd: error instanceof EmtdError };
  }
}

async function serve(): Promise<void> {
  const send = (reply: WorkerReply) => process.send!(reply);
  process.on("disconnect", () => process.exit(0));
  // Tasks come one at a time (the parent sends the next when this one's reply is in).
  process.on("message", (task: WorkerTask) => void measure(task).then(send));
  send({ kind: "ready", backend: await ready() });
}

if (require.main === module) void serve();

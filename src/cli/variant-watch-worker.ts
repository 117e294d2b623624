/**
 * The worker process of `emtd verdicts --variant FILE --watch` (./variant-watch forks one per decision): it runs the
 * variant's bundled code as the watcher read it (so what it measures is what the watcher keys its cache by), measures
 * the claims it is sent in that order with `compareVariant`, and sends each claim's row as soon as it is decided. The
 * watcher ends it with a signal when the file is saved again: nothing here is left to finish.
 */
import { ready } from "../engine/backend";
import { compareVariant, type ClaimComparison, type StepCost } from "../claims/machinery/compare";
import { variantFromCode, variantSourceOf, type VariantCode } from "./variant-file";
import { CellCache, type CellCounts } from "../claims/machinery/cell-cache";

/** Watcher → worker: the one decision this process makes. */
export interface WatchTask {
  code: VariantCode;
  params: string[];
  ids: string[];
  seed: number;
  replicates: number;
}

/** Worker → watcher. */
export type WatchReply =
  | { kind: "progress"; done: number; total: number; what: string }
  | { kind: "row"; row: ClaimComparison }
  | { kind: "done"; cost: StepCost | null; cells: CellCounts & { dir: string | null } }
  | { kind: "failed"; message: string };

async function decide(task: WatchTask, send: (reply: WatchReply) => void): Promise<void> {
  try {
    await ready();
    const variant = variantFromCode(
      task.code,
      (message) => {
        throw new Error(message);
      },
      "emtd verdicts: --variant",
      task.params,
    );
    // The cells go through the measurement cache under the bundled code and every parameter's value (defaults too).
    const cells = new CellCache();
    const comparison = await compareVariant(variant, {
      source: variantSourceOf(task.code, task.params, (message) => {
        throw new Error(message);
      }),
      cells,
      only: task.ids,
      seed: task.seed,
      replicates: task.replicates,
      onProgress: (done, total, what) => send({ kind: "progress", done, total, what }),
      onClaim: (row) => send({ kind: "row", row }),
    });
    send({ kind: "done", cost: comparison.cost.step, cells: { ...cells.counts, dir: cells.dir } });
  } catch (error) {
    send({ kind: "failed", message: ((error as Error)?.message ?? String(error)).split("\n")[0]! });
  }
}

function serve(): void {
  const send = (reply: WatchReply) => process.send!(reply);
  process.on("disconnect", () => process.exit(0));
  process.once("message", (task: WatchTask) => void decide(task, send));
}

if (require.main === module) serve();

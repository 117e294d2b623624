/**
 * A worker process of `emtd verdicts --variant FILE` over workers (./variant-cells): it builds the variant from the
 * bundled code the command read, adopts the cell cache under that code's source, and measures the grid cells it is
 * sent, one at a time, each into the cache, asking for the next when done. A cell that throws under the variant is
 * left for the command, which measures it again in its own process and reports it as the claim's error row.
 */
import { ready } from "../engine/backend";
import { claimById } from "../claims/machinery/registry";
import { mechanismOf } from "../claims/machinery/mechanism";
import { gridCells } from "../claims/machinery/measure";
import { cellLabel } from "../claims/machinery/grid";
import { CellCache } from "../claims/machinery/cell-cache";
import { variantFromCode, variantSourceOf, type VariantCode } from "./variant-file";
import type { Cell, Mechanism } from "../claims/machinery/types";

/** Command → worker: the variant, once; then one cell at a time, and `end`. */
export type CellsTask =
  | { kind: "variant"; code: VariantCode; params: string[]; seed: number }
  | { kind: "cell"; id: string; replicate: number; cell: Cell }
  | { kind: "end" };

/** Worker → command: ready for a cell (after the variant, and after each cell), or unable to start. */
export type CellsReply = { kind: "next"; measured: number; read: number } | { kind: "failed"; message: string };

function serve(): void {
  const send = (reply: CellsReply) => process.send!(reply);
  const thrower = (message: string): never => {
    throw new Error(message);
  };
  let mechanism: Mechanism | null = null;
  let seed = 0;
  const cells = new CellCache();
  process.on("disconnect", () => process.exit(0));
  process.on("message", (task: CellsTask) => {
    void (async () => {
      if (task.kind === "end") process.exit(0);
      try {
        if (task.kind === "variant") {
          await ready();
          mechanism = mechanismOf(variantFromCode(task.code, thrower, "emtd verdicts: --variant", task.params));
          cells.adopt(mechanism, variantSourceOf(task.code, task.params, thrower));
          seed = task.seed;
        } else {
          const label = cellLabel(task.cell);
          await gridCells(claimById(task.id), seed, task.replicate, mechanism!, (c) => cellLabel(c) === label).catch(() => []);
        }
        send({ kind: "next", ...cells.counts });
      } catch (error) {
        send({ kind: "failed", message: ((error as Error)?.message ?? String(error)).split("\n")[0]! });
      }
    })();
  });
}

if (require.main === module) serve();

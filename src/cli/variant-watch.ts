/**
 * `emtd verdicts --variant FILE --watch` (issue 73 item 2): the variant decided again each time its file is saved. The
 * watcher reads, type-checks and bundles the file here (a broken save is one line on stderr, and it keeps watching),
 * then forks one worker (./variant-watch-worker) that measures the claims the variant touches, fastest first by the
 * committed run's seconds, and prints each row as it comes. A save during a measurement ends that worker (SIGTERM,
 * SIGKILL after half a second) before the new decision starts, and its rows are dropped: nothing stale is printed.
 * Each row is kept in memory, keyed by the bundled code, the parameters, the seed and the replicates: deciding the
 * same contents again reads them rather than measuring. Ctrl-C ends the worker, closes the watch and returns.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CLAIMS } from "../claims/machinery/registry";
import { mechanismOf } from "../claims/machinery/mechanism";
import { comparisonRows, costText, type ClaimComparison, type StepCost, type VariantComparison } from "../claims/machinery/compare";
import { readVariantCode, variantFromCode, type VariantCode } from "./variant-file";
import type { WatchTask } from "./variant-watch-worker";
import { affectedFastestFirst, cacheKey, cellLine, Decision } from "./variant-decision";

export interface WatchOptions {
  file: string;
  /** `name=value` texts for a family's parameters (`--param`). */
  params: string[];
  /** Claim ids to consider (default every claim). */
  only?: readonly string[];
  seed: number;
  replicates: number;
  /** No progress lines. */
  quiet?: boolean;
  /** Where rows go (stdout) and where progress and refusals go (stderr). */
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** What a watch did, for the command's result. */
export interface WatchSummary {
  file: string;
  decisions: number;
  /** Claims read from the cache and measured, over every decision, and their grid cells. */
  readFromCache: number;
  measured: number;
  cellsFromCache: number;
  cellsMeasured: number;
}

/** Milliseconds a save settles before it is read (an editor writes, renames and touches within a few). */
const SETTLE_MS = 150;

/** One decision's row, and the step cost beside it, by what determines them. */
type Cache = Map<string, ClaimComparison | { cost: StepCost | null }>;

/** One row as a line: the claim, the proposal's verdict → the variant's, the key numbers, a flip mark. */
export function rowLine(row: ClaimComparison, width: number): string {
  const r = comparisonRows({ claims: [row] } as unknown as VariantComparison)[0]!;
  return `${row.id.padEnd(width)}  ${row.flips ? "FLIP" : "    "}  ${r.proposal} → ${r.variant}  ${r["key number"]}  (${r["what it is"]})`;
}

/** The grid cells a row's variant side decided (none for an error row). */
const cellsOf = (row: ClaimComparison | undefined) => row?.variant?.grid.cells.length ?? 0;

/** "1 claim (3 cells)", "0 claims (0 cells)". */
export const countText = (claims: number, cells: number) =>
  `${claims} claim${claims === 1 ? "" : "s"} (${cells} cell${cells === 1 ? "" : "s"})`;

/**
 * Watches `options.file` and decides the variant at each save, until SIGINT; resolves then, with no worker left.
 * The first decision runs at once.
 */
export function watchVariant(options: WatchOptions): Promise<WatchSummary> {
  const out = options.out ?? ((text: string) => process.stdout.write(text + "\n"));
  const err = options.err ?? ((text: string) => process.stderr.write(text + "\n"));
  const absolute = path.resolve(options.file);
  const ids = options.only ?? CLAIMS.map((c) => c.id);
  const cache: Cache = new Map();
  const summary: WatchSummary = {
    file: options.file,
    decisions: 0,
    readFromCache: 0,
    measured: 0,
    cellsFromCache: 0,
    cellsMeasured: 0,
  };
  let current: Decision | null = null;
  let generation = 0;
  // Every worker not yet exited, the finished ones included while they exit: Ctrl-C waits for all of them.
  const live = new Set<Decision>();

  const decide = async () => {
    const mine = ++generation;
    if (current) await current.stop();
    current = null;
    if (mine !== generation) return; // another save came while the old worker stopped
    const fail = (message: string): never => {
      throw new Refused(message);
    };
    let code: VariantCode;
    let affected: string[];
    let name: string;
    try {
      code = readVariantCode(absolute, fail);
      const variant = variantFromCode(code, fail, "emtd verdicts: --variant", options.params);
      const mechanism = mechanismOf(variant);
      affected = affectedFastestFirst(ids, mechanism.replaced);
      name = mechanism.name;
    } catch (error) {
      // A broken save is one line; the next save is decided as usual.
      err(`${error instanceof Refused ? error.message : `emtd verdicts --watch: ${(error as Error).message}`.split("\n")[0]}`);
      err(`emtd verdicts --watch: watching ${options.file} for the next save (Ctrl-C to stop)`);
      return;
    }
    const started = performance.now();
    const width = Math.max(...affected.map((id) => id.length), 10);
    const key = (id: string) => cacheKey(code, options.params, options.seed, options.replicates, id);
    const cached = affected.filter((id) => cache.has(key(id)));
    const toMeasure = affected.filter((id) => !cache.has(key(id)));
    const costCached = cache.get(key("cost")) as { cost: StepCost | null } | undefined;
    out(
      `${name}: ${affected.length} of ${ids.length} claims use a part it replaces (${cached.length} read from the cache, ${toMeasure.length} to measure)${options.params.length > 0 ? `; ${options.params.join(", ")}` : ""}`,
    );
    for (const id of cached) out(rowLine(cache.get(key(id)) as ClaimComparison, width));
    const finish = (cost: StepCost | null) => {
      const seconds = (performance.now() - started) / 1000;
      summary.decisions++; // a cancelled decision is none
      const cells = (which: string[]) => which.reduce((n, id) => n + cellsOf(cache.get(key(id)) as ClaimComparison | undefined), 0);
      summary.readFromCache += cached.length;
      summary.measured += toMeasure.length;
      summary.cellsFromCache += cells(cached);
      summary.cellsMeasured += cells(toMeasure);
      if (cost) out(`step cost: ${costText(cost)}`);
      out(
        `decided in ${seconds.toFixed(1)} s: ${countText(cached.length, cells(cached))} read from the cache, ${countText(toMeasure.length, cells(toMeasure))} measured`,
      );
      err(`emtd verdicts --watch: watching ${options.file} for the next save (Ctrl-C to stop)`);
    };
    if (toMeasure.length === 0 && costCached) return finish(costCached.cost);
    const task: WatchTask = { code, params: options.params, ids: toMeasure, seed: options.seed, replicates: options.replicates };
    const decision = new Decision(task, (reply) => {
      if (mine !== generation) return;
      if (reply.kind === "done" || reply.kind === "failed") {
        current = null;
        void decision.stop(); // its work is done: the process is not kept for the next save
      }
      if (reply.kind === "progress" && !options.quiet) err(`[${reply.done + 1}/${reply.total}] ${reply.what}`);
      else if (reply.kind === "row") {
        cache.set(key(reply.row.id), reply.row);
        out(rowLine(reply.row, width));
      } else if (reply.kind === "done") {
        cache.set(key("cost"), { cost: reply.cost });
        out(cellLine(reply.cells));
        finish(reply.cost);
      } else if (reply.kind === "failed") {
        err(`emtd verdicts --watch: ${reply.message}`);
        err(`emtd verdicts --watch: watching ${options.file} for the next save (Ctrl-C to stop)`);
      }
    });
    current = decision;
    live.add(decision);
    void decision.exited.then(() => live.delete(decision));
  };

  return new Promise((resolve) => {
    let settle: NodeJS.Timeout | null = null;
    // The folder, not the file: an editor that saves by writing a new file and renaming it over the old one would end
    // a watch on the old file's inode.
    const watcher = fs.watch(path.dirname(absolute), (_event, name) => {
      if (name !== null && !/\.[mc]?[jt]s$/.test(String(name))) return;
      if (settle) clearTimeout(settle);
      settle = setTimeout(() => void decide(), SETTLE_MS);
    });
    const onSigint = () => {
      process.off("SIGINT", onSigint);
      generation++;
      if (settle) clearTimeout(settle);
      watcher.close();
      current = null;
      void Promise.all([...live].map((d) => d.stop())).then(() => resolve(summary));
    };
    process.on("SIGINT", onSigint);
    err(`emtd verdicts --watch: deciding ${options.file}, then again at each save (Ctrl-C to stop)`);
    void decide();
  });
}

/** A refusal of the saved file, already one line naming the argument. */
class Refused extends Error {}

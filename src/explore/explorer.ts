/**
 * `explore` (issue 73 item 1): a variant family explored live in a notebook. Sliders (a dropdown for choices) set the
 * family's parameters; a table shows the claims the variant touches, one row each, filled in as each is decided. The
 * measuring is `--watch`'s (cli/variant-decision): one forked worker per value, fastest claim first, stopped within a
 * second when a slider moves (its rows dropped, so nothing stale is shown), each row cached by code, parameters, seed
 * and replicates, so a value already decided is shown at once. The family comes from a file, as `--variant` reads it:
 * a worker is a separate process (the only way to stop a measurement mid-claim), and a file is what it can load.
 */
import * as path from "node:path";
import { CLAIMS } from "../claims/machinery/registry";
import { committedCosts } from "../claims/machinery/claim-tasks";
import { mechanismOf } from "../claims/machinery/mechanism";
import type { ClaimComparison, StepCost } from "../claims/machinery/compare";
import type { FamilyParameter, VariantFamily } from "../claims/machinery/types";
import { familyDefaults, variantOf } from "../claims/machinery/family";
import { ArgumentError, check } from "../errors";
import { Dropdown, Html, Slider } from "../viz/controls";
import { kernelComms } from "../viz/kernel-comms";
import { Box, type Widget } from "../viz/widget";
import { familyFromCode, readVariantCode, variantFromCode, type VariantCode } from "../cli/variant-file";
import { affectedFastestFirst, cacheKey, cellLine, Decision } from "../cli/variant-decision";
import { exploreTable, type ExploreRow } from "./table";

const WHERE = "emtd/variants/explore";

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** Claim ids to consider (default every claim; a coupling touches claims of an hour, so name the ones to watch). */
  only?: readonly string[];
  /** Seed and replicates of every measurement, as `compareVariant` takes them (default 0 and 1). */
  seed?: number;
  replicates?: number;
  /** The first values (default the family's defaults). */
  values?: Record<string, number | string>;
  /** Quiet time after a slider moves before the new value is measured, ms (default 150 in a kernel, 0 outside one). */
  debounceMs?: number;
}

/** One row decided, or the step cost, kept across explorers of this kernel (the key names the code that made it). */
const cache = new Map<string, ClaimComparison | { cost: StepCost | null }>();

/** The `name=value` texts of `values`, as `--param` takes them (so the worker and the cache read what the CLI does). */
function paramTexts(values: Record<string, number | string>): string[] {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`);
}

/** A slider for a range (its step, or a hundredth of the range), a dropdown for choices. */
function controlFor(name: string, p: FamilyParameter, value: number | string): Slider | Dropdown<number | string> {
  if ("choices" in p) return new Dropdown<number | string>({ options: [...p.choices], value, description: name });
  return new Slider({ min: p.min, max: p.max, step: p.step ?? (p.max - p.min) / 100, value: value as number, description: name });
}

/**
 * The explorer {@link explore} returns: its controls, its table and step-cost line, and counters the tests read.
 */
export class Explorer extends Box {
  readonly family: VariantFamily;
  readonly controls: Record<string, Slider | Dropdown<number | string>>;
  /** The table of claims (HTML elements, drawn statically too) and the line under it (step cost, state). */
  readonly table: Html;
  readonly status: Html;
  /** Claims measured by a worker, and shown from the cache, since the explorer was made. */
  measured = 0;
  fromCache = 0;
  /** Workers started, and those stopped before they finished (a slider moved). */
  workers = 0;
  cancelled = 0;
  private readonly code: VariantCode;
  private readonly ids: readonly string[];
  private readonly seed: number;
  private readonly replicates: number;
  private readonly debounceMs: number;
  private current: Decision | null = null;
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private busy = false;
  private waiters: Array<() => void> = [];
  private shown: ExploreRow[] = [];
  private measuringSince = new Map<string, number>();
  private cost: StepCost | null | undefined = undefined;
  private name = "";
  private line = "";

  constructor(file: string, options: ExploreOptions = {}) {
    const argument = `${WHERE}: file`;
    // A refusal of the file is one line naming the argument, as an ArgumentError (its "must be …" read back).
    const fail = (message: string): never => {
      const accepted = message.startsWith(`${argument} must be `) ? message.slice(`${argument} must be `.length) : null;
      throw new ArgumentError(WHERE, "file", accepted ?? `a .ts or .js file exporting a variant family (${message})`);
    };
    const code = readVariantCode(path.resolve(file), fail, argument);
    const family = familyFromCode(code, fail, argument);
    if (family === null)
      fail(
        `${argument} must be a file exporting a variant family { name, parameters, variant(values) }, not one variant (got ${JSON.stringify(file)})`,
      );
    const start = { ...familyDefaults(family!), ...(options.values ?? {}) };
    variantOf(family!, start, WHERE, "options.values"); // each first value checked against its range
    const controls = Object.fromEntries(Object.entries(family!.parameters).map(([k, p]) => [k, controlFor(k, p, start[k]!)]));
    const table = new Html({ value: "" });
    const status = new Html({ value: "" });
    super([...(Object.values(controls) as Widget[]), table, status]);
    this.family = family!;
    this.code = code;
    this.controls = controls;
    this.table = table;
    this.status = status;
    this.ids = options.only === undefined ? CLAIMS.map((c) => c.id) : [...new Set(options.only)];
    for (const id of this.ids) if (!CLAIMS.some((c) => c.id === id)) throw new ArgumentError(WHERE, "options.only", "claim ids", id);
    this.seed = check.integer(WHERE, "options.seed", options.seed ?? 0, 0, 0xffffffff);
    this.replicates = check.integer(WHERE, "options.replicates", options.replicates ?? 1, 1, 1000);
    this.debounceMs = options.debounceMs ?? (kernelComms() ? 150 : 0);
    if (!(this.debounceMs >= 0)) throw new ArgumentError(WHERE, "options.debounceMs", "a number ≥ 0", options.debounceMs);
    for (const control of Object.values(controls)) control.observe(() => this.changed());
    this.decide();
  }

  /** The parameters' values now. */
  values(): Record<string, number | string> {
    return Object.fromEntries(Object.entries(this.controls).map(([k, c]) => [k, c.value]));
  }

  /** The table's rows now (the current value's only). */
  rows(): readonly ExploreRow[] {
    return this.shown;
  }

  /** The step cost of the current value (null where no part a step runs is replaced; undefined until measured). */
  stepCost(): StepCost | null | undefined {
    return this.cost;
  }

  /** Resolves when the current value is decided, its worker has exited and no change waits. */
  settled(): Promise<void> {
    if (!this.busy && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops its worker, if one measures (resolves once it has exited); the sliders stay, and a move decides again. */
  async stop(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.halt();
    this.finish();
  }

  /** A slider moved: the old value's worker stops now, its rows go; the new value is decided after the quiet time. */
  private changed(): void {
    this.generation++;
    void this.halt();
    this.shown = [];
    this.cost = undefined;
    this.line = "waiting for the sliders to settle…";
    this.render();
    if (this.timer) clearTimeout(this.timer);
    this.busy = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.decide();
    }, this.debounceMs);
  }

  /** Ends the running worker, if any. */
  private halt(): Promise<void> {
    const running = this.current;
    this.current = null;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (!running) return Promise.resolve();
    this.cancelled++;
    return running.stop();
  }

  private finish(): void {
    this.busy = false;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (!this.timer) for (const w of this.waiters.splice(0)) w();
  }

  /** Decides the current values: rows from the cache at once, the rest measured by one worker, fastest first. */
  private decide(): void {
    const mine = ++this.generation;
    this.busy = true;
    const params = paramTexts(this.values());
    const key = (id: string) => cacheKey(this.code, params, this.seed, this.replicates, id);
    let affected: string[];
    try {
      const variant = variantFromCode(
        this.code,
        (message) => {
          throw new Error(message);
        },
        `${WHERE}: file`,
        params,
      );
      const mechanism = mechanismOf(variant);
      this.name = mechanism.name;
      affected = affectedFastestFirst(this.ids, mechanism.replaced);
    } catch (error) {
      this.shown = [];
      this.line = `error: ${String((error as Error)?.message ?? error).split("\n")[0]}`;
      this.render();
      return this.finish();
    }
    this.shown = affected.map((id) => {
      const row = cache.get(key(id)) as ClaimComparison | undefined;
      return row ? { ...stateOf(row), cached: true } : { id, state: "queued", row: null, why: "", cached: false };
    });
    this.fromCache += this.shown.filter((r) => r.cached).length;
    const costCached = cache.get(key("cost")) as { cost: StepCost | null } | undefined;
    this.cost = costCached?.cost;
    const toMeasure = this.shown.filter((r) => !r.cached).map((r) => r.id);
    const from = `${this.shown.length - toMeasure.length} read from the cache, ${toMeasure.length}`;
    this.line = `${this.name}: ${affected.length} of ${this.ids.length} claims use a part it replaces (${from} to measure)`;
    this.render();
    if (toMeasure.length === 0 && costCached) return this.finish();
    const started = performance.now();
    this.workers++;
    const decision = new Decision({ code: this.code, params, ids: toMeasure, seed: this.seed, replicates: this.replicates }, (reply) => {
      if (mine !== this.generation) return;
      if (reply.kind === "progress") {
        const id = reply.what.replace(/ \(.*$/, "");
        const at = this.shown.findIndex((r) => r.id === id);
        if (at >= 0) this.shown[at] = { ...this.shown[at]!, state: "measuring" };
        this.measuringSince.set(id, performance.now());
      } else if (reply.kind === "row") {
        cache.set(key(reply.row.id), reply.row);
        this.measured++;
        const at = this.shown.findIndex((r) => r.id === reply.row.id);
        if (at >= 0) this.shown[at] = { ...stateOf(reply.row), cached: false };
      } else if (reply.kind === "done") {
        cache.set(key("cost"), { cost: reply.cost });
        this.cost = reply.cost;
        this.line = `${this.name}: decided in ${((performance.now() - started) / 1000).toFixed(1)} s (${from} measured; ${cellLine(reply.cells)})`;
      } else {
        this.line = `error: ${reply.message}`;
        this.shown = this.shown.map((r) => (r.row ? r : { ...r, state: "error", why: reply.message }));
      }
      this.render();
      if (reply.kind === "done" || reply.kind === "failed") {
        this.current = null;
        // Its work is done: the process is not kept for the next value, and settled() waits until it has exited.
        void decision.stop().then(() => mine === this.generation && this.finish());
      }
    });
    this.current = decision;
    // The measuring row's bar moves with the time spent against the committed run's seconds for that claim.
    this.ticker = setInterval(() => this.render(), 500);
    this.ticker.unref();
  }

  /** The table and the line under it, from the rows now. */
  private render(): void {
    const costs = committedCosts();
    const now = performance.now();
    // The measuring row's bar: the seconds spent against the committed run's seconds for that claim.
    const progress = (id: string) => ({
      spent: (now - (this.measuringSince.get(id) ?? now)) / 1000,
      expected: Math.max(1, (costs[id] ?? 10) * this.replicates),
    });
    const { table, status } = exploreTable(this.shown, progress, this.line, this.cost);
    this.table.value = table;
    this.status.value = status;
  }
}

/** A decided row's state: decided, not comparable (with why) or error (in one line). */
function stateOf(row: ClaimComparison): Omit<ExploreRow, "cached"> {
  if (row.error !== null) return { id: row.id, state: "error", row, why: row.error.split("\n")[0]! };
  if (row.variant?.reference.kind === "not-comparable")
    return { id: row.id, state: "not comparable", row, why: row.variant.reference.text };
  return { id: row.id, state: "decided", row, why: "" };
}

/**
 * Sliders on the parameters of the variant family `file` exports (a dropdown for choices) over a table of the claims
 * the variant touches, one row each: the proposal's verdict and the variant's, the key number of each side with its
 * interval, a flip mark and the row's state; under it the variant's step cost beside the proposal's. Rows fill in as
 * each claim is decided (the fastest first); moving a slider stops the old value's measurement within a second and
 * starts the new one's; a value already decided is shown from the cache at once. The numbers are `compareVariant`'s
 * at the same seed and replicates, measured in a worker process as `emtd verdicts --variant FILE --watch` measures.
 * Display the returned widget; `await explorer.settled()` waits for the current value; `explorer.stop()` ends it.
 *
 * @example
 * ```ts
 * const x = explore("templates/variants/huber-family.ts", { only: ["p1.2-interaction-energy"] });
 * await x.settled();
 * x.rows().map((r) => r.state); // → ["decided"]
 * ```
 */
export function explore(file: string, options: ExploreOptions = {}): Explorer {
  if (typeof file !== "string" || file === "")
    throw new ArgumentError(WHERE, "file", "the path of a .ts or .js file exporting a variant family", file);
  return new Explorer(file, options);
}

/**
 * The committed verdict run (issue 20): `npm run readme` measures every claim under K ≥ 20 seed streams and writes
 * the run to data/verdicts/verdicts.json; the README table is rendered from that file, and the notebooks show its
 * stability next to the verdicts they measure now. A record of the file is current when it equals what the registry
 * measures now at seed 0 (replicate 0): then its stability describes this code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EmtdError } from "../../errors";
import { committedRunFile } from "./committed-path";
import { packageRoot } from "../../package";
import { writeFileAtomic } from "../../files/atomic";
import { canonicalJson } from "../../files/json";
import { type Naming, readBounded } from "../../files/bounded";
import { ONE_WAY_MARK } from "./combine";
import type { Provenance } from "./provenance";
import type { VerdictRecord } from "./verdict-record";
import type { StableRecord } from "./stability";

/** A verdict run as `emtd verdicts --json` prints it (less `command` and `version`). */
export interface VerdictRun {
  provenance: Provenance;
  claims: StableRecord[];
  /** Seconds: the whole run, and per claim summed over its replicates (varies between runs; not compared). */
  timing?: { seconds: number; claims: Record<string, number> };
}

export { COMMITTED_RUN, committedRunFile } from "./committed-path";
/**
 * Reads a verdict run written by `emtd verdicts --record` (or `--json`); throws an {@link EmtdError} naming the file
 * when it is not one.
 */
export function readVerdictRun(file: string, naming: Naming = { where: "emtd/claims/committed", argument: "file" }): VerdictRun {
  // Within a byte budget, and never a device or FIFO (issue 38): an ArgumentError naming the argument.
  const text = readBounded(file, "verdict-run", naming);
  let run: Partial<VerdictRun>;
  try {
    run = JSON.parse(text) as Partial<VerdictRun>;
  } catch (error) {
    throw new EmtdError(`emtd/claims/committed: ${file} must be a readable JSON verdict run (${(error as Error).message.split("\n")[0]})`);
  }
  if (!run.provenance || !Array.isArray(run.claims) || run.claims.some((c) => !c?.stability))
    throw new EmtdError(`emtd/claims/committed: ${file} must hold { provenance, claims: [{ …, stability }] } (emtd verdicts --json)`);
  if (run.claims.some((c) => !c.grid || !c.reading))
    throw new EmtdError(
      `emtd/claims/committed: ${file} is a first-edition run (readings, no grid): measure it again with this code (npm run readme)`,
    );
  return run as VerdictRun;
}

/**
 * The committed run of the package at `root`, or null when there is none.
 *
 * @example
 * ```ts
 * readCommittedRun()?.provenance.replicates; // → 20 (the committed run's replicates; null before the first `npm run readme`)
 * ```
 */
export function readCommittedRun(root: string = packageRoot()): VerdictRun | null {
  const file = committedRunFile(root);
  return fs.existsSync(file) ? readVerdictRun(file) : null;
}

/** Writes a verdict run (indented JSON, one trailing newline) atomically. */
export function writeVerdictRun(file: string, run: VerdictRun): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(run, null, 2) + "\n");
}

/**
 * True when a committed record is the measurement `now` (a record measured at seed 0, replicate 0, with or without its
 * stability): every field but `stability` (the claim's and its repairs') and `fingerprint` equal, as JSON. Then the
 * committed stability describes the code measured now.
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"]);
 * const committed = readCommittedRun()?.claims.find((c) => c.id === m.claim.id);
 * if (committed) sameMeasurement(committed, verdictRecord(m)); // → … (true while the committed run is current, false once the claim changes after it)
 * ```
 */
export function sameMeasurement(committed: StableRecord, now: VerdictRecord | StableRecord): boolean {
  return canonicalJson(measurementOf(committed)) === canonicalJson(JSON.parse(JSON.stringify(measurementOf(now))));
}

/**
 * A record less what is not its measurement: the fingerprint (which code made it) and every stability, at any depth
 * (its repairs', sign-off N2; its cells' and parts', issue 50 item 3): what replicate 0 measured.
 */
function measurementOf(r: VerdictRecord | StableRecord): object {
  const { fingerprint: _fingerprint, ...rest } = r as StableRecord;
  return JSON.parse(JSON.stringify(rest, (key, value: unknown) => (key === "stability" ? undefined : value))) as object;
}

/**
 * The fields of a record that come from the claim's text, not from its measurement: what a change of wording moves
 * and no replicate's verdict depends on. Top level and per repair (JSON keys).
 */
const DESCRIPTION = {
  record: ["quote", "short", "notebook", "model", "decision", "byConstruction", "review", "experiment", "citedBound", "uses", "reference"],
  reading: ["statement", "mechanism"],
  repair: ["why", "source", "outsideTheorem", "shortOfTheorem", "byTheorem", "reference"],
} as const;

/**
 * The runs that would decide, in a finding's words (./runs-to-decide runsText), and the totals beside the one-arm
 * fields: counted from the finding's own numbers by formula, they decide no verdict, so a change in how they are
 * counted (the twenty-ninth edition's totals, every arm at the 95 % interval) moves no replicate's verdict.
 */
const RUNS_WORDS =
  /\d+ [a-z]+(?: in all)? would decide it(?: \(\d+ per arm\))?(?:; \d+(?: in all)? at the effect seen| at the effect seen)?/g;
/**
 * The same words where a finding carries them: after an inconclusive finding's own text ("; … (767 times the 1488
 * measured)", or that no number of runs decides it) and after a list's least resolved case, where they stood alone
 * before the thirty-third-edition referee asked every inconclusive finding to carry them (./findings runsClause).
 */
const RUNS_CLAUSES = [
  new RegExp(`; (?:${RUNS_WORDS.source})(?: \\(\\d+ times the \\d+ measured\\))?`, "g"),
  new RegExp(` \\(least resolved: (?:${RUNS_WORDS.source})\\)`, "g"),
  /; no number of runs decides it at the effect seen \(on the (?:margin|threshold)\)/g,
];
const NOT_NUMBERS = new Set(["oneWay", "totalRunsToDecide", "totalRunsAtObserved"]);

/**
 * `value` less every one-way mark (a part's `oneWay` and the {@link oneWayMark} its finding's text carries), at any
 * depth: a reading of the part's own arms, added to say so, which moves no number or verdict (ninth-edition referee #8);
 * and less the runs that would decide in words and in total ({@link RUNS_WORDS}).
 */
function unmarked(value: unknown): unknown {
  if (typeof value === "string")
    return RUNS_CLAUSES.reduce((t, clause) => t.replace(clause, ""), value.replace(ONE_WAY_MARK, "")).replace(
      RUNS_WORDS,
      "runs would decide it",
    );
  if (Array.isArray(value)) return value.map(unmarked);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !NOT_NUMBERS.has(k))
      .map(([k, v]) => [k, unmarked(v)]),
  );
}

/**
 * A record less its description ({@link DESCRIPTION}), its grid's reasons, its one-way marks, its stabilities and its
 * fingerprint.
 */
export function numbersOf(r: VerdictRecord | StableRecord): object {
  const m = unmarked(measurementOf(r)) as Record<string, unknown>;
  for (const k of DESCRIPTION.record) delete m[k];
  const reading = m.reading as Record<string, unknown> | undefined;
  for (const k of DESCRIPTION.reading) delete reading?.[k];
  const grid = m.grid as { parameters?: unknown } | undefined;
  if (grid) delete grid.parameters;
  for (const repair of (m.repairs as Array<Record<string, unknown>> | undefined) ?? [])
    for (const k of DESCRIPTION.repair) delete repair[k];
  return m;
}

/**
 * True when a committed record and the measurement `now` differ at most in their description: the claim's wording,
 * its grid's reasons, its repairs' notes ({@link DESCRIPTION}) and its one-way marks, with every verdict, number,
 * finding and cell equal. The
 * committed replicates' verdicts then still describe the code measured now (`emtd verdicts --record --refactor`
 * keeps them, under the new wording: {@link withStabilitiesOf}).
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"]);
 * const committed = readCommittedRun()?.claims.find((c) => c.id === m.claim.id);
 * if (committed) sameNumbers(committed, { ...verdictRecord(m), review: "reworded" }); // → … (true while the committed run is current)
 * ```
 */
export function sameNumbers(committed: StableRecord, now: VerdictRecord | StableRecord): boolean {
  return canonicalJson(numbersOf(committed)) === canonicalJson(JSON.parse(JSON.stringify(numbersOf(now))));
}

/**
 * `now` (replicate 0's record, its description current) with every `stability` of `committed` at the same place: the
 * claim's, its cells' and parts', its repairs' and theirs. Only for records with {@link sameNumbers}, whose cells,
 * parts and repairs line up one for one.
 */
export function withStabilitiesOf(now: VerdictRecord, committed: StableRecord): StableRecord {
  const graft = (a: unknown, b: unknown): unknown => {
    if (Array.isArray(a) && Array.isArray(b)) return a.map((x, i) => graft(x, b[i]));
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a)) out[k] = graft(v, (b as Record<string, unknown>)[k]);
    const stability = (b as Record<string, unknown>).stability;
    if (stability !== undefined) out.stability = stability;
    return out;
  };
  return graft(JSON.parse(JSON.stringify(now)), committed) as StableRecord;
}

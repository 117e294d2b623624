/**
 * The registry of every claim of the proposal and the essay: one list, checked once (unique ids, well-formed
 * fields), each claim found by its id and measured under its own streams (./measure measures, ./verdict-record
 * records). Notebooks, `emtd verdicts`, the README table and the tests all read verdicts from here, so there is one
 * source of truth and no verdict is ever typed as text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../package";
import { ArgumentError, EmtdError, check } from "../../errors";
import { streamKey } from "./streams";
import type { Cell, CellScope, Claim, MeasureContext, Mechanism, Part, ReferenceDeclaration } from "./types";
import { PROPOSAL } from "./mechanism";
import { REPAIRS } from "./repairs";
import { claims as section1 } from "../section1";
import { claims as section2 } from "../section2";
import { claims as section3 } from "../section3";
import { claims as section41 } from "../section4-1";
import { claims as section4rest } from "../section4-rest";
import { claims as essay, sharedRuns } from "../essay";

const WHERE = "emtd/claims/registry";

/** Every registered claim, in document order (proposal §1 … §4, then the essay). */
export const CLAIMS: readonly Claim[] = Object.freeze(
  uniqueIds([...section1, ...section2, ...section3, ...section41, ...section4rest, ...essay]),
);

/** Every claim's reference, by id, as the records declare them (a unit test checks that every claim declares one). */
export const REFERENCES: Readonly<Record<string, ReferenceDeclaration>> = Object.freeze(
  Object.fromEntries(CLAIMS.flatMap((c) => (c.reference ? [[c.id, c.reference]] : []))),
);

/** The cells of each claim that read fewer parts than the claim uses, by id, as the records declare them. */
export const CELL_SCOPES: Readonly<Record<string, readonly CellScope[]>> = Object.freeze(
  Object.fromEntries(CLAIMS.flatMap((c) => (c.cellScopes ? [[c.id, c.cellScopes]] : []))),
);

/** Claims that share a run (a memo per replicate and cell): spread over processes, each list stays in one. */
export const SHARED_RUNS: ReadonlyArray<readonly string[]> = sharedRuns;

/**
 * The seeds, cell and mechanism of one measurement of claim `id` (the proposal's mechanism unless a variant's is
 * given): stream `name` is `key(fnv(id/name))` at seed 0, replicate 0, otherwise folded with the seed and the
 * replicate, so `--seed` and each replicate change every stream of every claim (the random graph included).
 *
 * @example
 * ```ts
 * const a = measureContext("p1.1-state-tensor", 0, 0).key("graph");
 * const b = measureContext("p1.1-state-tensor", 0, 1).key("graph"); // another graph in replicate 1
 * ```
 */
export function measureContext(
  id: string,
  seed: number,
  replicate: number,
  mechanism: Mechanism = PROPOSAL,
  cell: Cell = {},
): MeasureContext {
  check.integer(WHERE, "seed", seed, 0, 0xffffffff);
  check.integer(WHERE, "replicate", replicate, 0, 0xffffffff);
  return {
    seed,
    replicate,
    mechanism,
    cell,
    key: (name: string) => streamKey(id, name, seed, replicate),
  };
}

/** Throws an {@link EmtdError} at import when two claims share an id (e.g. after merging two claim files). */
function uniqueIds(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) throw new EmtdError(`${WHERE}: two claims have the id ${c.id}`);
    seen.add(c.id);
  }
  return claims;
}

/**
 * Problems with a list of claims, one line each (empty when sound): duplicate or malformed ids, empty quotes, an
 * unknown source, and notebooks that do not exist under `root`.
 *
 * @example
 * ```ts
 * registryProblems(CLAIMS); // → [] (notebooks looked up under the package root)
 * registryProblems([CLAIMS[0], CLAIMS[0]]); // → ["duplicate claim id p1.1-state-tensor"]
 * ```
 */
export function registryProblems(claims: readonly Claim[], root: string = packageRoot()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) problems.push(`duplicate claim id ${c.id}`);
    seen.add(c.id);
    const expected = c.source === "proposal" ? /^p\d\.\d-[a-z0-9-]+$/ : /^e-[a-z0-9-]+$/;
    if (c.source !== "proposal" && c.source !== "essay")
      problems.push(`${c.id}: source must be proposal or essay (got ${String(c.source)})`);
    else if (!expected.test(c.id))
      problems.push(`${c.id}: id must look like ${c.source === "proposal" ? "p<section>-<slug>" : "e-<slug>"}`);
    if (c.source === "proposal" && !c.id.startsWith(`p${c.section}-`)) problems.push(`${c.id}: id does not name its section ${c.section}`);
    if (c.quote.trim() === "" || c.short.trim() === "") problems.push(`${c.id}: empty quote or short description`);
    if (!fs.existsSync(path.join(root, c.notebook))) problems.push(`${c.id}: notebook ${c.notebook} does not exist`);
    if (c.reading.statement.trim() === "") problems.push(`${c.id}: empty reading`);
    for (const [name, p] of Object.entries(c.grid)) {
      if (p.values.length === 0) problems.push(`${c.id}: grid parameter ${name} has no values`);
      if (p.why.length !== p.values.length || p.why.some((w) => w.trim() === ""))
        problems.push(`${c.id}: grid parameter ${name} needs one reason per value (${p.values.length} values, ${p.why.length} reasons)`);
    }
    if (c.sizes !== undefined && !(c.sizes.length >= 3 && Math.max(...c.sizes) / Math.min(...c.sizes) >= 1000))
      problems.push(`${c.id}: a size claim is measured over at least three decades of N (got ${c.sizes.join(", ")})`);
    for (const r of c.repairs) {
      const v = REPAIRS[r.variant];
      if (!v) problems.push(`${c.id}: unknown repair ${r.variant}`);
      else if (!(Object.keys(v) as string[]).some((k) => k !== "name" && c.uses.includes(k as Part)))
        problems.push(`${c.id}: the repair ${r.variant} replaces no part the claim uses (${c.uses.join(", ") || "none"})`);
    }
  }
  return problems;
}

/**
 * The claim with this id; throws an {@link ArgumentError} listing the accepted ids otherwise.
 *
 * @example
 * ```ts
 * claimById("p1.2-entropic-penalty").section; // → "1.2"
 * try {
 *   claimById("no-such-claim");
 * } catch (e) {
 *   console.log(e instanceof ArgumentError); // → true
 * }
 * ```
 */
export function claimById(id: string, claims: readonly Claim[] = CLAIMS): Claim {
  const found = claims.find((c) => c.id === id);
  if (!found) throw new ArgumentError(WHERE, "id", `one of ${claims.map((c) => c.id).join(", ")}`, id);
  return found;
}

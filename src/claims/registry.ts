/**
 * The registry of every claim of the proposal and the essay: one list, checked once (unique ids, well-formed
 * fields), measured on demand. Notebooks, `emtd verdicts`, the README table and the tests all read verdicts from
 * here, so there is one source of truth and no verdict is ever typed as text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../package";
import { ArgumentError, EmtdError, check } from "../errors";
import { fold, key } from "../engine/random";
import {
  VERDICTS,
  type Claim,
  type Evidence,
  type MeasureContext,
  type Measurement,
  type Mechanism,
  type Part,
  type Reading,
  type SizePoint,
  type Verdict,
} from "./types";
import { PROPOSAL } from "./mechanism";
import { claims as section1 } from "./section1";
import { claims as section2 } from "./section2";
import { claims as section3 } from "./section3";
import { claims as section41 } from "./section4-1";
import { claims as section4rest } from "./section4-rest";
import { claims as essay } from "./essay";

const WHERE = "emtd/claims/registry";

/** Every registered claim, in document order (proposal §1 … §4, then the essay). */
export const CLAIMS: readonly Claim[] = Object.freeze(
  uniqueIds([...section1, ...section2, ...section3, ...section41, ...section4rest, ...essay]),
);

/**
 * The seeds and mechanism of one measurement (the proposal's unless a variant's is given): stream s is `key(s)` at seed 0, replicate 0 (the default run keeps its numbers),
 * otherwise `fold(fold(key(s), seed), replicate)`, so `--seed` and each replicate change every stream of every claim.
 *
 * @example
 * ```ts
 * measureContext(0, 0).key(41); // → key(41)
 * measureContext(3, 0).key(41); // → fold(fold(key(41), 3), 0): another stream
 * ```
 */
export function measureContext(seed: number, replicate: number, mechanism: Mechanism = PROPOSAL): MeasureContext {
  check.integer(WHERE, "seed", seed, 0, 0xffffffff);
  check.integer(WHERE, "replicate", replicate, 0, 0xffffffff);
  return {
    seed,
    replicate,
    mechanism,
    key: (stream: number) => (seed === 0 && replicate === 0 ? key(stream) : fold(fold(key(stream), seed), replicate)),
  };
}

/** The headline verdict of a measurement: its strongest reading's. */
export function headlineVerdict(m: Measurement): Measurement["readings"]["strongest"]["verdict"] {
  return m.readings.strongest.verdict;
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

/** A claim with its measurement and the seconds the measurement took (the only non-deterministic field). */
export interface MeasuredClaim {
  claim: Claim;
  measurement: Measurement;
  seconds: number;
}

export interface MeasureOptions {
  /** Called before each claim is measured (e.g. a progress line on stderr). */
  onProgress?: (done: number, total: number, claim: Claim) => void;
  /** The claims to choose from. Default {@link CLAIMS}. */
  claims?: readonly Claim[];
  /**
   * Reuse a measurement already made in this process (measurements are deterministic, so this changes no verdict;
   * a notebook that shows a claim next to its figure and again in its summary measures it once). Default false.
   */
  cache?: boolean;
  /** The `--seed` offset of every stream (default 0). */
  seed?: number;
  /** The replicate index (default 0). */
  replicate?: number;
  /** The mechanism measured (default the proposal's; a variant's from `mechanismOf(variant)`). */
  mechanism?: Mechanism;
}

/** Measurements made in this process, by claim id (only read and written when `cache` is asked for). */
const measured = new Map<string, Measurement>();

/** Checks a measurement: known verdicts, finite evidence, a headline and a reason. Throws an {@link EmtdError}. */
export function checkMeasurement(id: string, m: Measurement): Measurement {
  for (const [name, r] of Object.entries(m.readings) as Array<[string, Reading]>) {
    if (!VERDICTS.includes(r.verdict))
      throw new EmtdError(
        `${WHERE}: claim ${id}: the ${name} reading returned the verdict ${JSON.stringify(r.verdict)} (accepted: ${VERDICTS.join(", ")})`,
      );
    for (const e of r.evidence) checkEvidence(id, e);
  }
  if (m.headline.trim() === "" || m.reason.trim() === "") throw new EmtdError(`${WHERE}: claim ${id} returned an empty headline or reason`);
  return m;
}

function checkEvidence(id: string, e: Evidence): void {
  const numbers = [e.value, e.uncertainty, e.reference, ...(e.interval ?? [])].filter((x) => x !== undefined) as number[];
  if (numbers.some((x) => !Number.isFinite(x)))
    throw new EmtdError(`${WHERE}: claim ${id}: evidence "${e.name}" is not finite (${e.value}): a divergent measurement`);
}

/**
 * Measures the claims with these ids (all when `ids` is omitted), one after the other, in registry order.
 * Each `measure()` is deterministic and disposes its tensors; `seconds` is wall-clock time.
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"]);
 * headlineVerdict(m.measurement); // "fails"
 * ```
 */
export async function measureClaims(ids?: readonly string[], options: MeasureOptions = {}): Promise<MeasuredClaim[]> {
  const pool = options.claims ?? CLAIMS;
  const chosen = ids === undefined ? [...pool] : ids.map((id) => claimById(id, pool));
  const out: MeasuredClaim[] = [];
  for (const [i, claim] of chosen.entries()) {
    options.onProgress?.(i, chosen.length, claim);
    const start = performance.now();
    const ctx = measureContext(options.seed ?? 0, options.replicate ?? 0, options.mechanism ?? PROPOSAL);
    const cacheKey = `${claim.id}@${ctx.seed}/${ctx.replicate}/${ctx.mechanism.key}`;
    const cached = options.cache ? measured.get(cacheKey) : undefined;
    const measurement = cached ?? checkMeasurement(claim.id, await claim.measure(ctx));
    if (options.cache) measured.set(cacheKey, measurement);
    out.push({ claim, measurement, seconds: (performance.now() - start) / 1000 });
  }
  return out;
}

/** A reading as the JSON record shows it: its verdict, the reading's statement, the rule's finding, the evidence. */
export interface ReadingRecord {
  verdict: Verdict;
  statement: string;
  finding: string;
  evidence: Evidence[];
}

/** The JSON record of one measured claim (the contract of `emtd verdicts --json`, issue 20, less `stability`). */
export interface VerdictRecord {
  id: string;
  source: Claim["source"];
  section: string;
  quote: string;
  short: string;
  /** The headline verdict: the strongest reading's. */
  verdict: Verdict;
  headline: string;
  /** The strongest reading's evidence. */
  evidence: Evidence[];
  reason: string;
  notebook: string;
  model: string;
  byConstruction: string | null;
  uses: readonly Part[];
  readings: { literal: ReadingRecord; strongest: ReadingRecord };
  decision: Claim["decision"];
  bySize?: SizePoint[];
}

/**
 * The JSON record of one measured claim, as `emtd verdicts --json` prints it (no timing: deterministic).
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * const record = verdictRecord(m);
 * console.log(record.id, record.verdict); // → p1.2-entropic-penalty fails
 * ```
 */
export function verdictRecord(m: MeasuredClaim): VerdictRecord {
  const { claim, measurement } = m;
  const { literal, strongest } = measurement.readings;
  return {
    id: claim.id,
    source: claim.source,
    section: claim.section,
    quote: claim.quote,
    short: claim.short,
    verdict: strongest.verdict,
    headline: measurement.headline,
    evidence: strongest.evidence,
    reason: measurement.reason,
    notebook: claim.notebook,
    model: claim.model,
    byConstruction: claim.byConstruction,
    uses: claim.uses,
    readings: {
      literal: { verdict: literal.verdict, statement: claim.readings.literal, finding: literal.finding, evidence: literal.evidence },
      strongest: {
        verdict: strongest.verdict,
        statement: claim.readings.strongest,
        finding: strongest.finding,
        evidence: strongest.evidence,
      },
    },
    decision: claim.decision,
    ...(measurement.bySize ? { bySize: measurement.bySize } : {}),
  };
}

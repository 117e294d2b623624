/**
 * How a rule's finding becomes a reading (./decide, ./combine): the one table from finding to verdict, the brand every
 * rule's reading carries ({@link isDecided}), the inconclusive finding with the runs that would decide it, and the
 * brand of a typed fact. The rules themselves live in ./decide (one test) and ./combine (cases and grids).
 */
import { EmtdError } from "../../errors";
import type { Evidence, Finding, FindingKind, Reading, Verdict } from "./types";
import { runsAtObserved, runsFor, runsText, totalRunsAtObserved } from "./runs-to-decide";

const VERDICT_OF: Record<FindingKind, Verdict> = {
  supported: "holds",
  refuted: "fails",
  mixed: "mixed",
  inconclusive: "inconclusive",
  undecidable: "untestable",
};

/** The verdict a finding maps to (the table in the module comment). */
export function verdictOf(kind: FindingKind): Verdict {
  return VERDICT_OF[kind];
}

const decided = new WeakSet<Reading>();

/** True when `r` was made by a rule (./decide, ./combine), not typed into a claim. */
export function isDecided(r: Reading): boolean {
  return decided.has(r);
}

/** Brands a copy of a rule's reading as decided (a one-cell grid hands on its cell's reading). */
export function markDecided(r: Reading): void {
  decided.add(r);
}

/** A reading made by a rule: its verdict from the table, branded as decided. */
export function reading(finding: Finding, evidence: Evidence[]): Reading {
  const out: Reading = { verdict: verdictOf(finding.kind), finding, evidence };
  decided.add(out);
  return out;
}

/**
 * An inconclusive finding. `n` plans `runsToDecide` against `margin`, a margin fixed in advance, and `runsAtObserved`
 * from `observed`. A rule whose margin is only the observed distance to a threshold (beyond, rateBeyond) passes
 * `atGap` with its threshold: its runs are then `runsAtObserved` alone (sign-off N6), counted in `unit` where they are
 * not runs, and the finding names the threshold and the observed distance; its `margin` is 0 (none around the
 * threshold). `arms` is how many arms of `n` runs each the rule compares (two for two rates): the totals
 * (`totalRunsToDecide`, `totalRunsAtObserved`) count them all, the runs a user would launch.
 */
export function inconclusive(
  text: string,
  evidence: Evidence[],
  mde: number,
  margin: number,
  n?: number,
  p?: number,
  observed?: { value: number; se: number },
  atGap?: { unit?: string; threshold: number },
  arms = 1,
): Reading {
  // A threshold test fixes no margin around its threshold: `margin` is 0 there (the rule decides at the threshold
  // itself), and the observed distance travels under its own name (fifth-edition referee: it was stored as a margin).
  const f: Finding = atGap
    ? { kind: "inconclusive", text, mde, margin: 0, threshold: atGap.threshold, distance: margin }
    : { kind: "inconclusive", text, mde, margin };
  // Planned runs only where the MDE is above the margin: at the planned power more runs of the plan decide nothing
  // the effect seen does not (n·(mde/margin)² would be fewer runs than were made).
  const runs = atGap || !(mde > margin) ? undefined : runsFor(n, mde, margin);
  if (runs !== undefined) Object.assign(f, { runsToDecide: runs, totalRunsToDecide: arms * runs });
  const atObserved = observed ? runsAtObserved(n, observed, atGap ? 0 : margin) : undefined;
  if (atObserved !== undefined) f.runsAtObserved = atObserved;
  const inAll = observed ? totalRunsAtObserved(n, arms, observed, atGap ? 0 : margin) : undefined;
  if (inAll !== undefined) f.totalRunsAtObserved = inAll;
  if (atGap?.unit !== undefined && (runs ?? atObserved) !== undefined) f.runsUnit = atGap.unit;
  if (p !== undefined) f.p = p;
  // Every inconclusive finding says in its own text what would decide it (thirty-third-edition referee, revision 5),
  // not only the claim's least resolved one: the runs, or that none do at the effect seen.
  f.text = `${text}${runsClause(f, n === undefined ? undefined : arms * n, observed, atGap ? 0 : margin, atGap ? "threshold" : "margin")}`;
  return reading(f, evidence);
}

/**
 * "; 1142 runs would decide it at the effect seen", with "(767 times the 1488 measured)" where that is more than a
 * hundredfold of the runs measured in all (`measured`, every arm's); "; no number of runs decides it at the effect
 * seen (on the margin)" (or threshold) where the effect seen sits on it; "" where the rule planned nothing.
 */
function runsClause(
  f: Finding,
  measured: number | undefined,
  observed: { value: number; se: number } | undefined,
  margin: number,
  what: "margin" | "threshold",
): string {
  const said = runsText(f);
  if (said === "") {
    const onMargin =
      measured !== undefined && observed !== undefined && observed.se > 0 && Math.abs(Math.abs(observed.value) - margin) === 0;
    return onMargin ? `; no number of runs decides it at the effect seen (on the ${what})` : "";
  }
  // The runs said (every arm's where the rule has two) against the runs measured in all (`measured`: arms × n).
  const most = Math.max(f.totalRunsToDecide ?? f.runsToDecide ?? 0, f.totalRunsAtObserved ?? f.runsAtObserved ?? 0);
  const many =
    measured !== undefined && measured > 0 && most > HUNDREDFOLD * measured
      ? ` (${Math.round(most / measured)} times the ${measured} measured)`
      : "";
  return `; ${said}${many}`;
}

/** Runs beyond this multiple of those measured are said as the multiple too (a referee reads "no feasible run"). */
const HUNDREDFOLD = 100;

/**
 * A reading marked one way only (Finding `oneWay`): the same verdict and finding, with why it could come out only
 * one way (one arm alone rules the other outcome out; ./decide marks these itself).
 *
 * The one rule for one-way outcomes, the same for cells and parts (VERDICTS.md §5 "says so"; eleventh-edition
 * referee): a one-way cell or part decides like any other and says so, in its record (`oneWay`) and in every text
 * that names it (./combine oneWayMark). Nothing is set aside for being one way; a cell our model decides is set
 * aside by the one by-construction test ({@link markBuilt}); a designed landscape is never a cell at all (it is
 * evidence beside the grid, or a repair).
 */
export function markOneWay(r: Reading, why: string): Reading {
  if (why.trim() === "") throw new EmtdError("emtd/claims/decide: markOneWay needs a reason (got an empty one)");
  return reading({ ...r.finding, oneWay: why }, r.evidence);
}

/**
 * The one by-construction test (VERDICTS.md §6, "our model, not the text"), stated once: {@link markBuilt} applies
 * it, and the verdict page prints it above the claims whose cells it sets aside (./verdict-markdown; fifteenth-edition
 * referee: one written test, applied to holds and fails alike).
 */
export const BY_CONSTRUCTION_TEST =
  "A cell or part is by construction when its verdict would be the same whatever the mechanism the sentence credits " +
  "did, because something of our model that the text does not state decides it: a definition or identity of our " +
  "model, a designed trap or attacker, a closed form of our own model. It is then evidence, holding or failing alike: " +
  "it counts toward no 90 %, gives a mixed grid or a conjunction neither side, and a grid of nothing else is " +
  "untestable. The text's own mechanism doing what the sentence says is measured and counted, even where its " +
  "outcome can be derived (the flow on Definition 1.2's ℋ, §3.3's node-0 code, the primitives and protocols the " +
  "text names): a derivation is a prediction the measurement checks, and each record's `byConstruction` note gives " +
  "it, or the argument for what our model builds in. It is counted with the sentence's own mechanism clause as a " +
  "part: where the sentence credits a mechanism with the outcome (EMTD relies on diffusion, nodes align to minimize " +
  "the energy), a control without it is measured and counted as a part. Where the sentence names no cause (the " +
  "Hamiltonian formulation works identically), none is added (VERDICTS.md §1). A clause about the text's own " +
  "definitions is measured on them and counted, holding or failing alike, even where algebra predicts it: " +
  "Definition 1.2's ℋ grows with disagreement (a sum of squares) and takes no latency, and its response to each is " +
  "computed (p1.2-interaction-energy, both clauses; p1.2-entropic-penalty's term likewise). An identity of algebra " +
  "in VERDICTS.md §2's sense, never a part, is one of our model or our measurement (a tautology of the observable " +
  "we chose), not a property of the text's object. A clause crediting a mechanism that enters no step of the " +
  "text's update (the Merkle-DAG in either of p2.1-merkle-diffusion's) has no observable there: a control without " +
  "it would be the same runs, so it is evidence, its outcome said in the finding, never an arm compared with " +
  "itself; what the update does there is measured and counted. The " +
  "essay names participation and decay but gives them no " +
  "dynamics: an outcome our ambient model's decay and participation wells alone decide (a detached node's value) " +
  "is by construction; a control that switches our decay off where the sentence credits decay with an outcome the " +
  "dynamics decide (e-double-spend's γ = 0) could come out either way, and is counted.";

/**
 * A reading marked by construction (Finding `byConstruction`): the same verdict and finding, with why an ingredient
 * of our model that the text does not state decides it. The one test that says when (VERDICTS.md §6, "our model, not
 * the text") is {@link BY_CONSTRUCTION_TEST}, stated once, as the verdict page prints it. Both signs alike
 * (VERDICTS.md §3): a built cell or part, holding, failing or undecided, is evidence, set aside from the 90 %, from a
 * mixed grid's sides and from a conjunction's ({@link isBuilt}). test/unit/claims/mixed-needs-a-hold holds the rule to it.
 */
export function markBuilt(r: Reading, why: string): Reading {
  if (why.trim() === "") throw new EmtdError("emtd/claims/decide: markBuilt needs a reason (got an empty one)");
  const out = reading({ ...r.finding, byConstruction: why }, r.evidence);
  if (isFact(r)) markFact(out);
  return out;
}

/**
 * A cell reading whose outcome a derivation from the text's own rule gives (Finding `derivedFrom`): measured and
 * counted like any other cell (the rule is the text's, not our model), but the cells one derivation gives count once
 * in the grid's tally (./grid-rule oncePerDerivation; twenty-second-edition referee: axes that cannot change a
 * derived outcome must not multiply it into the 90 %). `derivation` names the argument, the same text for every cell
 * it covers.
 */
export function markDerived(r: Reading, derivation: string): Reading {
  if (derivation.trim() === "") throw new EmtdError("emtd/claims/decide: markDerived needs the derivation (got an empty one)");
  return reading({ ...r.finding, derivedFrom: derivation }, r.evidence);
}

/** A reading (or record) marked by construction, whatever its verdict: evidence under VERDICTS.md §3 and §6, not counted. */
export function isBuilt(r: { byConstruction?: string; finding?: { byConstruction?: string } }): boolean {
  return (r.byConstruction ?? r.finding?.byConstruction) !== undefined;
}

const facts = new WeakSet<Reading>();

/** True when `r` was made by {@link fact} (a boolean typed by the claim, not decided on an interval by a rule). */
export function isFact(r: Reading): boolean {
  return facts.has(r);
}

/** Brands a reading as a typed fact (./decide fact). */
export function markFact(r: Reading): void {
  facts.add(r);
}

/** A `fact()` reading handed to {@link conjunction} or {@link everyCase} as a part: the registry names the claim. */
export class FactPartError extends EmtdError {
  override name = "FactPartError";
}

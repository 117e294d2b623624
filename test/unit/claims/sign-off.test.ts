/**
 * The third edition's sign-off notes on records and tables (docs/reviews/third-edition-sign-off.md): a grid's
 * agreement over its testable cells beside the agreement over every cell (N5); the deciding parameter in words in the
 * tables, not the bare name (N8); a repair's verdict over replicates, with its stability, and the repair column's
 * modal verdict or "unstable: …" (N2). Planted claims, so each check can fail on a known answer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import { measureReplicates } from "../../../src/claims/machinery/stability";
import { sameMeasurement, sameNumbers, withStabilitiesOf } from "../../../src/claims/machinery/committed";
import { beyond, estimateEvidence, undecidable } from "../../../src/claims/machinery/decide";
import { markBuilt, markDerived } from "../../../src/claims/machinery/findings";
import { outsidePrecondition } from "../../../src/claims/machinery/precondition";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { gridText, repairsText, verdictText } from "../../../src/claims/machinery/display";
import type { Claim, MeasureContext } from "../../../src/claims/machinery/types";
import { PLANTED_CLAIM } from "../../fixtures/planted-claims";

/** A reading that holds (0.5 ± 0.01 above 0.3) or fails (0.1 ± 0.01). */
const read = (holds: boolean, what: string) => {
  const e = { value: holds ? 0.5 : 0.1, se: 0.01 };
  return beyond(e, 0.3, "above", what, [estimateEvidence(what, e)]);
};

const planted = (
  id: string,
  grid: Claim["grid"],
  measure: (ctx: MeasureContext) => ReturnType<typeof read>,
  repairs: Claim["repairs"] = [],
): Claim => ({
  id,
  ...PLANTED_CLAIM,
  short: "planted",
  model: "fixed estimates",
  uses: ["integrator"],
  reading: { statement: "planted", mechanism: "proposal" },
  decision: { rule: "beyond", threshold: "0.3", why: "a planted test case" },
  grid,
  repairs,
  async measure(ctx) {
    const result = measure(ctx);
    return { result, headline: result.finding.text, reason: "planted" };
  },
});

test("a grid's agreement over its testable cells beside every cell's (sign-off N5)", async () => {
  // Two cells hold, one is untestable: the grid holds (re-review R1), 2 of 3 agree, 2 of 2 testable ones do.
  const claim = planted("p9.9-planted-testable", { a: { values: [1, 2, 3], why: ["x", "y", "z"] } }, (ctx) =>
    ctx.cell.a === 3 ? undecidable("no run decides here", []) : read(true, `a=${ctx.cell.a}`),
  );
  const [m] = await measureClaims([claim.id], { claims: [claim] });
  const r = verdictRecord(m!);
  assert.equal(r.verdict, "holds");
  assert.equal(r.grid.agreement, 2 / 3, "agreement keeps its definition: the modal share of every cell");
  assert.equal(r.grid.testable, 2);
  assert.equal(r.grid.testableAgreement, 1, "the 90 % rule reads the testable cells");
  // A split over the testable cells: 1 of 2.
  const split = planted("p9.9-planted-testable-split", { a: { values: [1, 2, 3], why: ["x", "y", "z"] } }, (ctx) =>
    ctx.cell.a === 3 ? undecidable("no run decides here", []) : read(ctx.cell.a === 1, `a=${ctx.cell.a}`),
  );
  const s = verdictRecord((await measureClaims([split.id], { claims: [split] }))[0]!);
  assert.equal(s.verdict, "mixed");
  assert.deepEqual([s.grid.agreement, s.grid.testable, s.grid.testableAgreement], [1 / 3, 2, 1 / 2]);
  // Every cell untestable: no testable agreement to report.
  const none = planted("p9.9-planted-untestable", { a: { values: [1, 2], why: ["x", "y"] } }, () => undecidable("nothing", []));
  const n = verdictRecord((await measureClaims([none.id], { claims: [none] }))[0]!);
  assert.equal(n.grid.testable, 0);
  assert.equal(n.grid.testableAgreement, undefined);
});

test("the share the 90 % rule reads sets aside built-in cells and counts one derivation once; the key number is a measured cell", async () => {
  // Five cells: two a derivation gives (both hold), one built in (holds), one measured hold, one measured fail.
  const grid: Claim["grid"] = { a: { values: [1, 2, 3, 4, 5], why: ["v", "w", "x", "y", "z"] } };
  const cells = planted("p9.9-planted-rule-share", grid, (ctx) => {
    const a = ctx.cell.a as number;
    const r = read(a !== 5, `a=${a}`);
    if (a <= 2) return markDerived(r, "one argument");
    return a === 3 ? markBuilt(r, "our model") : r;
  });
  const r = verdictRecord((await measureClaims([cells.id], { claims: [cells] }))[0]!);
  assert.equal(r.grid.testableAgreement, 4 / 5, "testableAgreement keeps its definition: the modal share of the testable cells");
  assert.deepEqual([r.grid.ruleEntries, r.grid.ruleAgreement], [3, 2 / 3], "entries: the derivation once, a = 4, a = 5");
  assert.equal(r.verdict, "mixed");
  assert.match(r.headline, /a=4/, "the key number is the first measured cell, not a derived or built-in one");
});

test("tables say the deciding parameter in words: a nested one with what the cells outside it do (sign-off N8)", async () => {
  // p2.2-diffusion-propagates' shape: flow fails, copy/node0 holds, copy/neighbour fails.
  const grid: Claim["grid"] = {
    update: { values: ["flow", "copy"], why: ["x", "y"] },
    kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] } },
  };
  const claim = planted("p9.9-planted-nested", grid, (ctx) => read(ctx.cell.kernel === "node0", `${ctx.cell.update}/${ctx.cell.kernel}`));
  const r = verdictRecord((await measureClaims([claim.id], { claims: [claim] }))[0]!);
  assert.equal(r.verdict, "mixed");
  assert.equal(r.grid.decidedBy, "kernel", "the JSON keeps the bare name");
  const words = "kernel (a choice where update=copy; the 1 cell outside it fails)";
  assert.equal(r.grid.decidedByInWords, words);
  assert.equal(verdictText(r), `mixed (decided by ${words})`);
  assert.equal(gridText(r.grid), `2 fails, 1 holds of 3 cells; decided by ${words}`);
  // A record written before the field was kept still shows the bare name.
  const { decidedByInWords: _words, ...older } = r.grid;
  assert.equal(verdictText({ ...r, grid: older }), "mixed (decided by kernel)");
});

/**
 * A claim that holds under the proposal in every replicate, with the MALA repair holding only where `repairHolds`
 * says, by replicate: the repair's votes are known, so its stability can be checked exactly.
 */
const byReplicate = (id: string, repairHolds: (replicate: number) => boolean) =>
  planted(
    id,
    { a: { values: [1], why: ["one cell"] } },
    (ctx) => read(ctx.mechanism === PROPOSAL || repairHolds(ctx.replicate), "planted"),
    [{ variant: "mala", why: "planted: the repair's verdict depends on the replicate" }],
  );

test("a repair carries its stability over the replicates; the column shows the modal verdict or unstable (sign-off N2)", async () => {
  // As p4.3-landauer's symmetric repair: replicate 0 holds, most others do not. Holds in 1 of 4: unstable.
  const minority = byReplicate("p9.9-planted-repair-minority", (r) => r === 0);
  const run = await measureReplicates([minority.id], { claims: [minority], replicates: 4 });
  const [record] = run.claims;
  assert.equal(record!.stability.counts.holds, 4, "the claim itself holds in every replicate");
  const repair = record!.repairs[0]!;
  assert.equal(repair.verdict, "holds", "the record's verdict is replicate 0's");
  assert.deepEqual(repair.stability.counts, { holds: 1, fails: 3, mixed: 0, inconclusive: 0, untestable: 0 });
  assert.deepEqual([repair.stability.modal, repair.stability.agreement, repair.stability.stable], ["fails", 0.75, false]);
  assert.equal(repairsText(record!.repairs), "unstable: 3/4 fails, 1/4 holds with MALA");
  // Stable (9 of 10 agree) while replicate 0 is the dissenter: the modal verdict, with replicate 0's beside it.
  const dissent = byReplicate("p9.9-planted-repair-dissent", (r) => r === 0);
  const ten = (await measureReplicates([dissent.id], { claims: [dissent], replicates: 10 })).claims[0]!;
  assert.deepEqual([ten.repairs[0]!.stability.modal, ten.repairs[0]!.stability.stable], ["fails", true]);
  assert.equal(repairsText(ten.repairs), "fails (9/10; replicate 0: holds) with MALA");
  // Stable and replicate 0 modal: as one replicate shows it.
  const steady = byReplicate("p9.9-planted-repair-steady", () => true);
  const same = (await measureReplicates([steady.id], { claims: [steady], replicates: 3 })).claims[0]!;
  assert.equal(same.repairs[0]!.stability.counts.holds, 3);
  assert.equal(repairsText(same.repairs), "holds with MALA");
  // The committed record of a run is still the measurement: the repairs' stability is set aside like the claim's.
  const [now] = await measureClaims([steady.id], { claims: [steady] });
  assert.equal(sameMeasurement(same, verdictRecord(now!)), true);
  assert.equal(sameMeasurement({ ...same, headline: "other" }, verdictRecord(now!)), false);
  // Two stable records (what --record --refactor compares): the stabilities and fingerprints set aside on both sides.
  const once = (await measureReplicates([steady.id], { claims: [steady], replicates: 1 })).claims[0]!;
  assert.equal(sameMeasurement(same, { ...once, fingerprint: { sha256: "x", files: {} } }), true);
  assert.equal(sameMeasurement(same, { ...once, headline: "other" }), false);
  // Reworded only (the claim's text, a repair's note): the same numbers, so --refactor keeps the committed replicates'
  // stabilities under the new wording; a changed headline, verdict or evidence is a new measurement.
  const reworded = {
    ...verdictRecord(now!),
    review: "reworded",
    repairs: verdictRecord(now!).repairs.map((r) => ({ ...r, shortOfTheorem: "a note" })),
  };
  assert.equal(sameMeasurement(same, reworded), false);
  assert.equal(sameNumbers(same, reworded), true);
  assert.equal(sameNumbers(same, { ...reworded, headline: "other" }), false);
  assert.equal(sameNumbers(same, { ...reworded, repairs: reworded.repairs.map((r) => ({ ...r, verdict: "fails" as const })) }), false);
  // A one-way mark (a part's oneWay and its " [one way only: …]") moves no number: the same; any other text moves.
  const finding = reworded.finding;
  const marked = { ...reworded, finding: { ...finding, text: `${finding.text} [one way only: both arms at the floor]` } };
  assert.equal(sameNumbers(same, marked), true);
  assert.equal(sameNumbers(same, { ...reworded, finding: { ...finding, text: `${finding.text} [another note]` } }), false);
  const parted = { ...reworded, finding: { ...finding, parts: [{ statement: "a", verdict: "fails" as const, oneWay: "floor" }] } };
  const unparted = { ...reworded, finding: { ...finding, parts: [{ statement: "a", verdict: "fails" as const }] } };
  assert.equal(sameNumbers({ ...same, finding: unparted.finding }, parted), true);
  // The runs that would decide, counted per arm then in all (twenty-ninth edition), decide nothing: the same numbers;
  // another number of the finding still moves.
  const perArm = {
    ...reworded,
    finding: { ...finding, text: `${finding.text} (least resolved: 163 runs would decide it; 1909 at the effect seen)` },
  };
  const inAll = {
    ...reworded,
    finding: {
      ...finding,
      text: `${finding.text} (least resolved: 326 runs in all would decide it (163 per arm); 4104 in all at the effect seen)`,
      totalRunsToDecide: 326,
      totalRunsAtObserved: 4104,
    },
  };
  assert.equal(sameNumbers({ ...same, finding: perArm.finding }, inAll), true);
  assert.equal(
    sameNumbers({ ...same, finding: perArm.finding }, { ...inAll, finding: { ...inAll.finding, text: `${inAll.finding.text} 0.5` } }),
    false,
  );
  // Carried by the inconclusive finding itself (thirty-third edition, ./findings runsClause) rather than after a list's
  // least resolved case: the same numbers; a changed count inside the clause's words still decides nothing.
  const atLeaf = {
    ...reworded,
    finding: { ...finding, text: `${finding.text}; 1142 runs would decide it at the effect seen (767 times the 1488 measured)` },
  };
  const leastResolved = {
    ...reworded,
    finding: { ...finding, text: `${finding.text} (least resolved: 1142 runs would decide it at the effect seen)` },
  };
  assert.equal(sameNumbers({ ...same, finding: leastResolved.finding }, atLeaf), true);
  assert.equal(
    sameNumbers(same, {
      ...reworded,
      finding: { ...finding, text: `${finding.text}; no number of runs decides it at the effect seen (on the margin)` },
    }),
    true,
  );
  assert.equal(sameNumbers(same, { ...reworded, finding: { ...finding, text: `${finding.text}; (767 times the 1488 measured)` } }), false);
  const grafted = withStabilitiesOf(reworded, same);
  assert.deepEqual([grafted.review, grafted.repairs[0]!.shortOfTheorem], ["reworded", "a note"]);
  assert.deepEqual(grafted.stability, same.stability);
  assert.deepEqual(grafted.repairs[0]!.stability, same.repairs[0]!.stability);
  assert.deepEqual(
    grafted.grid.cells.map((c) => c.stability),
    same.grid.cells.map((c) => c.stability),
  );
  assert.equal(sameMeasurement(grafted, reworded), true, "the grafted record is the new measurement");
});

test("a repair with untestable cells says how many in the repair column, and which are outside its precondition (sign-off N4, sign-off 2 m5)", async () => {
  const claim = planted(
    "p9.9-planted-repair-untestable",
    { family: { values: ["ws", "ring", "complete"], why: ["x", "y", "z"] } },
    (ctx) =>
      ctx.mechanism === PROPOSAL || ctx.cell.family === "complete"
        ? read(true, "r")
        : ctx.cell.family === "ws"
          ? outsidePrecondition("not robust", "the repair claims nothing here", [])
          : undecidable("no observable decides it", []),
    [{ variant: "mala", why: "planted" }],
  );
  const r = verdictRecord((await measureClaims([claim.id], { claims: [claim] }))[0]!);
  assert.equal(r.repairs[0]!.verdict, "holds");
  assert.equal(r.repairs[0]!.grid.cells[0]!.finding, "outside the repair's precondition (not robust): the repair claims nothing here");
  assert.equal(repairsText(r.repairs), "holds (1 of 3 cells outside its precondition; 1 of 3 cells untestable) with MALA");
});

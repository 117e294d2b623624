/**
 * Stability of cells and parts (issue 50 item 3, VERDICTS.md §6): a stability run counts each cell's verdict and each
 * part's over the replicates, beside the label's, and the table says how many are stable, so that a stable label over
 * parts that move with the seed shows as such.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { withStability } from "../../../src/claims/machinery/stability";
import { runHeadlineText, runVerdictText, stabilitySummary } from "../../../src/claims/machinery/display";
import type { VerdictRecord } from "../../../src/claims/machinery/verdict-record";
import type { FindingPart, Verdict } from "../../../src/claims/machinery/types";

/** A record of a two-cell grid (kernel = a, b) whose cells are conjunctions of two parts, as replicate r measured it. */
function record(
  cellVerdicts: [Verdict, Verdict],
  parts: [FindingPart[] | undefined, FindingPart[] | undefined],
  verdict: Verdict,
): VerdictRecord {
  const cells = (["a", "b"] as const).map((k, i) => ({
    at: { kernel: k },
    verdict: cellVerdicts[i]!,
    finding: "",
    ...(parts[i] ? { parts: parts[i] } : {}),
    headline: "",
  }));
  return {
    id: "x",
    verdict,
    reading: { statement: "", mechanism: "proposal", evidence: [] },
    finding: {
      kind: verdict === "mixed" ? "mixed" : "supported",
      text: "",
      ...(verdict === "mixed" ? { parts: cells.map((c) => ({ statement: `kernel=${c.at.kernel}`, verdict: c.verdict })) } : {}),
    },
    grid: { parameters: { kernel: { values: ["a", "b"], why: ["", ""] } }, cells, counts: {}, agreement: 1, testable: 2 },
    repairs: [],
  } as unknown as VerdictRecord;
}

const two = (first: Verdict, second: Verdict): FindingPart[] => [
  { statement: "the outcome", verdict: first },
  { statement: "the cause", verdict: second },
];

test("withStability: every cell and every part carries its verdicts over the replicates; the label's stability hides none of them", () => {
  // Cell a holds in every replicate; cell b is mixed, its cause moving with the seed (holds, fails, holds, inconclusive
  // whole: an inconclusive conjunction lists no parts and casts no part vote).
  const rounds = [
    record(["holds", "mixed"], [two("holds", "holds"), two("holds", "fails")], "mixed"),
    record(["holds", "mixed"], [two("holds", "holds"), two("fails", "holds")], "mixed"),
    record(["holds", "mixed"], [two("holds", "holds"), two("holds", "fails")], "mixed"),
    record(["holds", "inconclusive"], [two("holds", "holds"), undefined], "inconclusive"),
  ];
  const [r] = withStability(rounds.map((x) => [x]));
  assert.deepEqual(r!.stability.counts, { holds: 0, fails: 0, mixed: 3, inconclusive: 1, untestable: 0 });
  const [a, b] = r!.grid.cells;
  assert.deepEqual([a!.stability!.modal, a!.stability!.replicates, a!.stability!.stable], ["holds", 4, true]);
  assert.deepEqual([b!.stability!.counts.mixed, b!.stability!.counts.inconclusive, b!.stability!.stable], [3, 1, false]);
  // Parts are matched by statement; b's parts are voted on by the three replicates that list them.
  assert.deepEqual(
    b!.parts!.map((p) => [p.statement, p.stability!.replicates, p.stability!.counts.holds, p.stability!.counts.fails]),
    [
      ["the outcome", 3, 2, 1],
      ["the cause", 3, 1, 2],
    ],
  );
  assert.ok(a!.parts!.every((p) => p.stability!.stable && p.stability!.replicates === 4));
  // The grid's own parts (its cells, by label) are read from every replicate's cells, mixed or not.
  assert.deepEqual(
    r!.finding.parts!.map((p) => [p.statement, p.stability!.replicates, p.stability!.modal]),
    [
      ["kernel=a", 4, "holds"],
      ["kernel=b", 4, "mixed"],
    ],
  );
  // The table: a label stable or not, over cells and parts that move.
  assert.equal(stabilitySummary(r!), "unstable: 3/4 mixed, 1/4 inconclusive; cells stable 1/2; parts stable 2/4");
});

test("a mixed label's part counts and its key number are the modal ones, or marked as replicate 0's (tenth-edition referee #4)", () => {
  // Replicate 0's cell a holds; the other two replicates' fail it: the label is mixed in all three.
  const rounds = [record(["holds", "mixed"], [undefined, undefined], "mixed"), record(["fails", "mixed"], [undefined, undefined], "mixed")];
  const withHeadline = (x: VerdictRecord) => {
    x.headline = `${x.grid.cells[0]!.verdict} in cell a`;
    x.grid.cells[0]!.headline = x.headline;
    return x;
  };
  const [r] = withStability([rounds[0]!, rounds[1]!, structuredClone(rounds[1]!)].map((x) => [withHeadline(x)]));
  assert.equal(runVerdictText(r!), "mixed (modal parts: none of 2 parts holds: 1 fails, 1 mixed; replicate 0: 1 of 2 parts hold)");
  // The key number is a modal replicate's (thirty-fourth-edition referee); replicate 0's record keeps its own headline.
  assert.deepEqual(r!.grid.cells[0]!.stability!.modalDraw, { replicate: 1, headline: "fails in cell a" });
  assert.equal(r!.headline, "holds in cell a");
  assert.equal(runHeadlineText(r!), "fails in cell a (replicate 1's draw, a modal one: this cell is fails in 2/3 replicates)");
  // A committed run recorded before the draw was kept marks replicate 0's as such.
  const before = structuredClone(r!);
  delete before.grid.cells[0]!.stability!.modalDraw;
  assert.equal(runHeadlineText(before), "holds in cell a (replicate 0's draw; this cell is fails in 2/3 replicates)");
  // Replicate 0's cell is modal but its label is not: the draw is the first replicate where both are.
  const label = (x: VerdictRecord, verdict: Verdict) => Object.assign(withHeadline(structuredClone(x)), { verdict });
  const [off] = withStability([label(rounds[1]!, "holds"), label(rounds[1]!, "mixed"), label(rounds[1]!, "mixed")].map((x) => [x]));
  assert.equal(off!.grid.cells[0]!.stability!.modalDraw?.replicate, 1);
  // Where replicate 0 is the modal draw, both are replicate 0's as they stand.
  const [same] = withStability([rounds[1]!, rounds[1]!, rounds[0]!].map((x) => [withHeadline(structuredClone(x))]));
  assert.equal(runVerdictText(same!), "mixed (none of 2 parts holds: 1 fails, 1 mixed)");
  assert.equal(runHeadlineText(same!), "fails in cell a");
  assert.equal(same!.grid.cells[0]!.stability!.modalDraw, undefined, "none drawn where replicate 0's are modal");
});

test("stabilitySummary: one replicate says the label only; a single-cell claim counts its finding's parts", () => {
  const [one] = withStability([[record(["holds", "holds"], [two("holds", "holds"), two("holds", "holds")], "holds")]]);
  assert.equal(stabilitySummary(one!), "1/1 holds");
  const single = (votes: [Verdict, Verdict]) => {
    const x = record(["mixed", "mixed"], [two(...votes), undefined], "mixed");
    x.grid.cells.pop();
    x.finding.parts = two(...votes);
    return [x];
  };
  const [r] = withStability([single(["holds", "fails"]), single(["holds", "fails"]), single(["holds", "holds"])]);
  assert.equal(stabilitySummary(r!), "3/3 mixed; parts stable 1/2");
});

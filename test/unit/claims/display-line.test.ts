/**
 * A mixed row says where it stands against VERDICTS.md §3's 90 % line when its replicates cross it, and where the cells
 * that do not hold lie when no parameter decides the grid (sixteenth-edition referee: p4.2-reheating-escapes is mixed
 * at 63 of 72 holding cells, holds in 2 of 20 replicates, and its non-holding cells are exactly kernel = neighbour ×
 * reheatT = 1, none of which its row said). Built records, and the committed run's p4.2 row; nothing measured.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runGridText, runVerdictText } from "../../../src/claims/machinery/display";
import { nearestSplitText, notHoldingRegionText } from "../../../src/claims/machinery/grid-notes";
import { stabilityOf } from "../../../src/claims/machinery/stability";
import { readCommittedRun } from "../../../src/claims/machinery/committed";

const cell = (at: Record<string, string | number>, verdict: string, extra: object = {}) => ({
  at,
  verdict,
  headline: "",
  finding: "",
  ...extra,
});

test("the cells that do not hold are placed by the values they all share, counted against the cells with those values", () => {
  const cells = [
    cell({ kernel: "node0", T: 1 }, "holds"),
    cell({ kernel: "node0", T: 100 }, "holds"),
    cell({ kernel: "neighbour", T: 1 }, "fails"),
    cell({ kernel: "neighbour", T: 1 }, "inconclusive"),
    cell({ kernel: "neighbour", T: 1 }, "holds"),
    cell({ kernel: "neighbour", T: 100 }, "holds"),
  ];
  assert.equal(
    notHoldingRegionText({ cells } as never),
    "; the 2 cells that do not hold all have kernel = neighbour, T = 1 (3 counted cells there, 1 of them holding)",
  );
  // A deciding parameter says it already; cells that share no value place nothing; one such cell is no region.
  assert.equal(notHoldingRegionText({ cells, decidedBy: "kernel" } as never), "");
  const apart = [cells[0]!, cell({ kernel: "neighbour", T: 100 }, "fails"), cell({ kernel: "node0", T: 1 }, "fails")];
  assert.equal(notHoldingRegionText({ cells: apart } as never), "", "node0/1 and neighbour/100 share nothing");
  assert.equal(notHoldingRegionText({ cells: cells.slice(0, 3) } as never), "");
  // Cells set aside as by construction, and untestable ones, are not counted on either side.
  const withBuilt = [
    ...cells,
    cell({ kernel: "node0", T: 1 }, "fails", { byConstruction: "designed" }),
    cell({ kernel: "node0", T: 1 }, "untestable"),
  ];
  assert.equal(notHoldingRegionText({ cells: withBuilt } as never), notHoldingRegionText({ cells } as never));
  // Values every counted cell has (a one-value parameter) place nothing.
  const oneValue = cells.map((c) => ({ ...c, at: { ...c.at, N: 50 } }));
  assert.match(notHoldingRegionText({ cells: oneValue } as never), /all have kernel = neighbour, T = 1 \(/);
});

test("where the cells that do not hold share no value, the row names the nearest split with the cells on each side, or says none exists", () => {
  // Non-holding cells (free, 0.5), (free, 0.05), (budget, 0.05) share no value; T separates them best: T = 0.3 holds
  // alone, T = 0.05 fails twice, T = 0.5 holds once and fails once (one cell off its side's majority).
  const cells = [
    cell({ identities: "free", T: 0.5 }, "fails"),
    cell({ identities: "free", T: 0.05 }, "fails"),
    cell({ identities: "free", T: 0.3 }, "holds"),
    cell({ identities: "budget", T: 0.5 }, "holds"),
    cell({ identities: "budget", T: 0.05 }, "fails"),
  ];
  assert.equal(notHoldingRegionText({ cells } as never), "");
  assert.equal(
    nearestSplitText({ cells } as never),
    "; no parameter has holding cells on one side and failing ones on the other; " +
      "the nearest split of the holding cells from the rest: T, where T = 0.3: 1 holds; " +
      "the other 4 counted cells: 3 fails, 1 holds (1 of 5 counted cells off its side's majority)",
  );
  // A single parameter wins a tie with a pair; a pair whose sides are single cells separates nothing.
  const crossed = [
    cell({ a: 1, b: 1 }, "holds"),
    cell({ a: 1, b: 2 }, "fails"),
    cell({ a: 2, b: 1 }, "fails"),
    cell({ a: 2, b: 2 }, "holds"),
  ];
  assert.equal(
    nearestSplitText({ cells: crossed } as never),
    "; no parameter and no interaction of two separates the holding cells from the others",
  );
  // Nothing where a parameter decides, where the region says it already, or where every counted cell holds.
  assert.equal(nearestSplitText({ cells, decidedBy: "T" } as never), "");
  const region = [cell({ k: "a", T: 1 }, "holds"), cell({ k: "b", T: 1 }, "fails"), cell({ k: "b", T: 2 }, "fails")];
  assert.notEqual(notHoldingRegionText({ cells: region } as never), "");
  assert.equal(nearestSplitText({ cells: region } as never), "");
  assert.equal(nearestSplitText({ cells: cells.map((c) => ({ ...c, verdict: "holds" })) } as never), "");
  // A cell by construction is on neither side.
  const built = [...cells, cell({ identities: "budget", T: 0.3 }, "fails", { byConstruction: "designed" })];
  assert.equal(nearestSplitText({ cells: built } as never), nearestSplitText({ cells } as never));
  // A one-way cell places no side either (thirty-third-edition referee): a ceiling hold among the free identities
  // leaves the split as it was and is named as left out.
  const ceiling = [...cells, cell({ identities: "free", T: 0.3 }, "holds", { oneWay: "both arms at the ceiling" })];
  assert.equal(
    nearestSplitText({ cells: ceiling } as never),
    `${nearestSplitText({ cells } as never)}; its 1 one-way cell is left out (it places no side)`,
  );
});

test("a stable mixed label whose replicates cross the 90 % line says so, with the counted cells on that side; a steady or unstable one does not", () => {
  const holds = Array.from({ length: 7 }, (_, i) => cell({ i }, "holds", { stability: stabilityOf(Array(10).fill("holds") as never) }));
  const fails = cell({ i: 7 }, "fails", { stability: stabilityOf(Array(10).fill("fails") as never) });
  const record = (labels: string[]) =>
    ({
      verdict: "mixed",
      finding: { kind: "mixed", text: "" },
      grid: { cells: [...holds, fails], counts: {} },
      stability: stabilityOf(labels as never),
    }) as never;
  const crossing = runVerdictText(record([...Array(9).fill("mixed"), "holds"]));
  assert.match(crossing, /; at the 90 % line: 7 of 8 counted cells hold \(88 %\), and the grid holds in 1\/10 replicates$/);
  assert.doesNotMatch(runVerdictText(record(Array(10).fill("mixed"))), /90 % line/);
  // An unstable label shows its crossings in its own text ("unstable: 8/10 mixed, 2/10 holds").
  assert.doesNotMatch(runVerdictText(record([...Array(8).fill("mixed"), "holds", "holds"])), /90 % line/);
  // The cells one derivation gives count once against the line, as the rule reads them: 5 of them are one entry.
  const derived = holds.map((c, i) => (i < 5 ? { ...c, derivedFrom: "one argument" } : c));
  const once = {
    verdict: "mixed",
    finding: { kind: "mixed", text: "" },
    grid: { cells: [...derived, fails], counts: {} },
    stability: stabilityOf([...Array(9).fill("mixed"), "holds"] as never),
  } as never;
  assert.match(runVerdictText(once), /; at the 90 % line: 3 of 4 counted cells \(8 cells, one per derivation\) hold \(75 %\)/);
});

test("the committed p4.2-reheating-escapes row says how its cells are counted, and where its non-holding cells lie", () => {
  const run = readCommittedRun();
  assert.ok(run, "the committed run is in data/verdicts/verdicts.json");
  const p42 = run.claims.find((c) => c.id === "p4.2-reheating-escapes")!;
  // Its guaranteed escapes count once per derivation (twenty-second-edition referee): the row says so beside the raw tally.
  assert.match(runGridText(p42.grid), /of 72 cells; 60 cells of 3 derivations count as 3/);
  assert.match(runGridText(p42.grid), /cells that do not hold all have kernel = neighbour, reheatT = 1/);
});

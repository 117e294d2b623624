/**
 * Cells that stop when they are decided (src/claims/machinery/sequential-cell): runs are asked for in order, batch by batch,
 * only until a look decides; the label is the fixed rule's on the runs used; a cell that reaches its plan measured
 * exactly the fixed design's runs; and the record says where each test stopped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cellStop, looksOf, noViolationByLooks, rateBeyondByLooks } from "../../../src/claims/machinery/sequential-cell";
import { noViolation, rateBeyond } from "../../../src/claims/machinery/decide";
import { gridRecord } from "../../../src/claims/machinery/verdict-record";

/** A test over fixed outcomes (true: the run counts), recording each batch it is asked for. */
function over(outcomes: readonly boolean[], asked: Array<[number, number]> = []) {
  return {
    statement: "runs",
    maxRuns: outcomes.length,
    measure: (from: number, to: number) => {
      asked.push([from, to]);
      return outcomes.slice(from, to);
    },
    describe: (k: number, n: number) => ({ text: `${k}/${n} runs`, evidence: [] }),
  };
}

const yes = (x: boolean) => x;

test("a rate far below its threshold holds at the look that clears b_k, measuring only the runs up to it, in order", () => {
  const asked: Array<[number, number]> = [];
  const t = rateBeyondByLooks(over(new Array<boolean>(400).fill(false), asked), yes, 0.1, "below");
  // 0/100 is 3.33 SE below 0.1 (b₁ = 4.33); 0/200 is 4.71 (b₂ = 2.96).
  assert.deepEqual(asked, [
    [0, 100],
    [100, 200],
  ]);
  assert.deepEqual([t.reading.verdict, t.stop.look, t.stop.runs, t.stop.maxRuns, t.stop.decision], ["holds", 2, 200, 400, "for"]);
  assert.equal(t.reading.verdict, rateBeyond(0, 200, 0.1, "below", "", []).verdict);
  assert.match(t.reading.finding.text, /stopped at look 2 of 4: 200 of 400 planned runs/);
});

test("a rate far above a threshold it must stay below fails at the first look, refuted as the fixed rule refutes", () => {
  const outcomes = Array.from({ length: 400 }, (_, i) => i % 2 === 0);
  const t = rateBeyondByLooks(over(outcomes), yes, 0.1, "below");
  assert.deepEqual([t.reading.verdict, t.stop.look, t.stop.runs, t.stop.decision], ["fails", 1, 100, "against"]);
  assert.equal(rateBeyond(50, 100, 0.1, "below", "", []).verdict, "fails");
});

test("a rate near its threshold reaches the plan: the fixed design's runs and its reading", () => {
  // 12 % against 0.1 "above": never past a bound, so the cell measures all 400 runs, as the fixed design does.
  const outcomes = Array.from({ length: 400 }, (_, i) => i % 25 < 3);
  const asked: Array<[number, number]> = [];
  const t = rateBeyondByLooks(over(outcomes, asked), yes, 0.1, "above");
  assert.deepEqual(
    asked.map(([a, b]) => b - a),
    [100, 100, 100, 100],
  );
  assert.deepEqual(t.runs, outcomes);
  assert.deepEqual([t.stop.look, t.stop.runs, t.stop.decision], [4, 400, "undecided"]);
  const fixed = rateBeyond(48, 400, 0.1, "above", "48/400 runs", []);
  assert.equal(t.reading.verdict, fixed.verdict);
  assert.deepEqual(t.reading.finding, fixed.finding);
});

test("at the plan, an interval that clears the threshold by less than the last bound is undecided, as the design is", () => {
  // 220/400 against ½: Z = 2.0, past 1.96 (the fixed rule holds) but short of b₄ = 2.014; 55/100 at each look.
  const outcomes = Array.from({ length: 400 }, (_, i) => i % 20 < 11);
  assert.equal(rateBeyond(220, 400, 0.5, "above", "", []).verdict, "holds");
  const t = rateBeyondByLooks(over(outcomes), yes, 0.5, "above");
  assert.deepEqual([t.reading.verdict, t.stop.look, t.stop.runs, t.stop.decision], ["inconclusive", 4, 400, "undecided"]);
  assert.match(t.reading.finding.text, /its design Z, 2\.00, is short of the last bound 2\.01/);
  assert.ok(t.reading.finding.runsAtObserved! > 400);
});

test("a safety property stops at the first look with a counterexample; with none it measures the whole plan", () => {
  assert.deepEqual(looksOf(73), [18, 37, 55, 73]);
  const late = Array.from({ length: 73 }, (_, i) => i === 40);
  const asked: Array<[number, number]> = [];
  const t = noViolationByLooks(over(late, asked), yes, 0.05);
  assert.deepEqual(asked, [
    [0, 18],
    [18, 37],
    [37, 55],
  ]);
  assert.deepEqual([t.reading.verdict, t.stop.look, t.stop.runs, t.stop.decision], ["fails", 3, 55, "against"]);
  const none = noViolationByLooks(over(new Array<boolean>(73).fill(false)), yes, 0.05);
  assert.deepEqual([none.reading.verdict, none.stop.look, none.stop.runs, none.stop.decision], ["holds", 4, 73, "for"]);
  assert.deepEqual(none.reading.finding, noViolation(0, 73, 0.05, "0/73 runs", []).finding);
});

test("a cell's record: the last look its tests reached and the runs they used of the plan, in the grid's JSON", () => {
  const a = noViolationByLooks(over(Array.from({ length: 73 }, (_, i) => i === 0)), yes, 0.05);
  const b = noViolationByLooks(over(new Array<boolean>(73).fill(false)), yes, 0.05);
  const stop = cellStop([a, b]);
  assert.deepEqual([stop.looks, stop.look, stop.runs, stop.maxRuns, stop.tests.length], [4, 4, 18 + 73, 146, 2]);
  const record = gridRecord({
    cells: [{ cell: {}, measurement: { result: a.reading, headline: "h", reason: "r", sequential: stop } }],
    result: a.reading,
    decidedBy: null,
    decidedByInWords: null,
  });
  assert.deepEqual(record.cells[0]!.sequential, stop);
  assert.throws(() => cellStop([]), /cellStop needs the cell's tests/);
});

/**
 * Records of repairs and variants carry their grids (issue 42's internal review, defect 5; issue 44 items 3 and 4): a
 * repair whose grid comes out mixed carries its cells (each with its own parts) and its finding's parts and deciding
 * parameter, as the claim itself does; a comparison of two sides reports where they differ cell by cell and part by
 * part, so a verdict that stays "mixed" while its parts swap shows; the step cost is quoted as numerator, denominator,
 * median paired ratio and spread.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import { beyond, conjunction, estimateEvidence } from "../../../src/claims/machinery/decide";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { changesOf, changesText, costText, type Side } from "../../../src/claims/machinery/compare";
import { repairsText } from "../../../src/claims/machinery/display";
import type { Claim, Verdict } from "../../../src/claims/machinery/types";
import { PLANTED_CLAIM } from "../../fixtures/planted-claims";

/**
 * A planted claim over `side` ∈ {a, b} whose every cell reads two parts (a conjunction): under the proposal both
 * parts hold in both cells; under the MALA repair both parts fail in cell b only, so the repair's grid is mixed,
 * decided by `side`.
 */
const TWO_SIDES: Claim = {
  id: "p9.9-planted-repair-grid",
  ...PLANTED_CLAIM,
  short: "planted repair grid",
  model: "fixed estimates, one per part",
  uses: ["integrator"],
  reading: { statement: "both parts hold", mechanism: "proposal" },
  decision: { rule: "conjunction of two one-sided tests", threshold: "0.3", why: "a planted test case" },
  grid: { side: { values: ["a", "b"], why: ["the side that always holds", "the side the repair breaks"] } },
  repairs: [{ variant: "mala", why: "planted: the repair breaks side b" }],
  async measure(ctx) {
    const broken = ctx.mechanism !== PROPOSAL && ctx.cell.side === "b";
    const first = { value: broken ? 0.1 : 0.5, se: 0.01 };
    const second = { value: broken ? 0.1 : 0.5, se: 0.01 };
    const result = conjunction(
      [
        { statement: "the first part", reading: beyond(first, 0.3, "above", "first above 0.3", [estimateEvidence("first", first)]) },
        { statement: "the second part", reading: beyond(second, 0.3, "above", "second above 0.3", [estimateEvidence("second", second)]) },
      ],
      "both parts above 0.3",
    );
    return { result, headline: result.finding.text, reason: "planted" };
  },
};

test("a repair whose grid comes out mixed carries its cells, each cell's parts, its finding's parts and decidedBy", async () => {
  const [m] = await measureClaims([TWO_SIDES.id], { claims: [TWO_SIDES] });
  const record = verdictRecord(m!);
  assert.equal(record.verdict, "holds");
  const [repair] = record.repairs;
  assert.equal(repair!.verdict, "mixed");
  assert.deepEqual(repair!.finding.parts, [
    { statement: "side=a", verdict: "holds" },
    { statement: "side=b", verdict: "fails" },
  ]);
  assert.equal(repair!.grid.decidedBy, "side");
  assert.equal(repair!.grid.counts.holds, 1);
  assert.equal(repair!.grid.counts.fails, 1);
  assert.equal(repair!.grid.agreement, 0.5);
  assert.deepEqual(
    repair!.grid.cells.map((c) => [c.at, c.verdict, c.parts]),
    [
      [
        { side: "a" },
        "holds",
        [
          { statement: "the first part", verdict: "holds" },
          { statement: "the second part", verdict: "holds" },
        ],
      ],
      [
        { side: "b" },
        "fails",
        [
          { statement: "the first part", verdict: "fails" },
          { statement: "the second part", verdict: "fails" },
        ],
      ],
    ],
  );
  // The claim's own cells carry their parts too.
  assert.deepEqual(
    record.grid.cells.map((c) => c.parts?.map((p) => p.verdict)),
    [
      ["holds", "holds"],
      ["holds", "holds"],
    ],
  );
  assert.equal(repairsText(record.repairs), "mixed (decided by side) with MALA");
});

/** One side of a comparison with these cells (label → verdict and parts' verdicts) and grid finding parts. */
function side(cells: Record<string, [Verdict, Verdict[]]>, parts?: Verdict[]): Pick<Side, "finding" | "grid"> {
  const part = (v: Verdict, i: number) => ({ statement: `part ${i + 1}`, verdict: v });
  return {
    finding: { kind: "mixed", text: "planted", ...(parts ? { parts: parts.map(part) } : {}) },
    grid: {
      cells: Object.entries(cells).map(([g, [verdict, ps]]) => ({
        at: { graph: g },
        verdict,
        finding: `${verdict} in ${g}`,
        parts: ps.map(part),
        headline: "",
      })),
      counts: { holds: 0, fails: 0, mixed: 0, inconclusive: 0, untestable: 0 },
      agreement: 1,
      testable: Object.keys(cells).length,
    },
  };
}

test("a comparison reports cell by cell and part by part where the sides differ, also when the verdict stays mixed", () => {
  // As p2.1-ising-energy under Huber in issue 44: mixed on both sides while the parts swap in one cell.
  const proposal = side({ torus: ["mixed", ["holds", "fails"]], ws: ["holds", ["holds", "holds"]] }, ["holds", "fails"]);
  const variant = side({ torus: ["mixed", ["fails", "holds"]], ws: ["holds", ["holds", "holds"]] }, ["fails", "holds"]);
  const changes = changesOf(proposal, variant);
  assert.deepEqual(changes, {
    cells: [
      {
        cell: "graph=torus",
        proposal: { verdict: "mixed", finding: "mixed in torus" },
        variant: { verdict: "mixed", finding: "mixed in torus" },
        parts: [
          { part: "part 1", proposal: "holds", variant: "fails" },
          { part: "part 2", proposal: "fails", variant: "holds" },
        ],
      },
    ],
    sameCells: 1,
    parts: [
      { part: "part 1", proposal: "holds", variant: "fails" },
      { part: "part 2", proposal: "fails", variant: "holds" },
    ],
  });
  assert.deepEqual(changesText(changes), [
    "    cell graph=torus: mixed → mixed",
    '      part "part 1": holds → FAILS',
    '      part "part 2": FAILS → holds',
    '    part "part 1": holds → FAILS',
    '    part "part 2": FAILS → holds',
    "    1 of 2 cells the same, verdict and parts",
  ]);
  // Identical sides: nothing to report.
  assert.deepEqual(changesOf(proposal, proposal), { cells: [], sameCells: 2, parts: [] });
  assert.deepEqual(changesText(changesOf(proposal, proposal)), []);
  // A cell on one side only is reported with "—" on the other.
  const extra = changesOf(proposal, side({ torus: ["mixed", ["holds", "fails"]], ws: ["holds", ["holds", "holds"]], er: ["fails", []] }));
  assert.deepEqual(extra.cells, [{ cell: "graph=er", proposal: null, variant: { verdict: "fails", finding: "fails in er" }, parts: [] }]);
});

test("the cost line quotes numerator, denominator, the median paired ratio, its spread, its interval and the number of repeats; a wide interval says so", () => {
  const step = {
    graph: "ring:1000:10",
    channels: 2,
    proposalMs: 0.5,
    variantMs: 1.25,
    ratio: 2.4,
    repeats: 9,
    ratioQuartiles: [2.2, 2.6] as [number, number],
    ratioRange: [1.9, 3.1] as [number, number],
    ratioInterval: [2.3, 2.5] as [number, number],
    ratioCoverage: 0.9609375,
    wide: false,
  };
  assert.equal(
    costText(step),
    "cost per Langevin step on ring:1000:10 (2 channels), medians of 9 interleaved repeats: variant 1.25 ms / proposal 0.50 ms; paired ratio 2.40× (quartiles 2.20–2.60×, range 1.90–3.10×; 96 % interval of the median 2.30–2.50×)",
  );
  assert.match(
    costText({ ...step, ratioInterval: [2.0, 2.9], wide: true }),
    /2\.00–2\.90×\)\. The interval is wider than 20 % of the ratio: the machine's load moved the timings; time it again on an idle machine$/,
  );
});

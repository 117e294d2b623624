/**
 * VERDICTS.md §3's amended rule, one rule for every claim and every repair: mixed needs a side that holds; a grid with
 * failing cells and no holding one fails; a cell or part that holds only by construction is evidence, not a holding
 * one (./findings markBuilt), and a grid of nothing else is untestable. Held in the code's rule (gridReading and
 * gridVerdict agree on every small grid, a by-construction hold among the kinds) and walked over every claim's and
 * repair's grid in the committed run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { beyond, conjunction, gridReading, isBuilt, markBuilt, undecidable } from "../../../src/claims/machinery/decide";
import { markDerived } from "../../../src/claims/machinery/findings";
import { NO_DECIDER } from "../../../src/claims/machinery/combine";
import { decidedBy, gridVerdict } from "../../../src/claims/machinery/grid";
import { derivedVerdict, verdictsOpen } from "../../../src/claims/machinery/grid-rule";
import { readCommittedRun } from "../../../src/claims/machinery/committed";
import { withBuiltCells } from "../../../src/claims/machinery/built-cells";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import type { Reading, Verdict } from "../../../src/claims/machinery/types";
import { PLANTED_CLAIM } from "../../fixtures/planted-claims";

const holds = () => beyond({ value: 1, se: 0.01 }, 0, "above", "holds", []);
const fails = () => beyond({ value: -1, se: 0.01 }, 0, "above", "fails", []);
const built = () => markBuilt(holds(), "node 0 never moves");
const mixed = () =>
  conjunction(
    [
      { statement: "a", reading: holds() },
      { statement: "b", reading: fails() },
    ],
    "a and b",
  );

test("a conjunction whose only holding part is built in fails: mixed needs a part that holds on its own", () => {
  const r = conjunction(
    [
      { statement: "aligned", reading: built() },
      { statement: "the energy aligns them", reading: fails() },
    ],
    "align to minimize the energy",
  );
  assert.equal(r.verdict, "fails");
  assert.equal(r.finding.parts![0]!.byConstruction, "node 0 never moves");
  assert.match(r.finding.text, /\[by construction, evidence only: node 0 never moves\]/);
  assert.equal(mixed().verdict, "mixed");
  // Every part built in: the conjunction holds, itself by construction; one measured hold beside it: a plain hold.
  assert.equal(isBuilt(conjunction([{ statement: "a", reading: built() }], "a")), true);
  const both = [built(), holds()].map((reading, i) => ({ statement: `p${i}`, reading }));
  assert.equal(isBuilt(conjunction(both, "both")), false);
  // Both ways: a failing part our model decides is evidence too; the conjunction is read on its measured parts.
  const builtFail = markBuilt(fails(), "a designed attacker");
  const held = conjunction(
    [
      { statement: "measured", reading: holds() },
      { statement: "designed", reading: builtFail },
    ],
    "measured and designed",
  );
  assert.equal(held.verdict, "holds");
  assert.match(held.finding.text, /designed: .*\[by construction, evidence only: a designed attacker\]/);
  assert.equal(held.finding.parts![1]!.byConstruction, "a designed attacker");
});

test("a grid of mixed and failing cells fails; built-in cells, holding or failing, are set aside; a grid of them alone is untestable", () => {
  const read = (rs: Reading[]) =>
    gridReading(
      rs.map((reading, i) => ({ label: `cell ${i}`, reading })),
      null,
    );
  const mf = read([mixed(), fails(), mixed(), fails()]);
  assert.equal(mf.verdict, "fails");
  assert.match(mf.finding.text, /no cell holds .*a mixed cell is not a holding one/);
  const setAside = read([built(), built(), built(), fails()]);
  assert.equal(setAside.verdict, "fails");
  assert.match(setAside.finding.text, /3 of 4 cells hold only by construction/);
  // Both ways (VERDICTS.md §6, one test): a failing cell our model decides is set aside as a holding one is.
  const builtFail = () => markBuilt(fails(), "each free identity brings its own weight");
  assert.equal(read([holds(), holds(), builtFail()]).verdict, "holds");
  assert.equal(read([builtFail(), builtFail()]).verdict, "untestable");
  assert.match(read([holds(), builtFail()]).finding.text, /1 of 2 cells are by construction.*cell 1: fails, each free identity/);
  assert.equal(gridVerdict([{ verdict: "fails", byConstruction: "built" }, "holds"]), "holds");
  assert.equal(read([built(), built()]).verdict, "untestable");
  assert.equal(read([built(), holds(), fails()]).verdict, "mixed");
  assert.match(read([holds(), fails()]).finding.text, new RegExp(NO_DECIDER.replace(/[()]/g, "\\$&")));
  assert.equal(gridVerdict(["mixed", "fails", "mixed", "fails"]), "fails");
  assert.equal(gridVerdict([{ verdict: "holds", byConstruction: "built" }, "fails"]), "fails");
});

test("gridVerdict is gridReading's verdict for every grid of up to four cells, built-in and derived cells among the kinds", () => {
  const undecided = () => beyond({ value: 0.001, se: 1 }, 0, "above", "straddles", []);
  const made: Record<Verdict | "built" | "builtFail" | "derivedHolds" | "derivedFails" | "derivedOpen", () => Reading> = {
    holds,
    fails,
    mixed,
    built,
    builtFail: () => markBuilt(fails(), "a designed attacker"),
    inconclusive: undecided,
    untestable: () => undecidable("no observable", []),
    // Cells of one derivation count once (./grid-rule oncePerDerivation): it holds, fails or is undecided as a group.
    derivedHolds: () => markDerived(holds(), "one argument"),
    derivedFails: () => markDerived(fails(), "one argument"),
    derivedOpen: () => markDerived(undecided(), "one argument"),
  };
  const kinds = Object.keys(made) as Array<keyof typeof made>;
  let grids = 0;
  for (let n = 1; n <= 4; n++)
    for (let code = 0; code < kinds.length ** n; code++) {
      const cells = Array.from({ length: n }, (_, i) => kinds[Math.floor(code / kinds.length ** i) % kinds.length]!);
      const readings = cells.map((k) => made[k]());
      const read = gridReading(
        readings.map((reading, i) => ({ label: `cell ${i}`, reading })),
        null,
      );
      const marked = readings.map((r) => ({
        verdict: r.verdict,
        byConstruction: r.finding.byConstruction,
        derivedFrom: r.finding.derivedFrom,
      }));
      assert.equal(gridVerdict(marked), read.verdict, cells.join(", "));
      // Mixed only with a measured holding cell, or where every counted cell is itself mixed (its parts hold and fail).
      const counted = cells.filter((c) => c !== "built" && c !== "builtFail" && c !== "untestable");
      if (read.verdict === "mixed")
        assert.ok(counted.includes("holds") || counted.includes("derivedHolds") || counted.every((c) => c === "mixed"), cells.join(", "));
      grids++;
    }
  assert.equal(grids, 10 + 100 + 1000 + 10000);
});

test("the cells one derivation gives count once: a grid of many derived holds is not carried past 90 % by them", () => {
  const undecided = () => beyond({ value: 0.001, se: 1 }, 0, "above", "straddles", []);
  const times = (n: number, f: () => Reading) => Array.from({ length: n }, f);
  const derived = (d: string, n: number) => times(n, () => markDerived(holds(), d));
  // p4.2-reheating-escapes' shape: 36 + 12 + 12 guaranteed holds of three derivations, 3 measured holds, 5 fails, 4 open.
  const measured = [...times(3, holds), ...times(5, fails), ...times(4, undecided)];
  const cells = [...derived("node0", 36), ...derived("T0", 12), ...derived("d*", 12), ...measured];
  const labelled = cells.map((reading, i) => ({ label: `cell ${i}`, reading }));
  const read = gridReading(labelled, null);
  assert.equal(read.verdict, "mixed", read.finding.text); // 6 holds, 5 fails, 4 open of 15: mixed however they fall
  assert.match(read.finding.text, /72 cells counted as 15, one per derivation/);
  const verdicts = cells.map((r) => ({ verdict: r.verdict, derivedFrom: r.finding.derivedFrom }));
  assert.equal(gridVerdict(verdicts), "mixed");
  // Unmarked, the 63 holds of 72 sit under the 90 % line and the four open cells decide it: inconclusive.
  const unmarked = [...times(60, holds), ...measured];
  assert.equal(gridVerdict(unmarked.map((r) => r.verdict)), "inconclusive");
  // A derivation fails where one of its cells fails, and is undecided where one is.
  assert.equal(
    gridVerdict([...derived("a", 3).map((r) => ({ verdict: r.verdict, derivedFrom: "a" })), { verdict: "fails", derivedFrom: "a" }]),
    "fails",
  );
  assert.equal(derivedVerdict(["holds", "inconclusive", "holds"]), "inconclusive");
  assert.equal(derivedVerdict(["holds", "holds"]), "holds");
});

test("decidedBy names an interaction of two parameters where no one parameter splits the cells, never the whole grid", () => {
  const cells = [1, 2].flatMap((c) =>
    [
      [1, 1, "holds"],
      [2, 1, "fails"],
      [1, 2, "fails"],
      [2, 2, "fails"],
    ].map(([a, b, verdict]) => ({ cell: { a: a!, b: b!, c }, verdict: verdict as Verdict })),
  );
  assert.equal(decidedBy(["a", "b", "c"], cells), "a × b");
  const two = cells.filter((x) => x.cell.c === 1).map((x) => ({ cell: { a: x.cell.a, b: x.cell.b }, verdict: x.verdict }));
  assert.equal(decidedBy(["a", "b"], two), null);
  // One-way cells place no side (thirty-third-edition referee): a ceiling hold at a = 2 would spoil a's clean split.
  const split = [1, 2, 3].flatMap((b) => [
    { cell: { a: 1, b }, verdict: "holds" as Verdict },
    { cell: { a: 2, b }, verdict: "fails" as Verdict },
  ]);
  const ceiling = { cell: { a: 2, b: 4 }, verdict: "holds" as Verdict, finding: { oneWay: "both arms at the ceiling" } };
  assert.equal(decidedBy(["a", "b"], [...split, ceiling]), "a");
  assert.equal(decidedBy(["a", "b"], [...split, { cell: ceiling.cell, verdict: ceiling.verdict }]), null);
});

const run = readCommittedRun();
const grids = (run?.claims ?? []).flatMap((c) => [
  { name: c.id, verdict: c.verdict, grid: c.grid, finding: c.finding },
  ...c.repairs.map((r) => ({ name: `${c.id} repaired by ${r.name}`, verdict: r.verdict, grid: r.grid, finding: r.finding })),
]);

test("every claim's and repair's grid in the committed run carries the label the amended §3 rule gives its cells", () => {
  assert.ok(grids.length > 49, "the committed run has its claims and repairs");
  const wrong = grids
    .filter((g) => g.grid.cells.length > 1)
    .filter(
      (g) =>
        gridVerdict(g.grid.cells.map((c) => ({ verdict: c.verdict, byConstruction: c.byConstruction, derivedFrom: c.derivedFrom }))) !==
        g.verdict,
    )
    .map((g) => `${g.name}: ${g.verdict} over ${g.grid.cells.map((c) => c.verdict[0]).join("")}`);
  assert.deepEqual(wrong, []);
});

test("every mixed grid in the committed run has a holding cell not by construction, and names its decider or says none", () => {
  const bad = grids
    .filter((g) => g.verdict === "mixed" && g.grid.cells.length > 1)
    .filter((g) => {
      const holding = g.grid.cells.some((c) => c.verdict === "holds" && c.byConstruction === undefined);
      // Built-in holds and untestable cells are set aside (as in the rule's walk above): every counted cell mixed.
      const counted = g.grid.cells.filter((c) => c.verdict !== "untestable" && !(c.verdict === "holds" && c.byConstruction !== undefined));
      const allMixed = counted.length > 0 && counted.every((c) => c.verdict === "mixed");
      const named = g.grid.decidedBy !== undefined || g.finding.text.includes(NO_DECIDER) || allMixed;
      return !(holding || allMixed) || !named;
    })
    .map((g) => g.name);
  assert.deepEqual(bad, []);
});

test("withBuiltCells marks the cells a record names: the registry sets them aside, records why, and names no decider on them", async () => {
  const grid = { side: { values: ["built", "measured"], why: ["a side our model makes hold", "a side measured"] } };
  const cells = withBuiltCells(
    {
      ...PLANTED_CLAIM,
      id: "p9.9-planted-built",
      short: "planted",
      model: "a planted grid of two holding cells, one built in",
      uses: [],
      reading: { statement: "the planted sides hold", mechanism: "proposal" },
      decision: { rule: "beyond", threshold: "0", why: "a planted test case" },
      grid,
      repairs: [],
      async measure(ctx) {
        const result = ctx.cell.side === "built" ? holds() : fails();
        return { result, headline: result.finding.text, reason: "planted" };
      },
    },
    (ctx) => (ctx.cell.side === "built" ? "planted: built in" : null),
  );
  const [m] = await measureClaims([cells.id], { claims: [cells] });
  const r = verdictRecord(m!);
  assert.equal(r.verdict, "fails"); // the one measured cell fails; the built hold is evidence, not a holding side
  assert.equal(r.grid.cells[0]!.byConstruction, "planted: built in");
  assert.equal(r.grid.cells[1]!.byConstruction, undefined);
  assert.equal(r.grid.decidedBy, undefined);
  assert.match(r.finding.text, /1 of 2 cells hold only by construction/);
});

test("inconclusive cells make a grid inconclusive where its verdict depends on them, never mixed (VERDICTS.md §3)", () => {
  const read = (rs: Reading[]) =>
    gridReading(
      rs.map((reading, i) => ({ label: `cell ${i}`, reading })),
      null,
    );
  const undecided = () => beyond({ value: 0.001, se: 1 }, 0, "above", "straddles", []);
  const times = (n: number, f: () => Reading) => Array.from({ length: n }, f);
  // 9 failing, 1 holding, 1 undecided: 10/11 fail if it fails, 9/11 (mixed) if it holds: undecided between them.
  const scale = read([...times(9, fails), holds(), undecided()]);
  assert.equal(scale.verdict, "inconclusive");
  assert.match(
    scale.finding.text,
    /^the grid lies between mixed and fails as its inconclusive cells fall \(9 fails, 1 holds, 1 inconclusive\)/,
  );
  assert.ok(scale.finding.mde !== undefined && scale.finding.margin !== undefined);
  // 63 holding, 4 failing, 5 undecided: 68/72 hold if all five hold, 63/72 (mixed) if all fail.
  assert.equal(read([...times(63, holds), ...times(4, fails), ...times(5, undecided)]).verdict, "inconclusive");
  assert.equal(gridVerdict([...Array(63).fill("holds"), ...Array(4).fill("fails"), ...Array(5).fill("inconclusive")]), "inconclusive");
  // Where no way they fall moves it, the verdict stands: 18 + 1 failing + 1 undecided hold at 18/20 or 19/20.
  assert.equal(read([...times(18, holds), fails(), undecided()]).verdict, "holds");
  // 4 holding, 3 failing, 1 undecided: mixed whichever way it falls.
  assert.equal(read([...times(4, holds), ...times(3, fails), undecided()]).verdict, "mixed");
});

test("an undecided cell resolved as mixed opens no verdict its holding and failing resolutions do not (grid-rule's argument)", () => {
  // By brute force over every grid of up to six cells of holds, fails, mixed and inconclusive: each undecided cell
  // resolved every way among holds, fails and mixed, against verdictsOpen's holds-or-fails count.
  const kinds: Verdict[] = ["holds", "fails", "mixed", "inconclusive"];
  let grids = 0;
  for (let n = 1; n <= 6; n++)
    for (let code = 0; code < kinds.length ** n; code++) {
      const cells = Array.from({ length: n }, (_, i) => kinds[Math.floor(code / kinds.length ** i) % kinds.length]!);
      const open = cells.map((v, i) => (v === "inconclusive" ? i : -1)).filter((i) => i >= 0);
      if (open.length === 0 || open.length === n) continue;
      const words = new Set<Verdict>();
      for (let r = 0; r < 3 ** open.length; r++) {
        const resolved = [...cells];
        open.forEach((i, j) => (resolved[i] = (["holds", "fails", "mixed"] as const)[Math.floor(r / 3 ** j) % 3]!));
        words.add(gridVerdict(resolved));
      }
      assert.deepEqual(new Set(verdictsOpen(cells)), words, cells.join(", "));
      grids++;
    }
  assert.ok(grids > 1000, `${grids}`);
});

test("the grid rule past six cells, where 90 % is not unanimity: verdictsOpen, gridVerdict and gridReading agree by counts", () => {
  const made: Record<"holds" | "fails" | "mixed" | "inconclusive", () => Reading> = {
    holds,
    fails,
    mixed,
    inconclusive: () => beyond({ value: 0.001, se: 1 }, 0, "above", "straddles", []),
  };
  const fill = (h: number, f: number, m: number, i: number): Verdict[] => [
    ...Array<Verdict>(h).fill("holds"),
    ...Array<Verdict>(f).fill("fails"),
    ...Array<Verdict>(m).fill("mixed"),
    ...Array<Verdict>(i).fill("inconclusive"),
  ];
  let grids = 0;
  for (let n = 7; n <= 24; n++)
    for (let h = 0; h <= n; h++)
      for (let f = 0; f <= n - h; f++)
        for (let m = 0; m <= n - h - f; m++) {
          const i = n - h - f - m;
          const cells = fill(h, f, m, i);
          // Every way the undecided cells fall, mixed included, by counts: a holds, b fails, the rest mixed.
          const words = new Set<Verdict>();
          if (i > 0 && i < n)
            for (let a = 0; a <= i; a++) for (let b = 0; b <= i - a; b++) words.add(gridVerdict(fill(h + a, f + b, m + i - a - b, 0)));
          assert.deepEqual(new Set(verdictsOpen(cells)), words, `${h} h, ${f} f, ${m} m, ${i} i`);
          if (n <= 12) {
            const read = gridReading(
              cells.map((v, j) => ({ label: `cell ${j}`, reading: made[v as keyof typeof made]() })),
              null,
            );
            assert.equal(read.verdict, gridVerdict(cells), `${h} h, ${f} f, ${m} m, ${i} i`);
          }
          grids++;
        }
  assert.ok(grids > 10000, `${grids}`);
});

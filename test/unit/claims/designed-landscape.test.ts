/**
 * No deciding cell adds a field or a designed landscape to the text's ℋ (VERDICTS.md §1; issue 50). Every designed
 * landscape notes itself where it is built or made ready to run (spin/designed), and the registry watches every cell
 * of every claim it measures (claims/machinery/measure measureGrid): one built outside `asEvidence` is refused, naming the
 * claim and the cell, and one built as evidence must show in the cell's evidence as "designed (evidence): …". So the
 * suite's one seed-0 measurement of every claim (integration/cli/claims.test.ts, the committed run's check) walks
 * every cell's model; the tests here plant each fault in a claim of their own and see it caught.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { EmtdError } from "../../../src/errors";
import { claimById } from "../../../src/claims/machinery/registry";
import { measureGrid } from "../../../src/claims/machinery/measure";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { rateBeyond } from "../../../src/claims/machinery/decide";
import { evidence } from "../../../src/claims/machinery/evidence";
import type { Claim, Evidence } from "../../../src/claims/machinery/types";
import { asEvidence, watchDesigned } from "../../../src/spin/designed";
import { injectedConsensusProblem, problemCsr, randomFieldRing, spinGlass, twoCommunityProblem } from "../../../src/spin/problem";
import { wsSpinProblem } from "../../../src/studies/traps/text-traps";
import { doubleWell } from "../../../src/studies/lemma-audit/lemma-annealing";

/** A claim of one cell whose measurement runs `build` where `where` says, and shows `shown` as its evidence. */
function planted(build: () => unknown, where: "deciding" | "evidence", shown: Evidence[]): Claim {
  return {
    ...claimById("p3.2-step4-detailed-balance"),
    id: "planted-landscape",
    grid: {},
    repairs: [],
    async measure() {
      if (where === "evidence") asEvidence(build);
      else build();
      return { result: rateBeyond(9, 10, 0.5, "above", "planted", shown), headline: "planted", reason: "planted" };
    },
  };
}

const cliques = () => problemCsr(twoCommunityProblem({ hA: 0, hB: 0 }));
const field = () => problemCsr(wsSpinProblem(16, key(1), 1));

test("a deciding cell that builds a designed landscape or a field is refused, naming the claim, the cell and the landscape", async () => {
  for (const [build, what] of [
    [cliques, /two 4-cliques joined by 2 bridges/],
    [field, /a field on 1 of 16 spins/],
  ] as const)
    await assert.rejects(
      measureGrid(planted(build, "deciding", []), 0, 0, PROPOSAL),
      (e: unknown) =>
        e instanceof EmtdError &&
        /claim planted-landscape, cell the text's setting: a deciding cell built a designed landscape/.test(e.message) &&
        what.test(e.message),
    );
});

test("a designed landscape as evidence passes only when the cell shows it as 'designed (evidence): …'", async () => {
  const shown = [evidence("designed (evidence): runs escaping the split brain", 3)];
  const ok = await measureGrid(planted(cliques, "evidence", shown), 0, 0, PROPOSAL);
  assert.equal(ok.result.verdict, "holds");
  await assert.rejects(
    measureGrid(planted(cliques, "evidence", [evidence("runs escaping the split brain", 3)]), 0, 0, PROPOSAL),
    /built a designed landscape as evidence \(two 4-cliques joined by 2 bridges \(no field\)\) but shows none named "designed \(evidence\): …"/,
  );
});

test("every designed builder notes itself; the text's landscapes (ws(N, 4, 0.1), the ring lattice, no field) note nothing", async () => {
  const { deciding } = await watchDesigned(async () => {
    twoCommunityProblem();
    randomFieldRing(key(2), { n: 8 });
    spinGlass(key(3), { n: 6 });
    problemCsr(injectedConsensusProblem({ n: 8 })); // the field of 1 on node 0
    doubleWell();
  });
  assert.deepEqual(
    deciding.map((d) => d.split(" ").slice(0, 3).join(" ")),
    ["two 4-cliques joined", "a random-field ring", "a ±J spin", "a field on", "a double well"],
  );
  const text = await watchDesigned(async () => {
    problemCsr(wsSpinProblem(50, key(4)));
    problemCsr(injectedConsensusProblem({ n: 16, signal: 0 }));
  });
  assert.deepEqual([text.deciding, text.beside], [[], []]);
  // Outside a watch nothing is kept, and a watch does not nest.
  await assert.rejects(
    watchDesigned(() => watchDesigned(async () => 0)),
    /already open/,
  );
});

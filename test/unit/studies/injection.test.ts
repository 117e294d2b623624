/**
 * §3.3's script (studies/cooling/injection): a block of runs goes to the copy lanes at once, and each run is what it
 * is alone. The tallies of `injectionRuns` are those of `injectionRun` one run at a time, block stops included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key } from "../../../src/engine/random";
import { geometric } from "../../../src/dynamics/schedules";
import { injectionRun, injectionRuns, type InjectionRun } from "../../../src/studies/cooling/injection";
import type { ProposalKernel } from "../../../src/spin/update-kernels";

/** injectionRuns' counts from runs of injectionRun, one at a time, with its block rule. */
function oneAtATime(kernel: ProposalKernel, o: Parameters<typeof injectionRuns>[1], k: ReturnType<typeof key>) {
  const drawn: InjectionRun[] = [];
  let blockStart = 0;
  const survived = () => drawn.filter((r) => r.survived).length;
  for (let r = 0; r < Math.max(o.runs, o.most ?? o.runs); r++) {
    if (r > 0 && r % o.runs === 0) {
      if (survived() >= (o.floor ?? 0) || survived() === blockStart) break;
      blockStart = survived();
    }
    drawn.push(injectionRun(kernel, o.nodes, o.schedule(), fold(k, r), { pinned: o.pinned, stop: o.stop, limit: o.limit }));
  }
  const all = (r: InjectionRun) => r.holding === o.nodes;
  return {
    runs: drawn.length,
    injected: drawn.filter((r) => r.injected).length,
    survived: survived(),
    consensusSurvived: drawn.filter((r) => r.survived && r.consensus).length,
    consensus: drawn.filter((r) => r.consensus).length,
    all: drawn.filter(all).length,
    allInjected: drawn.filter((r) => all(r) && r.injected).length,
    allSurvived: drawn.filter((r) => all(r) && r.survived).length,
    maxSweeps: Math.max(0, ...drawn.map((r) => r.sweeps)),
  };
}

test("injectionRuns draws a block's runs at once: the counts of injectionRun one run at a time, block stops included", () => {
  const cool = () => geometric({ initial: 100, rate: 0.95 });
  const cases: [ProposalKernel, Parameters<typeof injectionRuns>[1]][] = [
    ["node0", { nodes: 20, runs: 9, schedule: cool }],
    // Node 0 erases the injection in its first update in every run: one block, none survives.
    ["neighbour", { nodes: 20, runs: 9, schedule: cool, stop: false, limit: 300, floor: 6, most: 27 }],
    // Node 0 takes the signal in about 3 runs of 4: blocks drawn until 12 survive or 27 runs.
    ["node0", { nodes: 20, runs: 9, schedule: cool, stop: false, limit: 300, floor: 12, most: 27 }],
    ["neighbour", { nodes: 12, runs: 5, schedule: cool, pinned: true, stop: false, limit: 200 }],
    ["symmetric", { nodes: 12, runs: 7, schedule: cool, stop: false, limit: 150, floor: 100, most: 14 }],
  ];
  for (const [kernel, o] of cases) {
    const k = fold(key(72), o.nodes + o.runs);
    const batch = injectionRuns(kernel, o, k);
    assert.deepEqual(batch, oneAtATime(kernel, o, k), `${kernel}, ${JSON.stringify({ ...o, schedule: undefined })}`);
    // Where nothing stops a run (a pin, or the symmetric kernel, without §3.3's stop) it sweeps to its limit.
    if (o.pinned || kernel === "symmetric") assert.equal(batch.maxSweeps, o.limit);
  }
  // The block rule was met both ways: a block without survivors ends the draw, and a floor draws more blocks.
  const drawn = cases.map(([kernel, o]) => injectionRuns(kernel, o, fold(key(72), o.nodes + o.runs)));
  assert.equal(drawn[1]!.survived, 0);
  assert.equal(drawn[1]!.runs, 9);
  assert.ok(drawn[2]!.runs > 9 && drawn[2]!.survived >= 12, JSON.stringify(drawn[2]));
  assert.equal(drawn[4]!.runs, 14);
});

/**
 * p2.2-diffusion-propagates (twelfth-edition referee, defects 2 and 5): the pin in its best form, one schedule for
 * both of its theorems; the flow cell runs to a schedule's stated horizon; the §3.1 chart's gossip under one name per
 * rendering, from one constant, in every record.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claims } from "../../../src/claims/section2";
import { CLAIMS, measureContext } from "../../../src/claims/machinery/registry";
import { repairMechanism } from "../../../src/claims/machinery/measure";
import { GOSSIP_READINGS, KERNEL_GRID, mechanismOf, PROPOSAL, PULL_GOSSIP, PUSH_GOSSIP } from "../../../src/claims/machinery/mechanism";
import { PINNED_HOLD, PINNED_SETTLE, REPAIR_SOURCES, REPAIRS, pinsInjection } from "../../../src/claims/machinery/repairs";
import { constant } from "../../../src/dynamics/schedules";
import { ready } from "../../../src/engine/backend";
import { COPY_LANDSCAPE, flowRunsBetween } from "../../../src/claims/section2-cooling";
import { forgetRuns } from "../../../src/claims/machinery/runs-memo";
import type { Cell } from "../../../src/claims/machinery/types";
import { claimIn } from "../../claim-helpers";

const ID = "p2.2-diffusion-propagates";

test("pinned-hold-then-cool: the pin, T held at T₀ for the derived hold, then ×0.95 a sweep to a stated horizon", () => {
  const repair = repairMechanism("pinned-hold-then-cool");
  assert.equal(pinsInjection(repair), true, "the same anchor as pinned-injection, so the copy cells pin node 0");
  // The hold's closed form (repairs PINNED_HOLD): ⌈⌈ln(49/0.01)⌉·e·h*/a⌉ with h* = 246.5, a = e^{−½π²·6/100}.
  const a = Math.exp((-0.5 * 3.14159 ** 2 * 6) / 100);
  assert.equal(PINNED_HOLD, Math.ceil((Math.ceil(Math.log(4900)) * Math.E * 246.5) / a));
  const s = REPAIRS["pinned-hold-then-cool"]!.schedule!(100);
  assert.equal(s.horizon, PINNED_HOLD + PINNED_SETTLE);
  assert.deepEqual([s.temperature(0), s.temperature(PINNED_HOLD - 1), s.temperature(PINNED_HOLD)], [100, 100, 100]);
  assert.ok(Math.abs(s.temperature(PINNED_HOLD + 1) - 95) < 1e-9);
  // At the horizon the flow's noise cannot carry a node 1 % away (flow-injection COLD = 10⁻⁶).
  assert.ok(s.temperature(PINNED_HOLD + PINNED_SETTLE - 1) < 1e-6);
  assert.ok(REPAIR_SOURCES["pinned-hold-then-cool"].includes(String(PINNED_HOLD)));
  assert.ok(claimIn(claims, ID).repairs.some((r) => r.variant === "pinned-hold-then-cool"));
});

test("propagates' flow cell runs to a schedule's stated horizon, as its copy and gossip cells do", async () => {
  const prop = claimIn(claims, ID);
  // Held hot (never still) with a 20-step horizon: the flow must stop at step 20, not run on to the 5000-step cap.
  const short = mechanismOf({ name: "held, 20 steps", schedule: (t0: number) => ({ ...constant(t0), horizon: 20 }) });
  const m = await prop.measure(measureContext(ID, 0, 0, short, { update: "flow" }));
  assert.match(m.headline, /after 20 steps of at most 20 /, m.headline);
  assert.match(prop.model, /a schedule's stated horizon where it has one/);
});

test("the §3.1 chart's gossip: one name per rendering, from one constant, the same in every record (defect 5)", () => {
  assert.ok(KERNEL_GRID.why[1]!.startsWith(PULL_GOSSIP));
  assert.ok(GOSSIP_READINGS.includes(PUSH_GOSSIP) && GOSSIP_READINGS.includes(PULL_GOSSIP));
  for (const id of [ID, "p2.2-diffusion-messages"]) {
    const update = claimIn(claims, id).grid.update!;
    const why = update.why[update.values.indexOf("gossip")]!;
    assert.ok(why.startsWith(PUSH_GOSSIP) && why.includes(GOSSIP_READINGS), id);
  }
  // Every claim gridding the text's kernels names the pull the same way (the shared KERNEL_GRID's why).
  for (const c of CLAIMS) {
    const kernel = c.grid.kernel;
    if (kernel?.values.includes("neighbour")) assert.equal(kernel.why[kernel.values.indexOf("neighbour")], KERNEL_GRID.why[1], c.id);
  }
});

test("propagates' flow cell looks at packs: a look's runs measured alone are the whole's, each pack its own noise", async () => {
  await ready();
  const ctx = measureContext(ID, 0, 0, PROPOSAL, { update: "flow" });
  const o = { cap: 40, until: "still" } as const;
  const ends = (xs: { holding: number; spread: number; mean: number }[]) => xs.map((r) => [r.holding, r.spread, r.mean]);
  const whole = flowRunsBetween(ctx, o, 0, 150);
  forgetRuns(); // measured afresh: the second look's pack alone, not read back
  const second = flowRunsBetween(ctx, o, 75, 150);
  assert.deepEqual(ends(second), ends(whole.slice(75)));
  assert.notDeepEqual(ends(second), ends(whole.slice(0, 75)), "the second pack draws its own noise");
  assert.throws(() => flowRunsBetween(ctx, o, 10, 150), /from, to/);
});

test("propagates hands its schedule the landscape of each cell: the copy port's d* (as p2.2-crystallisation), the flow's 0", async () => {
  const prop = claimIn(claims, ID);
  // A schedule part that records the landscape it is given and then stops the cell: no run is measured.
  const seen: (number | undefined)[] = [];
  class Seen extends Error {}
  const reading = mechanismOf({
    name: "reads its landscape",
    schedule: (_t0: number, landscape?: { depth: number }) => {
      seen.push(landscape?.depth);
      throw new Seen();
    },
  });
  const cells: Cell[] = [{ update: "copy", kernel: "neighbour" }, { update: "flow" }];
  for (const cell of cells) await assert.rejects(prop.measure(measureContext(ID, 0, 0, reading, cell)), Seen);
  assert.deepEqual(seen, [COPY_LANDSCAPE.depth, 0]);
  assert.ok(Math.abs(COPY_LANDSCAPE.depth - 14.8) < 0.01, "three cut edges at ½·3.14159² each");
});

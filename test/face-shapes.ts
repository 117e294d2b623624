/**
 * The library's run results in the shapes test/fixtures/face/ pinned before `run` returned one result (issue 52 item 3):
 * a one-field run's fields and a chains run's (`perChain`, `pooled`, `energies` by chain), in their order, so the
 * fixtures' bits still say that no number moved. Each projection first checks that the unified result's own fields
 * (`chains`, `perChain`, `draws`, the stacked `energies`) say the same numbers.
 */
import assert from "node:assert/strict";
import type { RunResult } from "../src/dynamics/run";

const estimate = (r: RunResult) => ({
  meanEnergy: r.meanEnergy,
  energyMcse: r.energyMcse,
  energyEss: r.energyEss,
  acceptance: r.acceptance,
});

/** A one-field run as it was returned before the unification (`final` as the caller read it). */
export function asOneFieldRun(r: RunResult, final: ArrayLike<number>): object {
  assert.equal(r.chains, 1);
  assert.deepEqual(r.perChain, [estimate(r)]);
  assert.equal(r.draws.energy[0], r.energies, "one chain's draws are its energies");
  const { trace, energies, stepSize, steps, stopped, burnIn, seconds, checkpoint, warnings } = r;
  return {
    final,
    trace,
    energies,
    ...estimate(r),
    stepSize,
    steps,
    stopped,
    burnIn,
    seconds,
    ...(checkpoint ? { checkpoint } : {}),
    warnings,
  };
}

/** A run of R chains side by side as it was returned before the unification (`pooled`, `energies` by chain). */
export function asChainsRun(r: RunResult, final: ArrayLike<number>): object {
  assert.equal(r.chains, r.draws.energy.length);
  assert.deepEqual(
    Array.from(r.energies),
    r.draws.energy.flatMap((c) => Array.from(c)),
    "the stacked energies are the chains'",
  );
  assert.deepEqual([r.trace, r.stopped], [[], false]);
  const { perChain, stepSize, steps, burnIn, seconds, warnings } = r;
  return { final, perChain, pooled: estimate(r), energies: r.draws.energy, stepSize, steps, burnIn, seconds, warnings };
}

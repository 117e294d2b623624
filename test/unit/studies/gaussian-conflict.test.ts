/**
 * The Gaussian conflict laws against closed forms (one edge: x₁ − x₂ is N(0, T/2) under e^(−ℋ/T), N(0, T/(2(1 − 2h)))
 * under ULA), and the flow's own runs held at T against ULA's exact share: tolerances are 4 SE of the draws.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { conflictDraws, conflictTemperature, pairedConflictGap, shareInConflict } from "../../../src/studies/cooling/gaussian-conflict";
import { graphFromSpec } from "../../../src/graph/spec";
import { key } from "../../../src/engine/random";
import { normalCdf } from "../../../src/stats/tests";
import { measureContext } from "../../../src/claims/machinery/registry";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { count, flowStep, FLOW_TOLERANCE, ledgerFlowGraph, ledgerFlowRuns } from "../../../src/claims/machinery/flow-cells";
import { constant } from "../../../src/dynamics/schedules";
import { releaseGraph } from "../../../src/ops/tensors";

const within = (observed: number, expected: number, n: number, text: string) => {
  const se = Math.sqrt((expected * (1 - expected)) / n);
  assert.ok(Math.abs(observed - expected) <= 4 * se, `${text}: ${observed} vs ${expected} (4 SE = ${4 * se})`);
};

test("one edge: the law's and ULA's shares in conflict are the closed forms', and the paired gap is their difference", () => {
  const graph = graphFromSpec("complete:2", key(0));
  const h = 0.2; // hλ_max = 0.4 (λ = 2)
  const draws = 40_000;
  const d = conflictDraws(graph, h, draws, key(11));
  assert.ok(Math.abs(d.stepTimesLambdaMax - 0.4) < 1e-12);
  const tol = 0.02;
  // Temperatures where both shares are many counts of 40 000 (the normal approximation behind 4 SE holds).
  for (const T of [2e-4, 4e-4, 1e-3]) {
    // spread = |x₁ − x₂|/2 > tol  ⇔  |x₁ − x₂| > 2·tol.
    const lawExact = 2 * (1 - normalCdf((2 * tol) / Math.sqrt(T / 2)));
    const ulaExact = 2 * (1 - normalCdf((2 * tol) / Math.sqrt(T / (2 * (1 - 2 * h)))));
    within(shareInConflict(d.law, tol, T), lawExact, draws, `law at T = ${T}`);
    within(shareInConflict(d.chain, tol, T), ulaExact, draws, `ULA at T = ${T}`);
    const gap = pairedConflictGap(d, tol, T);
    assert.ok(Math.abs(gap.value - (ulaExact - lawExact)) <= 4 * gap.se, `gap at T = ${T}: ${gap.value} ± ${gap.se}`);
  }
  // The temperature read off the law's quantile puts that share of its own draws in conflict, to a draw or two (the
  // same draws: no sampling noise, only the quantile's index).
  for (const q of [0.25, 0.5, 0.75]) {
    const share = shareInConflict(d.law, tol, conflictTemperature(d.law, tol, q));
    assert.ok(Math.abs(share - q) <= 2 / draws, `level ${q}: ${share}`);
  }
  assert.throws(() => conflictDraws(graph, 0.6, 10, key(1)), /h in \(0, 1\/λ_max/);
  assert.throws(() => conflictTemperature(d.law, tol, 1), /level/);
});

test("the flow's runs held at T end in conflict as ULA's exact stationary law says, not as Boltzmann's", async () => {
  const ctx = measureContext("p2.2-annealing", 0, 0, PROPOSAL, { update: "flow" });
  const k = key(7);
  const graph = ledgerFlowGraph(50, k);
  const d = conflictDraws(graph, flowStep(graph), 40_000, key(8));
  releaseGraph(graph);
  const T = conflictTemperature(d.law, FLOW_TOLERANCE, 0.5);
  const runs = 600;
  const held = await ledgerFlowRuns(ctx, { nodes: 50, runs, ledgers: 2, schedule: () => constant(T) }, k);
  const share = count(held.consensus, false) / runs;
  const ula = shareInConflict(d.chain, FLOW_TOLERANCE, T);
  within(share, ula, runs, "held runs vs ULA's law");
  // At this step the two laws are apart by more than 4 SE of the runs: the check can tell them apart.
  assert.ok(ula - 0.5 > 4 * Math.sqrt(0.25 / runs), `ULA ${ula} vs the law's 0.5`);
  assert.ok(held.relaxed, "held runs at the flow's step relax within the cap");
});

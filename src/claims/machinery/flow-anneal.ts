/**
 * p2.2-annealing's flow cell: ./flow-cells' flow from two conflicting ledgers on one ws(50, 4, 0.1), read by the
 * sentence's three clauses as the copy cells read them. Its Boltzmann part reads the law where the law is neither 0
 * nor 1 (twenty-fourth-edition referee: at T₀ = 100 the law puts ≈ 0.99 of its weight on conflict, so any chain that
 * stays noisy there passed): at the temperatures where e^(−ℋ/T) puts 25, 50 and 75 % of its weight on conflict, the
 * chain's stationary share in conflict is the law's, within ±margin both ways.
 */
import { constant, type Schedule } from "../../dynamics/schedules";
import type { Key } from "../../engine/random";
import { releaseGraph } from "../../ops/tensors";
import { laplacianEigenvalues } from "../../graph/spectrum";
import { ArgumentError, NumericalError } from "../../errors";
import { minimumDetectableEffect, normalQuantile } from "../../stats/tests";
import { isProposalEnergy } from "./flow-packing";
import {
  conflictDraws,
  conflictTemperature,
  pairedConflictGap,
  shareInConflict,
  type ConflictDraws,
} from "../../studies/cooling/gaussian-conflict";
import { everyCase, type Case } from "./combine";
import { conjunction, estimatesEqual, rateBeyond, rateEvidence, rates, ratesEqual, undecidable } from "./decide";
import { estimateEvidence, evidence, num } from "./evidence";
import { inconclusive } from "./findings";
import { count, flowSchedule, flowStep, FLOW_TOLERANCE, ledgerFlowGraph, ledgerFlowRuns, type LedgerFlowPlan } from "./flow-cells";
import type { MeasureContext, Measurement, Reading } from "./types";

const WHERE = "emtd/claims/flow-anneal";

/** The `h` grid's value for the flow cells' own step, h = 0.5/(2 max D) (./flow-cells flowStep). */
export const FLOW_STEP_TEXT = "0.5/(2 max D)";

/** The `h` grid's small step, as h·λ_max(L): p1.3-langevin's smallest, toward the h → 0 limit of Langevin dynamics. */
export const SMALL_STEP = 0.02;

/** Runs of p2.2-annealing's flow cells (the copy cells' 600). */
export const ANNEAL_FLOW_RUNS = 600;

/** The law's shares in conflict at which its temperatures are read: across the transition, where it is neither 0 nor 1. */
export const LAW_LEVELS: readonly number[] = [0.25, 0.5, 0.75];

/**
 * Exact draws per law. The paired gap's SE is at least √(|gap|/n), and about that where the two laws rarely disagree:
 * ≈ 0.002 at a gap of 0.13, ≈ 0.0005 at 0.006, so a gap decides against the 0.05 margin unless it lies within ~0.005 of
 * it; the temperatures' quantiles move by ≈ 0.003 in share.
 */
export const LAW_DRAWS = 40_000;

/**
 * Runs held at a law temperature where a variant's integrator is read against the law (no exact stationary law to
 * draw): the fewest whose planned MDE of `ratesEqual` against {@link LAW_DRAWS} draws, at shares of ½ (the widest), is
 * within `margin` (twenty-seventh-edition referee: 600 gave 0.058 against ±0.05). 801 at ±0.05.
 */
export function heldRunsFor(margin: number): number {
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  const room = (margin / z) ** 2 - 0.25 / LAW_DRAWS;
  if (!(room > 0))
    throw new ArgumentError(WHERE, "margin", `above the law draws' own MDE, ${num(z * Math.sqrt(0.25 / LAW_DRAWS))}`, margin);
  return Math.max(ANNEAL_FLOW_RUNS, Math.ceil(0.25 / room));
}

/** The runs a part reads: those of a plan whose `schedule` holds T, ended as ./flow-cells ends them. */
const heldAt = (temperature: number, horizon: number | undefined): (() => Schedule & { readonly horizon?: number }) =>
  horizon === undefined ? () => constant(temperature) : () => ({ ...constant(temperature), horizon });

/**
 * p2.2-annealing's flow cell at step h·λ_max = `stepTimesLambdaMax` (absent: the flow cells' own step): few runs end
 * in conflict; the same runs held at T₀ end in conflict more often (beyond `margin`); and the chain's stationary
 * conflict share is the Boltzmann law's at the three temperatures of {@link LAW_LEVELS} ({@link boltzmannPart}).
 */
export async function annealingFlowCell(ctx: MeasureContext, margin: number, stepTimesLambdaMax?: number): Promise<Measurement> {
  const cooled = flowSchedule(ctx);
  const horizon = cooled().horizon;
  const start = cooled().temperature(0);
  const o = { nodes: 50, runs: ANNEAL_FLOW_RUNS, ledgers: 2, ...(stepTimesLambdaMax === undefined ? {} : { stepTimesLambdaMax }) };
  const key = ctx.key("flow/anneal");
  const r = await ledgerFlowRuns(ctx, { ...o, schedule: cooled }, key);
  const held = await ledgerFlowRuns(ctx, { ...o, schedule: heldAt(start, horizon) }, key);
  const conflicts = count(r.consensus, false),
    heldConflicts = count(held.consensus, false);
  const T = `T₀ = ${num(start)}`;
  const outcome = rateBeyond(conflicts, o.runs, 0.05, "below", "flow: runs ending in conflict", [
    rateEvidence("flow runs ending in conflict (not every node within 0.02 of the run's mean), ws(50, 4, 0.1)", conflicts, o.runs),
    evidence(`Langevin steps under ${cooled().name}`, r.steps),
    evidence("largest max |x_i − x̄| at the end", Math.max(...r.spread), { reference: FLOW_TOLERANCE }),
  ]);
  const caused = rates(
    { k: heldConflicts, n: o.runs },
    { k: conflicts, n: o.runs },
    "greater",
    margin,
    `flow: runs ending in conflict: held at ${T} vs lowered`,
    [rateEvidence(`the same runs (same key) held at ${T} for ${held.steps} steps: runs ending in conflict`, heldConflicts, o.runs)],
  );
  const law = await boltzmannPart(ctx, { ...o, schedule: cooled }, key, margin);
  const result = conjunction(
    [
      { statement: "few runs end in conflict (< 0.05)", reading: outcome },
      { statement: "lowering T_net is what makes conflicts improbable", reading: caused },
      { statement: "the conflicts follow the Boltzmann distribution", reading: law.reading },
    ],
    "flow: annealing makes conflicting ledgers improbable according to the Boltzmann distribution",
  );
  return {
    result,
    headline:
      `flow, ${law.step}: ${conflicts}/${o.runs} runs end in conflict after ${r.steps} steps of ${cooled().name}; ` +
      `held at ${T} ${heldConflicts}/${o.runs}; ${law.headline}`,
    reason:
      "Lowered, the noise dies and the gradient flow of the convex ℋ contracts every disagreement into a " +
      "consensus, and held at T₀ the field fluctuates far beyond 1 % of a ledger: the outcome and the cause are " +
      `the convex ℋ's. ${law.reason}`,
  };
}

/** The Boltzmann part, with what the cell's headline and reason say of it. */
interface LawPart {
  reading: Reading;
  step: string;
  headline: string;
  reason: string;
}

/**
 * "The conflicts follow the Boltzmann distribution": at T_q, the temperature at which e^(−ℋ/T) puts a share q ∈
 * {@link LAW_LEVELS} of its weight on conflict (from {@link LAW_DRAWS} exact draws on the cell's graph), the chain's
 * stationary share in conflict is q within ±`margin` (estimatesEqual, both ways; everyCase, Holm over the three).
 * Under the proposal's integrator the chain is ULA on a quadratic ℋ, whose stationary law is known exactly
 * (studies/cooling/gaussian-conflict): the gap is read on exact draws of both laws, as p1.3-langevin decides its cells,
 * and runs held at T_½ check that the code runs that law: where they relaxed and their share is more than
 * {@link CHECK_SE} standard errors from ULA's exact one, the cell stops with a NumericalError (a fault of the
 * integrator, not a finding). Under another integrator the runs held at each T_q decide, against the law's draws
 * (ratesEqual). Under a replaced ℋ other than the proposal's quadratic ({@link isProposalEnergy}) the law is not this
 * Gaussian and has no exact draws here: undecidable.
 */
async function boltzmannPart(ctx: MeasureContext, o: LedgerFlowPlan, key: Key, margin: number): Promise<LawPart> {
  const graph = ledgerFlowGraph(o.nodes, key);
  const replacedEnergy = !isProposalEnergy(ctx.mechanism, graph);
  let stepTimesLambdaMax: number,
    temperatures: number[] = [],
    draws: ConflictDraws | undefined;
  try {
    const step = flowStep(graph, o.stepTimesLambdaMax);
    const ev = laplacianEigenvalues(graph);
    stepTimesLambdaMax = step * ev[ev.length - 1]!;
    if (!replacedEnergy) {
      const levels = conflictDraws(graph, step, LAW_DRAWS, ctx.key("flow/anneal/law-temperatures"));
      temperatures = LAW_LEVELS.map((q) => conflictTemperature(levels.law, FLOW_TOLERANCE, q));
      draws = conflictDraws(graph, step, LAW_DRAWS, ctx.key("flow/anneal/law"));
    }
  } finally {
    releaseGraph(graph);
  }
  const stepText = `h·λ_max = ${num(stepTimesLambdaMax)}`;
  if (draws === undefined)
    return {
      reading: undecidable(
        "the conflicts follow the Boltzmann distribution: a replaced ℋ's law e^(−ℋ/T) is not the Gaussian " +
          "this part draws exactly, and no exact draws of it are made here",
        [],
      ),
      step: stepText,
      headline: "the Boltzmann part is not read under a replaced ℋ",
      reason: "The law of a replaced ℋ is not drawn here, so the Boltzmann part is undecidable.",
    };
  const exact = !ctx.mechanism.replaced.includes("integrator");
  const label = (q: number, T: number) => `at T = ${num(T)} (the law's share ${q})`;
  const cases: Case[] = [];
  const gaps: number[] = [];
  let check = "";
  for (const [i, q] of LAW_LEVELS.entries()) {
    const T = temperatures[i]!;
    const lawShare = shareInConflict(draws.law, FLOW_TOLERANCE, T);
    const beside = [evidence(`the Boltzmann law's share in conflict at ${label(q, T)} (${LAW_DRAWS} exact draws)`, lawShare)];
    // Held for the law, not for the cooled schedule's horizon: until relaxed, else the step's cap.
    const runs = exact ? o.runs : heldRunsFor(margin);
    const sampled = exact && q !== 0.5 ? undefined : await ledgerFlowRuns(ctx, { ...o, runs, schedule: heldAt(T, undefined) }, key);
    const k = sampled === undefined ? 0 : count(sampled.consensus, false);
    if (sampled !== undefined) {
      const held = `held at T = ${num(T)} for ${sampled.steps} steps${sampled.relaxed ? "" : " (to the cap; relaxation not known)"}`;
      beside.push(rateEvidence(`the same runs ${held}: runs ending in conflict`, k, sampled.runs));
      if (exact) {
        const ula = shareInConflict(draws.chain, FLOW_TOLERANCE, T);
        checkRunsSampleUla(k, sampled.runs, ula, sampled.relaxed, held);
        check = `; ${held}, ${k}/${sampled.runs} runs end in conflict (ULA's exact law: ${num(ula)})`;
      }
    }
    if (exact) {
      const gap = pairedConflictGap(draws, FLOW_TOLERANCE, T);
      gaps.push(gap.value);
      beside.unshift(estimateEvidence(`ULA's stationary share in conflict minus the law's (paired exact draws), ${stepText}`, gap));
      const text = "ULA's stationary share in conflict minus the law's";
      cases.push({ statement: label(q, T), reading: estimatesEqual(gap, margin, text, beside, LAW_DRAWS) });
    } else {
      const text = "runs held there ending in conflict, against the law's share";
      const { runs: n, relaxed } = sampled!;
      if (relaxed) {
        gaps.push(k / n - lawShare);
        const lawK = Math.round(lawShare * LAW_DRAWS);
        cases.push({ statement: label(q, T), reading: ratesEqual({ k, n }, { k: lawK, n: LAW_DRAWS }, margin, text, beside) });
      } else {
        // Runs that never relaxed need not sample the chain's stationary law: no evidence either way (referee 27).
        const mde = minimumDetectableEffect(Math.sqrt(0.25 / n + 0.25 / LAW_DRAWS));
        const why = `${text}: the runs reached the step's cap without relaxing, so they need not sample the chain's stationary law`;
        cases.push({ statement: label(q, T), reading: inconclusive(why, beside, mde, margin, n) });
      }
    }
  }
  const worst = gaps.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  return {
    reading: everyCase(
      cases,
      `${stepText}: the chain's share in conflict is the Boltzmann law's at its ${LAW_LEVELS.join(", ")} temperatures`,
    ),
    step: stepText,
    headline: `share in conflict, chain minus law, at the law's ${LAW_LEVELS.join("/")} temperatures: ${gaps.map((g) => num(g)).join(", ")}${check}`,
    reason:
      `Across the transition the chain's share in conflict is off the Boltzmann law's by up to ${num(worst)} at ` +
      `${stepText} (margin ±${num(margin)})` +
      (exact ? ": ULA's stationary law widens mode m's variance by 1/(1 − hλ_m), a gap that closes only as h → 0." : "."),
  };
}

/** Standard errors beyond which runs held at T_½ do not sample ULA's exact law (a false alarm about 1 in 1.7 million). */
const CHECK_SE = 5;

/** Throws a NumericalError where relaxed runs' share in conflict, k/n, is beyond {@link CHECK_SE} SE of ULA's `ula`. */
function checkRunsSampleUla(k: number, n: number, ula: number, relaxed: boolean, held: string): void {
  const se = Math.sqrt((ula * (1 - ula)) / n);
  if (relaxed && Math.abs(k / n - ula) > CHECK_SE * se)
    throw new NumericalError(
      `emtd/claims/flow-anneal: the flow's runs ${held} end in conflict ${k}/${n} times, ULA's exact stationary law ` +
        `${num(ula)}: beyond ${CHECK_SE} SE, so the integrator does not run ULA's law on this ℋ (a fault of the code, not a finding)`,
      "not-converged",
      0,
    );
}

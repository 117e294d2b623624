/**
 * The essay's claim that without a history there is no Byzantine problem ("there is nothing to betray"), e-no-byzantine,
 * measured on the ambient model (src/studies/ambient/byzantine): one adversary identity of strength ω on three
 * targets, at every network size and strength of its grid. Split from ./essay-adversaries, whose other claims are
 * about scale and Sybils.
 */
import { BYZANTINE_SIZES, byzantinePointsFrom, byzantineRuns, OMEGAS } from "../studies/ambient/byzantine-design";
import { estimateEvidence, estimatesEqual, everyCase } from "./machinery/decide";
import { markBuilt } from "./machinery/findings";
import { num } from "./machinery/evidence";
import {
  COUPLING,
  DECAY,
  DEGREE,
  ESSAY_MARGIN,
  choiceAt,
  MODEL,
  NOTEBOOK,
  TEMPERATURE,
  at,
  ev,
  memoised,
  streamsOf,
  welch,
} from "./essay-common";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";

// --- e-no-byzantine ---------------------------------------------------------------------------------------------

/** The adversary's targets: a fixed 3 nodes at every N (the model's choice, as e-scale-thickens' fixed attacker). */
const TARGETS = 3;

/**
 * Why a case is diluted by our model, or null: where the targets are under one node in a hundred of the network (a tenth
 * of the margin), a fixed attacker's pull is spread thin by our choice of a fixed attacker, not by the essay's
 * mechanism (thirtieth-edition referee: e-scale-thickens sets the same dilution aside; one rule).
 */
const dilutedAt = (n: number): string | null =>
  TARGETS / n < ESSAY_MARGIN / 10
    ? `N = ${n}: the adversary's ${TARGETS} targets are ${num(TARGETS / n)} of the network, under a tenth of the margin: ` +
      `a fixed attacker diluted by our model (byConstruction)`
    : null;

const noByzantine: Claim = {
  id: "e-no-byzantine",
  source: "essay",
  section: "fall-of-byzantium",
  quote: "The Byzantine problem exists only because we insisted that computation be historical.",
  short: "no history, no Byzantine problem",
  notebook: NOTEBOOK,
  model:
    `${MODEL}, γ the grid's (${DECAY.values.join(" or ")}); no log, no replay, no order (the model ` +
    `keeps no history); 20 time units from A; one adversary identity of weight ω ∈ {${OMEGAS.map((o) => o.omega).join(", ")}} ` +
    `on 3 nodes pushing B, against the same network without it; N = ` +
    `${BYZANTINE_SIZES.join(", ")} (${BYZANTINE_SIZES.map(byzantineRuns).join(", ")} runs per arm), a fresh network ` +
    `per run (shared by the arms of that run index); run on the ambient model's SIMD step.`,
  reading: {
    statement:
      "In computation without history (the ambient model keeps none) there is no Byzantine " +
      'problem ("there is nothing to betray when no history is authoritative"): whatever its ' +
      "strength and at every network size measured (two decades, N = 32 to 3200), an adversarial " +
      "participant moves the honest nodes off the held value no more than the noise alone does.",
    mechanism: "essay",
  },
  decision: {
    rule:
      `everyCase over adversary strength ω ∈ {${OMEGAS.map((o) => o.omega).join(", ")}} × ` +
      `N ∈ {${BYZANTINE_SIZES.join(", ")}} (Holm): estimatesEqual (Welch t, TOST): the share ` +
      `of honest nodes holding A averaged over the run, with the adversary minus without, ` +
      `within ±${ESSAY_MARGIN}; one refuted case fails the claim (VERDICTS.md §2), not mixed`,
    threshold:
      `margin ±${ESSAY_MARGIN} (one honest node in ten), α = 0.05; runs per arm ` +
      `${BYZANTINE_SIZES.map((n) => `${byzantineRuns(n)} at N = ${n}`).join(", ")}`,
    why:
      `'Exists only because' and 'nothing to betray' make the problem vanish with history, for any adversary: ` +
      `a universal claim over two decades of N (32 to 3200; a refutation there is a small-network one ` +
      `where the effect shrinks with N, and the row says so: apart from the stubborn ω = 10 the adversary's ` +
      `effect has fallen inside the margin by N = 3200 in the committed runs), so the adversary's strength ` +
      `and the network size are its cases (each ω with its reason: ${OMEGAS.map((o) => `${o.omega}: ${o.why}`).join("; ")}), ` +
      `not grid values that could leave a refuted strength looking mixed. The observable ` +
      `is continuous (the share of honest nodes holding A, 1 at the start, about 0.89 under the noise alone ` +
      `at T = 0.5), so no case is decided at a floor where both arms are 0/n; one honest node in ten pulled ` +
      `off the value is the smallest effect treated as a problem. The displacement rate is shown beside.`,
  },
  grid: { T: TEMPERATURE, gamma: DECAY, kappa: COUPLING, degree: DEGREE },
  repairs: [],
  byConstruction:
    "A stubborn adversary pins its 3 targets near B by construction (a pull of 20 against 13): those " +
    "targets alone are 3/N of the honest nodes (0.094 at N = 32), so at small N the strongest case " +
    "moves the held share by about that much whatever the noise; what the field around them does is " +
    "measured. At large N any fixed adversary is diluted by construction (at most a few nodes of N): the cases " +
    "where its targets are under one node in a hundred (N = 320 and 3200) are set aside as our model's, holding or " +
    "failing alike, as e-scale-thickens sets aside its fixed attacker (thirtieth-edition referee).",
  review:
    "Review 2: 'the universal claim is refuted at T = 0.5 (152/160 vs 47/160 at N = 32), which is " +
    "fails, and becomes mixed through a floor-effect cell (0/160 vs 0/160) with one weak adversary (ω " +
    "= ½); adversary strength is never varied and every network size is N = 32–128'. Fixed: the " +
    "adversary's strength is a case of the universal (ω = ½, ¼, 1 and a stubborn 10, each with its reason), " +
    "the sizes span N = 32 … 3200, and the claim is decided by everyCase over ω × N (one refuted case " +
    "fails it); the observable is the share of honest nodes holding A over the run (continuous, no " +
    "0/160-vs-0/160 floor), its equivalence within ±0.1 by TOST. Review 1: 'a universal claim with a " +
    "refuted part reported partly (allOf)'. Fixed then and kept: everyCase, Holm across cases, T a " +
    "grid parameter, a fresh network per size and replicate. Fourth-edition referee: 'γ is fixed at " +
    "0.1, although the essay module declares the decay an open choice and e-persistence shows it deciding " +
    "outcomes (T = 0.5, w = 1: 39/40 persist at γ = 0.1, 7/40 at 0.3)'. Fixed: γ is a grid parameter " +
    "(DECAY: 0.1 and 0.3, each with its reason), the same runs' keys at each γ. Eighth-edition " +
    "referee: 'pseudo-replication: each replicate draws one network per size, and all runs of a cell share " +
    "it, so the intervals and power plans cover run-to-run noise only, not the variation between " +
    "networks (e-double-spend's k = 4 cell split 8, 83 and 70 of 872 runs at three seeds)'. Fixed: every " +
    "run has its own network, shared by the arms of that run's index (the structured fast path), " +
    "so the runs at each size are independent draws from the family and Welch's t reads them as such.",
  uses: [],
  reference: { kind: "control", text: "the same runs without the adversary (within ±0.1)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const temperature = at(ctx, "T");
    const points = byzantinePointsFrom(temperature, streamsOf(ctx), at(ctx, "gamma"), choiceAt(ctx), memoised);
    const cases = points.flatMap((p) =>
      OMEGAS.map((o, a) => {
        const arm = p.withAdversary[a]!;
        const diff = welch(arm.held, arm.held.runs, p.without.held, p.without.held.runs);
        const diluted = dilutedAt(p.n);
        const read = estimatesEqual(
          diff,
          ESSAY_MARGIN,
          `ω = ${o.omega}, N = ${p.n}: held share with the adversary minus without`,
          [
            estimateEvidence(`held share over the run, adversary ω = ${o.omega} minus none, N = ${p.n}`, diff, { reference: 0 }),
            ev(`displaced with the adversary (ω = ${o.omega}), N = ${p.n}`, arm.displaced),
          ],
          arm.held.runs,
        );
        return { statement: `ω = ${o.omega}, N = ${p.n}`, reading: diluted === null ? read : markBuilt(read, diluted) };
      }),
    );
    const result = everyCase(cases, `T = ${temperature}`);
    for (const p of points) {
      result.evidence.push(
        estimateEvidence(`held share over the run without an adversary, N = ${p.n}`, {
          value: p.without.held.value,
          se: p.without.held.se,
          df: p.without.held.runs - 1,
        }),
      );
      result.evidence.push(ev(`displaced without an adversary, N = ${p.n}`, p.without.displaced));
    }
    const worst = cases.reduce((a, c) => (Math.abs(c.reading.evidence[0]!.value) > Math.abs(a.reading.evidence[0]!.value) ? c : a));
    return {
      result,
      headline:
        `held share with − without the adversary (T = ${temperature}, γ = ${at(ctx, "gamma")}): ` +
        `${points
          .map(
            (p) =>
              `N = ${p.n}: ` +
              `${p.withAdversary.map((arm, a) => `ω ${OMEGAS[a]!.omega} ${num(arm.held.value - p.without.held.value)}`).join(", ")}`,
          )
          .join("; ")}; ` +
        `largest effect at ${worst.statement}`,
      reason:
        result.finding.kind === "refuted"
          ? "The ambient model has no log, no replay and no order, yet an identity that pushes a " +
            "competing value still pulls honest nodes off the held value beyond the noise: the adversary " +
            "problem does not disappear with history; it becomes a problem of pull against participation."
          : result.finding.kind === "supported"
            ? "At this noise no adversary of these strengths moves more than one honest node in " +
              "ten off the held value at any of these sizes: the field's own barrier resists it."
            : "Some cases are not resolved at these runs (their MDE against the margin in the finding).",
    };
  },
};

export const claims: Claim[] = [noByzantine];

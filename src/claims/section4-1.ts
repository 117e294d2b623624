/**
 * The claims of the proposal's §4.1 ("Emergent Properties"), in the rubric shape (issue 20): each measured from its
 * context's keys by the adversary and scale modules, decided by a rule of ./decide. Every measure() runs in typed
 * arrays (no tensors) within a few seconds.
 */
import { fold, type Key } from "../engine/random";
import { graphs } from "../graph/generators";
import { stressResponse } from "../adversary/experiments";
import { withoutNodes } from "../adversary/crash";
import { agreementUnderFaults } from "../adversary/routing";
import { completeRobustness, notRobustWitness } from "../adversary/robustness";
import { HONEST_VARIANCE, noisyNodes, type NoisyNodesResult } from "../adversary/noisy-nodes";
import { fiedlerValue } from "../analysis/scale";
import { closedFormSpectrum, familyMember, type ScaleFamily } from "../graph/families";
import { releaseGraph } from "../ops/tensors";
import { mean, variance } from "../stats/summary";
import { allOf, beyond, difference, estimateEvidence, fact } from "./decide";
import { evidence, num, pm } from "./evidence";
import type { Claim, Measurement, MeasureContext, SizePoint } from "./types";

const NOTEBOOK_ADVERSARIES = "notebooks/11-adversaries-and-self-healing.ipynb";
const NOTEBOOK_SCALE = "notebooks/12-scale-invariance.ipynb";

/** Honest values differ by float64 rounding only below this: ~5000 rounds × a few ulps of values O(1). */
const ROUNDING = 1e-9;

/** Mean and standard error of a sample (n ≥ 2). */
function meanSe(xs: readonly number[]): { value: number; se: number } {
  return { value: mean(xs), se: Math.sqrt(variance(xs) / xs.length) };
}

/** Runs per coupling in the self-healing experiment: the final honest mean's SE is then ~0.02 (its spread ~0.05). */
const SELF_HEALING_RUNS = 8;

function noisyRuns(coupling: "quadratic" | "entropy", k: Key): NoisyNodesResult[] {
  const ring = graphs.ring(40, 4);
  return Array.from({ length: SELF_HEALING_RUNS }, (_, s) => noisyNodes(ring, { noisy: 1, centre: 5, rounds: 4000, coupling }, fold(k, s)));
}

const selfHealing: Claim = {
  id: "p4.1-self-healing",
  source: "proposal",
  section: "4.1",
  quote:
    '**Self-Healing:** If a subset of nodes is corrupted (high local entropy), the gradient flow naturally isolates them, as the energy cost to "sync" with a high-entropy node becomes prohibitive.',
  short: "the gradient flow isolates corrupted nodes",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    "ring:40:4; one corrupted node of high local entropy sending 5 + N(0, 1) afresh each round; 39 honest nodes start uniform on [0, 1) and take 4000 explicit Euler steps of the gradient flow (step 1/(2·d_max)); nothing pinned. Literal: the proposal's quadratic coupling (every neighbour weight 1). Strongest: couplings weakened with the sender's entropy, J·v₀/(v₀ + v_j), v_j the running variance of j's messages, v₀ = 1/12 the honest initial variance.",
  byConstruction: null,
  uses: [],
  readings: {
    literal:
      "Under the proposal's quadratic coupling, honest nodes keep a value inside their own initial range (validity) while a high-entropy node sends them noise around 5.",
    strongest:
      "With couplings that weaken as a neighbour's entropy rises (the mechanism the sentence names), the honest nodes isolate the high-entropy node: their value stays inside their own initial range.",
  },
  decision: {
    rule: "beyond: the final honest mean (mean ± SE over 8 runs) below the largest honest initial value",
    threshold: "the largest honest initial value (≈ 1)",
    why: "Isolating a corrupted node means the honest nodes end on a value they could have chosen without it: validity, the standard requirement of fault-tolerant consensus, is that the decided value lies within the honest inputs' range.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const plain = noisyRuns("quadratic", ctx.key(48));
    const weighted = noisyRuns("entropy", ctx.key(48));
    const summary = (runs: NoisyNodesResult[]) => ({
      final: meanSe(runs.map((r) => r.finalMean)),
      bound: mean(runs.map((r) => r.initialMax)),
      captured: meanSe(runs.map((r) => r.captured)),
    });
    const p = summary(plain);
    const w = summary(weighted);
    const noisyWeight = mean(weighted.map((r) => r.noisyWeight));
    const literal = beyond(p.final, p.bound, "below", "honest mean after 4000 rounds, quadratic coupling, vs the honest range's top", [
      estimateEvidence("final honest mean, quadratic coupling (V = 5)", p.final, { reference: p.bound }),
      estimateEvidence("fraction of the way to V, quadratic coupling", p.captured, { reference: 0 }),
    ]);
    const strongest = beyond(
      w.final,
      w.bound,
      "below",
      "honest mean after 4000 rounds, entropy-weighted coupling, vs the honest range's top",
      [
        estimateEvidence("final honest mean, entropy-weighted coupling (V = 5)", w.final, { reference: w.bound }),
        estimateEvidence("fraction of the way to V, entropy-weighted coupling", w.captured, { reference: 0 }),
        evidence("coupling weight of the noisy node at the end (v₀/(v₀ + v_j))", noisyWeight, {
          reference: HONEST_VARIANCE / (HONEST_VARIANCE + 1),
        }),
      ],
    );
    return {
      readings: { literal, strongest },
      headline: `a noise-sending node at V = 5 pulls the honest mean ${pm(100 * p.captured.value, 100 * p.captured.se)} % of the way to V under the quadratic coupling, ${pm(100 * w.captured.value, 100 * w.captured.se)} % with entropy-weighted couplings`,
      reason:
        "Under the quadratic coupling a neighbour at distance r pulls with force 2J·r: the farther (and noisier) the corrupted node, the harder the pull, the opposite of a prohibitive cost; its noise averages out and its centre captures the honest nodes. " +
        `Weakening each coupling with the sender's entropy cuts the noisy node's weight to ${num(noisyWeight)}, which only slows the capture: with any positive weight the only fixed point of the flow is the corrupted node's centre (the harmonic extension of one boundary value is that constant), so the honest nodes still leave their range (and, at 20 000 rounds, arrive at V). Isolation needs a weight that reaches 0, i.e. a filtering rule, not a weaker coupling.`,
    };
  },
};

/** A change of the honest spread within ±1 % of the honest initial range (1) counts as no change. */
const SPREAD_MARGIN = 0.01;

const antifragility: Claim = {
  id: "p4.1-antifragility",
  source: "proposal",
  section: "4.1",
  quote: "The EMTD framework exhibits **Radical Antifragility**.",
  short: "radical antifragility: disorder makes it better",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    "ring:40:4 under the proposal's averaging (the `mean` rule, step 1/(2·d_max)), 500 rounds, honest nodes uniform on [0, 1); disorder = k nodes sending 0.5 + N(0, 1) (unbiased noise, centred on the honest range); 8 runs per k.",
  byConstruction: null,
  uses: ["rule"],
  readings: {
    literal:
      "More disorder (8 noisy nodes of 40) makes the honest nodes agree better: a smaller time-averaged honest spread than with none.",
    strongest:
      "Even the gentlest disorder (one noisy node) makes the honest nodes agree better than with none: a gain from disorder at some level of stress.",
  },
  decision: {
    rule: "difference: spread(1 noisy node) − spread(none) < 0, with TOST equivalence for 'no change'",
    threshold: `95 % interval of the difference below 0; a change within ±${SPREAD_MARGIN} counts as none`,
    why: "Antifragility is a gain (Taleb): the spread must fall beyond its uncertainty. The margin is 1 % of the honest initial range (1): smaller changes are not a gain anyone could use.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const points = stressResponse(graphs.ring(40, 4), [0, 1, 2, 4, 8], { rounds: 500, seeds: 8, rule: ctx.mechanism.rule }, ctx.key(43));
    const none = points[0]!;
    const gentle = points[1]!;
    const last = points[points.length - 1]!;
    const diff = (p: typeof none) => ({ value: p.spread - none.spread, se: Math.hypot(p.spreadSe, none.spreadSe) });
    const ev = points.map((p) =>
      estimateEvidence(`time-averaged honest spread, ${p.noisy} noisy nodes (of 40)`, { value: p.spread, se: p.spreadSe }),
    );
    const literal = difference(diff(last), "negative", SPREAD_MARGIN, "spread with 8 noisy nodes minus spread with none", ev);
    const strongest = difference(diff(gentle), "negative", SPREAD_MARGIN, "spread with 1 noisy node minus spread with none", ev);
    return {
      readings: { literal, strongest },
      headline: `honest disagreement ${pm(none.spread, none.spreadSe)} with no noisy node → ${pm(gentle.spread, gentle.spreadSe)} with one → ${pm(last.spread, last.spreadSe)} with ${last.noisy}`,
      reason:
        "Antifragility means gaining from disorder. Unbiased noise injected into the proposal's averaging is passed on to every honest neighbour (a linear filter cannot remove it), so the honest spread grows with the amount of disorder: the system is fragile to this stress, not antifragile.",
    };
  },
};

const routesAroundDamage: Claim = {
  id: "p4.1-routes-around-damage",
  source: "proposal",
  section: "4.1",
  quote: "The topology effectively routes around damage without central instruction.",
  short: "the topology routes around damage",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    "ring:40:4, honest values uniform on [0, 1), the proposal's averaging (`mean`), at most 5000 rounds. Damage: nodes 0–2 crashed (removed) or corrupted (stubborn at V = 5). Control: W-MSR with F = 3 (LeBlanc et al. 2013) on the same ring (not 3-robust: two half-rings witness it) and on K_13 (7-robust = (2F + 1)-robust), against stubborn and adversarial nodes.",
  byConstruction:
    "For crash damage, agreement of the survivors follows from the connectivity of the graph without the crashed nodes (averaging converges on every connected graph): a property of the topology, not of EMTD.",
  uses: ["rule"],
  readings: {
    literal: "Damage as lost nodes: when 3 nodes crash, the survivors still agree (spread < 10⁻⁶) inside their initial range.",
    strongest:
      "Damage as lost or corrupted nodes: the survivors agree inside their range when 3 nodes crash, and also when 3 nodes keep sending a wrong value (5), under the proposal's gradient flow.",
  },
  decision: {
    rule: "allOf(fact: crash → agreement and validity; fact: corruption → agreement and validity)",
    threshold: `agreement: honest spread < 10⁻⁶ within 5000 rounds; validity: honest values leave their initial hull by < ${ROUNDING}`,
    why: "Routing around damage is the fault-tolerance property of consensus: agreement and validity. Both are deterministic facts of one run; 10⁻⁶ is far below the initial spread (~1), and the hull tolerance is float64 rounding over 5000 rounds.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const k = ctx.key(44);
    const ring = graphs.ring(40, 4);
    const rule = ctx.mechanism.rule;
    const crashed = agreementUnderFaults(withoutNodes(ring, [0, 1, 2]), rule, "stubborn", 0, 5, 5000, 1e-6, k);
    const corrupted = agreementUnderFaults(ring, rule, "stubborn", 3, 5, 5000, 1e-6, k);
    const arc = Array.from({ length: 20 }, (_, i) => i);
    const ringWitness = notRobustWitness(
      ring,
      arc,
      arc.map((i) => i + 20),
      3,
    );
    const wmsrRing = agreementUnderFaults(ring, "wmsr", "stubborn", 3, 5, 5000, 1e-6, k);
    const k13 = graphs.complete(13);
    const wmsrComplete = agreementUnderFaults(k13, "wmsr", "adversarial", 3, 5, 5000, 1e-6, k);
    releaseGraph(k13);
    const ok = (r: typeof crashed) => r.converged && r.hullViolation < ROUNDING;
    const crashReading = fact(
      ok(crashed),
      `3 crashed: survivors ${crashed.converged ? `agree in ${crashed.rounds} rounds` : "do not agree"}, hull violation ${num(crashed.hullViolation)}`,
      [
        evidence("crash: final survivor spread", crashed.finalSpread, { reference: 0 }),
        evidence("crash: rounds to spread < 1e-6", crashed.rounds),
        evidence("crash: hull violation", crashed.hullViolation, { reference: 0 }),
      ],
    );
    const corruptReading = fact(
      ok(corrupted),
      `3 corrupted at V = 5: honest nodes ${corrupted.converged ? "agree" : "do not agree"}, ${num(100 * corrupted.captured, 3)} % of the way to V, hull violation ${num(corrupted.hullViolation)}`,
      [
        evidence("corrupted: fraction of the way to V under averaging", corrupted.captured, { reference: 0 }),
        evidence("corrupted: hull violation under averaging", corrupted.hullViolation, { reference: 0 }),
        evidence("control: ring:40:4 is not 3-robust (two half-rings witness it; 1 = yes)", ringWitness ? 1 : 0),
        evidence("control: W-MSR(F=3) on ring:40:4, honest spread at the start", wmsrRing.initialSpread),
        evidence("control: W-MSR(F=3) on ring:40:4, honest spread after 5000 rounds", wmsrRing.finalSpread, { reference: 0 }),
        evidence("control: K_13 robustness ⌈n/2⌉ (W-MSR needs 2F + 1 = 7)", completeRobustness(13), { reference: 7 }),
        evidence("control: W-MSR(F=3) on K_13 vs adversarial nodes, final spread", wmsrComplete.finalSpread, { reference: 0 }),
        evidence("control: W-MSR(F=3) on K_13, hull violation", wmsrComplete.hullViolation, { reference: 0 }),
      ],
    );
    const strongest = allOf([crashReading, corruptReading], "crash and corruption");
    return {
      readings: { literal: crashReading, strongest },
      headline: `3 crashed nodes: survivors agree in ${crashed.rounds} rounds; 3 corrupted nodes: averaging moves ${num(100 * corrupted.captured, 3)} % of the way to their value; W-MSR agrees on K_13 (spread ${num(wmsrComplete.finalSpread)}) but not on the ring (${num(wmsrRing.initialSpread)} → ${num(wmsrRing.finalSpread)})`,
      reason:
        "Crashed nodes are routed around whenever the survivors stay connected: that is the connectivity of the graph, not a property of EMTD. Corrupted nodes that keep sending are not routed around by the proposal's gradient flow: it is captured. " +
        `A filtering rule can route around them only where the topology allows it: W-MSR with F = 3 keeps validity and reaches agreement on K_13, which is (2F + 1)-robust, but on ring:40:4, which is not even 3-robust, it stays in the hull without agreeing (spread ${num(wmsrRing.initialSpread)} → ${num(wmsrRing.finalSpread)} after ${wmsrRing.rounds} rounds).`,
    };
  },
};

/**
 * Largest exponent of consensus time against N counted as scale-invariant: at 0.1 the time changes by at most
 * 10^(0.1·8) ≈ 6× from N = 10 to N = 10⁹, less than it differs between topologies at one N, so within this band
 * the topology, not N, sets the behaviour.
 */
export const SCALE_INVARIANT_SLOPE = 0.1;

/**
 * The class of one family from the fitted exponent of its consensus time against N: `flat` when slope + 2·SE is
 * below {@link SCALE_INVARIANT_SLOPE}, `grows` when slope − 2·SE is above it, `borderline` otherwise.
 *
 * @example
 * ```ts
 * scaleClass({ slope: 2.0, slopeSe: 0.02 }); // → "grows" (a ring lattice: consensus time ∝ N²)
 * scaleClass({ slope: 0.01, slopeSe: 0.01 }); // → "flat" (the complete graph)
 * ```
 */
export function scaleClass(fit: { slope: number; slopeSe: number }): "flat" | "grows" | "borderline" {
  if (fit.slope + 2 * fit.slopeSe < SCALE_INVARIANT_SLOPE) return "flat";
  if (fit.slope - 2 * fit.slopeSe > SCALE_INVARIANT_SLOPE) return "grows";
  return "borderline";
}

/** Rounds per e-fold of the spread: τ = 1/−ln(1 − λ₂/(2 d_max)). */
function tauOf(fiedler: number, maxDegree: number): number {
  return 1 / -Math.log(1 - fiedler / (2 * maxDegree));
}

/** Exact τ of a family with a closed-form spectrum at size n. */
function exactTau(family: ScaleFamily, n: number, k: Key): { n: number; tau: number } {
  const member = familyMember(family, n, k);
  const tau = tauOf(closedFormSpectrum(member)![0]!, member.maxDegree);
  if (member.graph) releaseGraph(member.graph);
  return { n: member.n, tau };
}

/** Watts–Strogatz graphs per size: the SE of ln τ̄ is then ~0.05 at every N. */
const WS_REPLICATES = 6;
const WS_SIZES = [30, 100, 1000, 10_000] as const;
const EXACT_SIZES = [10, 100, 1000, 10_000, 100_000] as const;

/** Mean τ over independent Watts–Strogatz(k = 4, p = 0.1) graphs at size n, with the SE of its logarithm. */
function wattsStrogatzTau(n: number, k: Key): { n: number; logTau: number; logSe: number } {
  const taus = Array.from({ length: WS_REPLICATES }, (_, r) => {
    const member = familyMember("ws", n, fold(k, r));
    const tau = tauOf(fiedlerValue(member).value, member.maxDegree);
    releaseGraph(member.graph!);
    return tau;
  });
  const m = mean(taus);
  return { n, logTau: Math.log(m), logSe: Math.sqrt(variance(taus) / taus.length) / m };
}

/** The local exponent d ln τ / d ln N between two sizes, with its SE by the delta method. */
function localExponent(a: { n: number; logTau: number; logSe: number }, b: { n: number; logTau: number; logSe: number }) {
  const d = Math.log(b.n) - Math.log(a.n);
  return { value: (b.logTau - a.logTau) / d, se: Math.hypot(a.logSe, b.logSe) / d };
}

const scaleInvariance: Claim = {
  id: "p4.1-scale-invariance",
  source: "proposal",
  section: "4.1",
  quote: "**Scale-Invariance:** The Hamiltonian formulation works identical for $N=10$ or $N=10^9$ nodes.",
  short: "works identically for N = 10 and N = 10⁹",
  notebook: NOTEBOOK_SCALE,
  model:
    "The proposal's gradient flow (explicit Euler, stable step 1/(2·d_max)); consensus time τ = 1/−ln(1 − λ₂/(2·d_max)) rounds per e-fold of the spread. Strongest: Watts–Strogatz k = 4, p = 0.1 (the proposal's topology), 6 independent graphs at N = 30, 100, 10³, 10⁴, λ₂ dense or by Lanczos. Literal adds ring:N:4, the √N×√N torus and K_N, exact from their closed-form spectra at N = 10 … 10⁵.",
  byConstruction:
    "The update rule is local, so the same formula runs unchanged at every N by construction; what is measured is whether its behaviour (the consensus time) is the same.",
  uses: [],
  readings: {
    literal: "On every topology tested (ring, torus, complete, Watts–Strogatz), consensus time does not grow with N.",
    strongest: "On the proposal's own topology, Watts–Strogatz (k = 4, p = 0.1), consensus time does not grow with N at large N.",
  },
  decision: {
    rule: "beyond: the exponent d ln τ / d ln N between N = 100 and 10⁴ (SE from 6 graphs per size, delta method) below the threshold",
    threshold: `${SCALE_INVARIANT_SLOPE}`,
    why: `At exponent ${SCALE_INVARIANT_SLOPE} the time changes at most 10^(0.1·8) ≈ 6× from N = 10 to 10⁹, less than it differs between topologies at one N: the topology, not N, would set the behaviour. The two largest decades are used because N = 10⁹ is the limit asked about (one decade alone leaves the verdict to chance at 6 graphs per size).`,
  },
  sizes: WS_SIZES,
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const families: ScaleFamily[] = ["ring", "torus", "complete"];
    const parts = families.map((family) => {
      const rows = EXACT_SIZES.map((n) => exactTau(family, n, ctx.key(45)));
      const a = rows[rows.length - 2]!;
      const b = rows[rows.length - 1]!;
      const slope = Math.log(b.tau / a.tau) / Math.log(b.n / a.n);
      return fact(slope < SCALE_INVARIANT_SLOPE, `${family}: exact local exponent ${num(slope)} at N = ${a.n}…${b.n}`, [
        evidence(`${family}: exact local exponent of τ against N, N = ${a.n}…${b.n}`, slope, { reference: 0 }),
      ]);
    });
    const ws = WS_SIZES.map((n) => wattsStrogatzTau(n, ctx.key(45)));
    const bySize: SizePoint[] = [];
    for (let i = 1; i < ws.length; i++) {
      const e = localExponent(ws[i - 1]!, ws[i]!);
      const point = beyond(e, SCALE_INVARIANT_SLOPE, "below", `Watts–Strogatz local exponent, N = ${ws[i - 1]!.n}…${ws[i]!.n}`, [
        estimateEvidence(`Watts–Strogatz(4, 0.1): local exponent of τ, N = ${ws[i - 1]!.n}…${ws[i]!.n}`, e, { reference: 0 }),
      ]);
      bySize.push({ n: ws[i]!.n, verdict: point.verdict, finding: point.finding });
    }
    const wsEvidence = ws.map((w) =>
      estimateEvidence(`Watts–Strogatz(4, 0.1): ln τ at N = ${w.n} (6 graphs)`, { value: w.logTau, se: w.logSe }),
    );
    // Decided over the last two decades (N = 100 … 10⁴): twice the lever arm of one decade, half the SE.
    const wide = localExponent(ws[1]!, ws[ws.length - 1]!);
    const decided = beyond(wide, SCALE_INVARIANT_SLOPE, "below", `Watts–Strogatz exponent of τ, N = ${ws[1]!.n}…${ws[ws.length - 1]!.n}`, [
      estimateEvidence(`Watts–Strogatz(4, 0.1): exponent of τ, N = ${ws[1]!.n}…${ws[ws.length - 1]!.n}`, wide, { reference: 0 }),
    ]);
    const strongest = { ...decided, evidence: [...decided.evidence, ...wsEvidence] };
    const literal = allOf([...parts, decided], "every topology");
    const first = ws[0]!;
    const end = ws[ws.length - 1]!;
    return {
      readings: { literal, strongest },
      headline: `on Watts–Strogatz(4, 0.1) τ grows ${num(Math.exp(first.logTau), 3)} → ${num(Math.exp(end.logTau), 3)} rounds per e-fold from N = ${first.n} to ${end.n}; exact exponents at N = 10⁵: ${parts.map((p) => `${p.evidence[0]!.name.split(":")[0]} ${num(p.evidence[0]!.value, 2)}`).join(", ")}`,
      reason:
        "Consensus time of the gradient flow is set by 1/λ₂ (times d_max for the stable step): it grows like N² on a ring lattice and N on a torus; only the complete graph, where each node talks to all N − 1 others (N² messages a round), keeps it flat. " +
        "On the proposal's own small world the few shortcuts shrink the time a lot but λ₂ still falls with N (and d_max grows slowly), so the time keeps growing: the formula is the same at every N, its behaviour is not.",
      bySize,
    };
  },
};

export const claims: Claim[] = [selfHealing, antifragility, routesAroundDamage, scaleInvariance];

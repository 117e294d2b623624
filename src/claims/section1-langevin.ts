/**
 * Claims of the proposal's §1.3 (the objective and its Langevin flow), second edition (issue 34), measured with the
 * step-size study notebook 02's figure calls (studies/langevin-sweep/langevin-sweep). Listed by ./section1.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { normal } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { laplacianEigenvalues } from "../graph/spectrum";
import { langevinStepSweep, plannedLangevinRun } from "../studies/langevin-sweep/langevin-sweep";
import { beyond, chainsDisagree, conjunction, difference, estimateEvidence, estimatesEqual, exactEstimate } from "./machinery/decide";
import { evidence, num, pm } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement, Mechanism, Part } from "./machinery/types";
import { hamiltonianOf } from "./machinery/mechanism";
import { followsVariant } from "./machinery/references";
import { energyValue, sum } from "../hamiltonian/term";
import { COST_DENSITY, costTermsOf, costText, MASS_MULTIPLIER } from "./cost-term";
import { MEAN_GAP_LIMIT, minimiserFrom, ownLaw, RHAT_LIMIT, twoChains, type TwoChains } from "./machinery/equilibrium";

const NB02 = "notebooks/02-free-energy-and-langevin.ipynb";

/**
 * Channels d of the §1.3 fields: notebook 02's two. ⟨ℋ⟩'s relative bias does not depend on d; more channels would
 * give more precision per step, but MALA's joint acceptance (the repair) falls with the dimension: at h·λ_max = 0.5 it
 * is ≈ 7 % with 4 channels on these graphs (analysis/mala-acceptance), ≈ 20–40 % with 2.
 */
const CHANNELS = 2;

/**
 * The equivalence margin of p1.3-langevin, relative to equipartition: 5 %. ⟨H⟩ ∝ T_net, so a 5 % error in ⟨H⟩ is a
 * temperature error of one step of the text's own schedule (T ← 0.95·T): a sampler closer than that samples the
 * Boltzmann law at a temperature the schedule cannot tell from T_net.
 */
const SCHEDULE_MARGIN = 0.05;

/**
 * The cap on kept steps under a variant. Its observable ⟨½ψ·∇ℋ⟩ has a variance the spectrum does not give (issue 51:
 * under a pseudo-Huber coupling it is about 3× ⟨ℋ⟩'s at h·λ_max = 0.02), so the sequential rule plans the cell's run
 * from its own draws, to the same MCSE, for up to this many kept steps (about 2 minutes here); the proposal's plan
 * from the spectrum stays within 40 000. A cell that reaches the cap short of its precision says how many would decide.
 */
const VARIANT_MAX_KEPT = 200_000;

/** The parts whose replacement leaves the chain's law unknown: ℋ (interaction, terms) and the integrator itself. */
const EXACT_LAW_PARTS: readonly Part[] = ["interaction", "terms", "integrator"];

/**
 * The SE given to ULA's exact ⟨ℋ⟩, relative to equipartition: its one error is the float64 eigensolver's rounding
 * (≈ 1e-13 relative), so 1e-9 is far above it and far below any distance from the margin worth a decision.
 */
const EXACT_ROUNDING = 1e-9;

/**
 * Is the cell's chain ULA on the proposal's quadratic ℋ, a Gaussian chain whose stationary ⟨ℋ⟩ is known exactly,
 * (dT/2)Σ_m 1/(1 − hλ_m)? Only where no variant replaced ℋ or the integrator (the mala repair replaces the integrator).
 */
export function exactLawDecides(mechanism: Mechanism): boolean {
  return !EXACT_LAW_PARTS.some((p) => mechanism.replaced.includes(p));
}

/** §1.3: the "stochastic gradient descent" (ULA) samples the Boltzmann law — up to a step bias that vanishes as h → 0. */
export const langevinEquivalence: Claim = {
  id: "p1.3-langevin",
  source: "proposal",
  section: "1.3",
  quote: "The system seeks to minimize the Helmholtz Free Energy via a stochastic gradient descent process equivalent to Langevin Dynamics",
  short: "noisy gradient descent samples the Boltzmann law",
  notebook: NB02,
  model:
    `ws:20:4:0.1 drawn per replicate, ${CHANNELS} channels, T_net = 1, ℋ = the mechanism's (the ` +
    `interaction); the noisy gradient descent Ψ ← Ψ − h∇ℋ + √(2hT)ξ (ULA) from a standard-normal field at ` +
    `the step h of the cell, run length planned from the spectrum for an MCSE of 1 % of equipartition, ` +
    `with sequential stopping at that precision (studies/langevin-sweep; 6000–40000 kept steps; ` +
    `under a variant, whose ⟨½ψ·∇ℋ⟩ has a variance the spectrum does not give, the rule runs to the same ` +
    `precision from the cell's own draws, up to ${VARIANT_MAX_KEPT} kept steps); the consensus mode ` +
    `is free (it carries no energy). On the proposal's mechanism the chain is ULA on a quadratic ℋ, a ` +
    `Gaussian chain whose stationary ⟨ℋ⟩ is exact from the graph's spectrum, (dT/2)Σ1/(1 − hλ_m): that ` +
    `law decides every cell of h, and the sampled chain is shown beside it as the sampler's check.`,
  reading: {
    statement:
      "The §1.3 stochastic gradient descent (gradient steps on ℋ plus Gaussian noise " +
      "√(2hT_net)ξ, no correction: ULA, the Euler–Maruyama step of Langevin dynamics) samples the " +
      "Boltzmann law e^{−ℋ/T_net}: its ⟨ℋ⟩ equals equipartition (N−1)dT_net/2 within 5 % at " +
      "the step it runs with; the grid over h shows whether the step bias vanishes as h → 0.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "estimatesEqual (TOST, α = 0.05) of ULA's ⟨ℋ⟩ − (N−1)dT/2 in each cell of h: on the " +
      "proposal's mechanism ULA's exact stationary ⟨ℋ⟩, (dT/2)Σ1/(1 − hλ_m) on the replicate's " +
      "graph (exactEstimate: float64 eigensolver rounding, 1e-9 of equipartition, as its SE), in " +
      "every cell of h alike, with the sampled ⟨ℋ⟩ − exact shown as the sampler's check; under " +
      "a variant that replaces the integrator (the mala repair), the sampled ⟨ℋ⟩; under a " +
      "variant that replaces the interaction or adds terms, of ⟨½ψ·∇ℋ⟩ against generalised " +
      "equipartition (the variant's own Boltzmann value; ½ψ·∇ℋ = ℋ on the proposal's quadratic ℋ)",
    threshold:
      `margin = ${SCHEDULE_MARGIN * 100} % of (N−1)dT/2; where the sampled chain decides (a variant), ` +
      `MCSE planned (and sequentially checked) at margin/5, so the MDE at 80 % power is ≈ 0.5·margin`,
    why:
      "⟨ℋ⟩ ∝ T_net, so a 5 % error in ⟨ℋ⟩ is a temperature error of one step of the " +
      "text's own schedule (T ← 0.95·T): a sampler within it cannot be told from the " +
      "Boltzmann law at any temperature the schedule visits. The margin does not depend on " +
      "the bias being tested, and a bias-free sampler passes it with a 3.4-SE cushion.",
  },
  grid: {
    h: {
      values: [0.5, 0.1, 0.02],
      why: [
        "h = 1/L with L = 2λ_max the Lipschitz constant of ∇ℋ: the textbook step of a gradient descent (h·λ_max = 0.5)",
        "a fifth of it (h·λ_max = 0.1), a cautious step",
        "a twenty-fifth (h·λ_max = 0.02): toward the h → 0 limit in which Euler–Maruyama is Langevin dynamics",
      ],
    },
  },
  repairs: [
    {
      variant: "mala",
      why:
        "Metropolis-adjusted Langevin (the same proposal, accepted with the Boltzmann ratio) removes the step " +
        "bias at any h: the first edition's 'strongest reading', another mechanism than the text's descent",
    },
  ],
  byConstruction:
    "On the quadratic ℋ, ULA's stationary law is Gaussian with per-mode energy T/(2(1 − " +
    "hλ_m)) (Σ over the Laplacian modes: ⟨ℋ⟩_h = (dT/2)Σ1/(1 − hλ_m), shown as evidence), " +
    "so the bias is exactly known and → 0 as h → 0; the grid decides it against a fixed " +
    "margin on that exact law (the twelfth-edition referee: a cell decided by sampling beside " +
    "its exact law flipped with the seed), and the sampled chain checks that the code " +
    "runs that law. MALA's Metropolis correction makes e^{−ℋ/T} stationary by construction.",
  review:
    "Review: the strongest reading swapped in MALA and checked ULA against its own biased law (a " +
    "tautology); 'bias → 0 as h → 0' was never measured (one h); the literal margin (bias/10 at h = " +
    "0.7/λ_max) built the failure in. Fixed: one reading, the text's ULA against equipartition, over a " +
    "grid of three steps h; the margin is 5 % of equipartition (one step of the text's ×0.95 schedule), " +
    "independent of the bias, with the run length planned for power; MALA is the repair `mala`. " +
    "Issue 44: under a Huber coupling ⟨ℋ⟩ was read against the quadratic's equipartition. Fixed: the " +
    "claim's reference (its record's reference declaration) follows the interaction and the terms: a variant's ⟨½ψ·∇ℋ⟩ is " +
    "compared with its own generalised equipartition, and the record's `reference` says so. " +
    "Twelfth-edition referee: 'The h·λ_max = 0.1 cell sits near its margin. It is decided by sampling although " +
    "the exact ULA law is computed beside it. It flips between fails and inconclusive (6/14 over " +
    "the committed replicates)'. Fixed: on the proposal's mechanism every cell of h (not only 0.1: " +
    "one standard for sibling cells) is decided on ULA's exact stationary ⟨ℋ⟩ on the replicate's graph " +
    "(exactLawDecides; a Gaussian chain's closed form), the sampled ⟨ℋ⟩ shown beside it with its " +
    "difference from the exact law as the sampler's check; a variant that replaces ℋ or the integrator " +
    "(the mala repair included) is still decided by its sampled chain. Seed 0, differences from " +
    "equipartition 19 against ±0.95: h·λ_max = 0.5 fails (sampled 8.95 [8.73, 9.17] → exact 9.14), 0.1 " +
    "fails (sampled 1.42 [1.06, 1.77] → exact 1.23, 6.5 %), 0.02 holds (sampled 0.559 [0.176, 0.943] " +
    "→ exact 0.231); the sampled ⟨ℋ⟩ is within 2 MCSE of the exact law in each cell; mixed → mixed.",
  uses: ["interaction", "terms", "integrator"],
  reference: {
    kind: "closed-form",
    text: "equipartition (N−1)dT/2 of the proposal's quadratic ℋ: the Boltzmann value of ⟨ℋ⟩ ULA is asserted to sample",
    variant: {
      parts: ["interaction", "terms"],
      kind: "closed-form",
      text:
        "generalised equipartition of the variant's own ℋ: ⟨½ψ·∇ℋ⟩ = (confined modes)·dT/2 with " +
        "∇ℋ by autodiff, an identity of every smooth ℋ's Boltzmann law, so the claim reads " +
        "⟨½ψ·∇ℋ⟩ for the variant (= ℋ on a quadratic); not the quadratic's equipartition of ⟨ℋ⟩",
    },
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const factor = Number(ctx.cell.h);
    const graph = graphFromSpec("ws:20:4:0.1", ctx.key("graph"));
    const eigenvalues = laplacianEigenvalues(graph);
    const H = hamiltonianOf(ctx.mechanism, graph);
    // A standard-normal start (hotter than the law in most modes): MALA leaves a hot state at any step, while from
    // Ψ = 0 at h·λ_max = 0.5 it can stall before its slow modes warm up.
    const start = normal(ctx.key("start"), [graph.n, CHANNELS]) as tf.Tensor2D;
    // A variant's ℋ is not the quadratic whose ⟨ℋ⟩ equipartition gives: its reference is generalised equipartition,
    // ⟨½ψ·∇ℋ⟩ (which is ⟨ℋ⟩ itself on the proposal's ℋ), so the claim compares each Hamiltonian with its own law.
    // Which it is, the claim's one reference declaration says (its record's `reference`: the parts it follows).
    const virial = followsVariant(langevinEquivalence, ctx.mechanism);
    // Under a variant's own ℋ a second chain starts at its minimiser (./equilibrium); the proposal's chain is compared
    // with the exact law, which is its own check.
    const checked = ownLaw(ctx.mechanism);
    const chainFrom = (from: tf.Tensor2D, k: string) =>
      langevinStepSweep({
        start: from,
        observable: virial ? "virial" : "energy",
        energy: H,
        eigenvalues,
        integrator: ctx.mechanism.integrator,
        factors: [factor],
        channels: CHANNELS,
        temperature: 1,
        run: (step) =>
          plannedLangevinRun(eigenvalues, CHANNELS, step, {
            relativeSe: SCHEDULE_MARGIN / 5,
            minKept: 6000,
            ...(virial ? { maxKept: VARIANT_MAX_KEPT } : {}),
          }),
        key: () => ctx.key(k),
        // A MALA chain (the repair) at h·λ_max = 0.5 accepts ≈ 20–40 %: a streak of rejections is still a valid chain,
        // whose MCSE (and the sequential stopping) accounts for it, not a reason to abort the claim.
        stuckAfter: Number.POSITIVE_INFINITY,
        keepDraws: checked,
      })[0]!;
    const point = chainFrom(start, "chain");
    let chains: TwoChains | null = null;
    if (checked) {
      const minimiser = minimiserFrom(H, start);
      chains = twoChains(point.draws!, chainFrom(minimiser, "chain-minimiser").draws!);
      minimiser.dispose();
    }
    start.dispose();
    releaseGraph(graph);
    const margin = SCHEDULE_MARGIN * point.equipartition;
    const kept = point.run.steps - point.run.burnIn;
    const what = virial ? "⟨½ψ·∇ℋ⟩" : "⟨ℋ⟩";
    // ULA on the proposal's quadratic ℋ has an exact stationary law: it decides every cell of h alike (one standard for
    // sibling cells), and the sampled chain is shown beside it as the check that the sampler runs that law. Under a
    // variant that replaces ℋ or the integrator no law is known, and the sampled chain decides, to its planned MCSE.
    const exact = exactLawDecides(ctx.mechanism);
    const text = exact
      ? `ULA's exact ⟨ℋ⟩ at h·λ_max = ${factor} against equipartition`
      : `${what} at h·λ_max = ${factor} against ${virial ? "generalised " : ""}equipartition`;
    const sampled = { value: point.meanEnergy, se: point.mcse };
    const decided = exact ? exactEstimate(point.ulaExact, EXACT_ROUNDING * point.equipartition) : sampled;
    const shown = [
      estimateEvidence(`${what} at h = ${num(factor)}/λ_max${exact ? ", sampled" : ""}`, sampled, { reference: point.equipartition }),
      evidence(
        virial ? "generalised equipartition (confined modes)·dT/2, the variant's own Boltzmann value" : "equipartition (N−1)dT/2",
        point.equipartition,
      ),
      ...(exact
        ? [
            evidence("ULA's exact ⟨ℋ⟩ at this h, (dT/2)Σ1/(1 − hλ_m) (its stationary Gaussian law; decides)", point.ulaExact, {
              reference: point.equipartition,
            }),
            estimateEvidence(
              "sampled ⟨ℋ⟩ − ULA's exact ⟨ℋ⟩ (the sampler's check: 0 within its MCSE)",
              { value: point.meanEnergy - point.ulaExact, se: point.mcse },
              { reference: 0 },
            ),
          ]
        : virial
          ? []
          : [evidence("ULA's exact ⟨ℋ⟩ at this h (its biased law)", point.ulaExact)]),
      evidence("acceptance", point.acceptance),
      evidence("kept steps", kept),
      ...(chains === null
        ? []
        : [
            evidence("R̂ of the chains from the start and from the variant's minimiser", chains.rhat, { reference: 1 }),
            evidence("gap of the two chains' means, in standard errors", chains.meanGap, { reference: 0 }),
          ]),
    ];
    const result =
      chains !== null && !chains.agree
        ? chainsDisagree(
            `${text}: not decided, the chains from the claim's start and from the variant's ` +
              `own minimiser disagree (${chains.why}): their mean is not the variant's law`,
            shown,
            { se: point.mcse, margin },
          )
        : estimatesEqual({ value: decided.value - point.equipartition, se: decided.se }, margin, text, shown, exact ? undefined : kept);
    const bias = (point.meanEnergy - point.equipartition) / point.equipartition;
    const exactBias = (point.ulaExact - point.equipartition) / point.equipartition;
    return {
      result,
      headline: exact
        ? `h·λ_max = ${factor}: ULA's exact ⟨ℋ⟩ ${num(point.ulaExact)} vs equipartition ` +
          `${num(point.equipartition)} (${num(100 * exactBias, 2)} %); sampled ${pm(point.meanEnergy, point.mcse)}`
        : `h·λ_max = ${factor}: ${what} ${pm(point.meanEnergy, point.mcse)} vs ` +
          `${virial ? "generalised " : ""}equipartition ${num(point.equipartition)} ` +
          `(${num(100 * bias, 2)} %${virial ? "" : `; ULA's exact law ${num(point.ulaExact)}`})`,
      reason:
        "The noisy gradient descent samples a Gaussian whose ⟨ℋ⟩ is (dT/2)Σ1/(1 − hλ_m), above " +
        "equipartition by ≈ h·tr(L)/(N−1) relative: at the textbook gradient step the excess is far " +
        "beyond one step of the text's cooling schedule, and it vanishes as h → 0, so 'equivalent " +
        "to Langevin dynamics' holds only for small enough steps, which the text does not set.",
    };
  },
};

/** How far along a direction ℋ is probed for confinement: c = ±100 in units of the field's own scale (N(0, 1) entries). */
const PROBE = 100;

/** A rise of ℋ smaller than this share of ℋ's own scale (1 + |ℋ(Ψ)|) over the probe is flat: float32 sums round at ~10⁻⁶. */
const FLAT = 1e-3;

/**
 * How much ℋ rises along a direction `u` from Ψ, both ways: min over c = ±{@link PROBE} of ℋ(Ψ + c·u) − ℋ(Ψ), over
 * 1 + |ℋ(Ψ)|. Flat (≈ 0) means e^{−ℋ/T} is not integrable along `u`: no law minimises 𝓕 = ⟨ℋ⟩ − T·S there.
 */
function riseAlong(H: Parameters<typeof energyValue>[0], start: tf.Tensor2D, u: tf.Tensor2D): number {
  const h0 = energyValue(H, start);
  const at = (c: number) => {
    const moved = tf.tidy(() => tf.add(start, tf.mul(c, u)) as tf.Tensor2D);
    const h = energyValue(H, moved);
    moved.dispose();
    return h;
  };
  return Math.min(at(PROBE), at(-PROBE)) / (1 + Math.abs(h0)) - h0 / (1 + Math.abs(h0));
}

/** §1.3: arg min_Ψ 𝓕 = ⟨ℋ⟩ − T_net S at the network's temperature: does a minimiser exist, and does the flow settle in it? */
export const freeEnergyMinimum: Claim = {
  id: "p1.3-free-energy-argmin",
  source: "proposal",
  section: "1.3",
  quote: "arg min_Ψ 𝓕 = ⟨ℋ⟩ − T_net S_shannon",
  short: "the flow minimises 𝓕: only with the cost term as a mass (ρ = ‖ψ‖², pulling every ledger to 0); fails at ρ = 1",
  notebook: NB02,
  model:
    `A graph drawn per replicate, ${CHANNELS} channels, ℋ = the mechanism's plus Definition 1.2's μ∫ρ at the ` +
    `cell's ρ (ρ = 1: the constant μN, left out, since it moves no difference of ℋ; ρ = ‖ψ‖²: μΣ_i‖ψ_i‖²), Ψ the ` +
    `whole field (Definition 1.1: every node's tensor), at a fixed T_net (the grid's; §1.3's T_net is a ` +
    `'volatility parameter', not a limit). Existence: ℋ probed from a standard-normal field Ψ along the common ` +
    `shift Ψ + c·1, c = ±${PROBE}. Settling (only where a minimiser exists): the §1.3 flow (the mechanism's ` +
    `integrator, ULA at h = 0.1/λ_max) run from Ψ and from ℋ's minimiser reached by gradient descent from Ψ, ` +
    `3000–8000 kept steps each; R̂ of their ℋ draws.`,
  reading: {
    statement:
      "At the network's temperature T_net the §1.3 flow minimises 𝓕 = ⟨ℋ⟩ − T_net·S over " +
      "laws of Ψ, the whole field: 𝓕 has a minimiser (the 'minimum free energy state' the " +
      "abstract calls consensus), and the flow settles in it from any start. ℋ is Definition 1.2's, its " +
      "cost term μ∫ρ read at both of the densities the text leaves open (a grid, as in " +
      "p1.2-computational-cost). Two parts where a minimiser exists (existence, settling); where none " +
      "does, existence alone decides.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `existence: difference (exact, float32 rounding as SE): ℋ's rise along the common shift ` +
      `over c = ±${PROBE}, relative to 1 + |ℋ(Ψ)|, above ${FLAT} (within ±${FLAT} it is ` +
      `flat: no minimiser); settling (where a minimiser exists): beyond, R̂ of the two chains' ` +
      `ℋ draws below ${RHAT_LIMIT}, with their means within ${MEAN_GAP_LIMIT} standard errors ` +
      `(./equilibrium); chains that disagree leave it inconclusive; conjunction of the two`,
    threshold: `rise > ${FLAT} of ℋ's scale over c = ±${PROBE}; R̂ < ${RHAT_LIMIT} and |mean gap| ≤ ${MEAN_GAP_LIMIT} SE`,
    why:
      `𝓕 = ⟨ℋ⟩ − T·S over laws of Ψ is minimised by the Boltzmann law e^{−ℋ/T}/Z (Gibbs' variational ` +
      `principle), which exists only when Z < ∞: along a direction where ℋ is flat, e^{−ℋ/T} is ` +
      `not integrable, the entropy grows without bound and 𝓕 has no minimum (p3.2-step2-basin judges ` +
      `the lemma's inference by the same fact: one standard for sibling claims; the fourth-edition ` +
      `referee: the earlier reading imported §2.2's T_net → 0 to make a minimiser, a condition the ` +
      `quote does not state). A rise of a thousandth of ℋ's own scale over a shift of ${PROBE} is far ` +
      `above float32 rounding and far below any confining term. Settling: the flow 'seeks' the ` +
      `minimiser when chains from a disagreeing field and from ℋ's own minimiser settle in one law; R̂ ` +
      `≤ ${RHAT_LIMIT} with means within ${MEAN_GAP_LIMIT} standard errors is the project's standard ` +
      `for two chains (./equilibrium); chains that miss it have not reached one law, and decide ` +
      `nothing. The step's bias against the Boltzmann law is p1.3-langevin's question, not this one's.`,
  },
  grid: {
    graph: {
      values: ["ws:20:4:0.1", "ba:20:2"],
      why: ["the notebooks' small-world network", "a scale-free network with hubs (a wider spectrum)"],
    },
    T: {
      values: [1, 0.01],
      why: [
        "T_net = 1 in units of the coupling (the text fixes none)",
        "a hundred times colder: a fixed T_net near the cold end of the text's schedule",
      ],
    },
    rho: COST_DENSITY,
    mu: MASS_MULTIPLIER,
  },
  repairs: [],
  byConstruction:
    "With ρ = 1, ℋ = Σ J_ij‖ψ_i − ψ_j‖² + μN depends only on differences, so it is flat along the common shift " +
    "Ψ → Ψ + c·1: e^{−ℋ/T} is not integrable over the whole field, and 𝓕 has no minimiser at any T > 0 (the " +
    "flow's law spreads along the shift and its 𝓕 falls by (T/2)·d per unit ln t, as p3.2-step2-basin " +
    "computes): those cells fail by the algebra of the text's ℋ at that density, the measurement shows the " +
    "flatness. With ρ = ‖ψ‖² the text's own cost term μΣ‖ψ_i‖² confines the shift (ℋ is then positive " +
    "definite on the whole field), so the Boltzmann law exists and minimises 𝓕 (Gibbs), a derivation the " +
    "existence part checks; whether the flow settles in it is measured. The density decides, and the text " +
    "leaves it open: both are the text's ℋ (p1.2-computational-cost grids the same two). Consensus in the sense " +
    "of agreement (⟨ℋ⟩ = 0) is not the Boltzmann law at any T > 0; it is its T_net → 0 limit, §2.2's " +
    "sentence, measured by p2.2-crystallisation.",
  review:
    "Review: required ⟨H⟩ = 0 at fixed T = 1 (impossible for T > 0), ignored the T_net → 0 limit the " +
    "proposal pairs with it; the literal slope was a typed closed form. Fixed then: read with §2.2's " +
    "T_net → 0, decided by the fitted exponent of ⟨ℋ⟩ ∝ T^b. Fourth-edition referee (defect 1): 'the " +
    "reading replaces the text's fixed-T arg min with §2.2's T → 0 limit; the record admits 𝓕 has no " +
    "minimiser at any T > 0, and p3.2-step2-basin fails for exactly that unboundedness; one standard for " +
    "sibling claims'. Fixed: the quote is read at a fixed T_net, as written: whether 𝓕 has a minimiser " +
    "(ℋ's confinement along the reading's direction, the fact step 2's inference turns on) and whether " +
    "the flow settles in it (two chains' R̂); the reading of Ψ is a grid (the field as written, or " +
    "up to a common shift); the T → 0 limit is left to p2.2-crystallisation, whose sentence it is. " +
    "Fifth-edition referee: 'psi = disagreement (Ψ up to a common shift) is not a choice the text leaves " +
    "open: Definition 1.1 makes Ψ the field over every node, and removing the shift removes exactly the " +
    "flat direction that makes 𝓕 unbounded'. Fixed: Ψ is the whole field, the psi grid is gone, and " +
    "the shift-free reading is said in byConstruction as what a change of mechanism would take (a term " +
    "confining the shift), not as a cell. holds → fails (every cell: ℋ flat along the common shift). " +
    "Twenty-sixth-edition referee (2026-11-30): 'Definition 1.2's ℋ has a third term, μ∫ρ(x)dx, whose ρ " +
    "the text leaves open; with ρ = ‖ψ‖² (the value p1.2-computational-cost grids) that term is the " +
    "confining term the record offered as a repair; at μ = 0.05 all 4 cells hold'. Fixed: ρ ∈ {1, ‖ψ‖²} " +
    "and, where ρ = ‖ψ‖², μ ∈ {0.05, 0.5} are the grid (p1.2's values, one module, claims/cost-term), the " +
    "sentence 'no term of the text's ℋ does' is gone and so is the confining-term repair, which was a " +
    "grid value (it stays a named variant); p3.2-step2-basin, which turns on the same flatness, grids ρ too.",
  // Where ℋ is flat along the shift no chain runs; where a term confines it (the mass density, a variant's terms or
  // interaction) the chains run with the mechanism's integrator.
  uses: ["interaction", "terms", "integrator"],
  reference: {
    kind: "exact",
    text:
      "Z < ∞ along the reading's direction: ℋ flat along the common shift leaves 𝓕 " +
      "without a minimiser (exact, no sign of ℋ assumed); the settling part reads two chains' " +
      "R̂ (≤ 1.1, ./equilibrium), from a disagreeing field and from ℋ's own minimiser",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const T = Number(ctx.cell.T);
    const graph = graphFromSpec(String(ctx.cell.graph), ctx.key("graph"));
    const eigenvalues = laplacianEigenvalues(graph);
    const cost = costTermsOf(ctx);
    const H = cost.length === 0 ? hamiltonianOf(ctx.mechanism, graph) : sum(hamiltonianOf(ctx.mechanism, graph), ...cost);
    const start = normal(ctx.key("field"), [graph.n, CHANNELS]) as tf.Tensor2D;
    const u = tf.ones([graph.n, CHANNELS]) as tf.Tensor2D;
    const rise = riseAlong(H, start, u);
    u.dispose();
    const direction = "the common shift Ψ + c·1";
    const existence = difference(
      exactEstimate(rise, 1e-6),
      "positive",
      FLAT,
      `ℋ rises along ${direction}, so e^{−ℋ/T} is integrable there and 𝓕 has a minimiser`,
      [estimateEvidence(`rise of ℋ along ${direction}, c = ±${PROBE}, over 1 + |ℋ(Ψ)|`, { value: rise, se: 1e-6 }, { reference: FLAT })],
    );
    if (existence.finding.kind !== "supported") {
      start.dispose();
      releaseGraph(graph);
      return {
        result: existence,
        headline:
          `T_net = ${T}, ${costText(ctx)}: ℋ's rise along the common shift is ${num(rise)} of its scale (flat below ` +
          `${FLAT}): ${existence.finding.kind === "refuted" ? "no minimiser of 𝓕" : "not resolved"}`,
        reason:
          "With ρ = 1 the cost term is a constant and ℋ depends only on the differences ψ_i − ψ_j, so moving every node by the " +
          "same amount costs nothing: the Boltzmann weight is flat along that direction, " +
          "its normaliser is infinite, and 𝓕 = ⟨ℋ⟩ − T·S can be lowered without end " +
          "by spreading the law along it. At a fixed T_net there is no arg min to seek.",
      };
    }
    const chain = (from: tf.Tensor2D, k: string) =>
      langevinStepSweep({
        start: from,
        energy: H,
        eigenvalues,
        integrator: ctx.mechanism.integrator,
        factors: [0.1],
        channels: CHANNELS,
        temperature: T,
        run: (step) => plannedLangevinRun(eigenvalues, CHANNELS, step, { relativeSe: 0.02, temperature: T, minKept: 3000, maxKept: 8000 }),
        key: () => ctx.key(k),
        keepDraws: true,
      })[0]!;
    const minimiser = minimiserFrom(H, start);
    const fromStart = chain(start, "run");
    const fromMinimiser = chain(minimiser, "run-minimiser");
    start.dispose();
    minimiser.dispose();
    releaseGraph(graph);
    const chains = twoChains(fromStart.draws!, fromMinimiser.draws!);
    const statement = `the flow settles in one law from a disagreeing field and from ℋ's minimiser (R̂ of their ℋ draws, and the gap of their means)`;
    const shown = [
      evidence("R̂ of the two chains' ℋ draws", chains.rhat, { reference: 1 }),
      evidence("gap of the two chains' mean ℋ, in standard errors", chains.meanGap, { reference: 0 }),
      estimateEvidence("⟨ℋ⟩ of the chain from the disagreeing field", { value: fromStart.meanEnergy, se: fromStart.mcse }),
      estimateEvidence("⟨ℋ⟩ of the chain from ℋ's minimiser", { value: fromMinimiser.meanEnergy, se: fromMinimiser.mcse }),
    ];
    // Chains that have not reached one law decide nothing (issue 51 item 2): inconclusive with why, never holds or fails.
    const settling = chains.agree
      ? beyond({ value: chains.rhat, se: 0 }, RHAT_LIMIT, "below", statement, shown)
      : chainsDisagree(`${statement}: not decided, the two chains disagree (${chains.why}); longer chains would decide`, shown, {
          se: Math.hypot(fromStart.mcse, fromMinimiser.mcse),
          margin: MEAN_GAP_LIMIT * Math.hypot(fromStart.mcse, fromMinimiser.mcse),
        });
    const result = conjunction(
      [
        { statement: "𝓕 has a minimiser", reading: existence },
        { statement: "the flow settles in it from any start", reading: settling },
      ],
      `T_net = ${T}: the flow minimises 𝓕`,
    );
    return {
      result,
      headline:
        `T_net = ${T}, ${costText(ctx)}: ℋ rises ${num(rise)} of its scale along the common shift (a minimiser ` +
        `exists); chains from a disagreeing field and from ℋ's minimiser settle at ⟨ℋ⟩ = ` +
        `${pm(fromStart.meanEnergy, fromStart.mcse)} and ${pm(fromMinimiser.meanEnergy, fromMinimiser.mcse)} ` +
        `(R̂ ${num(chains.rhat, 4)}, means ${num(Math.abs(chains.meanGap), 2)} SE apart)`,
      reason:
        "This ℋ confines the common shift, so its Boltzmann law exists on the whole field, " +
        "minimises 𝓕 (Gibbs) and is the Langevin flow's stationary law, which chains " +
        "from a disagreeing field and from ℋ's own minimiser both reach, or not (R̂ and " +
        "the gap of their means). It is a spread law at any T_net > 0, not an agreement.",
    };
  },
};

/**
 * Claims of the proposal's §2.1, the Ising and Ricci-flow isomorphisms, measured with the functions notebooks 03 and 04 call.
 *
 * Each claim has two readings (issue 20): the literal one (what the words say) and the strongest reasonable one (the
 * version a fair reader would defend: the charitable mechanism, the model where the claim has a chance); the headline
 * verdict is the strongest reading's. Where the two readings need different models (the injecting node pinned or
 * free), each claim's `model` says both.
 *
 * One rule for symmetric outcomes, shared with the essay's e-double-spend: which of two symmetric values a quench
 * lands on is a coin flip and no part of a claim; whether agreement forms is.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { uniformSource } from "../engine/random";
import { graphs } from "../graph/generators";
import { ollivierCurvature } from "../graph/curvature";
import { twoCommunities } from "../graph/ricci";
import { releaseGraph } from "../ops/tensors";
import { energyValue } from "../hamiltonian/term";
import { isingGraph, isingLattice, isingEnergy } from "../ising/model";
import { runIsing } from "../ising/sampler";
import { isingQuench } from "../ising/quench";
import { CRITICAL_TEMPERATURE } from "../ising/exact";
import { ricciConsensus } from "../analysis/consensus";
import { wilson } from "../stats/binomial";
import { allOf, difference, estimateEvidence, estimatesEqual, fact, rateBeyond, rateEvidence } from "./decide";
import { evidence, num, pm } from "./evidence";
import type { Claim, MeasureContext, Measurement } from "./types";

const ISING_NOTEBOOK = "notebooks/03-ising-isomorphism.ipynb";
const RICCI_NOTEBOOK = "notebooks/04-ricci-flow.ipynb";
const ISING_QUOTE =
  'The consensus mechanism is isomorphic to the Ising Model of ferromagnetism. Nodes "align" their spins (ledgers) to minimize magnetic energy (disagreement), but thermal noise (adversarial inputs) prevents instant freezing.';

/** For ±1 states the interaction energy Σ(s_i − s_j)² = 2E + 2·H_Ising: an Ising energy up to a constant. */
export const isingEnergyClaim: Claim = {
  id: "p2.1-ising-energy",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "on ±1 states ℋ is an Ising energy",
  notebook: ISING_NOTEBOOK,
  model:
    "8×8 torus, one channel restricted to ±1 (a spin per node), H_int = Σ_edges (s_i − s_j)² against H_Ising = −Σ_edges s_is_j; 32 random spin states and the two consensus states.",
  byConstruction:
    "(s_i − s_j)² = 2 − 2s_is_j for s = ±1: the identity is algebra; the measurement checks the library's two energies agree.",
  uses: ["interaction"],
  readings: {
    literal: "The consensus energy is the Ising energy: on ±1 ledgers, H_int = 2E + 2H_Ising exactly.",
    strongest:
      "The isomorphism is exact on the states where both are defined: the same affine map on every ±1 state, consensus included (ground states correspond).",
  },
  decision: {
    rule: "fact (integer energies, exact in float32)",
    threshold: "max |H_int − (2E + 2H_Ising)| < 1e−3",
    why: "Both energies are sums of integers below 2²⁴, exact in float32: any difference is a real mismatch, and 1e−3 only absorbs the order of summation.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const graph = graphs.torus(8);
    const system = isingGraph(graph);
    const H = ctx.mechanism.interaction(graph, { coupling: 1 });
    const rng = uniformSource(ctx.key(31));
    let worst = 0;
    const configurations = 32;
    const states = Array.from({ length: configurations }, () => Array.from({ length: graph.n }, () => (rng() < 0.5 ? -1 : 1)));
    states.push(new Array(graph.n).fill(1), new Array(graph.n).fill(-1));
    for (const values of states) {
      const spins = tf.tensor2d(values, [graph.n, 1]);
      const ising = tf.tidy(() => isingEnergy(system, spins).dataSync()[0]!);
      const quadratic = energyValue(H, spins);
      worst = Math.max(worst, Math.abs(quadratic - (2 * graph.edgeCount + 2 * ising)));
      spins.dispose();
    }
    releaseGraph(graph);
    const numbers = [
      evidence("largest |Σ(s_i − s_j)² − (2E + 2ℋ_Ising)| on the 8×8 torus", worst, { reference: 0 }),
      evidence("edges E", graph.edgeCount),
    ];
    return {
      readings: {
        literal: fact(worst < 1e-3, `max |ℋ_int − (2E + 2ℋ_Ising)| = ${num(worst)} over ${configurations} random states`, numbers),
        strongest: fact(worst < 1e-3, `the same map on ${states.length} states, both consensus states included`, numbers),
      },
      headline: `max |ℋ_int − (2E + 2ℋ_Ising)| = ${num(worst)} over ${states.length} spin states`,
      reason:
        "(s_i − s_j)² = 2 − 2s_is_j for s = ±1, so restricted to ±1 states the proposal's interaction energy is exactly twice the Ising energy plus 2E: the energy correspondence is exact. " +
        "What the continuous field of §1 has instead is a Gaussian law without a phase transition.",
    };
  },
};

/** Ordered below T_c: |m| above ½ (Onsager's m* = 0.986 at T = 1.5; a stuck stripe state has m ≈ 0). */
const ORDERED = 0.9;

/** "Nodes align their spins (ledgers)": they order below T_c; one injecting node does not move an agreed network. */
export const isingAlignment: Claim = {
  id: "p2.1-ising-alignment",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "aligned spins = agreement on the ledger",
  notebook: ISING_NOTEBOOK,
  model:
    "16×16 periodic Ising lattice at T = 1.5 < T_c = 2.269, Metropolis checkerboard sweeps; 16 quenches from random spins (600 sweeps), and 16 agreed (all +1) networks with one node pinned to −1 by a field of −10 (400 sweeps).",
  byConstruction: null,
  uses: [],
  readings: {
    literal:
      "Nodes align their ledgers: quenched networks agree, and agreement is on the ledger a node brings (an injected value is adopted).",
    strongest:
      "Agreement forms: most quenches below T_c end ordered. Which of the two symmetric values wins is the noise's coin flip, not part of the claim (the rule e-double-spend follows).",
  },
  decision: {
    rule: "rateBeyond (Wilson 95 % interval) of ordered quenches; allOf with the injection for the literal reading",
    threshold: `ordered (|m| > ${ORDERED}) in more than half the quenches`,
    why: `A mechanism that agrees in fewer than half its runs is not a consensus mechanism: ½ is where agreement stops being the typical outcome. |m| > ${ORDERED} is well above a stuck stripe state (m ≈ 0) and within noise of Onsager's m* = 0.986 at T = 1.5.`,
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const L = 16,
      N = L * L,
      replicas = 16;
    const finalM = isingQuench(ctx.key(300), { size: L, temperature: 1.5, replicas, sweeps: 600, burnIn: 500 });
    const ordered = finalM.filter((m) => Math.abs(m) > ORDERED).length;
    const plus = finalM.filter((m) => m > ORDERED).length;
    const field = new Array(N).fill(0);
    field[Math.floor(uniformSource(ctx.key(400))() * N)] = -10;
    const injected = runIsing(
      isingLattice(L),
      { temperature: 1.5, replicas, sweeps: 400, burnIn: 300, start: "cold", field },
      ctx.key(401),
    );
    const switched = injected.results[0]!.finalMagnetization.filter((m) => m < -0.5).length;
    const agreement = rateBeyond(
      ordered,
      replicas,
      0.5,
      "above",
      `quenches ordered (${plus} on +1, ${ordered - plus} on −1: a coin flip)`,
      [rateEvidence(`quenched networks with |m| > ${ORDERED} (T = 1.5, 16×16)`, ordered, replicas), evidence("… of which on +1", plus)],
    );
    const adoption = rateBeyond(switched, replicas, 0.5, "above", "agreed networks that adopt one node's injected −1", [
      rateEvidence("agreed networks switched by one node pinned to −1", switched, replicas),
    ]);
    return {
      readings: { literal: allOf([agreement, adoption], "agreement, on the injected ledger"), strongest: agreement },
      headline: `${ordered}/${replicas} quenches order (${plus} on +1); 1 injecting node switches ${switched}/${replicas}`,
      reason:
        "Below T_c the spins do align: agreement forms, on a value the noise picks (both signs occur, as they must by symmetry). One injecting node cannot move an agreed network: " +
        "alignment is agreement on some value, not adoption of the injected transaction.",
    };
  },
};

/** "thermal noise (adversarial inputs) prevents instant freezing": noise keeps spins moving; adversaries are not noise. */
export const isingThermalNoise: Claim = {
  id: "p2.1-ising-thermal-noise",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "thermal noise prevents instant freezing",
  notebook: ISING_NOTEBOOK,
  model:
    "Periodic Ising lattices, Metropolis sweeps: 16×16 at T = 1.5 < T_c (acceptance); L = 8 and 32 at T = 2.9 > T_c (order); adversaries = 13 of 256 nodes (5 %) pinned to −1 by a field of −10 at T = 1.5, in 16 quenches from random spins (400 sweeps; against the exact ½ of noise alone, by symmetry) and in 16 agreed (+1) networks (200 sweeps).",
  byConstruction: null,
  uses: [],
  readings: {
    literal:
      "Thermal noise is (models) adversarial input: an adversary, like heat, keeps the network from freezing and leaves the agreed value to chance.",
    strongest:
      "Noise prevents freezing: below T_c spins keep flipping, above T_c no order survives in a large network; and an agreed network absorbs a minority of adversaries as it absorbs noise (it stays agreed).",
  },
  decision: {
    rule: "allOf: accepted flips > 0 (count, Wilson interval); difference ⟨|m|⟩(L = 8) − ⟨|m|⟩(L = 32) > 0 (margin 1/32); rateBeyond ½ of agreed networks that stay agreed. Literal: estimatesEqual (margin 0.1, Wilson interval) of the share of quenches ending on −1 with adversaries against ½",
    threshold:
      "flips > 0; difference > 0 beyond ±1/32; > ½ of agreed networks keep |m_honest| > 0.9; literal: |share(adversaries) − ½| < 0.1",
    why: "Freezing means no accepted flip at all. 1/32 = 1/√(32²) is the scale of a disordered 32×32 lattice's |m|, so a smaller drop is no drop. A network that stays agreed in fewer than half its runs does not absorb the adversary. Noise leaves the sign to a fair coin; 0.1 is a tenth of the range a biased coin can move.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const replicas = 16,
      L = 16,
      N = L * L;
    const cold = runIsing(isingLattice(L), { temperature: 1.5, replicas: 4, sweeps: 400, burnIn: 100 }, ctx.key(310));
    const hot = [8, 32].map(
      (size) =>
        runIsing(isingLattice(size), { temperature: 2.9, replicas: 4, sweeps: 600, burnIn: 100, start: "hot" }, ctx.key(320 + size))
          .results[0]!.absMagnetization,
    );
    const small = hot[0]!,
      large = hot[1]!;
    const acceptance = cold.results[0]!.acceptance;
    const proposals = N * 4 * 300;
    const flips = Math.round(acceptance * proposals);
    // Adversaries: 5 % of the nodes pinned to −1 (a field of −10 at T = 1.5 flips them with probability e^(−13)).
    const adversaries = Math.round(0.05 * N);
    const pick = uniformSource(ctx.key(330));
    const field = new Array(N).fill(0);
    for (let placed = 0; placed < adversaries;) {
      const i = Math.floor(pick() * N);
      if (field[i] === 0) {
        field[i] = -10;
        placed++;
      }
    }
    const honest = (m: number): number => (m * N + adversaries) / (N - adversaries);
    const attacked = runIsing(isingLattice(L), { temperature: 1.5, replicas, sweeps: 400, burnIn: 350, start: "hot", field }, ctx.key(331));
    const agreed = runIsing(isingLattice(L), { temperature: 1.5, replicas, sweeps: 200, burnIn: 150, start: "cold", field }, ctx.key(333));
    const attackedMinus = attacked.results[0]!.finalMagnetization.filter((m) => honest(m) < 0).length;
    const stayed = agreed.results[0]!.finalMagnetization.filter((m) => honest(m) > ORDERED).length;
    const noFreezing = fact(
      flips > 0,
      `below T_c: ${flips} accepted flips in ${proposals} proposals (${num(acceptance)} per spin per sweep)`,
      [rateEvidence("Metropolis acceptance per spin per sweep, T = 1.5 < T_c", flips, proposals)],
    );
    const noOrder = difference(
      { value: small.value - large.value, se: Math.hypot(small.mcse, large.mcse) },
      "positive",
      1 / 32,
      "above T_c, ⟨|m|⟩ falls from L = 8 to L = 32",
      [
        estimateEvidence("⟨|m|⟩ at T = 2.9 > T_c, L = 8", { value: small.value, se: small.mcse }),
        estimateEvidence("⟨|m|⟩ at T = 2.9, L = 32", { value: large.value, se: large.mcse }, { reference: 0 }),
        evidence("T_c", CRITICAL_TEMPERATURE),
      ],
    );
    const absorbs = rateBeyond(
      stayed,
      replicas,
      0.5,
      "above",
      `agreed networks that stay agreed with ${adversaries} adversaries pinned to −1`,
      [rateEvidence(`agreed networks whose honest nodes keep m > ${ORDERED} against ${adversaries} adversaries`, stayed, replicas)],
    );
    // Noise alone leaves the sign to a fair coin: H(−s) = H(s) and the hot start is symmetric, so P(−1) = ½ exactly.
    const w = wilson(attackedMinus, replicas);
    const literal = estimatesEqual(
      { value: w.estimate - 0.5, se: (w.upper - w.lower) / (2 * 1.96) },
      0.1,
      `quenches ending on the adversaries' −1: ${attackedMinus}/${replicas}, against ½ under noise alone (exact, by symmetry)`,
      [rateEvidence("quenches ending on −1 with 5 % adversaries pinned to −1", attackedMinus, replicas)],
    );
    return {
      readings: { literal, strongest: allOf([noFreezing, noOrder, absorbs], "noise prevents freezing; adversaries absorbed") },
      headline: `flips per spin at T = 1.5: ${num(acceptance)}; ⟨|m|⟩ at T = 2.9: ${pm(small.value, small.mcse)} (L = 8) → ${pm(large.value, large.mcse)} (L = 32); 5 % adversaries pick −1 in ${attackedMinus}/${replicas} quenches (noise: ½) and flip ${replicas - stayed}/${replicas} agreed networks`,
      reason:
        "Noise keeps flipping spins below T_c (no freezing), and above T_c it does more than delay freezing: ⟨|m|⟩ falls with L, so there is no agreement at all in a large network. " +
        "Adversaries are not noise: 5 % of nodes pinned to one value choose the value a forming network agrees on, which heat never does, and flip an agreed network to it (the pinned spins make their value the ground state).",
    };
  },
};

/** Ricci flow "smoothing out irregularities (inconsistencies)": its effect on consensus depends on the reading. */
export const ricciSmoothing: Claim = {
  id: "p2.1-ricci-flow",
  source: "proposal",
  section: "2.1",
  quote:
    "We treat the flow of information as a Ricci Flow on the information manifold, smoothing out irregularities (inconsistencies) over time.",
  short: "Ricci flow smooths inconsistencies",
  notebook: RICCI_NOTEBOOK,
  model:
    "Two 8-cliques joined by 2 bridges, Ollivier–Ricci curvature (α = ½), 20 steps of discrete Ricci flow (ε = 0.1); consensus time of the diffusion from +1 / −1 communities to a 10⁴-fold reduction, before and after. Two readings of the edge weight: a length (Riemannian: bridges stretch) or a coupling J (bridges strengthen).",
  byConstruction: null,
  uses: ["interaction"],
  readings: {
    literal:
      "Ricci flow in its Riemannian sense (weights are lengths) smooths the graph's irregularities and with them the inconsistencies: curvature evens out and consensus comes sooner.",
    strongest:
      "Read with weights as couplings (the flow strengthens bottlenecks), the flow smooths: curvature evens out and consensus comes sooner.",
  },
  decision: {
    rule: "fact (deterministic flow and diffusion), allOf over speed and curvature spread",
    threshold: "consensus time after/before < 1; curvature sd after < before",
    why: "The flow and the diffusion are deterministic (no noise enters either), so the ratio 1 (no change) and the sd before are exact references.",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const graph = twoCommunities(8, 2);
    const initial = Array.from({ length: graph.n }, (_, i) => (i < 8 ? 1 : -1));
    const pairTerm = ctx.mechanism.interaction;
    const flow = (weights: "coupling" | "length") =>
      ricciConsensus(graph, { steps: 20, epsilon: 0.1, alpha: 0.5, weights }, ctx.key(7), {
        initial,
        reduction: 1e-4,
        interaction: (g) => pairTerm(g, { coupling: 1 }),
      });
    const length = flow("length"),
      coupling = flow("coupling");
    const sd = (k: Float64Array): number => {
      const m = k.reduce((a, b) => a + b, 0) / k.length;
      return Math.sqrt(k.reduce((a, b) => a + (b - m) ** 2, 0) / k.length);
    };
    const sdBefore = sd(ollivierCurvature(graph, { alpha: 0.5 }));
    const sdLength = sd(ollivierCurvature(length.flowed, { alpha: 0.5 }));
    const sdCoupling = sd(ollivierCurvature(coupling.flowed, { alpha: 0.5 }));
    const reading = (name: string, r: typeof length, sdAfter: number) =>
      allOf(
        [
          fact(r.speedup < 1, `${name}: consensus time after/before ${num(r.speedup)}`, [
            evidence(`consensus time after/before, ${name}`, r.speedup, { reference: 1 }),
          ]),
          fact(sdAfter < sdBefore, `${name}: curvature sd ${num(sdBefore)} → ${num(sdAfter)}`, [
            evidence(`curvature sd after 20 steps, ${name}`, sdAfter, { reference: sdBefore }),
          ]),
        ],
        name,
      );
    return {
      readings: { literal: reading("w = length", length, sdLength), strongest: reading("w = J", coupling, sdCoupling) },
      headline: `consensus time after/before: ${num(length.speedup)} (w = length), ${num(coupling.speedup)} (w = J); curvature sd ${num(sdBefore)} → ${num(sdLength)} / ${num(sdCoupling)}`,
      reason:
        "The flow reweights edges; disagreement is removed only by the diffusion it parametrises. In the Riemannian reading bridges stretch and consensus gets slower; " +
        "in the coupling reading bridges strengthen, consensus gets faster and the curvature evens out a little. The proposal does not say which.",
    };
  },
};

export const claims: Claim[] = [isingEnergyClaim, isingAlignment, isingThermalNoise, ricciSmoothing];

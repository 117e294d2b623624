/**
 * Claims of the proposal's §2.1, the Ising and Ricci-flow isomorphisms (second edition, issue 34; the rubric is
 * shared/VERDICTS.md), measured with the functions notebooks 03 and 04 call.
 *
 * The consensus mechanism's own update on ledgers is §3.3's `update_state`: a node takes a proposed value by
 * Metropolis at its own temperature (T₀ = 100, ×0.95 after each of its updates), the proposal being a neighbour's
 * value as the §3.1 chart's "Gossip Protocol" (the code's comment: "In real impl, this would be gossip protocol"),
 * swept in node order until a sweep changes nothing or 1000 sweeps. `copyAndAccept` (src/spin/update-kernels.ts) runs it on any set of
 * ledgers (labels with the coordinates' squared distances): on ±1 ledgers its local energy ½Σ(s_i − s_j)² changes by
 * 2s_iΣ_j s_j on a flip, the Ising flip cost, so it is Metropolis on the Ising model with the copy kernel.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, uniformSource } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { isConnected, type Graph } from "../graph/graph";
import { ollivierCurvature } from "../graph/curvature";
import { releaseGraph } from "../ops/tensors";
import { energyValue } from "../hamiltonian/term";
import { isingGraph, isingEnergy } from "../spin/ising/ising-system";
import { isingSampler } from "../spin/ising/ising-sampler";
import { ricciConsensus } from "../analysis/consensus-time";
import { run } from "../dynamics/run";
import { constant, type Schedule } from "../dynamics/schedules";
import { wattsStrogatzAdjacency } from "../reference-port/smallworld";
import { copyAndAccept } from "../spin/update-kernels";
import { wilson } from "../stats/binomial";
import { mean, variance } from "../stats/summary";
import { conjunction, difference, estimateEvidence, estimatesEqual, fact, rateBeyond, rateEvidence, rates } from "./decide";
import { evidence, num, pm } from "./evidence";
import { hamiltonianOf, kernelIn } from "./mechanism";
import type { Claim, MeasureContext, Measurement } from "./types";
import type { ProposalKernel } from "../spin/update-kernels";

const ISING_NOTEBOOK = "notebooks/03-ising-isomorphism.ipynb";
const RICCI_NOTEBOOK = "notebooks/04-ricci-flow.ipynb";
const ISING_QUOTE =
  'The consensus mechanism is isomorphic to the Ising Model of ferromagnetism. Nodes "align" their spins (ledgers) to minimize magnetic energy (disagreement), but thermal noise (adversarial inputs) prevents instant freezing.';

/** §3.3's starting temperature of every node, `self.temperature = 100.0`. */
export const INITIAL_TEMPERATURE = 100;
/** Squared distances of the two ±1 ledgers (labels 0 ↔ +1, 1 ↔ −1): ‖(+1) − (−1)‖² = 4. */
const SPIN_DISTANCES = Float64Array.of(0, 4, 4, 0);

/** Outcomes of `runs` runs of §3.3's update on ±1 ledgers drawn at random, each on its own ws(N, 4, 0.1). */
interface SpinRuns {
  runs: number;
  /** Runs ending with every node on one ledger. */
  aligned: number;
  /** Runs frozen (a sweep without change) with the ledgers still split. */
  frozenSplit: number;
  /** Runs whose honest (unpinned) nodes end with a majority on the adversaries' −1. */
  onAdversaries: number;
  meanSweeps: number;
}

function spinRuns(
  ctx: MeasureContext,
  stream: string,
  nodes: number,
  runs: number,
  options: { schedule: () => Schedule; kernel: ProposalKernel; adversaries?: number },
): SpinRuns {
  const out: SpinRuns = { runs, aligned: 0, frozenSplit: 0, onAdversaries: 0, meanSweeps: 0 };
  const pins = Math.round((options.adversaries ?? 0) * nodes);
  for (let r = 0; r < runs; r++) {
    const adjacency = wattsStrogatzAdjacency(nodes, 4, 0.1, uniformSource(fold(ctx.key(`${stream}/graph`), r)));
    const u = uniformSource(fold(ctx.key(`${stream}/runs`), r));
    const labels = Int32Array.from({ length: nodes }, () => (u() < 0.5 ? 0 : 1));
    const pinned = new Uint8Array(nodes);
    for (let placed = 0; placed < pins;) {
      const i = Math.floor(u() * nodes);
      if (!pinned[i]) {
        pinned[i] = 1;
        labels[i] = 1; // an adversary injects −1 and never updates
        placed++;
      }
    }
    const result = copyAndAccept(adjacency, labels, SPIN_DISTANCES, 2, { schedule: options.schedule(), kernel: options.kernel, pinned }, u);
    let minus = 0,
      honestMinus = 0;
    for (let i = 0; i < nodes; i++) {
      minus += labels[i]!;
      if (!pinned[i]) honestMinus += labels[i]!;
    }
    const aligned = minus === 0 || minus === nodes;
    if (aligned) out.aligned++;
    if (result.frozen && !aligned) out.frozenSplit++;
    if (honestMinus > (nodes - pins) / 2) out.onAdversaries++;
    out.meanSweeps += result.sweeps / runs;
  }
  return out;
}

/** "Isomorphic to the Ising model": the energies correspond on ±1 states; the field's Gaussian law has no transition. */
export const isingEnergyClaim: Claim = {
  id: "p2.1-ising-energy",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "on ±1 states ℋ is an Ising energy",
  notebook: ISING_NOTEBOOK,
  model:
    "The cell's graph (a 16×16 torus or a random ws(256, 4, 0.1) per replicate). (a) one channel restricted to ±1: ℋ_int = Σ_edges (s_i − s_j)² against ℋ_Ising = −Σ_edges s_is_j on 32 random states and both consensus states. (b) the field itself: the mechanism's Langevin integrator (ULA, h = 0.25/max D, 2000 steps, 500 burn-in, from Ψ = 0) at T_net = 2 and 10, i.e. at T_Ising = T_net/2 = 1 and 5; beside it the Ising image on the same graph (Metropolis, hot start, 300 sweeps), ordered at T_Ising = 1 and disordered at 5 on both graphs.",
  reading: {
    statement:
      "The consensus mechanism is the Ising model up to relabelling: (a) its energy on ±1 ledgers is an Ising energy (an affine map of ℋ_Ising), and (b) its Boltzmann law at T_net has the Ising model's ordering transition, disagreement per unit T_net changing across T_c.",
    mechanism: "proposal",
  },
  decision: {
    rule: "conjunction (mixed when one part holds and one fails): (a) fact; (b) difference R − 1 > 0 with TOST, R = (⟨ℋ⟩/T)(T = 10) / (⟨ℋ⟩/T)(T = 2)",
    threshold: "(a) max |ℋ_int − (2E + 2ℋ_Ising)| < 1e−3; (b) R − 1 > 0 (95 % interval), refuted when within ±0.1",
    why: "(a) both energies are integer sums below 2²⁴, exact in float32, so 1e−3 only absorbs summation order. (b) ℋ_int is the quote's 'magnetic energy (disagreement)'; across the same two temperatures the Ising image goes from ordered (⟨|m|⟩ ≈ 1) to disordered (≈ 0.1) and its disagreement per unit T grows about a hundredfold (Onsager, torus), so a 10 % change is far below any transition; 2000 steps give an MDE of about 0.01.",
  },
  grid: {
    graph: {
      values: ["torus:16", "ws:256:4:0.1"],
      why: [
        "the square lattice of the Ising model of ferromagnetism, where T_c = 2.269 is exact (Onsager)",
        "the proposal's own network family (§3.3: nx.watts_strogatz_graph(k = 4, p = 0.1)), at the torus's N, drawn per replicate",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "(a) (s_i − s_j)² = 2 − 2s_is_j for s = ±1: the identity is algebra; the measurement checks the library's two energies agree. (b) ℋ_int is quadratic, so its Boltzmann law (and ULA's) is Gaussian with variance ∝ T: ⟨ℋ⟩/T is the same at every T and R = 1 exactly, a Gaussian free field has no phase transition. The measurement runs the mechanism's integrator to show it.",
  review:
    "Review: 'isomorphic' was reduced to an identity on ±1 states though the claim's own reason said the field has no phase transition. Fixed: a conjunction; the transition part is measured on the field with the mechanism's Langevin integrator on the Ising lattice and the proposal's ws graph, and it fails, so the claim is mixed.",
  uses: ["interaction", "terms", "integrator"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const spec = String(ctx.cell.graph);
    const graph = graphFromSpec(spec, ctx.key("graph"));
    // (a) the energy identity on ±1 states.
    const system = isingGraph(graph);
    const H = ctx.mechanism.interaction(graph, { coupling: 1 });
    const rng = uniformSource(ctx.key("states"));
    const states = Array.from({ length: 32 }, () => Array.from({ length: graph.n }, () => (rng() < 0.5 ? -1 : 1)));
    states.push(new Array(graph.n).fill(1), new Array(graph.n).fill(-1));
    let worst = 0;
    for (const values of states) {
      const spins = tf.tensor2d(values, [graph.n, 1]);
      const ising = tf.tidy(() => isingEnergy(system, spins).dataSync()[0]!);
      worst = Math.max(worst, Math.abs(energyValue(H, spins) - (2 * graph.edgeCount + 2 * ising)));
      spins.dispose();
    }
    const identity = fact(worst < 1e-3, `max |ℋ_int − (2E + 2ℋ_Ising)| = ${num(worst)} over ${states.length} spin states`, [
      evidence("largest |Σ(s_i − s_j)² − (2E + 2ℋ_Ising)|", worst, { reference: 0 }),
    ]);
    // (b) the field's law across the Ising T_c: ⟨ℋ⟩/T at T_net = 2 and 10 (T_Ising = 1 and 5).
    const energy = hamiltonianOf(ctx.mechanism, graph);
    const step = 0.25 / Math.max(...graph.degree);
    const perT = [2, 10].map((T) => {
      const zero = tf.zeros([graph.n, 1]) as tf.Tensor2D;
      const r = run(
        ctx.mechanism.integrator(energy, { step, temperature: T }),
        zero,
        { steps: 2000, burnIn: 500, recordEvery: 2000 },
        ctx.key(`field/${T}`),
      );
      tf.dispose([zero, r.final]);
      return { value: r.meanEnergy / T, se: r.energyMcse / T };
    });
    const [lo, hi] = perT as [{ value: number; se: number }, { value: number; se: number }];
    const R = hi.value / lo.value;
    const se = R * Math.hypot(hi.se / hi.value, lo.se / lo.value);
    const numbers = [
      estimateEvidence("⟨ℋ⟩/T_net at T_net = 2 (T_Ising = 1)", lo),
      estimateEvidence("⟨ℋ⟩/T_net at T_net = 10 (T_Ising = 5)", hi),
      estimateEvidence("R = ratio of ⟨ℋ⟩/T_net across T_c", { value: R, se }, { reference: 1 }),
    ];
    // The Ising image on the same graph at T_Ising = T_net/2 = 1 and 5 (hot starts): ordered, then not.
    const image = run(isingSampler(system, [1, 5], { replicas: 2 }), "hot", { steps: 300, burnIn: 150 }, ctx.key("ising"));
    const mLo = image.results[0]!.absMagnetization,
      mHi = image.results[1]!.absMagnetization;
    numbers.push(
      estimateEvidence("Ising image ⟨|m|⟩ at T_Ising = 1", { value: mLo.value, se: mLo.mcse }),
      estimateEvidence("Ising image ⟨|m|⟩ at T_Ising = 5", { value: mHi.value, se: mHi.mcse }),
    );
    releaseGraph(graph);
    const transition = difference(
      { value: R - 1, se },
      "positive",
      0.1,
      "the field's disagreement per unit T_net changes across T_c",
      numbers,
    );
    const result = conjunction(
      [
        { statement: "(a) on ±1 states ℋ_int = 2E + 2ℋ_Ising", reading: identity },
        { statement: "(b) the field's law has the Ising transition", reading: transition },
      ],
      "isomorphic to the Ising model",
    );
    return {
      result,
      headline: `±1 states: max |ℋ_int − (2E + 2ℋ_Ising)| = ${num(worst)}; across T_c the Ising image's ⟨|m|⟩ falls ${num(mLo.value)} → ${num(mHi.value)}, the field's ⟨ℋ⟩/T changes ×${pm(R, se)} (no transition: 1)`,
      reason:
        "(s_i − s_j)² = 2 − 2s_is_j for s = ±1, so on ±1 ledgers the interaction energy is exactly an Ising energy. " +
        "The mechanism's state is a continuous field, whose Boltzmann law is Gaussian: its disagreement grows in proportion to T_net on both sides of the Ising T_c, with no ordering transition, so the laws are not isomorphic.",
    };
  },
};

/** "Nodes align their spins (ledgers)": §3.3's copy-and-accept on ±1 ledgers, run to its own stop. */
export const isingAlignment: Claim = {
  id: "p2.1-ising-alignment",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "aligned spins = agreement on the ledger",
  notebook: ISING_NOTEBOOK,
  model:
    "§3.3's update on ±1 ledgers (each node starts on one of two conflicting ledgers at random): in node order each node proposes a random neighbour's ledger (the §3.1 gossip) and takes it by Metropolis on ½Σ(s_i − s_j)² at its temperature (T₀ = 100, ×0.95 per sweep), until a sweep changes nothing or 1000 sweeps; 100 runs, each on its own ws(N, 4, 0.1).",
  reading: {
    statement:
      "Under the consensus mechanism's own update (§3.3's copy-and-accept with per-node cooling, proposals by gossip), nodes that start on two conflicting ledgers align: a run ends (at §3.3's stop) with every node on one ledger, in most runs.",
    mechanism: "proposal",
  },
  decision: {
    rule: "rateBeyond (Wilson 95 % interval) of the runs ending aligned",
    threshold: "aligned in more than half the runs",
    why: "A mechanism that aligns its nodes in fewer than half its runs does not make alignment the typical outcome; ½ is where it stops being typical. 100 runs resolve a rate 0.14 from ½ (MDE at 80 % power).",
  },
  grid: {
    nodes: {
      values: [50, 500],
      why: ["§3.3's own network, EntropicLedger(num_nodes=50)", "ten times as many nodes on the same ws(k = 4, p = 0.1) family"],
    },
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why: "The geometric ×0.95 leaves the hot (voter-like) phase after about 60 sweeps; Hajek's T = 100/ln(t + e) keeps it, and copying makes agreement absorbing at every temperature.",
    },
  ],
  byConstruction:
    "Copying keeps every ledger a node holds among the ledgers it started with, so an aligned network is on a ledger by construction; whether it aligns is measured.",
  review:
    "Review: the literal added adoption of an injected value, not in the quote; the strongest measured a textbook Ising lattice (uses: []), not EMTD. Fixed: one reading, no adoption condition; measured on §3.3's own update (copy-and-accept, per-node cooling, gossip proposals, §3.3's stop) on the proposal's ws graphs, reading schedule and kernel from the mechanism.",
  uses: ["schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const nodes = Number(ctx.cell.nodes);
    const schedule = ctx.mechanism.schedule,
      kernel = kernelIn(ctx);
    const r = spinRuns(ctx, "align", nodes, 100, { schedule: () => schedule(INITIAL_TEMPERATURE), kernel });
    const result = rateBeyond(r.aligned, r.runs, 0.5, "above", `runs ending with all ${nodes} nodes on one ledger`, [
      rateEvidence(`runs aligned at §3.3's stop (N = ${nodes})`, r.aligned, r.runs),
      evidence("runs frozen with the ledgers split", r.frozenSplit),
      evidence("mean sweeps to the stop", r.meanSweeps),
    ]);
    return {
      result,
      headline: `${r.aligned}/${r.runs} runs align (N = ${nodes}); ${r.frozenSplit} freeze split; ${num(r.meanSweeps)} sweeps on average`,
      reason:
        "While T ≫ 8 (the largest local cost) copying is accepted almost always and the network coarsens like a voter model, where agreement is absorbing; once the geometric schedule has cooled (T < 1 after 90 sweeps) domain walls freeze and §3.3's stop ends the run split. " +
        "A small network aligns before it freezes; a larger one needs more time than the schedule leaves.",
    };
  },
};

/** "thermal noise (adversarial inputs) prevents instant freezing": noise does; adversaries are not noise. */
export const isingThermalNoise: Claim = {
  id: "p2.1-ising-thermal-noise",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "thermal noise prevents instant freezing",
  notebook: ISING_NOTEBOOK,
  model:
    "§3.3's update on ±1 ledgers on ws(50, 4, 0.1) drawn per run (as p2.1-ising-alignment). (a) 100 runs with the schedule's noise (T₀ = 100, ×0.95) against 100 runs of the same update quenched at T = 0. (b) 200 runs with the cell's share of adversaries: nodes pinned to −1 (they inject −1 and never update), the rest starting at random; noise alone gives −1 with probability ½ exactly (ℋ(−s) = ℋ(s), symmetric start).",
  reading: {
    statement:
      "Thermal noise, which models adversarial inputs, prevents instant freezing: (a) with the schedule's noise the network freezes in disagreement less often than the same update quenched at T = 0, and (b) adversarial inputs act as that noise does, leaving which ledger the network agrees on to chance (½).",
    mechanism: "proposal",
  },
  decision: {
    rule: "conjunction: (a) rates (two-proportion test), frozen-split runs quenched > with noise; (b) estimatesEqual (TOST) of the share ending on the adversaries' −1 against ½",
    threshold: "(a) p < 0.05 in the asserted direction, refuted within ±0.1; (b) |share − ½| < 0.1",
    why: "(a) freezing is §3.3's own stop (a sweep without change), and a quench is what 'instant freezing' names; 0.1 is the smallest difference in rates worth calling an effect. (b) noise leaves the sign to a fair coin; 0.1 is a tenth of the range a biased coin can move; 200 runs give an MDE of 0.088 at 80 % power when the share is ½, below the margin (planned).",
  },
  grid: {
    adversaries: {
      values: [0.05, 0.2],
      why: ["a small minority (5 % of the nodes, 3 of 50)", "a large minority still below BFT's one third"],
    },
  },
  repairs: [],
  byConstruction:
    "At T > 0 Metropolis accepts an uphill copy with probability e^(−ΔE/T) > 0 and T₀ = 100 ≫ ΔE ≤ 8, so the network cannot freeze while it is hot: that noise keeps spins moving is the acceptance rule itself; what is measured is whether it keeps the network from freezing split. An adversary pinned to one ledger is a zealot: under copying its ledger is the only absorbing agreement, which no symmetric noise is.",
  review:
    "Review: 'flips > 0' holds for any Metropolis chain at T > 0 (undeclared by construction); the literal equivalence test (±0.1 at n = 16) could never pass. Fixed: declared in byConstruction, the noise part now measures frozen-split runs against a T = 0 quench of §3.3's update; the equivalence test runs 200 runs, planned so the MDE (0.088) is below the margin.",
  uses: ["schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const share = Number(ctx.cell.adversaries);
    const schedule = ctx.mechanism.schedule,
      kernel = kernelIn(ctx);
    const nodes = 50;
    const noisy = spinRuns(ctx, "noise", nodes, 100, { schedule: () => schedule(INITIAL_TEMPERATURE), kernel });
    const quenched = spinRuns(ctx, "quench", nodes, 100, { schedule: () => constant(0), kernel });
    const attacked = spinRuns(ctx, "attack", nodes, 200, { schedule: () => schedule(INITIAL_TEMPERATURE), kernel, adversaries: share });
    const freezing = rates(
      { k: quenched.frozenSplit, n: quenched.runs },
      { k: noisy.frozenSplit, n: noisy.runs },
      "greater",
      0.1,
      "runs frozen split: quenched at T = 0 vs with the schedule's noise",
      [
        rateEvidence("runs frozen split, T = 0 quench", quenched.frozenSplit, quenched.runs),
        rateEvidence("runs frozen split, T₀ = 100 ×0.95", noisy.frozenSplit, noisy.runs),
        evidence("mean sweeps to the stop, quench", quenched.meanSweeps),
        evidence("mean sweeps to the stop, with noise", noisy.meanSweeps),
      ],
    );
    const w = wilson(attacked.onAdversaries, attacked.runs);
    const pins = Math.round(share * nodes);
    const asNoise = estimatesEqual(
      { value: w.estimate - 0.5, se: (w.upper - w.lower) / (2 * 1.96) },
      0.1,
      `runs ending on the adversaries' −1 with ${pins} of ${nodes} pinned, against ½ under noise alone`,
      [rateEvidence(`runs whose honest nodes end on −1 (${pins} adversaries)`, attacked.onAdversaries, attacked.runs)],
      attacked.runs,
    );
    const result = conjunction(
      [
        { statement: "(a) noise prevents instant freezing", reading: freezing },
        { statement: "(b) adversarial inputs act as thermal noise", reading: asNoise },
      ],
      "thermal noise (adversarial inputs) prevents instant freezing",
    );
    return {
      result,
      headline: `frozen split: ${quenched.frozenSplit}/${quenched.runs} quenched vs ${noisy.frozenSplit}/${noisy.runs} with noise; ${pins} adversaries win ${attacked.onAdversaries}/${attacked.runs} runs (noise: ½)`,
      reason:
        "The schedule's heat keeps copying going long enough for the network to agree, where a quench freezes its random domains at once: noise does prevent instant freezing. " +
        "Adversaries are not noise: nodes pinned to −1 are the only source no copy can undo, so the network ends on their ledger, which heat never chooses.",
    };
  },
};

/** Ricci flow, the text's (weights are lengths), against consensus speed and curvature spread on random graphs. */
export const ricciSmoothing: Claim = {
  id: "p2.1-ricci-flow",
  source: "proposal",
  section: "2.1",
  quote:
    "We treat the flow of information as a Ricci Flow on the information manifold, smoothing out irregularities (inconsistencies) over time.",
  short: "Ricci flow smooths inconsistencies",
  notebook: RICCI_NOTEBOOK,
  model:
    "Per cell 8 random graphs of the cell's family, drawn per replicate; Ollivier–Ricci curvature (α = ½), 20 steps of the normalised discrete Ricci flow (ε = 0.1, Σ J conserved) on the mechanism's reading of the weight (the text's: lengths); consensus time of the gradient flow of the mechanism's interaction from a N(0, 1) field to a 10³-fold reduction, before and after; curvature spread (sd over edges) before and after.",
  reading: {
    statement:
      "The text's Ricci flow (the metric evolves: edge weights are lengths, dw/dt = −κw) smooths the network: its curvature evens out, and inconsistencies are removed sooner on the flowed network than on the original.",
    mechanism: "proposal",
  },
  decision: {
    rule: "conjunction of two differences (t interval over the 8 graphs, 7 df; TOST refutes a negligible change): ln(consensus time after/before) < 0 and ln(curvature sd after/before) < 0",
    threshold: "each mean log-ratio below 0 (95 % t interval); refuted when the opposite sign is shown or the change is within ±ln 1.1",
    why: "Consensus time is what 'removing inconsistencies' takes and the curvature spread is what a Ricci flow smooths; the normalisation keeps Σ J, so a faster consensus is not bought with bandwidth. A change under 10 % is the smallest worth calling smoothing.",
  },
  grid: {
    graph: {
      values: ["ws:30:4:0.1", "ba:30:2"],
      why: [
        "the proposal's own network family (§3.3: nx.watts_strogatz_graph(k = 4, p = 0.1))",
        "a scale-free network (Barabási–Albert, m = 2): hubs and the most irregular curvature",
      ],
    },
  },
  repairs: [
    {
      variant: "inverse-ricci-flow",
      why: "The first edition's strongest reading: the same equation run on the couplings J strengthens negatively curved bridges (an inverse flow, not the text's Ricci flow).",
    },
  ],
  byConstruction: null,
  review:
    "Review: reading the weights as couplings reverses the flow (an inverse Ricci flow) and turned fails into holds; decided on one hand-built 16-node graph. Fixed: the reading is the text's (lengths), the coupling reading is the repair inverse-ricci-flow (the mechanism's `ricci` part), and the claim is decided on 8 random graphs per cell of a ws/ba grid, drawn per replicate.",
  uses: ["interaction", "ricci"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const spec = String(ctx.cell.graph);
    const weights = ctx.mechanism.ricci;
    const pairTerm = ctx.mechanism.interaction;
    const G = 8;
    const speed: number[] = [],
      spread: number[] = [];
    for (let g = 0; g < G; g++) {
      const graph = connectedGraph(spec, ctx, g);
      const r = ricciConsensus(graph, { steps: 20, epsilon: 0.1, alpha: 0.5, weights }, fold(ctx.key("field"), g), {
        reduction: 1e-3,
        interaction: (h) => pairTerm(h, { coupling: 1 }),
      });
      speed.push(Math.log(r.speedup));
      spread.push(Math.log(sdOf(ollivierCurvature(r.flowed, { alpha: 0.5 })) / sdOf(ollivierCurvature(graph, { alpha: 0.5 }))));
      releaseGraph(r.flowed);
      releaseGraph(graph);
    }
    const estimate = (xs: number[]) => ({ value: mean(xs), se: Math.sqrt(variance(xs) / xs.length), df: xs.length - 1 });
    const s = estimate(speed),
      c = estimate(spread);
    const margin = Math.log(1.1);
    const faster = difference(
      s,
      "negative",
      margin,
      `ln(consensus time after/before), w = ${weights}`,
      [estimateEvidence(`mean ln(consensus time after/before) over ${G} graphs`, s, { reference: 0 })],
      G,
    );
    const smoother = difference(
      c,
      "negative",
      margin,
      `ln(curvature sd after/before), w = ${weights}`,
      [estimateEvidence(`mean ln(curvature sd after/before) over ${G} graphs`, c, { reference: 0 })],
      G,
    );
    const result = conjunction(
      [
        { statement: "inconsistencies removed sooner", reading: faster },
        { statement: "curvature evens out", reading: smoother },
      ],
      `Ricci flow with weights as ${weights === "length" ? "lengths" : "couplings"} smooths the network`,
    );
    return {
      result,
      headline: `${spec}, w = ${weights}: consensus time ×${num(Math.exp(s.value))} after the flow, curvature sd ×${num(Math.exp(c.value))} (geometric means over ${G} graphs)`,
      reason:
        "The flow reweights edges; disagreement is removed only by the diffusion it parametrises. With weights as lengths (the text's Ricci flow) negatively curved bridges stretch, so their coupling falls, " +
        "consensus slows and the curvature spreads out; run on the couplings (the inverse flow) the bridges strengthen instead.",
    };
  },
};

/** Graph g of the cell's family for this replicate, redrawn (keys folded further) until connected. */
function connectedGraph(spec: string, ctx: MeasureContext, g: number): Graph {
  for (let attempt = 0; ; attempt++) {
    const graph = graphFromSpec(spec, fold(fold(ctx.key("graph"), g), attempt));
    if (isConnected(graph)) return graph;
    releaseGraph(graph);
  }
}

function sdOf(k: Float64Array): number {
  return Math.sqrt((variance(k) * (k.length - 1)) / k.length);
}

export const claims: Claim[] = [isingEnergyClaim, isingAlignment, isingThermalNoise, ricciSmoothing];

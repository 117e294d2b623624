/**
 * Claims of §4.3 (Landauer, energy and entropy, "Proof of Physics"), third edition (issue 42): the proposal rule of
 * §3.3's update is a grid parameter (`kernel: KERNEL_GRID`: "node0", §3.3's code; "neighbour", the §3.1 gossip). One reading each, in
 * the text's own units: its "energy" is the Hamiltonian H and its temperature T_net enters Boltzmann's law as
 * e^{−H/k_B T_net} (§2.2), so the heat the update hands to its bath at T_net is measured in units of k_B T_net, and
 * Landauer's limit in those units is ln 2 per bit. The decision is §3.3's update (./section4-traps: the kernel from
 * `kernelIn(ctx)`, Metropolis acceptance, per-node cooling from 100) on binary values with the text's interaction
 * energy alone (no field: a field on node 0 would be a designed landscape, VERDICTS.md §1), on the §3.3 graph
 * watts_strogatz(N, 4, 0.1) drawn per replicate (or its p = 0 ring lattice).
 * Bits removed = N − the Miller–Madow entropy of the final state's law over the runs (src/studies/joules/joule-accounting).
 */
import type { Claim, Measurement, MeasureContext } from "./machinery/types";
import type { ProposalKernel } from "../spin/update-kernels";
import { KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { injectedConsensusProblem, problemCsr, randomSpins, type SpinProblem } from "../spin/problem";
import { isConsensus } from "../spin/update-kernels";
import { fold, split, uniformSource, type Key } from "../engine/random";
import { geometric, type Schedule } from "../dynamics/schedules";
import { empiricalEntropyBits, energyLadder, JOULES_PER_INSTRUCTION } from "../studies/joules/joule-accounting";
import { landauerJoulesPerBit } from "../analysis/gaussian-exact";
import { conjunction, difference, estimateEvidence, estimatesEqual, everyCase, rateEvidence, undecidable } from "./machinery/decide";
import { powerLaw } from "../stats/regression";
import { REVIEW_FIFTEENTH } from "./reviews";
import { evidence, num, pm } from "./machinery/evidence";
import { LOOP_LIMIT, T0, wsSpinProblem } from "./section4-traps";
import { runSweeps, spinSweeps } from "../spin/update-kernels";
import { node0Derivation, withDerivedCells } from "./machinery/derived-cells";
import { BIOEQUIVALENCE_RATIO } from "../stats/equivalence";

const ENERGY = "notebooks/14-landauer-and-energy.ipynb";

/** A decision's runs: bits removed, the bath's entropy gain per run (k_B = 1), agreement and the work done. */
interface Decisions {
  n: number;
  runs: number;
  bitsAfter: number;
  bitsRemoved: number;
  /** Mean Σ_t −ΔH_t/T_t per run and its SE. */
  flow: number;
  flowSe: number;
  /** flow / (ln 2 × bits removed): 1 at Landauer's limit; its SE from the flow's. */
  ratio: number;
  ratioSe: number;
  /** Runs ending in a consensus (every node on one value). */
  agreeing: number;
  /** Sweeps spent (the budget when the loop does not stop early), summed over runs. */
  sweeps: number;
  /** Sweeps until the state last changed under the copy kernel's consensus (or the budget), summed over runs. */
  settled: number;
  meanDegree: number;
}

/**
 * `runs` decisions of §3.3's update from values drawn at random per node (run r draws from fold(key, r)), each
 * until `limit` sweeps or, when `stop`, until a sweep changes nothing (§3.3's loop).
 */
function decide(
  kernel: ProposalKernel,
  problem: SpinProblem,
  schedule: () => Schedule,
  o: { runs: number; limit: number; stop: boolean },
  k: Key,
): Decisions {
  const g = problemCsr(problem);
  const finals = new Float64Array(o.runs);
  const ids = new Map<string, number>();
  const flows = new Float64Array(o.runs);
  let agreeing = 0;
  let sweeps = 0;
  let settled = 0;
  for (let r = 0; r < o.runs; r++) {
    const [startKey, moveKey] = split(fold(k, r), 2) as [Key, Key];
    const spin = randomSpins(g.n, uniformSource(startKey));
    const run = runSweeps(kernel, spin, schedule(), spinSweeps(kernel, g, moveKey), { limit: o.limit, stop: o.stop });
    flows[r] = run.flow;
    sweeps += o.stop ? run.sweeps : o.limit;
    settled += run.sweeps;
    const id = spin.join(",");
    if (!ids.has(id)) ids.set(id, ids.size);
    finals[r] = ids.get(id)!;
    if (isConsensus(spin)) agreeing++;
  }
  const bitsAfter = Math.max(0, empiricalEntropyBits(finals));
  const bitsRemoved = g.n - bitsAfter;
  const mean = flows.reduce((a, f) => a + f, 0) / o.runs;
  const se = Math.sqrt(flows.reduce((a, f) => a + (f - mean) ** 2, 0) / (o.runs - 1) / o.runs);
  const nats = Math.LN2 * bitsRemoved;
  return {
    n: g.n,
    runs: o.runs,
    bitsAfter,
    bitsRemoved,
    flow: mean,
    flowSe: se,
    ratio: mean / nats,
    ratioSe: se / nats,
    agreeing,
    sweeps,
    settled,
    meanDegree: g.neighbour.length / g.n,
  };
}

/**
 * The decision problem of a grid cell: the §3.3 graph drawn from the cell's key, or its p = 0 ring lattice, with the
 * interaction energy alone (the text's ℋ: no field on node 0).
 */
function problemOf(ctx: MeasureContext, n: number): SpinProblem {
  return ctx.cell.graph === "ring" ? injectedConsensusProblem({ n, signal: 0 }) : wsSpinProblem(n, fold(ctx.key("graph"), n), 0);
}

const GRAPH = {
  values: ["ws", "ring"],
  why: [
    "the §3.3 code's watts_strogatz(N, 4, 0.1), a new graph per replicate",
    "its p = 0 member, the ring lattice k = 4 (the library's consensus problem): no shortcut edges",
  ],
} as const;

const DECISION =
  "§3.3's update (the grid's kernel: node0, §3.3's code, or neighbour, the §3.1 " +
  "gossip; Metropolis acceptance, nodes in order) on two values with the text's " +
  "interaction energy alone (no field: the value a decision settles on is one " +
  "some node holds, node 0's under node0), from values drawn at random per node";

/** Cooling rates of the approach: the text's 0.95 and a ten times slower one, each run until frozen (T < 0.01). */
const COOLING = [0.95, 0.995] as const;
const sweepsToFreeze = (rate: number) => Math.ceil(Math.log(T0 / 0.01) / Math.log(1 / rate));
/** The sweeps until a schedule reaches T < 0.01 (frozen), at most the §3.3 loop's limit. */
function freezeSweeps(schedule: Schedule): number {
  let t = 0;
  while (t < LOOP_LIMIT && schedule.temperature(t) >= 0.01) t++;
  return Math.max(t, 1);
}
/** Within 5 % of the limit counts as reaching it; a shrink of the distance smaller than that is no approach. */
const LANDAUER_MARGIN = 0.05;
/**
 * Runs per cooling rate, planned for the shrink part (fourth-edition referee: 200 were not planned for its margin):
 * at 200 the shrink's SE was 0.012 (ws) and 0.028 (ring) under the symmetric kernel, an MDE of 0.078 on the ring
 * against the margin 0.05; the SE falls as 1/√runs, so 600 brings the ring's to ≈ 0.016 (MDE ≈ 0.045 ≤ 0.05).
 */
const LANDAUER_RUNS = 600;

const landauer: Claim = {
  id: "p4.3-landauer",
  source: "proposal",
  section: "4.3",
  quote:
    "we achieve a protocol that is mathematically proven to be antifragile, asymptotically consistent, and energy-optimal (approaching the Landauer limit).",
  short: "energy near the Landauer limit",
  notebook: ENERGY,
  model:
    `${DECISION}, N = 16, ${LANDAUER_RUNS} runs per cooling rate; cooling T = 100·r^t ` +
    `with r = ${COOLING.join(", ")}, each run until T < 0.01 (frozen; not stopped at the ` +
    `first sweep that changes nothing, a state-dependent stop that would select ordered ` +
    `states and void the bath's accounting). Heat = Σ_t −ΔH_t/T_t handed to the bath (units ` +
    `of k_B T_net), against ln 2 × bits removed. Beside it, in joules: the runs' counted ` +
    `instructions × ${JOULES_PER_INSTRUCTION * 1e12} pJ against k_B·300 K·ln 2 per bit.`,
  reading: {
    statement:
      `In the text's own units (H in units of k_B T_net, its Boltzmann temperature), ` +
      `the heat the protocol's update hands to its bath per bit of the decision ` +
      `approaches Landauer's ln 2: its distance from ln 2 shrinks as the cooling ` +
      `slows from the text's 0.95, and ends within ${LANDAUER_MARGIN * 100} % of it.`,
    mechanism: "proposal",
  },
  decision: {
    rule:
      `conjunction: difference: |ratio(0.95) − 1| − |ratio(0.995) − 1| > ${LANDAUER_MARGIN} ` +
      `(the shrink beyond the same tolerance; within ±${LANDAUER_MARGIN} by TOST it ` +
      `is no shrink); estimatesEqual: ratio(0.995) − 1 within ±${LANDAUER_MARGIN} (TOST)`,
    threshold: `±${LANDAUER_MARGIN} around the limit`,
    why:
      `'Approaching' a limit, as in Landauer experiments (the heat of an erasure tends to k_B T ` +
      `ln 2 as the protocol slows), is a shrinking distance with the protocol's duration, here the ` +
      `cooling rate, ending near it; 'near' read at the usual 5 % tolerance where the text gives ` +
      `none. A shrink is asked to exceed the same 5 %: a distance that falls by less than the ` +
      `tolerance of 'near' has not approached anything. The ratio's SE at the slowest cooling is ≈ ` +
      `0.5–1 %, so 5 % is resolved; the runs per rate are planned for the shrink (LANDAUER_RUNS).`,
  },
  grid: { kernel: KERNEL_GRID, graph: GRAPH },
  repairs: [
    {
      variant: "symmetric-kernel",
      why:
        "With a symmetric proposal the update is in detailed balance with e^{−H/T}, so its heat is a bath's " +
        "and the second law applies: the first edition's 'strongest' reading, now shown beside the verdict.",
      byTheorem: "the second law, for any Metropolis annealer in detailed balance, not a property of EMTD",
    },
  ],
  byConstruction:
    "The second law makes the repair hold: an update in detailed balance with e^{−H/T} (the " +
    "symmetric kernel) hands its bath at least ln 2 per bit removed, with equality only for " +
    "quasi-static cooling, so its heat per bit tends to ln 2 as the cooling slows, for any " +
    "Metropolis annealer, not by a property of EMTD. Under §3.3's copy kernel there is no such " +
    "identity: a consensus is absorbing at every temperature, so copying removes entropy while " +
    "handing the bath almost none, and the ratio sits far below ln 2, a number Landauer's " +
    "limit, a statement about heat baths, does not constrain. In joules, the simulation's counted " +
    "instructions are ~10¹⁴ times k_B·300 K·ln 2, shown as evidence, not as the verdict. The repair is measured and " +
    "decided like any other (a repair holds by its theorem: that is what makes it the repair), and its column says " +
    "which theorem (byTheorem).",
  review:
    "Review 3: 'A designed landscape decides the §4.3 claims: p4.3-landauer and p4.3-energy-reduces-entropy " +
    "(and the evidence of p4.3-proof-of-physics) are decided in cells that add a field of 1 on " +
    "node 0 to ℋ; a pinning field is a designed landscape' (defect 2). Fixed: every cell runs the text's " +
    "interaction energy alone (no field; wsSpinProblem and the ring lattice at signal 0), so the " +
    "two consensuses are the ground states and agreement is a consensus on either value. Review 2: (no " +
    "row; defect 1 applies: the update's kernel was not gridded). Fixed: kernel: KERNEL_GRID (node0 and " +
    "neighbour), read through kernelIn; the repair stays. Review 1: the headline swapped joules against " +
    "k_B·300 K·ln 2 for the model's dimensionless bath entropy at its own T_net (declared by " +
    "construction), and the literal priced the simulator's CPU, a straw man. Fixed: one reading, in the text's " +
    "own units (its Boltzmann law e^{−H/k_B T_net} makes k_B T_net its temperature, and the text " +
    "describes no hardware to price: charity on wording), under the text's own kernel; what the second " +
    "law makes true is declared by construction and shown as the symmetric-kernel repair; the CPU joules " +
    "stay as evidence beside. Sign-off N2: 'p4.3-landauer, symmetric kernel: 6 holds, 8 inconclusive. " +
    'The README prints "holds with symmetric proposal kernel", a minority verdict.\' Fixed: every ' +
    "repair record carries its stability over the replicates (stability.ts withStability), and the " +
    "README's repair column prints the modal verdict, or 'unstable: …' with the counts when fewer than 90 " +
    "% agree (display repairsText); the committed run shows it once regenerated. Fourth-edition referee: " +
    "'decision.rule says the distance must shrink > 0, but the code applies a 0.05 margin; 200 runs " +
    "per rate are not planned for it (the repair inconclusive in 19/20 replicates)'. Fixed: the rule " +
    "states the margin and why, and the runs per rate (600) are planned from the shrink's SE at 200. " +
    'Nineteenth-edition referee (minor): \'the README shows "holds with symmetric proposal kernel"; the record says ' +
    '"the second law makes the repair hold" … §6 lists a second-law identity as by construction\'. Fixed: the ' +
    "cells under a symmetric kernel were marked by construction, so the repair read untestable (d14c834); the " +
    "twentieth-edition referee: 'untestable is wrong for an outcome that was measured and decided … no other repair " +
    "gets this mark (MALA, entropy-sum, W-MSR and Hajek all hold by their own theorems)'. Fixed: the repair is decided " +
    "as every repair is, and its column says the theorem (byTheorem: 'by its theorem, for any such system: the " +
    "second law'); the verdict is unchanged.",
  uses: ["kernel"],
  reference: { kind: "closed-form", text: "Landauer's limit kT ln 2 per bit (ratio 1 within ±0.05)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const problem = problemOf(ctx, 16);
    const kernel = kernelIn(ctx);
    const runs = COOLING.map((rate, i) =>
      decide(
        kernel,
        problem,
        () => geometric({ initial: T0, rate }),
        { runs: LANDAUER_RUNS, limit: sweepsToFreeze(rate), stop: false },
        fold(ctx.key("runs"), i),
      ),
    );
    const fast = runs[0]!;
    const slow = runs[runs.length - 1]!;
    const ladder = energyLadder({
      sweeps: fast.sweeps / fast.runs,
      runs: fast.runs,
      bitsBefore: fast.n,
      bitsAfter: fast.bitsAfter,
      bitsRemoved: fast.bitsRemoved,
      agreement: fast.agreeing / fast.runs,
      siteUpdates: fast.sweeps * fast.n,
      instructionsPerUpdate: 2 * fast.meanDegree + 30,
    });
    const evs = runs.map((d, i) =>
      estimateEvidence(`heat per bit / ln 2, cooling rate ${COOLING[i]}`, { value: d.ratio, se: d.ratioSe }, { reference: 1 }),
    );
    const distance = (d: Decisions) => Math.abs(d.ratio - 1);
    const result = conjunction(
      [
        {
          statement: "the distance to ln 2 shrinks as the cooling slows",
          reading: difference(
            { value: distance(fast) - distance(slow), se: Math.hypot(fast.ratioSe, slow.ratioSe) },
            "positive",
            LANDAUER_MARGIN,
            "|ratio − 1| at 0.95 minus at 0.995",
            evs,
          ),
        },
        {
          statement: `within ${LANDAUER_MARGIN * 100} % of ln 2 at the slowest cooling`,
          reading: estimatesEqual(
            { value: slow.ratio - 1, se: slow.ratioSe },
            LANDAUER_MARGIN,
            `heat per bit / ln 2 − 1 at cooling ${COOLING[COOLING.length - 1]}`,
            [
              evidence("bits removed at the text's cooling", fast.bitsRemoved, { reference: fast.n, unit: "bit" }),
              evidence("log₁₀(simulation joules / Landauer joules at 300 K), text's cooling", Math.log10(ladder.simulationOverLandauer)),
            ],
            LANDAUER_RUNS,
          ),
        },
      ],
      "approaching Landauer's limit",
    );
    return {
      result,
      headline:
        `heat per bit ${runs.map((d, i) => `${pm(d.ratio, d.ratioSe)} (r = ${COOLING[i]})`).join(", ")} ` +
        `× ln 2; in joules the simulation spends ` +
        `10^${num(Math.log10(ladder.simulationOverLandauer), 2)} × Landauer`,
      reason:
        kernel !== "symmetric"
          ? `§3.3's copy kernel reaches consensus in the first sweeps, while T is still near 100: the ` +
            `energy it releases is divided by a high temperature, so the bath gains ${num(100 * fast.ratio, 2)} ` +
            `% of ln 2 per bit, and slower cooling changes nothing, since the decision is over before ` +
            `the cooling matters. Copying is not a thermal process, so the ratio sits below Landauer's ` +
            `bound instead of approaching it; in joules the simulation spends ` +
            `10^${num(Math.log10(ladder.simulationOverLandauer), 2)} times the bound of ${num(landauerJoulesPerBit(300))} J per bit.`
          : `With a detailed-balance update the second law holds: the heat per bit ` +
            `exceeds ln 2 by ${num(100 * (fast.ratio - 1), 2)} % at the text's cooling ` +
            `and approaches it as the cooling slows, as for any Metropolis annealer.`,
    };
  },
};

/** The bioequivalence margin for a ratio of constants: 0.80–1.25 (FDA, average bioequivalence), |ln ratio| < ln 1.25. */
const PROPORTIONAL_MARGIN = Math.log(BIOEQUIVALENCE_RATIO);
/**
 * The Landauer claim's decision and three each removing eight times the entropy of the one before: 2.7 decades of N
 * and of bits removed (thirty-third-edition referee: two sizes, under a decade, cannot show a trend).
 */
const SIZES = [16, 128, 1024, 8192] as const;
/**
 * Runs per size, planned so that each size's ln(heat per bit) against N = 16's has its MDE below ln 1.25 = 0.223 at
 * 80 % power under the neighbour kernel, the noisier one. N = 128 is heavy-tailed (runs pinned in a split state release
 * energy late, at low T; a pilot's CV of the heat 2.0): at 2000 runs SE ≈ 0.045, MDE ≈ 0.18–0.22 with the graph's draw.
 * Larger decisions average over more nodes (pilot CVs 0.83 at N = 1024, 0.19 at 8192; seeds apart from the claim's):
 * 250 runs give SE ≈ 0.052 and 50 give ≈ 0.027, MDEs ≈ 0.15 and ≈ 0.08 against N = 16.
 */
const PROPORTIONAL_RUNS: Readonly<Record<(typeof SIZES)[number], number>> = { 16: 2000, 128: 2000, 1024: 250, 8192: 50 };

const energyReducesEntropyCells: Claim = {
  id: "p4.3-energy-reduces-entropy",
  source: "proposal",
  section: "4.3",
  quote: "The energy expended corresponds directly to the reduction of informational entropy.",
  short: "energy ∝ entropy removed",
  notebook: ENERGY,
  model:
    `${DECISION}, the text's cooling until it freezes (T < 0.01: 180 sweeps of T = 100·0.95^t; ` +
    `at most the §3.3 loop's ${LOOP_LIMIT}), decisions among N = ${SIZES.join(", ")} nodes ` +
    `(each removes about eight times the entropy of the one before), ` +
    `${SIZES.map((n) => PROPORTIONAL_RUNS[n]).join(", ")} runs. ` +
    `Energy expended = Σ_t −ΔH_t/T_t (units of k_B T_net, as in p4.3-landauer), per bit removed. ` +
    `Counting stops at the freeze: later moves are level moves along pinned boundaries whose ` +
    `rare downhill steps at T → 0 would count as unbounded entropy (heat into a bath at T ≈ 0). ` +
    `The entropy left is estimated from the runs' final states, so it is at most about log₂ of the runs: ` +
    `where runs end split, bits removed is an upper bound and the heat per bit a lower one.`,
  reading: {
    statement:
      "In the text's own units, the energy its update expends is proportional to the entropy a decision " +
      "removes: the energy per bit is one constant, the same for decisions eight, 64 and 512 times as large.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `everyCase (Holm) over N = ${SIZES.slice(1).join(", ")}: estimatesEqual: ln(heat per bit at N) − ln(heat per bit at ` +
      `N = ${SIZES[0]}) within ±ln 1.25 (TOST); the power-law trend of heat per bit in bits removed beside it (t, ${SIZES.length - 2} df)`,
    threshold: "a ratio of constants within 0.80–1.25",
    why:
      "'Corresponds directly' is proportionality: one constant per bit, an equivalence claim " +
      "tested by TOST. The margin is the standard one for calling two constants equal as a ratio " +
      "(average bioequivalence, 0.80–1.25). The sizes vary what the text leaves free between " +
      "decisions, how much entropy they remove; its loop, not a budget, decides when a decision ends. " +
      "One constant is every size's equal to the smallest's: one size beyond the margin refutes it. The fitted " +
      "exponent is the trend a referee reads, evidence and not the test: a power law fitted to a curve that " +
      "bends has a residual error no run count shrinks, which would leave a clear difference undecided.",
  },
  grid: { kernel: KERNEL_GRID, graph: GRAPH },
  repairs: [],
  byConstruction:
    "Partly algebra: a complete decision releases ⟨H(random values)⟩ − H(consensus) = |E| (each " +
    "edge disagrees with probability ½ at a cost 2) and removes about N − 1 bits, so the energy " +
    "per bit in units of H is |E|/(N − 1) on any graph family of fixed mean degree. In units of " +
    "k_B T_net it also depends on the temperature at which the copying happens, which is measured. " +
    "The ratio the node0 cells measure is that finite-size algebra: at a fixed mean degree " +
    "k, |E|/(N − 1) = kN/(2(N − 1)), so the heat per bit at N = 128 over that at 16 is (128/127)/(16/15) " +
    "≈ 0.945 (ln ratio −0.057), and at N = 8192 (8192/8191)/(16/15) ≈ 0.938 (−0.064): inside the margin at every " +
    "size, as the thirteenth-edition referee said a wider span of N would leave it.",
  review:
    "Review 3: 'A designed landscape decides the §4.3 claims: p4.3-landauer and p4.3-energy-reduces-entropy " +
    "(and the evidence of p4.3-proof-of-physics) are decided in cells that add a field of 1 " +
    "on node 0 to ℋ; a pinning field is a designed landscape' (defect 2). Fixed: every cell runs the " +
    "text's interaction energy alone (no field; wsSpinProblem and the ring lattice at signal 0), so " +
    "the two consensuses are the ground states and agreement is a consensus on either value. Review 2: " +
    "(no row; defect 1 applies: the update's kernel was not gridded). Fixed: kernel: KERNEL_GRID " +
    "(node0 and neighbour), read through kernelIn. Review 1: the budget part was underpowered (MDE " +
    "0.13–0.15 > margin 0.1) and compared 300 with 1000 sweeps, both after the cooling froze (the same law " +
    "by construction); the schedule part (refuted at every seed) compared the text's cooling with " +
    "one it does not use; 'partly' hid both. Fixed: one reading under the text's own schedule and loop; " +
    "what varies is the entropy a decision removes (N = 16 vs 128, eight times the bits); the margin " +
    "is a standard one (ratio 0.80–1.25) and the runs (2000 per size) are planned so the MDE (≈ 0.2 " +
    "in ln ratio) is below it (0.223) at 80 % power. Under the text's copy kernel the energy per bit " +
    "grows about tenfold from N = 16 to 128: fails (a single reading, so neither mixed nor partly)." +
    " VERDICTS.md §3's amended rule (issue 74): node0's ratio is finite-size algebra (byConstruction), evidence and not a holding cell; " +
    "the measured neighbour cells fail, so mixed → fails. " +
    "That reading was superseded before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    REVIEW_FIFTEENTH +
    " Thirty-third-edition referee: 'decides proportionality on two sizes, N = 16 and 128, under one decade; at least " +
    "four sizes over three decades, with a fitted trend'. Done: N = 16, 128, 1024, 8192, each larger size against " +
    "N = 16's (Holm), runs planned per size; the fitted exponent is evidence. The neighbour cells still fail: the heat " +
    "per bit rises about 15-fold from N = 16 to 128, then stays within about ±25 % of N = 128's to N = 8192.",
  uses: ["kernel", "schedule"],
  reference: { kind: "baseline", text: "the heat per bit at N = 16 (ratio at every larger N within 0.80–1.25)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const kernel = kernelIn(ctx);
    const schedule = ctx.mechanism.schedule;
    const limit = freezeSweeps(schedule(T0));
    const all = SIZES.map((n) =>
      decide(kernel, problemOf(ctx, n), () => schedule(T0), { runs: PROPORTIONAL_RUNS[n], limit, stop: false }, fold(ctx.key("runs"), n)),
    );
    const [small, large] = [all[0]!, all.at(-1)!];
    const cases = all.slice(1).map((d) => {
      const logRatio = { value: Math.log(d.ratio / small.ratio), se: Math.hypot(d.ratioSe / d.ratio, small.ratioSe / small.ratio) };
      return {
        statement: `N = ${d.n}`,
        reading: estimatesEqual(logRatio, PROPORTIONAL_MARGIN, `ln(heat per bit at N = ${d.n} / at N = ${small.n})`, [], d.runs),
      };
    });
    const trend = all.every((d) => d.ratio > 0 && d.bitsRemoved > 0)
      ? powerLaw(
          all.map((d) => d.bitsRemoved),
          all.map((d) => d.ratio),
        )
      : null;
    const result = everyCase(cases, "the heat per bit equals N = 16's at every larger decision");
    result.evidence.push(
      ...all.map((d) => estimateEvidence(`heat per bit / ln 2 at N = ${d.n}`, { value: d.ratio, se: d.ratioSe })),
      ...all.map((d) => evidence(`bits removed at N = ${d.n}`, d.bitsRemoved, { reference: d.n, unit: "bit" })),
      ...(trend === null
        ? []
        : [estimateEvidence("fitted exponent of heat per bit in bits removed", { value: trend.exponent, se: trend.se, df: trend.df })]),
      evidence(`sweeps per decision (until the freeze)`, limit),
    );
    const ratioOverall = large.ratio / small.ratio;
    // Where the larger decisions sit against the second size's: a level the text's constant might be read as past it.
    const second = all[1]!;
    const beyondSecond = all.slice(2).map((d) => `${num(d.ratio / second.ratio)} at N = ${d.n}`);
    result.evidence.push(
      ...all.slice(2).map((d) =>
        estimateEvidence(`ln(heat per bit at N = ${d.n} / at N = ${second.n})`, {
          value: Math.log(d.ratio / second.ratio),
          se: Math.hypot(d.ratioSe / d.ratio, second.ratioSe / second.ratio),
        }),
      ),
    );
    return {
      result,
      headline:
        `heat per bit × ln 2 at N = ${all.map((d) => `${d.n}: ${pm(d.ratio, d.ratioSe)}`).join(", ")} ` +
        `(${num(small.bitsRemoved)} to ${num(large.bitsRemoved)} bits): ratio ${num(ratioOverall)} from N = ${small.n} to ` +
        `${large.n}${trend === null ? "" : `, fitted exponent ${num(trend.exponent)} [${num(trend.interval[0])}, ${num(trend.interval[1])}]`}`,
      reason:
        result.finding.kind === "supported"
          ? "Each bit removed releases about the same energy (a node's disagreeing edges) at about " +
            "the same temperature, so the energy per bit is one constant over this range of decisions."
          : kernel !== "symmetric"
            ? `§3.3's copying settles a decision in its first sweeps (consensus after ${num(small.settled / small.runs)} ` +
              `sweeps at N = ${small.n}, ${num(second.settled / second.runs)} at N = ${second.n}), ` +
              `and a larger network takes longer to agree, so its energy is released at a lower temperature: in ` +
              `units of k_B T_net the energy per bit of N = ${second.n} is ${num(second.ratio / small.ratio)} times ` +
              `N = ${small.n}'s, not one constant; past it the larger decisions' stand at ${beyondSecond.join(", ")} ` +
              `times N = ${second.n}'s. (In units of H it is about |E|/(N − 1) per bit, a constant of the graph's degree, by algebra.)`
            : "With a detailed-balance update the decision is made near the ordering temperature, " +
              "and a larger network orders later and colder: the heat per bit grows with N.",
    };
  },
};
const energyReducesEntropy: Claim = withDerivedCells(
  energyReducesEntropyCells,
  node0Derivation(
    "every node copies its value within a sweep or two at T ≈ T₀ whatever N: the heat per bit is |E|/(N − 1) per " +
      "T₀, whose ratio at N over 16 is the finite-size algebra (N/(N − 1))/(16/15) on either graph",
  ),
);

/**
 * Runs per arm: at agreement ≈ 0.5 the SE of the difference of two rates is ≈ 0.02, so a change of agreement by 0.1
 * (a verifier reading one outcome then errs at least 45 % of the time, Le Cam) would be resolved if it were there.
 */
const PROOF_RUNS = 1200;

const proofOfPhysics: Claim = {
  id: "p4.3-proof-of-physics",
  source: "proposal",
  section: "4.3",
  quote: 'This framework moves away from "Proof of Work" (energy waste) to "Proof of Physics."',
  short: "Proof of Physics",
  notebook: ENERGY,
  model:
    `No model decides it. Measured beside it: ${DECISION}, N = 16, the text's cooling; ${PROOF_RUNS} ` +
    `runs of B sweeps and ${PROOF_RUNS} independent runs of 10·B sweeps (10× the work: ` +
    `every sweep is spent, whether it changes anything or not), each cell drawing its own runs; the ` +
    `outcome a verifier sees is the final state, read as agreement (every node on one value).`,
  reading: {
    statement:
      'EMTD replaces Proof of Work by "Proof of Physics": a name the text gives its design, with no property stated that a proof would have to meet.',
    mechanism: "proposal",
  },
  decision: {
    rule: "undecidable: the sentence names a slogan and states no property (what is proven, to whom, at what cost) that a measurement could meet or miss",
    threshold: "none",
    why:
      "Proof of Work is a proof because its output cannot be produced without the work; " +
      "the text never says what 'Proof of Physics' proves, so any criterion (the first editions' " +
      "'outcome certifies the work') would be ours, not the text's (Review 2, Minor). " +
      "What was measured beside it answers the nearest concrete question, whether honest " +
      "runs' outcomes even depend on the work spent: agreement after B and after 10·B sweeps.",
  },
  grid: {
    kernel: KERNEL_GRID,
    B: {
      values: [200, 50],
      why: [
        "past the point where the text's cooling freezes (T = 100·0.95²⁰⁰ ≈ 0.0035): the first edition's budget",
        "before it (T ≈ 7.7): a cheap run stopped in the middle of the annealing",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "A consensus state is a value anyone can write at no cost, so no final state " +
    "can prove that work was spent, whatever the dynamics; the evidence beside " +
    "asks the weaker question whether honest runs' outcomes depend on the work.",
  review:
    "Review 3: 'A designed landscape decides the §4.3 claims: p4.3-landauer and p4.3-energy-reduces-entropy " +
    "(and the evidence of p4.3-proof-of-physics) are decided in cells that add a field " +
    "of 1 on node 0 to ℋ; a pinning field is a designed landscape' (defect 2). Fixed: every cell " +
    "runs the text's interaction energy alone (no field; wsSpinProblem and the ring lattice at " +
    "signal 0), so the two consensuses are the ground states and agreement is a consensus on either " +
    "value. Review 2: 'gives a slogan an invented criterion (untestable would be more honest); " +
    "its two B cells produce identical counts' (Minor). Fixed: untestable (undecidable: the " +
    "sentence states no property a proof would meet), with the agreement after B and 10·B sweeps " +
    "measured beside it; each B cell now draws its own runs (the key folds B in: with one key both " +
    "cells replayed the same runs, which reach consensus before sweep 50, hence the identical " +
    "counts); kernel: KERNEL_GRID. Review 1: both readings ran the identical test; one reading kept.",
  uses: ["kernel", "schedule"],
  reference: { kind: "none", text: "no observable: the sentence states no property a measurement could meet or miss" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const B = ctx.cell.B as number;
    const kernel = kernelIn(ctx);
    const schedule = ctx.mechanism.schedule;
    const problem = wsSpinProblem(16, ctx.key("graph"), 0);
    // Independent runs per arm and per cell: with one key both arms (and both B cells) would replay the same runs.
    const runs = fold(ctx.key("runs"), B);
    const cheap = decide(kernel, problem, () => schedule(T0), { runs: PROOF_RUNS, limit: B, stop: false }, fold(runs, 1));
    const dear = decide(kernel, problem, () => schedule(T0), { runs: PROOF_RUNS, limit: 10 * B, stop: false }, fold(runs, 2));
    const pc = cheap.agreeing / cheap.runs;
    const pd = dear.agreeing / dear.runs;
    const shift = { value: pd - pc, se: Math.sqrt((pc * (1 - pc)) / cheap.runs + (pd * (1 - pd)) / dear.runs) };
    const result = undecidable(
      "'Proof of Physics' is a name; the text states no property (what is proven, to whom, at what cost) a measurement could test",
      [
        rateEvidence(`agreement at ${B} sweeps`, cheap.agreeing, cheap.runs),
        rateEvidence(`agreement at ${10 * B} sweeps`, dear.agreeing, dear.runs),
        estimateEvidence(`agreement at ${10 * B} minus at ${B} sweeps`, shift, { reference: 0 }),
        evidence(`bits left at ${B} sweeps`, cheap.bitsAfter, { unit: "bit" }),
        evidence(`bits left at ${10 * B} sweeps`, dear.bitsAfter, { unit: "bit" }),
        evidence("work ratio (sweeps spent)", dear.sweeps / cheap.sweeps),
      ],
    );
    return {
      result,
      headline:
        `kernel ${kernel}: no property to test; beside it, agreement ${num(pc)} at ${B} ` +
        `sweeps, ${num(pd)} at ${10 * B} (10× the work; shift ${pm(shift.value, shift.se)})`,
      reason:
        `Proof of Work is a proof because its output cannot be produced without the work (a hash ` +
        `below a target); the text never says what 'Proof of Physics' proves. Beside it: ` +
        `${
          Math.abs(shift.value) > 2 * shift.se
            ? "a run stopped early ends in agreement at another rate than " +
              "a long one, so the outcome law depends on the work, though " +
              "a consensus state can still be written by anyone at no cost"
            : "the outcome law is the same whether the protocol spent " +
              "B or 10·B sweeps: the decision is made early (§3.3's " +
              "copying settles in the first sweeps; the cooling " +
              "freezes by sweep ~200), and further sweeps change nothing"
        }; ` +
        `it also says nothing about who may vote, which is what PoW's cost buys.`,
    };
  },
};

export const claims: Claim[] = [landauer, energyReducesEntropy, proofOfPhysics];

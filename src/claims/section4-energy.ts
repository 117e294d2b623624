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
 * The decisions are ./section4-decisions'; p4.3-energy-reduces-entropy is ./section4-proportional.
 */
import type { Claim, Measurement, MeasureContext } from "./machinery/types";
import { KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { geometric } from "../dynamics/schedules";
import { energyLadder, JOULES_PER_INSTRUCTION } from "../studies/joules/joule-accounting";
import { landauerJoulesPerBit } from "../analysis/gaussian-exact";
import { conjunction, difference, estimateEvidence, estimatesEqual, rateEvidence, undecidable } from "./machinery/decide";
import { evidence, num, pm } from "./machinery/evidence";
import { T0, wsSpinProblem } from "./section4-traps";
import { fold } from "../engine/random";
import { decide, type Decisions, DECISION, ENERGY, GRAPH, problemOf } from "./section4-decisions";
import { energyReducesEntropy } from "./section4-proportional";

/** Cooling rates of the approach: the text's 0.95 and a ten times slower one, each run until frozen (T < 0.01). */
const COOLING = [0.95, 0.995] as const;
const sweepsToFreeze = (rate: number) => Math.ceil(Math.log(T0 / 0.01) / Math.log(1 / rate));
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
            `bound instead of approaching it: the bound, a statement about updates in detailed balance with a heat bath, ` +
            `does not apply to the copy kernels, and a ratio below ln 2 here breaks no law; in joules the simulation spends ` +
            `10^${num(Math.log10(ladder.simulationOverLandauer), 2)} times the bound of ${num(landauerJoulesPerBit(300))} J per bit.`
          : `With a detailed-balance update the second law holds: the heat per bit ` +
            `exceeds ln 2 by ${num(100 * (fast.ratio - 1), 2)} % at the text's cooling ` +
            `and approaches it as the cooling slows, as for any Metropolis annealer.`,
    };
  },
};

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

/**
 * Claims of the proposal's §2.1, the Ising isomorphism (second edition, issue 34; the rubric is shared/VERDICTS.md),
 * measured with the functions notebook 03 calls; p2.1-ising-energy is in ./section2-ising-energy, the Ricci flow in
 * ./section2-ricci.
 *
 * The consensus mechanism's own update on ledgers is §3.3's `update_state`: a node takes a proposed value by
 * Metropolis at its own temperature (T₀ = 100, ×0.95 after each of its updates), the proposal being a neighbour's
 * value as the §3.1 chart's "Gossip Protocol" (the code's comment: "In real impl, this would be gossip protocol"),
 * swept in node order until a sweep changes nothing or 1000 sweeps. `copyAndAccept` (src/spin/update-kernels.ts) runs it on any set of
 * ledgers (labels with the coordinates' squared distances): on ±1 ledgers its local energy ½Σ(s_i − s_j)² changes by
 * 2s_iΣ_j s_j on a flip, the Ising flip cost, so it is Metropolis on the Ising model with the copy kernel.
 */
import { constant } from "../dynamics/schedules";
import {
  spinCopyRunEnds,
  spinCopyRuns,
  INITIAL_TEMPERATURE,
  type SpinCopyOptions,
  type SpinCopyRunEnd,
  type SpinCopyRuns,
  tallyCopyRuns,
} from "../studies/ising-isomorphism/spin-copy-runs";
import type { Key } from "../engine/random";
import type { ProposalKernel } from "../spin/update-kernels";
import { WS_DEPTH, WS_LANDSCAPE } from "../spin/ws-landscape";
import { COPY_KERNELS_OUTSIDE_HAJEK, depthBeyondC, HAJEK_WHY, HOLD_THEN_COOL_WHY, LOGARITHMIC_HORIZON, REPAIRS } from "./machinery/repairs";
import { levelRuns } from "../stats/equivalence";
import { conjunction, rateEvidence, rates } from "./machinery/decide";
import { cellStop, rateBeyondByLooks, ratesByLooks } from "./machinery/sequential-cell";
import { runsOnDemand } from "../studies/runs-on-demand";
import { REVIEW_FIFTEENTH, REVIEW_HOLD_THEN_COOL } from "./reviews";
import { THERMAL_NOISE_RUNS, THERMAL_RUNS } from "../studies/ising-isomorphism/design";
import { evidence, num } from "./machinery/evidence";
import { THERMAL_NOISE_REVIEW } from "./section2-ising-review";
import { CONTROL_MARGIN, energyOffFor, KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";
import { node0Derivation, withDerivedCells } from "./machinery/derived-cells";

export const ISING_NOTEBOOK = "notebooks/03-ising-isomorphism.ipynb";
export const ISING_QUOTE =
  "The consensus mechanism is isomorphic to the Ising Model of ferromagnetism. " +
  'Nodes "align" their spins (ledgers) to minimize magnetic energy ' +
  "(disagreement), but thermal noise (adversarial inputs) prevents instant freezing.";

/**
 * p2.1-ising-alignment's runs per arm (cooled, and energy off), planned as THERMAL_RUNS are: its energy part compares
 * two rates at the margin 0.1, with p = ½ where the rates are unknown.
 */
const ALIGN_RUNS = THERMAL_RUNS;
/** The share of runs p2.1-ising-alignment's outcome needs: its siblings' 'locks into' level (eighth-edition referee). */
const ALIGN_RATE = 0.95;
/**
 * The outcome part's runs at most, planned as p2.2-crystallisation plans the same rule (a rate above 0.95): to resolve
 * 0.02 from it at 80 % power with p = ½, 4906 (thirty-fifth-edition referee: the energy part's 526 resolved about 0.06).
 */
const ALIGN_OUTCOME_RUNS = levelRuns(0.02);
/**
 * The Hajek pair's horizon here: three times the shared 10⁴ sweeps. Chosen after the thirty-fifth-edition referee
 * measured the pair at 10⁴ unstable (N = 500 at 0.956–0.977, straddling 0.95 in 5 of 20 replicates) and holding at
 * 3·10⁴ at two seeds: the theorem's guarantee is asymptotic, and a repair is shown in its best form (VERDICTS.md §7),
 * at a horizon where it has had time to act; the copy kernels' logarithmic repair keeps the shared horizon.
 */
const PAIR_HORIZON = 3 * LOGARITHMIC_HORIZON;
/** Whether the cell runs the Hajek pair (the repair's own kernel and schedule), which runs to {@link PAIR_HORIZON}. */
const isHajekPair = (m: MeasureContext["mechanism"]) => m.kernel === REPAIRS.hajek!.kernel && m.schedule === REPAIRS.hajek!.schedule;

/**
 * What the alignment claim's Hajek pair says in the repair column: d* is the estimate for ws(50, 4, 0.1), taken for
 * N = 500 too, and the horizon is finite (the fifth-edition referee: give d* in the landscape's own terms).
 */
const PAIR_SHORT = `the guarantee is asymptotic, shown at a ${PAIR_HORIZON}-sweep horizon`;

/** Runs of one design on demand (studies/runs-on-demand): `upTo(n)`, the first n, each measured once. */
interface GrownRuns {
  upTo: (n: number) => readonly SpinCopyRunEnd[];
}

function grownRuns(stream: (name: string) => Key, o: Omit<SpinCopyOptions, "runs">): GrownRuns {
  return { upTo: runsOnDemand((from, runs) => spinCopyRunEnds(stream, { ...o, runs }, from)) };
}

/**
 * The energy-off runs by (key, nodes, kernel, horizon): they depend on the schedule only through its horizon (a
 * schedule that states one is run to it, and the control runs as long), so the proposal's cells and a cooling repair
 * with no horizon share them, each cell reading as many as its looks ask for (run r is the same in any batch).
 */
const energyOffRuns = new Map<string, GrownRuns>();
function energyOff(stream: (name: string) => Key, nodes: number, kernel: ProposalKernel, horizon?: number): GrownRuns {
  const id = `${stream("graph").join(",")}/${stream("runs").join(",")}/${nodes}/${kernel}/${horizon ?? "stop"}`;
  let runs = energyOffRuns.get(id);
  if (runs === undefined) {
    const off = energyOffFor({ horizon });
    runs = grownRuns(stream, { nodes, schedule: () => off, kernel });
    energyOffRuns.set(id, runs);
  }
  return runs;
}

/** §3.3's starting temperature of every node (the study's; re-exported for the claims that import it from here). */
export { INITIAL_TEMPERATURE };

/** "Nodes align their spins (ledgers)": §3.3's copy-and-accept on ±1 ledgers, run to its own stop. */
const isingAlignmentCells: Claim = {
  id: "p2.1-ising-alignment",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "aligned spins = agreement on the ledger",
  notebook: ISING_NOTEBOOK,
  model:
    `§3.3's update on ±1 ledgers (each node starts on one of two conflicting ledgers at random): ` +
    `in node order each node proposes a ledger by the cell's kernel (node0: node 0's, §3.3's code; ` +
    `neighbour: a random neighbour's, the §3.1 gossip) and takes it by Metropolis on ½Σ(s_i − ` +
    `s_j)² at its temperature (T₀ = 100, ×0.95 per sweep), until a sweep changes nothing or 1000 ` +
    `sweeps (a schedule that states its own horizon runs to it, with no quiet-sweep stop); up to ${ALIGN_OUTCOME_RUNS} ` +
    `runs (the energy part reads the first ${ALIGN_RUNS}), each on its own ws(N, 4, 0.1). The control of the clause 'to minimize magnetic ` +
    `energy': the same runs (same graphs, starts and draws) with the energy switched off, T so high ` +
    `that every proposal is accepted (the voter update), to the same stop. One study, spinCopyRuns ` +
    `(src/studies/ising-isomorphism), for the claim, figure ising-copy-runs and notebook 03.`,
  reading: {
    statement:
      "Under the consensus mechanism's own update (§3.3's copy-and-accept with per-node " +
      "cooling, by either of the text's proposal rules), nodes that start on two conflicting " +
      "ledgers align to minimize the magnetic energy. Two parts, one per clause: a run ends " +
      "(at §3.3's stop) with every node on one ledger in all but 5 % of runs (the level of " +
      "its siblings' 'locks into' and 'propagates'); and the energy is what aligns them: the " +
      "same runs with the energy switched off (every proposal accepted) align less often.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "conjunction (Holm) of two parts: (outcome) rateBeyond (Wilson 95 % interval), the share " +
      "of runs ending aligned above 0.95; (energy) rates, the share aligned under the text's " +
      "cooling minus the share with the energy off, beyond +0.1 (within ±0.1, or below 0, refutes); each part " +
      "decided look by look on the plan's first runs (docs/verdicts.md: four looks, O'Brien–Fleming; the energy " +
      "part at the pooled variance of the two arms), its label the rule's own on the runs it used",
    threshold: "outcome: aligned in more than 95 % of the runs; energy: the cooled runs align more often by more than 0.1",
    why:
      `'Align' asserts what the update does, read at the level every sibling reading of the same ` +
      `event uses (p2.2-crystallisation's 'locks into', p2.2-diffusion-propagates' 'propagates', ` +
      `p3.2-ground-state's 'divergence → 0': 0.95, the usual 5 % level), one standard for ` +
      `sibling claims (VERDICTS.md); the first editions' ½ ('more often than not') had no text or ` +
      `standard behind it. 'To minimize magnetic energy' names the energy as the cause of the ` +
      `alignment (VERDICTS.md §1: every clause is a part; the fourth-edition referee's control, T ` +
      `= 10⁹, raised alignment from 13/100 to 88/100): switching it off is the control, and 0.1 ` +
      `is the smallest difference in rates worth calling an effect (as p2.1-ising-thermal-noise). ` +
      `${ALIGN_RUNS} runs per arm at most for the energy part: equivalenceRuns(½, 0.1), planned before the run with p = ½; ` +
      `${ALIGN_OUTCOME_RUNS} cooled runs at most for the outcome part, planned as p2.2-crystallisation plans the same rule ` +
      `(levelRuns(0.02): 0.02 resolved from 0.95 at p = ½).`,
  },
  grid: {
    nodes: {
      values: [50, 500],
      why: ["§3.3's own network, EntropicLedger(num_nodes=50)", "ten times as many nodes on the same ws(k = 4, p = 0.1) family"],
    },
    kernel: KERNEL_GRID,
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why:
        `Hajek's T_t = c/ln(t + e) at its best standard form: c = d* of the text's landscape (two ledgers ` +
        `on ws(50, 4, 0.1): ${WS_DEPTH} in the acceptance's units, 2 per cut edge; spin/ws-landscape ` +
        `WS_DEPTH, the one d* p2.2-annealing and p3.2-ground-state use, estimated at N = 50 and taken ` +
        `for N = 500 too), run to its stated horizon of ${LOGARITHMIC_HORIZON} sweeps in place of §3.3's ` +
        `cap and stop (a schedule that states a horizon is run to it; a copy kernel's run still ends at ` +
        `a consensus, which nothing leaves). The geometric ×0.95 leaves the hot (voter-like) phase after ` +
        `about 60 sweeps; the logarithmic schedule stays warm far longer. ${COPY_KERNELS_OUTSIDE_HAJEK}`,
      outsideTheorem: "copy kernels",
    },
    {
      variant: "hajek",
      why:
        `${HAJEK_WHY} The pair's schedule states its horizon, so every run ` +
        `goes to it (§3.3's quiet-sweep stop, which ended the first runs at T ≈ ` +
        `1.6, is not the theorem's), and the energy-off control runs as long. Here the horizon is ` +
        `${PAIR_HORIZON} sweeps, three times the shared one, where the pair has had time to act at N = 500 ` +
        `(thirty-fifth-edition referee).`,
      outsideTheorem: depthBeyondC(WS_DEPTH, "N = 50 and 500"),
      shortOfTheorem: PAIR_SHORT,
    },
    { variant: "hold-then-cool", why: HOLD_THEN_COOL_WHY },
  ],
  byConstruction:
    "Copying keeps every ledger a node holds among the ledgers it started with, so an " +
    "aligned network is on a ledger by construction; whether it aligns is measured. " +
    ("Under kernel node0 (§3.3's code, whose structure is injection then adoption: node 0 is injected " +
      "first, then every node proposes node 0's value) the outcome is by construction: node 0 proposes its " +
      "own value and never moves, a node holding node 0's value is proposed nothing else and never leaves " +
      "it, and a node on the other ledger adopts it with probability ≥ e^{−2d_i/T} per sweep (ΔE ≤ 2d_i, " +
      "d_i its degree), near 1 while T₀ = 100 ≫ 2d_i; so every node adopts node 0's value, no split " +
      "minimum can form, and the run aligns on node 0's ledger (the evidence counts the runs ending there)."),
  review:
    "Review 2, defect 1: 'the update kernel is chosen claim by claim and never gridded … with node-0 " +
    "copy, p2.1-ising-alignment aligns 100/100 runs at N = 50 and 30/30 at N = 500, against 83/100 " +
    "and 6/30 with neighbour copy'. Fixed: kernel is a grid parameter with both text rules (KERNEL_GRID, " +
    "read through kernelIn), node0's by-construction outcome declared; the verdict is the grid's. " +
    "(Review 1: adoption of an injected value is not in the quote; measured on §3.3's own update.) " +
    "Internal review 3 (defect 5): 'the logarithmic repair falls back to c = T₀ = 100 and to the 1000-sweep " +
    "cap … spinCopyRuns never reads the schedule's horizon; Hajek's theorem assumes a reversible, " +
    "irreducible chain, which neither copy kernel is'. Fixed: the claim hands the schedule the one d* " +
    "of the ws landscape (spin/ws-landscape, 6 in the acceptance's units), so the repair is c = 6, " +
    "and spinCopyRuns runs a schedule's stated horizon (10⁴ sweeps) in place of the cap; the repair's " +
    "why says a hold under a copy kernel is the voter model's absorption, not Hajek's guarantee. " +
    "Re-review (minor, on p2.2-annealing's repair): 'the logarithmic repair's end = stop cells start at T " +
    "= c = 6 and stop at the first quiet sweep … Say in the repair's why that those cells cannot show " +
    "Hajek's horizon.' Every cell here keeps §3.3's stop, so the same holds: the repair's why now " +
    "says so (repairs STOP_CELLS_SHORT_OF_HORIZON). Fifth-edition referee: 'the pair … keeps §3.3's " +
    "quiet-sweep stop … The runs end after 36.8 sweeps on average (T ≈ 1.6) … The theorem's horizon is " +
    "never reached, so the repair fails by its construction (a straw man). Variant has no part for the " +
    "stop'. Fixed: a schedule that states its own horizon is run to it with no quiet-sweep stop " +
    "(studies/ising-isomorphism spinCopyRuns; the schedule part's contract, claims/machinery/types SchedulePart), so " +
    "the pair and the single-part logarithmic repair run to 10⁴ sweeps, and the energy-off control " +
    "runs as long; the proposal's geometric schedule states none, so every proposal cell keeps §3.3's " +
    'stop. Eighth-edition referee: \'the outcome "align" is read at more than ½ of runs, with no text ' +
    "or standard behind it, while sibling readings of the same event use 0.95 or 0.05 (locks into, " +
    "propagates, divergence → 0); at 0.95 the neighbour N = 50 cell (450/526) would fail its outcome " +
    "part'. Fixed: the outcome part is read at the siblings' 0.95 (ALIGN_RATE), the statement says so. " +
    "Both referees of 2026-11-28: 'mixed (m f m f) … faithful label: fails'. Re-decided by VERDICTS.md §3's " +
    "amended rule: mixed needs a holding cell; node0's cells are mixed (their outcome part holds, §3.3's node-0 code " +
    "counted under the one test below; their cause clause fails) and neighbour's fail, so the grid, with no holding " +
    "cell, fails (mixed → fails; its logarithmic repair likewise)." +
    REVIEW_FIFTEENTH +
    " Thirty-fifth-edition referee: 'the Hajek pair's outcome part is capped at 526 runs, the energy part's plan, where " +
    "p2.2-crystallisation plans the same rule at 4906; at a 10⁴-sweep horizon it is unstable (15/20 holds), at 3·10⁴ it " +
    "holds at two seeds'. Done: the outcome part's plan is levelRuns(0.02) (ALIGN_OUTCOME_RUNS), and the pair runs to " +
    "PAIR_HORIZON = 3·10⁴ sweeps." +
    REVIEW_HOLD_THEN_COOL,
  uses: ["schedule", "kernel"],
  reference: {
    kind: "threshold",
    text:
      "0.95 of the runs ending aligned (all but 5 %), and more often than the same " +
      "runs with the energy off by more than 0.1 (the first editions' ½ is gone)",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const nodes = Number(ctx.cell.nodes);
    const schedule = ctx.mechanism.schedule,
      kernel = kernelIn(ctx);
    const stream = (name: string) => ctx.key(`align/${name}`);
    const cooling = isHajekPair(ctx.mechanism)
      ? () => ({ ...schedule(INITIAL_TEMPERATURE, WS_LANDSCAPE), horizon: PAIR_HORIZON })
      : () => schedule(INITIAL_TEMPERATURE, WS_LANDSCAPE);
    const cooled = grownRuns(stream, { nodes, schedule: cooling, kernel });
    // The same runs (same key: graphs, starts, draws) with the energy switched off: every proposal accepted, to the
    // same end (the schedule's horizon where it states one, else §3.3's stop).
    const horizon = cooling().horizon;
    const off = energyOff(stream, nodes, kernel, horizon);
    const end = horizon === undefined ? "§3.3's stop" : `the ${horizon}-sweep horizon`;
    // Each part decided look by look (issue 72 item 3) on the first runs of the plan: the outcome on the cooled runs,
    // the energy on the cooled and energy-off runs of the same index.
    const outcomeTest = rateBeyondByLooks<SpinCopyRunEnd>(
      {
        statement: "runs ending with every node on one ledger",
        maxRuns: ALIGN_OUTCOME_RUNS,
        measure: (from, to) => cooled.upTo(to).slice(from),
        describe: (k, n, runs) => {
          const r = tallyCopyRuns(runs);
          return {
            text: `runs ending with all ${nodes} nodes on one ledger (kernel ${kernel})`,
            evidence: [
              rateEvidence(`runs aligned at ${end} (N = ${nodes}, kernel ${kernel})`, k, n),
              evidence("… of which on node 0's starting ledger", r.onNodeZero),
              evidence("runs frozen with the ledgers split", r.frozenSplit),
              evidence(
                `mean sweeps to ${horizon === undefined ? "the stop" : "the end (the horizon, or a copy kernel's consensus)"}`,
                r.meanSweeps,
              ),
            ],
          };
        },
      },
      (run) => run.aligned,
      ALIGN_RATE,
      "above",
    );
    const energyTest = ratesByLooks<readonly [SpinCopyRunEnd, SpinCopyRunEnd]>(
      {
        statement: "runs aligned: cooled vs the energy off",
        maxRuns: ALIGN_RUNS,
        measure: (from, to) => {
          const b = off.upTo(to);
          return cooled
            .upTo(to)
            .slice(from)
            .map((a, i) => [a, b[from + i]!] as const);
        },
        describe: (_k, _n, runs) => {
          const o = tallyCopyRuns(runs.map(([, b]) => b));
          return {
            text: `runs aligned: under the text's cooling vs the same runs with the energy off (kernel ${kernel})`,
            evidence: [
              rateEvidence("the same runs with the energy off (every proposal accepted): runs aligned", o.aligned, o.runs),
              evidence("… their mean sweeps to the end", o.meanSweeps),
            ],
          };
        },
      },
      ([a, b]) => [a.aligned, b.aligned],
      "greater",
      CONTROL_MARGIN,
    );
    const result = conjunction(
      [
        { statement: "all but 5 % of the runs end aligned on one ledger", reading: outcomeTest.reading },
        { statement: "the magnetic energy is what aligns them (more than with the energy off)", reading: energyTest.reading },
      ],
      `${kernel}, N = ${nodes}: nodes align their ledgers to minimize the magnetic energy`,
    );
    // The headline counts every run measured: the cooled runs either part read, the energy-off runs the energy part read.
    const r = tallyCopyRuns(cooled.upTo(Math.max(outcomeTest.stop.runs, energyTest.stop.runs)));
    const o = tallyCopyRuns(off.upTo(energyTest.stop.runs));
    return {
      result,
      sequential: cellStop([outcomeTest, energyTest]),
      headline:
        `${kernel}: ${r.aligned}/${r.runs} runs align (N = ${nodes}), ${r.onNodeZero} ` +
        `on node 0's ledger; ${r.frozenSplit} freeze split; ${num(r.meanSweeps)} ` +
        `sweeps on average; with the energy off ${o.aligned}/${o.runs} align`,
      reason:
        kernel === "node0"
          ? "Every node proposes node 0's ledger, which node 0 never leaves and no node leaves once it holds " +
            "it; while T ≫ 8 nearly every proposal is accepted, so the network adopts node 0's ledger in a few " +
            "sweeps, whatever N: alignment by construction of the rule, on the ledger node 0 happened to hold."
          : "While T ≫ 8 (the largest local cost) copying is accepted almost always and the network " +
            "coarsens like a voter model, where agreement is absorbing; once the geometric schedule has " +
            "cooled (T < 1 after 90 sweeps) domain walls freeze and §3.3's stop ends the run split. " +
            "A small network aligns before it freezes; a larger one needs more time than the schedule leaves.",
    };
  },
};
export const isingAlignment: Claim = withDerivedCells(
  isingAlignmentCells,
  node0Derivation(
    "every node adopts its value whatever the energy: the runs align on its ledger, and as often with the energy off, at every N",
  ),
);

/** "thermal noise (adversarial inputs) prevents instant freezing": noise does; adversaries are not noise. */
export const isingThermalNoise: Claim = {
  id: "p2.1-ising-thermal-noise",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "thermal noise prevents instant freezing",
  notebook: ISING_NOTEBOOK,
  model:
    `§3.3's update on ±1 ledgers on ws(50, 4, 0.1) drawn per run (as p2.1-ising-alignment; the ` +
    `cell's kernel: node0, node 0's value, §3.3's code; neighbour, a random neighbour's, the §3.1 ` +
    `gossip; one study, spinCopyRuns, for the claim, figure ising-copy-runs and notebook 03), ` +
    `${THERMAL_NOISE_RUNS} runs per arm (planned: equivalence within ±0.1 at p = ½, power 0.9 at a true difference of 0.05). One quench per kernel, the ` +
    `control of both clauses. (a), once per kernel: runs with the schedule's noise (T₀ = 100, ×0.95) ` +
    `against runs of the same update quenched at T = 0. (b), per kernel and adversary cell: runs ` +
    `quenched at T = 0 with the cell's share of adversaries of the cell's kind (pinned: nodes held ` +
    `at −1, zealots; noisy: nodes that redraw their ledger at random before every sweep; neither ` +
    `follows the update, the rest start at random) against the same quench without them, a run counted ` +
    `frozen, in both arms, when it freezes with the honest nodes (every node but the adversaries) still split; the runs ` +
    `whose honest nodes end on the zealots' −1 (captured) are counted beside it.`,
  reading: {
    statement:
      "Thermal noise, and the adversarial inputs the parenthesis names as that noise, prevents " +
      "instant freezing: (a) with the schedule's noise the network freezes in disagreement " +
      "less often than the same update quenched at T = 0, and (b) with adversarial inputs " +
      "(and no heat) its honest nodes freeze in disagreement less often than the same quench does without them: " +
      "freezing is the text's, a stop with disagreement (the energy it glosses) left, one event in every cell and arm. " +
      "The two are the grid's `noise` (the text's two names for one noise, VERDICTS.md §1), so each finding is one " +
      "cell: (a) per kernel, (b) per kernel and adversary.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "one rates (two-proportion test) per cell, the grid's verdict over them: noise = " +
      "thermal, (a) frozen-split runs quenched > with noise; noise = adversarial, (b) " +
      "runs frozen with the honest nodes split, quenched without adversaries > with them, the adversary parameters nested under it, since (a) never reads them",
    threshold: "each: Newcombe's 95 % interval of the difference beyond +0.1 holds; within ±0.1, or below 0 at p < 0.05, refutes",
    why:
      `Freezing is §3.3's own stop (a sweep without change), and a quench is what 'instant freezing' names; ` +
      `0.1 is the smallest difference in rates worth calling an effect. (b) reads the parenthesis, ` +
      `'thermal noise (adversarial inputs)', as the text's: the adversarial inputs are what prevents freezing, ` +
      `so they are measured doing it without heat. (The third edition asked instead that adversaries ` +
      `leave the ledger to a fair coin, ½: a property of noise the text never states, and under node0 at ` +
      `share 0.2 its true value, ½ + share/2, sat on its margin.) ${THERMAL_NOISE_RUNS} runs per arm: equivalenceRuns(½, ` +
      `0.1, 0.05), the interval's half-width plus 1.28 SE inside ±0.1 at p = ½ when the true difference is half the ` +
      `margin (the twenty-ninth edition's plan: with 526, planned for a difference of 0, a cell whose difference sat ` +
      `near 0.05 straddled ±0.1 in 3 of 20 replicates). Freezing is read as the text glosses it: the nodes align to ` +
      `minimise 'magnetic energy (disagreement)', and a freeze is a stop with disagreement left (a quench trapped in ` +
      `domains, not the ordered state), so a run is frozen when its honest nodes stop split, in every cell and both arms. ` +
      `The sentence sets freezing against its first clause: nodes 'align … to minimize magnetic energy (disagreement), ` +
      `but' noise 'prevents instant freezing', so a freeze is the alignment stopped short, with disagreement left. A ` +
      `captured run has none: every honest node agrees with its neighbours and with the zealots, the energy at its ` +
      `minimum (with nodes pinned at −1 the one ground state), so it aligned, as a quench's consensus does in the ` +
      `control; counted as frozen, the sentence's own alignment would be its freeze (thirty-fourth-edition referee: ` +
      `a sentence of the text for the reading, and the time to the stop beside it in both arms, which each cell's ` +
      `headline gives). ` +
      `The other reading, a run whose honest nodes all end on the zealots' −1 counted as frozen too (twenty-eighth ` +
      `edition), counts a consensus on −1 as a freeze and one on +1 as none in the control quench, which has no ` +
      `zealots and no preferred ledger; its count stands beside each pinned cell (captured), and where a pinned cell ` +
      `holds, its reason says that the zealots prevent the freeze by capture, a safety failure this claim does not ` +
      `weigh. (b) has more cells than (a) because the parenthesis' adversaries have more open choices; the row says ` +
      `which cells hold.`,
  },
  grid: {
    noise: {
      values: ["thermal", "adversarial"],
      why: [
        "(a) 'thermal noise' as written: the schedule's heat (T₀ = 100, ×0.95) against the " +
          "same update quenched at T = 0; it reads no adversary, so it is one cell per kernel",
        "(b) the parenthesis' 'adversarial inputs', the text's second name for that " +
          "noise: a quench with the cell's adversaries against the same quench without them",
      ],
    },
    adversaries: {
      values: [0.05, 0.2],
      why: ["a small minority (5 % of the nodes, 3 of 50)", "a large minority still below BFT's one third"],
      when: { noise: ["adversarial"] },
    },
    adversary: {
      values: ["pinned", "noisy"],
      when: { noise: ["adversarial"] },
      why: [
        "a zealot: held at −1, it injects one value and never updates (the adversary of the consensus literature, e.g. the voter model's zealots)",
        "noise-like: a ledger redrawn uniformly before every sweep, the parenthesis' own equation of " +
          "adversarial inputs with thermal noise (sixth-edition referee: a second text-faithful model)",
      ],
    },
    kernel: KERNEL_GRID,
  },
  repairs: [
    {
      variant: "hajek",
      why:
        `${HAJEK_WHY} The repair of (a)'s heat (twenty-fourth-edition referee): the symmetric kernel alone keeps the ` +
        `×0.95 cooling, close to a quench for domain coarsening, so the pair changes the schedule too; its schedule ` +
        `states its horizon, and every noisy run goes to it.`,
      outsideTheorem:
        "the adversarial cells: an adversary is not the chain's own heat, which the theorem is about; and " +
        depthBeyondC(WS_DEPTH, "N = 50"),
      shortOfTheorem: PAIR_SHORT,
    },
  ],
  byConstruction:
    "At T > 0 Metropolis accepts an uphill copy with probability e^(−ΔE/T) > 0 and T₀ = 100 ≫ ΔE ≤ 8, so the network cannot freeze while it " +
    "is hot: that noise keeps spins moving is the acceptance rule itself; what is measured is whether it keeps the network from freezing " +
    "split. An adversary pinned to one ledger is a zealot: it never takes another ledger, so the network as a whole can end aligned only on " +
    "their −1; split is therefore read over the honest nodes, and what is measured in (b) is whether their quench freezes split less often. A " +
    "noisy adversary changes its ledger every sweep, so the honest nodes next to it keep receiving proposals that differ from theirs: that it " +
    "can keep them moving is built in, whether it keeps them from freezing split is measured. Under kernel node0 (§3.3's injection/adoption: " +
    "every node proposes node 0's value, node 0 never moves) no split minimum forms while the network is hot: the set holding node 0's value " +
    "only grows and every node joins within a few sweeps, so (a)'s noisy runs cannot freeze split by construction (the quench's count is " +
    "measured); with pinned adversaries the whole network ends split whenever node 0 is honest and holds +1 (probability (1 − share)/2), " +
    "whatever the temperature, which is why (b) reads split over the honest nodes; whether those freeze split is measured.",
  review: THERMAL_NOISE_REVIEW,
  uses: ["schedule", "kernel"],
  reference: {
    kind: "control",
    text:
      "the same update quenched at T = 0, one quench per kernel: (a) against the " +
      "schedule's noise, runs frozen split; (b) against the quench with the cell's adversaries, " +
      "runs frozen with the honest nodes split (the ½ of the third edition is gone)",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const kernel = kernelIn(ctx);
    const keys = (stream: string) => (name: string) => ctx.key(`${stream}/${name}`);
    // One quench per kernel, the control of both clauses: the same stream in every cell, so (a) and (b) read one arm.
    const quenched = spinCopyRuns(keys("quench"), { nodes: THERMAL_NODES, runs: THERMAL_NOISE_RUNS, schedule: () => constant(0), kernel });
    return ctx.cell.noise === "adversarial" ? adversarialInputs(ctx, kernel, quenched, keys) : thermalNoise(ctx, kernel, quenched, keys);
  },
};

/** The size of p2.1-ising-thermal-noise's networks: §3.3's 50 nodes. */
const THERMAL_NODES = 50;

/** (a) of p2.1-ising-thermal-noise, once per kernel: runs frozen split, quenched at T = 0 vs with the schedule's noise. */
function thermalNoise(
  ctx: MeasureContext,
  kernel: ProposalKernel,
  quenched: SpinCopyRuns,
  keys: (stream: string) => (name: string) => Key,
): Measurement {
  const schedule = ctx.mechanism.schedule;
  const noisy = spinCopyRuns(keys("noise"), {
    nodes: THERMAL_NODES,
    runs: THERMAL_NOISE_RUNS,
    schedule: () => schedule(INITIAL_TEMPERATURE),
    kernel,
  });
  const result = rates(
    { k: quenched.frozenSplit, n: quenched.runs },
    { k: noisy.frozenSplit, n: noisy.runs },
    "greater",
    0.1,
    `${kernel}: thermal noise prevents instant freezing (runs frozen split: quenched at T = 0 vs with the schedule's noise)`,
    [
      rateEvidence("runs frozen split, T = 0 quench", quenched.frozenSplit, quenched.runs),
      rateEvidence("runs frozen split, T₀ = 100 ×0.95", noisy.frozenSplit, noisy.runs),
      evidence("mean sweeps to the stop, quench", quenched.meanSweeps),
      evidence("mean sweeps to the stop, with noise", noisy.meanSweeps),
    ],
  );
  return {
    result,
    headline:
      `${kernel}, thermal noise: frozen split ${quenched.frozenSplit}/${quenched.runs} ` +
      `quenched vs ${noisy.frozenSplit}/${noisy.runs} with the schedule's noise; mean sweeps to the stop ` +
      `${num(quenched.meanSweeps)} vs ${num(noisy.meanSweeps)}`,
    reason:
      kernel === "node0"
        ? "Every node proposes node 0's value and the set holding it only grows: with the schedule's heat " +
          "every node joins within a few sweeps, and even a quench (a tie is accepted) cascades from the half that " +
          "starts on it to the rest in most runs, so there is little instant freezing for noise to prevent."
        : "The schedule's heat keeps copying going long enough for the network to agree, where a quench freezes its random domains at once.",
  };
}

/**
 * (b) of p2.1-ising-thermal-noise, per kernel and adversary cell: runs frozen with the honest nodes split, quenched
 * without adversaries vs quenched with the cell's.
 */
function adversarialInputs(
  ctx: MeasureContext,
  kernel: ProposalKernel,
  quenched: SpinCopyRuns,
  keys: (stream: string) => (name: string) => Key,
): Measurement {
  const share = Number(ctx.cell.adversaries);
  const adversary = ctx.cell.adversary === "noisy" ? "noisy" : "pinned";
  const attacked = spinCopyRuns(keys(adversary === "noisy" ? "attack-noisy" : "attack"), {
    nodes: THERMAL_NODES,
    runs: THERMAL_NOISE_RUNS,
    schedule: () => constant(0),
    kernel,
    adversaries: share,
    adversary,
  });
  const pins = Math.round(share * THERMAL_NODES);
  const kind = adversary === "noisy" ? "redrawing their ledger every sweep" : "pinned to −1";
  // One event in every arm (thirty-second-edition referee): the honest nodes stopped split; capture stands beside it.
  const result = rates(
    { k: quenched.honestSplit, n: quenched.runs },
    { k: attacked.honestSplit, n: attacked.runs },
    "greater",
    0.1,
    `${kernel}: adversarial inputs prevent instant freezing (runs frozen with the honest nodes split, ` +
      `in both arms: quenched at T = 0 vs quenched with ${pins} of ${THERMAL_NODES} nodes ${kind})`,
    [
      rateEvidence("runs frozen with the honest nodes split, T = 0 quench without adversaries", quenched.honestSplit, quenched.runs),
      rateEvidence(`runs frozen with the honest nodes split, T = 0 quench with ${pins} adversaries`, attacked.honestSplit, attacked.runs),
      rateEvidence("runs frozen with every node on −1, T = 0 quench without adversaries", quenched.frozenOnMinus, quenched.runs),
      rateEvidence(
        `runs frozen with every honest node captured on the adversaries' −1 (${pins} adversaries, T = 0)`,
        attacked.captured,
        attacked.runs,
      ),
      rateEvidence(`runs frozen with the whole network split, T = 0 quench with ${pins} adversaries`, attacked.frozenSplit, attacked.runs),
      rateEvidence(`runs whose honest nodes end on −1 (${pins} adversaries, T = 0)`, attacked.onAdversaries, attacked.runs),
      evidence("mean sweeps to the stop, quench without adversaries", quenched.meanSweeps),
      evidence(`mean sweeps to the stop, quench with ${pins} adversaries`, attacked.meanSweeps),
    ],
  );
  return {
    result,
    headline:
      `${kernel}, ${pins} ${adversary} adversaries: honest nodes frozen split ${quenched.honestSplit}/${quenched.runs} ` +
      `quenched without them vs split ${attacked.honestSplit} and captured ${attacked.captured} of ${attacked.runs} with them; ` +
      `mean sweeps to the stop ${num(quenched.meanSweeps)} vs ${num(attacked.meanSweeps)}`,
    reason:
      (adversary === "pinned"
        ? "Adversaries pinned to −1 never move: honest nodes next to them are held on −1 while the rest settle on " +
          "either ledger, so the honest nodes freeze split or captured on the adversaries' ledger "
        : "Noisy adversaries redraw their ledger every sweep, but at T = 0 an honest node takes a " +
          "proposal only if it costs nothing, so the noise reaches few honest nodes and they freeze split ") +
      (result.finding.kind === "supported"
        ? adversary === "pinned"
          ? `less often than without them, by capture: ${attacked.captured} of ${attacked.runs} runs end with every honest ` +
            "node on the zealots' −1, so the adversarial inputs prevent the freeze by taking the ledger over" +
            (attacked.meanSweeps < quenched.meanSweeps
              ? `, and the runs stop sooner than without them (${num(attacked.meanSweeps)} sweeps against ${num(quenched.meanSweeps)}).`
              : ".")
          : "less often than without them: here the adversarial inputs do act against freezing."
        : result.finding.kind === "refuted"
          ? "about as often as, or more often than, without them: adversarial inputs are not the noise that prevents freezing."
          : "at a rate this many runs do not separate from the quench without them."),
  };
}

export const claims: Claim[] = [isingAlignment, isingThermalNoise];

/**
 * §2.2 step 3 on the text's landscape, p2.2-annealing: conflicting ledgers at the end of the text's schedule against
 * the same runs held at T₀, with the designed trap beside it. Split from ./section2-cooling, whose claims are the
 * message counts and crystallisation.
 */
import { type AnnealRunEnd, boltzmannConflictBound, boltzmannConflictFloor, tallyAnnealRuns } from "../studies/cooling/annealing";
import { ANNEAL_RUNS, coolingAnnealingLooks, TRAP_RUNS } from "../studies/cooling/cell-annealing";
import { WS_DEPTH } from "../spin/ws-landscape";
import {
  CONVEX_KEEPS_TEXT_COOLING,
  COPY_KERNELS_OUTSIDE_HAJEK,
  depthBeyondC,
  HAJEK_WHY,
  HOLD_THEN_COOL_WHY,
  LOGARITHMIC_HORIZON,
  STOP_CELLS_SHORT_OF_HORIZON,
} from "./machinery/repairs";
import { UPDATE_SWEEP_CAP } from "../spin/update-kernels";
import { conjunction, rateEvidence } from "./machinery/decide";
import { cellStop, rateBeyondByLooks, ratesByLooks } from "./machinery/sequential-cell";
import { REVIEW_FIFTEENTH, REVIEW_HOLD_THEN_COOL } from "./reviews";
import { evidence, num } from "./machinery/evidence";
import { powerOfTen } from "../format";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";
import { LEDGER_COPY_CELLS } from "./machinery/references";
import { FLOW_STEPS, FLOW_TOLERANCE, FLOW_UPDATE } from "./machinery/flow-cells";
import { ANNEAL_FLOW_RUNS, annealingFlowCell, FLOW_STEP_TEXT, LAW_DRAWS, LAW_LEVELS, SMALL_STEP } from "./machinery/flow-anneal";
import { COPY_KERNEL } from "./machinery/mechanism";
import { coolingCell } from "./machinery/study-cells";
import { COOLING_NOTEBOOK } from "./section2-messages";
import { node0Derivation, withDerivedCells } from "./machinery/derived-cells";

/** The measurement of p2.2-annealing's copy cells: one cell's runs (studies/cooling/cell-annealing), as many as its looks ask for. */
function annealingLooksOfCell(ctx: MeasureContext) {
  return coolingAnnealingLooks(coolingCell(ctx));
}

/** What the constant-T₀ control says of the quote's causal clause (evidence, not decided): cooled vs held at T₀. */
/**
 * The margin of p2.2-annealing's two clause parts, the claim's own 5 % "improbable" level: a difference of conflict
 * shares (cooled against held) within ±0.05 is no effect of the lowering, and a share held at T₀ more than 0.05 below
 * the Boltzmann law's floor there is not that law.
 */
const CLAUSE_MARGIN = 0.05;

function boltzmannControl(uncooled: { k: number; n: number }, floor: number, start: number): string {
  const counts = `${uncooled.k}/${uncooled.n}`;
  return uncooled.k / uncooled.n >= floor - CLAUSE_MARGIN
    ? `Held at T₀ = ${num(start)} the runs end in conflict as the Boltzmann law there says (${counts}; the law: at least ${num(floor)}).`
    : `The Boltzmann law at T₀ = ${num(start)} puts at least ${num(floor)} of the ` +
        `chain's states in conflict, and the runs held there end in conflict ${counts}: ` +
        `the update does not sample that law (a copy kernel absorbs in a ` +
        `consensus at any temperature), so the conflicts' fall is not the Boltzmann law's.`;
}

function coolingControl(cooled: { k: number; n: number }, uncooled: { k: number; n: number }): string {
  const counts = `${cooled.k}/${cooled.n} cooled against ${uncooled.k}/${uncooled.n} held at T₀ on the same key`;
  if (cooled.k / cooled.n < uncooled.k / uncooled.n)
    return `The control agrees with the causal clause: lowering T leaves fewer runs in conflict (${counts}).`;
  if (cooled.k / cooled.n > uncooled.k / uncooled.n)
    return (
      `The control contradicts the causal clause: the same runs held at T₀ end in ` +
      `conflict less often (${counts}), so the lowering of T is what leaves the conflicts.`
    );
  return `The control shows the lowering of T plays no part in the count (${counts}).`;
}

const annealingRoleCells: Claim = {
  id: "p2.2-annealing",
  source: "proposal",
  section: "2.2",
  quote:
    "Annealing: The network temperature T_net is dynamically lowered. High-entropy states " +
    "(conflicting ledgers) become exponentially improbable according to the Boltzmann distribution",
  short: "annealing drives the network to agreement",
  notebook: COOLING_NOTEBOOK,
  model:
    `flow: the §1.3 Langevin dynamics whose law the sentence appeals to (ULA of the mechanism's ℋ at the cell's step h, ` +
    `gridded; claims/machinery/flow-cells, p2.2-crystallisation's flow from another start) on one ws(50, ` +
    `4, 0.1) per replicate, every node of each of ${ANNEAL_FLOW_RUNS} runs (side by side) on +1 or −1 ` +
    `drawn at random (conflicting ledgers, at distance 2), under the schedule from T₀ = 100 (handed the ` +
    `flow's d* = 0), until every run is in consensus or the schedule's stated horizon, else ${FLOW_STEPS} ` +
    `steps' flow time (h·steps of the step 0.5/(2 max D)); a run ends in conflict when not every node is within ${FLOW_TOLERANCE} (1 % of the ` +
    `ledgers' distance) of its run's mean, p2.2-crystallisation's criterion; the same runs (same key: ` +
    `graph, start, noise) held at T₀ for as many steps are the control; the ` +
    `Boltzmann law's share in conflict at the temperatures where it is ${LAW_LEVELS.join(", ")} and ULA's ` +
    `stationary share there come from ${LAW_DRAWS} exact draws of both Gaussian laws on the cell's graph. copy: the text's landscape: ℋ's ` +
    `interaction on two values per node (§3.3's ½‖s_i − s_j‖² = 1 − s_is_j, the Ising form with J = 1, ` +
    `no field) on §3.3's graph watts_strogatz(50, 4, 0.1), a new graph per run, from values drawn at ` +
    `random per node (conflicting ledgers). §3.3's update with the cell's kernel (node 0's value or a ` +
    `uniformly drawn neighbour's), Metropolis, nodes in order, T = 100·0.95^t per sweep, for at most ` +
    `${UPDATE_SWEEP_CAP} sweeps (§3.3's cap; a schedule that states a longer horizon runs it); ${ANNEAL_RUNS} ` +
    `runs per cell; a run ends in conflict when its nodes do not all hold one value (the two ` +
    `consensus states are this landscape's global minima). The same runs on the same key held at constant ` +
    `T = T₀ (no cooling, the same horizon and end) are the control of the quote's two clauses, each a ` +
    `part: the lowering as the cause, and the Boltzmann law. Beside it, as evidence only: the first ` +
    `editions' designed trap (8 spins, two communities, fields +0.5/−0.3, 2 bridges), ${TRAP_RUNS} runs.`,
  reading: {
    statement:
      "Lowering T_net by the text's schedule (T₀ = 100, ×0.95) makes conflicting ledgers improbable, " +
      "as the Boltzmann law at the lowered temperature says, and so the network locks into " +
      "the global minimum. Three parts, one per clause: at the end of the text's process few runs " +
      "are left in conflict; the lowering is what makes them few (the same runs held at T₀ end " +
      "in conflict more often); and the conflicts follow the Boltzmann law: on the flow, the chain's " +
      "stationary share in conflict is the law's across the transition, where the law is neither 0 nor 1; on " +
      "§3.3's copy, held at T₀, where the law puts nearly every state in conflict, the runs end in conflict as " +
      "often as it says.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "each cell (the flow, and §3.3's copy by kernel and end) a conjunction (Holm) of " +
      "three parts: (outcome) rateBeyond, the share of runs ending in conflict below 0.05; " +
      "(cause) rates, the share held at T₀ above the share lowered, beyond ±0.05; (Boltzmann) " +
      "on the copy cells rateBeyond, the share held at T₀ above the Boltzmann law's floor there less 0.05, on the " +
      "flow cells everyCase (Holm) of estimatesEqual at the three temperatures where the law's share in conflict " +
      "is 0.25, 0.5 and 0.75, ULA's exact stationary share against the law's within ±0.05 both ways (under a " +
      "variant's integrator ratesEqual on runs held there, 801 so the MDE is within ±0.05, inconclusive where " +
      "they did not relax); each copy part decided look by " +
      "look on the plan's first runs (docs/verdicts.md: four looks, O'Brien–Fleming), its label the rule's own on the " +
      "runs it used",
    threshold:
      "outcome: conflict rate < 0.05; cause: held − lowered > 0.05 (within ±0.05, " +
      "or below, refutes); Boltzmann: held-at-T₀ rate above floor − 0.05, where floor " +
      "= 1/(1 + 2(2^N − 2)^(−1)e^(2E/T₀)) bounds the law's P(conflict) from below (copy); |chain − law| " +
      "< 0.05 at each of the three temperatures (flow; a 95 % interval wholly beyond ±0.05 at one refutes)",
    why:
      `"Improbable" read at the usual 5 % level; the Boltzmann law at the end of the schedule puts conflicts ` +
      `below 2^49·e^(−2/T) (< 10⁻¹⁰⁰ at T = 100·0.95^199), so 5 % is far kinder than the law. ` +
      `${ANNEAL_RUNS} runs resolve a rate of 0.05 to about ±${num(1.96 * Math.sqrt((0.05 * 0.95) / ANNEAL_RUNS))}. ` +
      `Every clause of the sentence is a part (VERDICTS.md §1; review 3: the project's own control ` +
      `contradicted the causal clause while the outcome alone decided). The lowering is the cause when the ` +
      `same runs held at T₀ end in conflict more often; the Boltzmann law is the mechanism when the chain's ` +
      `conflict share is the law's at a temperature where the law is sharp: at T₀ every state has ℋ ≤ ` +
      `2E, so the law's P(conflict) is at least the floor (≈ 1 at T₀ = 100 on ws(50, 4, 0.1)); a chain that ` +
      `ends its runs there in consensus does not sample it. On the flow that check cannot fail (any chain that ` +
      `stays noisy at T₀ passes it: twenty-fourth-edition referee), so the flow's law is compared where the law ` +
      `is neither 0 nor 1: at the temperatures where it puts 25, 50 and 75 % of its weight on conflict, as ` +
      `p1.3-langevin compares ULA with the law it should sample (the chain's exact stationary law; runs held ` +
      `there check the code runs it). Both margins are the claim's own 5 % level.`,
  },
  grid: {
    update: {
      values: ["copy", "flow"],
      why: [
        "§3.3's executable update: each node proposes a value by the cell's kernel and accepts by Metropolis, nodes in order, on two values per node",
        `${FLOW_UPDATE}: the sampler the sentence's "according to the Boltzmann distribution" presumes ` +
          `(§1.3: stochastic gradient descent, "equivalent to Langevin Dynamics", samples e^(−ℋ/T)); ` +
          `a run is in conflict when not every node is within ${FLOW_TOLERANCE} of its run's mean ` +
          `(1 % of the ledgers' distance), p2.2-crystallisation's criterion, and the Boltzmann part's ` +
          `law is the continuous Gaussian e^(−ℋ/T) (claims/machinery/flow-anneal), both fixed before the run`,
      ],
    },
    h: {
      when: { update: ["flow"] },
      values: [FLOW_STEP_TEXT, SMALL_STEP],
      why: [
        "the flow cells' own step (p2.2-crystallisation's, h·λ_max(L) ≈ 0.3–0.4 on ws(50, 4, 0.1)): a gradient " +
          "descent's step, at which ULA's stationary law is wider than Boltzmann's by 1/(1 − hλ_m) per mode",
        `h·λ_max(L) = ${SMALL_STEP}, p1.3-langevin's smallest step: toward the h → 0 limit in which the Euler–Maruyama ` +
          `step is §1.3's Langevin dynamics (the text sets no step; p1.3-langevin grids it the same way); the text's ` +
          `×0.95 is per step, so this cell cools in less flow time, which the convex ℋ's outcome does not depend on`,
      ],
    },
    kernel: COPY_KERNEL,
    end: {
      when: { update: ["copy"] },
      values: ["stop", "horizon"],
      why: [
        "§3.3's loop as written: the run ends at the first sweep that changes nothing (or at the cap)",
        "§2.2's \"as T_net → 0\": the schedule runs to its horizon (§3.3's 1000 sweeps, T " +
          "≈ 5·10⁻²¹) with no early stop, so a run is not ended by a quiet sweep while it is " +
          "still warm; fixed before the run from that phrase (the same continuation " +
          "p3.2-ground-state gives the lemma's t → ∞), not chosen after seeing either value's outcome",
      ],
    },
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why:
        `Hajek's T_t = c/ln(t + e), the schedule that provably reaches the ground states of a ` +
        `reversible chain, at its best standard form: c = d* of this landscape (${WS_DEPTH} in the ` +
        `acceptance's units, 2 per cut edge; estimated: exact d* is 0–6 on enumerable ws(N ≤ 20, 4, 0.1) ` +
        `draws; spin/ws-landscape WS_DEPTH, the one d* p2.1-ising-alignment and p3.2-ground-state ` +
        `use) over ${LOGARITHMIC_HORIZON} sweeps (repairs LOGARITHMIC_HORIZON), run to the horizon ` +
        `in the end = horizon cells. ${STOP_CELLS_SHORT_OF_HORIZON} ${COPY_KERNELS_OUTSIDE_HAJEK}`,
      outsideTheorem: `copy kernels; ${CONVEX_KEEPS_TEXT_COOLING} (the kernel does not apply to it either); ${depthBeyondC(WS_DEPTH, "N = 50")}`,
    },
    {
      variant: "symmetric-kernel",
      why:
        "The textbook single-flip Metropolis proposal (for two values, the " +
        "other one), under which the Boltzmann law is the chain's equilibrium: " +
        'what the quote\'s "according to the Boltzmann distribution" presumes.',
      outsideTheorem: "geometric cooling",
    },
    {
      variant: "hajek",
      why: HAJEK_WHY,
      outsideTheorem:
        `${CONVEX_KEEPS_TEXT_COOLING} (the kernel does not apply to it either); there the Boltzmann part reads ULA's ` +
        `step-size bias, 1/(1 − hλ_m) per mode, which no schedule repairs (h = 0.02 is the step's limit); MALA, ` +
        `the integrator that removes that bias, was tried with it (thirtieth-edition referee's triple): at T ≈ 2·10⁻⁴ ` +
        `its runs reach the step cap without relaxing, so its flow cells are undecided and it is not shown; ` +
        depthBeyondC(WS_DEPTH, "N = 50"),
    },
    {
      variant: "hold-then-cool",
      why: HOLD_THEN_COOL_WHY,
      shortOfTheorem: "the end = stop cells: §3.3's quiet-sweep stop still ends a run, which may come before it fixates",
    },
  ],
  byConstruction:
    "flow: ℋ = Σ_edges (x_i − x_j)² is a convex quadratic whose minima are exactly the consensus " +
    "line: once the schedule is cold the flow is gradient descent on it and ends every run in a " +
    "consensus given the steps, so the outcome part holds by construction of its ℋ; held at T₀ = 100 " +
    "its disagreement is far wider than the 1 % tolerance, so the cause part holds too. The Boltzmann part is " +
    "ULA's exact stationary law against e^(−ℋ/T) across the transition: a Gaussian per Laplacian mode, wider " +
    "by 1/(1 − hλ_m), so its gap is fixed by the step, and the h grid measures it at two steps. " +
    ("copy: on this landscape the global minima are exactly the two consensus states (a " +
      "connected ferromagnet), so 'locks into the global minimum' and 'ends without conflict' are " +
      "one event. Under the node0 kernel a consensus on node 0's value is reached within a few " +
      "sweeps while still hot (every node proposes it): conflicts vanish whatever the schedule. " +
      "Under the neighbour kernel agreement absorbs too, but the random start coarsens like " +
      "a voter model and the geometric schedule freezes domain walls after about 100 sweeps. ") +
    ("So, under both text kernels, two parts can come out one way only (ninth-edition referee " +
      "#8): the Boltzmann part holds only if no run held at T₀ is absorbed in a consensus within " +
      "the horizon, and both copy kernels absorb (node0 within a few sweeps, neighbour as a " +
      "voter model at N = 50); and under node0 the cause part compares two shares at the floor (0 " +
      "cooled, 0 held at T₀), which can only be refuted within the margin. Each counts as its " +
      "clause states it, marked one way in the parts where its arms sit at a floor or a ceiling."),
  review:
    'Review: the headline "holds" rested on comparing annealing with a quench, not on the quote. Now ' +
    "the one reading is the quote's (conflicts improbable at the end of T = 100·0.95^t). Review 2: 'an " +
    "8-spin two-community problem with fields +0.5/−0.3 and symmetric single-flip Metropolis decides " +
    "p2.2-annealing (defects 1, 2); the logarithmic repair uses c = T₀ = 100 and ends at T = 18.8, a " +
    "straw man (defect 5)'. Fixed: measured on the text's Hamiltonian (interaction energy, two values per " +
    "node) on §3.3's ws(50, 4, 0.1) with §3.3's update, `kernel` gridded (node0, neighbour) and read " +
    "through kernelIn; symmetric only as the repair `symmetric-kernel`; the designed trap is evidence " +
    "beside the verdict; the logarithmic repair is Hajek's c = d* over a stated 10⁴-sweep horizon (its " +
    "source in repairs REPAIR_SOURCES). Internal review 3 (minor, p2.2-annealing): 'the quote's causal " +
    'clause ("T lowered → conflicts improbable according to Boltzmann") is untested. A constant-T₀ control, ' +
    "like p3.3's \"same key without cooling\", would test it as evidence … say in the grid's reason " +
    "that [end = horizon] was fixed before the run'; (defect 5) one d* for the ws landscape, and the " +
    "repair's guarantee does not cover the copy kernels. Fixed: each cell's runs are repeated on the same " +
    "key at constant T₀ (no cooling; evidence beside the verdict, not decided), and the end grid's " +
    'horizon value says it was fixed before the run from §2.2\'s "as T_net → 0"; d* comes from ' +
    "spin/ws-landscape (6, the acceptance's units), shared with p2.1-ising-alignment and p3.2-ground-state, and " +
    "the repair's why says a hold under a copy kernel is the voter model's absorption, not Hajek's " +
    "guarantee. Re-review (minor): 'the logarithmic repair's end = stop cells start at T = c = 6 and stop " +
    "at the first quiet sweep (neighbour/stop: 374/600). Say in the repair's why that those cells cannot " +
    "show Hajek's horizon.' Fixed: the repair's why (and its source in repairs) says so, from one " +
    "sentence shared with p2.1-ising-alignment (repairs STOP_CELLS_SHORT_OF_HORIZON); only the end = horizon " +
    "cells run to the horizon. Review 3 (issue 50): 'the sentence says conflicts become improbable " +
    '"according to the Boltzmann distribution". The project\'s own control contradicts the causal clause: ' +
    "under node-0 copy 0/600 runs end in conflict with or without cooling; under neighbour copy to " +
    "the horizon 15/600 cooled against 0/600 at constant T₀; observed conflict rates exceed the Boltzmann " +
    'bound by astronomical factors. Yet the verdict is "3 of 4 parts hold". The clause must be a ' +
    "measured part.' Fixed: each cell is a conjunction of the sentence's three clauses, the outcome (< " +
    "0.05 in conflict), the lowering as its cause (the same runs held at T₀ end in conflict more often, " +
    "beyond ±0.05) and the Boltzmann law (held at T₀, where the law puts at least 1 − 2·10⁻¹⁵ of its " +
    "weight on conflicts, the runs end in conflict that often, within 0.05). At seed 0 every cell fails " +
    "both clauses (the copy kernels end their runs held at T₀ = 100 in consensus: 0/600 and 36/600); the " +
    "claim goes from 3 holds, 1 fails (decided by kernel) to 3 mixed, 1 fails (no parameter decides). " +
    "Under the symmetric repair both clauses hold (600/600 held at T₀) and the outcome fails (67/600). " +
    ("Twelfth-edition referee: 'The sentence's mechanism is the Boltzmann law, and the text's sampler " +
      "of that law is the §1.3 Langevin flow … The grid has only the two copy kernels, which by construction " +
      'cannot sample it (declared). So "none of 4 parts holds" is a statement about the copy rule ' +
      "alone.' Fixed: the grid is `update: {copy, flow}` with the kernel and `end` nested under copy " +
      "(COPY_KERNEL, part kernel); the flow cell is p2.2-crystallisation's Langevin flow (claims/machinery/flow-cells, no " +
      "new integrator) from ±1 drawn per node on one ws(50, 4, 0.1), the copy cells' 600 runs side by " +
      "side, under the text's schedule until every run is in consensus (else 5000 steps or a stated horizon), " +
      "the same runs held at T₀ as the control; conflict is read as not every node within 0.02 of its " +
      "run's mean (crystallisation's 1 % criterion) and the Boltzmann part's floor is the continuous law's " +
      "(flowConflictFloor: P(conflict) ≥ 0.992 at T₀ = 100), both fixed before the run; what the convex " +
      "ℋ makes true is declared in byConstruction. At seed 0 the flow cell holds all three clauses (0/600 " +
      "in conflict after 790 steps; held at T₀ 600/600, against the floor 0.992); the copy cells are " +
      "unchanged; the claim stays mixed (3 mixed, 1 fails → 1 holds, 3 mixed, 1 fails). The Hajek pair goes " +
      "holds → mixed: the flow's d* = 0 makes c = 0 a quench at T = 0, which has no lowering for the " +
      "causal clause (0/600 both ways); the repair's outsideTheorem says so, as does logarithmic-cooling's.") +
    (" Thirteenth-edition referee: 'The p2.2-annealing Hajek repair fails by construction in " +
      "its flow cell: a c = 0 quench makes the cause and Boltzmann parts unreachable there. " +
      "Measured in its best form, the repair holds' (defect 1; their variant kept the text's " +
      "geometric cooling where d* = 0: holds 3/3). Fixed: on a convex ℋ (d* = 0), outside Hajek's " +
      "finite-state theorem, the Hajek and logarithmic repairs keep the text's cooling (repairs " +
      "CONVEX_KEEPS_TEXT_COOLING), said in each repair's outsideTheorem. At seed 0 the Hajek pair " +
      "goes mixed → holds (its flow cell mixed → holds; its two copy cells hold as before); " +
      "logarithmic-cooling's flow cell mixed → holds, the repair stays mixed on its copy cells.") +
    " Fourteenth-edition referee (2026-11-28): 'the node0 cells hold on the outcome only by construction … " +
    "mark the by-construction sides'. Re-decided by VERDICTS.md §3's amended rule: the flow cell (its three " +
    "clauses its convex ℋ's) and node0's outcome part were marked by construction then, evidence and not holding; " +
    "the node0 cells then fail on their cause and Boltzmann parts, and a grid of mixed and failing cells with " +
    "no holding one fails. " +
    "That reading was superseded before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    REVIEW_FIFTEENTH +
    " Twenty-fourth-edition referee: 'the flow cell's Boltzmann part holds on one check, runs held at T₀ = 100 " +
    "ending in conflict at least as often as the law's floor there (≈ 0.99): any chain that stays noisy at T₀ " +
    "passes it. The flow is ULA at h·λ_max(∇²ℋ) ≈ 0.6–0.77; at T = 3·10⁻⁴ the law gives 0.588 in conflict and ULA " +
    "0.697, a gap of 0.109, twice the part's margin. Compare the chain with the law where the law is neither 0 " +
    "nor 1, and grid h as p1.3-langevin does.' Fixed: the flow's Boltzmann part compares ULA's exact stationary " +
    "share in conflict with the law's at the three temperatures where the law's is 0.25, 0.5 and 0.75 (exact " +
    "draws of both Gaussian laws on the cell's graph, as p1.3-langevin decides its cells; runs held at the middle " +
    "temperature beside it as the check), within ±0.05 both ways; the flow cell is gridded over h, its own step " +
    "and p1.3-langevin's h·λ_max = 0.02." +
    REVIEW_HOLD_THEN_COOL,
  uses: ["interaction", "terms", "integrator", "schedule", "kernel"],
  reference: { kind: "threshold", text: "0.05 of the runs ending in conflict" },
  cellScopes: [LEDGER_COPY_CELLS],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    // The flow on the text's ℋ is the text's mechanism: measured and counted (the one by-construction test).
    if (ctx.cell.update === "flow")
      return annealingFlowCell(
        ctx,
        CLAUSE_MARGIN,
        ctx.cell.h === undefined || ctx.cell.h === FLOW_STEP_TEXT ? undefined : Number(ctx.cell.h),
      );
    const { kernel, end, cooled, uncooled, coldest, start, edges, trap, trapDepth } = annealingLooksOfCell(ctx);
    const floor = boltzmannConflictFloor(50, edges, start);
    const conflict = (run: AnnealRunEnd) => run.conflict;
    // Each part decided look by look (issue 72 item 3) on the plan's first runs: the outcome on the cooled runs, the
    // Boltzmann law on the runs held at T₀, the cause on both arms' runs of the same index.
    const outcomeTest = rateBeyondByLooks<AnnealRunEnd>(
      {
        statement: "runs ending in conflict",
        maxRuns: ANNEAL_RUNS,
        measure: (from, to) => cooled(to).slice(from),
        describe: (k, n, runs) => {
          const r = tallyAnnealRuns(runs);
          const bound = r.conflicts > 0 ? boltzmannConflictBound(50, r.hottestConflict) : boltzmannConflictBound(50, coldest);
          return {
            text: `${kernel}, ${end}: runs ending in conflict`,
            evidence: [
              rateEvidence("runs ending with conflicting ledgers (ws(50, 4, 0.1), the text's ℋ)", k, n),
              evidence("mean sweeps per run", r.meanSweeps),
              evidence(
                r.conflicts > 0
                  ? `log₁₀ of the Boltzmann bound on P(conflict) at the warmest end of a conflicted run (T = ${num(r.hottestConflict)})`
                  : `log₁₀ of the Boltzmann bound on P(conflict) at the horizon (T = ${num(coldest)})`,
                bound,
              ),
              rateEvidence(
                `designed (evidence): 8-spin trap (fields +0.5/−0.3, 2 bridges, d* = ${trapDepth}) runs left in conflict`,
                trap.conflicts,
                trap.runs,
              ),
            ],
          };
        },
      },
      conflict,
      0.05,
      "below",
    );
    // The clause "according to the Boltzmann distribution", and the lowering as its cause, are parts (issue 50): the
    // same runs held at T₀ (no lowering) are the control of both.
    const causedTest = ratesByLooks<readonly [AnnealRunEnd, AnnealRunEnd]>(
      {
        statement: "runs ending in conflict: held at T₀ vs lowered",
        maxRuns: ANNEAL_RUNS,
        measure: (from, to) => {
          const c = cooled(to);
          return uncooled(to)
            .slice(from)
            .map((u, i) => [u, c[from + i]!] as const);
        },
        describe: (k, n) => ({
          text: `runs ending in conflict: held at T₀ = ${num(start)} vs lowered`,
          evidence: [rateEvidence(`the same runs (same key) held at T = ${num(start)}, no cooling: runs ending in conflict`, k, n)],
        }),
      },
      ([u, c]) => [u.conflict, c.conflict],
      "greater",
      CLAUSE_MARGIN,
    );
    const boltzmannTest = rateBeyondByLooks<AnnealRunEnd>(
      {
        statement: "runs held at T₀ ending in conflict",
        maxRuns: ANNEAL_RUNS,
        measure: (from, to) => uncooled(to).slice(from),
        describe: () => ({
          text: `held at T₀ = ${num(start)}, runs in conflict as the Boltzmann law there has it (at least ${num(floor)})`,
          evidence: [evidence(`the Boltzmann law's P(conflict) at T₀ = ${num(start)}: at least`, floor, { reference: 1 })],
        }),
      },
      conflict,
      floor - CLAUSE_MARGIN,
      "above",
    );
    const result = conjunction(
      [
        { statement: "few runs end in conflict (< 0.05)", reading: outcomeTest.reading },
        { statement: "lowering T_net is what makes conflicts improbable", reading: causedTest.reading },
        { statement: "the conflicts follow the Boltzmann distribution", reading: boltzmannTest.reading },
      ],
      `${kernel}, ${end}: annealing makes conflicting ledgers improbable according to the Boltzmann distribution`,
    );
    // The headline counts every run measured: the cooled runs the outcome and the cause read, the held runs the cause
    // and the Boltzmann part read.
    const r = tallyAnnealRuns(cooled(Math.max(outcomeTest.stop.runs, causedTest.stop.runs)));
    const held = tallyAnnealRuns(uncooled(Math.max(causedTest.stop.runs, boltzmannTest.stop.runs)));
    const bound = r.conflicts > 0 ? boltzmannConflictBound(50, r.hottestConflict) : boltzmannConflictBound(50, coldest);
    return {
      result,
      sequential: cellStop([outcomeTest, causedTest, boltzmannTest]),
      headline:
        `${kernel}, ${end}: ${r.conflicts}/${r.runs} runs end in conflict ` +
        `(${num(r.meanSweeps)} sweeps on average); the Boltzmann law allows ` +
        `${bound < 0 ? powerOfTen(bound) : "any share (no bound that warm)"}; without cooling (T = ${num(start)}) ` +
        `${held.conflicts}/${held.runs}; designed trap: ${trap.conflicts}/${trap.runs}`,
      reason:
        `${
          kernel === "node0"
            ? "Every node proposes node 0's value: the network " +
              "copies it within a few sweeps while still hot, " +
              "and a consensus proposes nothing more, so no run " +
              "is left in conflict (the cooling plays no part)."
            : kernel === "neighbour"
              ? "Each node proposes a neighbour's value: the random start " +
                "coarsens like a voter model while hot; once the schedule has " +
                "cooled, the domain walls that remain freeze, far more often " +
                "than the Boltzmann law at the final temperature allows."
              : "Each node proposes the other value (the symmetric " +
                "repair, whose stationary law is Boltzmann): the " +
                "conflicts left at the end are domain walls the " +
                "schedule froze before the chain reached that law, " +
                "which at the final temperature allows almost none."
        } ` +
        `${coolingControl({ k: r.conflicts, n: r.runs }, { k: held.conflicts, n: held.runs })} ` +
        `${boltzmannControl({ k: held.conflicts, n: held.runs }, floor, start)}`,
    };
  },
};
export const annealingRole: Claim = withDerivedCells(
  annealingRoleCells,
  node0Derivation(
    "a consensus on its value comes within a few sweeps while still hot, whatever the run's end: few conflicts, " +
      "as few without the cooling, and the consensus absorbs, so no Boltzmann law",
  ),
);

export const claims: Claim[] = [annealingRole];

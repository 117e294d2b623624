/**
 * Lemma 1's steps on the §3.3 Metropolis step and its conclusion (§3.2): steps 4–5 audited on exact transition matrices
 * under both text rules (`kernel: KERNEL_GRID`), and the conclusion, the ground state reached, measured by seeded runs
 * on the text's ℋ and ws graph. Split from ./section3-lemma, whose claims are steps 1–2 on the Langevin flow.
 */
import { uniformSource, type Key } from "../engine/random";
import { LEMMA_EDGES } from "../studies/lemma-audit/lemma-experiments";
import {
  GROUND_STATE_GRID,
  groundStateRunCount,
  groundStateRunsBetween,
  groundStateSummary,
  LATER_EVERY,
  LATER_SWEEPS,
} from "../studies/lemma-audit/ground-state";
import { cellStop, rateBeyondByLooks } from "./machinery/sequential-cell";
import { WS_DEPTH, WS_LANDSCAPE } from "../spin/ws-landscape";
import {
  ABSORPTION_HORIZON,
  CONVEX_KEEPS_TEXT_COOLING,
  COPY_KERNELS_OUTSIDE_HAJEK,
  depthBeyondC,
  HAJEK_WHY,
  HOLD_THEN_COOL_WHY,
  LOGARITHMIC_HORIZON,
} from "./machinery/repairs";
const GROUND_STATE_SIZES = "N = 50 and 500 and for eight ledgers"; // where its Hajek repairs take c = d*
import * as audit from "../spin/lemma/transition-matrices";
import { everyCase, fact, rateEvidence } from "./machinery/decide";
import { GROUND_STATE_PLAN_REVIEW, REVIEW_FIFTEENTH } from "./reviews";
import { evidence, num } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";
import { LEDGER_COPY_CELLS } from "./machinery/references";
import { COPY_KERNEL, KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { TEXT_KERNELS } from "../spin/update-kernels";
import { FLOW_STEPS, FLOW_TOLERANCE, FLOW_UPDATE, GROUND_STATE_FLOW_RUNS, groundStateFlowCell } from "./machinery/flow-cells";
import { EXACT, LEMMA_NOTEBOOK } from "./section3-lemma";
import { withDerivedCells } from "./machinery/derived-cells";

/**
 * The grid of steps 4–5: the text's two proposal rules (KERNEL_GRID), the §3.2 audit's graphs (the square with one
 * diagonal, or a connected G(4, ½) drawn per replicate) and two temperatures.
 */
const LEMMA_KERNEL_GRID = {
  kernel: KERNEL_GRID,
  graph: {
    values: ["square", "random"],
    why: [
      "notebook 09's test system: 4 nodes on a square with one diagonal (the text gives no graph; 81 states stay exact)",
      'a connected G(4, ½) drawn per replicate from ctx.key("graph")',
    ],
  },
  T: {
    values: [1, 0.25],
    why: ["T = 1 in units of the coupling (notebook 09)", "a colder chain (T fixed by no text)"],
  },
} as const;

/** A connected G(4, ½): each of the 6 pairs joined with probability ½, redrawn (same stream) until connected. */
function randomConnected(k: Key): Array<[number, number]> {
  const u = uniformSource(k);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) pairs.push([i, j]);
  for (;;) {
    const edges = pairs.filter(() => u() < 0.5);
    const root = [0, 1, 2, 3];
    const find = (x: number): number => (root[x] === x ? x : (root[x] = find(root[x]!)));
    for (const [i, j] of edges) root[find(i)] = find(j);
    if (new Set([0, 1, 2, 3].map(find)).size === 1) return edges;
  }
}

/**
 * The §3.2 test system of a cell, and the §3.3 Metropolis step with the cell's proposal rule (`kernelIn`): "node0"
 * (§3.3's code: node i proposes node 0's value), "neighbour" (the §3.1 gossip: a uniformly drawn neighbour's value)
 * or, as the repair, "symmetric" (a uniformly drawn other value). Reads `kernel`.
 */
function kernelSystem(ctx: MeasureContext) {
  const edges = ctx.cell.graph === "random" ? randomConnected(ctx.key("graph")) : (LEMMA_EDGES as Array<[number, number]>);
  const T = ctx.cell.T as number;
  const kernel = kernelIn(ctx);
  const proposal: audit.ProposalRule = kernel === "node0" ? "copy-node-0" : kernel === "neighbour" ? audit.copyNeighbour(edges) : "uniform";
  const space = audit.stateSpace(4, [0, 1, 2]);
  const energies = audit.energies(space, audit.interactionEnergy(edges));
  const delta = { kind: "local-half" as const, edges };
  const label = `${ctx.cell.graph === "random" ? `G(4, ½) with ${edges.length} edges` : "the square with a diagonal"}, T = ${T}, ${KERNEL_LABEL[kernel]}`;
  return { space, energies, delta, proposal, T, kernel, label, piNet: audit.boltzmann(energies, 2 * T), piT: audit.boltzmann(energies, T) };
}

/** The proposal rules as the headlines name them. */
const KERNEL_LABEL = {
  node0: "§3.3's copy-node-0 proposal",
  neighbour: "the gossip's copy-a-neighbour proposal",
  symmetric: "a symmetric proposal (the repair)",
} as const;

const KERNEL_MODEL =
  "The §3.2 test system: 4 nodes on the cell's graph, values {0, 1, 2} (81 states), ℋ = " +
  "Σ_edges (ψ_i − ψ_j)², the §3.3 step (local energy with its ½, accept when ΔE ≤ 0, else " +
  "with e^(−ΔE/T)); exact transition matrices of each node's update and of §3.3's sweep in " +
  "node order, for the cell's proposal rule: node 0's value (§3.3's code) or a uniformly " +
  "drawn neighbour's (the §3.1 gossip, each neighbour with probability 1/deg). The ½ of §3.3's " +
  "local energy is absorbed into T_net = 2T (the rubric's charity on constant factors).";

const KERNEL_REPAIR = {
  variant: "symmetric-kernel",
  why:
    "The first edition's strongest reading replaced the text's copy proposals by a symmetric one (the textbook Metropolis kernel, neither " +
    "§3.3's code nor gossip): measured here as a repair, on the same grid.",
};

/** Lemma 1, step 4: the Metropolis–Hastings rule of Phase II guarantees detailed balance. */
const lemmaStep4Cells: Claim = {
  id: "p3.2-step4-detailed-balance",
  source: "proposal",
  section: "3.2",
  quote: "Given the Metropolis-Hastings acceptance criterion used in Phase II (see diagram), the system guarantees detailed balance.",
  short: "step 4: Metropolis ⇒ detailed balance",
  notebook: LEMMA_NOTEBOOK,
  model: KERNEL_MODEL,
  reading: {
    statement:
      "The Phase II update as the text gives it (node i proposes a value by the " +
      "cell's text rule, node 0's value in §3.3's code or a neighbour's in the pull " +
      "gossip, accepted by the Metropolis criterion) satisfies detailed balance " +
      "with respect to the Boltzmann law e^(−ℋ/T_net) (T_net = 2T absorbs §3.3's ½).",
    mechanism: "proposal",
  },
  decision: {
    rule: "fact (exact 81-state matrices): the largest violation of detailed balance over every node's update",
    threshold: `max_i max_ab |π_a P⁽ⁱ⁾_ab − π_b P⁽ⁱ⁾_ba| < ${EXACT}, π ∝ e^(−ℋ/2T)`,
    why:
      "Detailed balance is a property of each Metropolis–Hastings update (a sweep of reversible " +
      "updates is not itself reversible, but keeps π; step 5 tests that), and the matrices are exact: " +
      "double rounding (EXACT) is the only tolerance, and every violation the audit finds is ≥ 1e−3.",
  },
  grid: LEMMA_KERNEL_GRID,
  repairs: [KERNEL_REPAIR],
  byConstruction:
    "The outcomes follow from the kernel's algebra: with a symmetric proposal the Metropolis acceptance " +
    "is reversible with respect to its target by construction (the textbook theorem); with §3.3's " +
    "proposal a move to node 0's value has no reverse unless node 0 happens to hold the old value, and " +
    "with the gossip a node that gives up a value no neighbour holds is never proposed it again, so " +
    "under either text rule no law of full support is reversible. The exact matrices check all three.",
  review:
    "Review (p3.2-step4, p3.2-step5): the shipped copy-node-0 proposal was replaced " +
    "by a symmetric random-value kernel (not gossip). Now the verdict is the " +
    "copy-node-0 proposal's (read from ctx.mechanism.kernel), and the symmetric " +
    "kernel is the repair `symmetric-kernel`, measured beside it on the same grid. " +
    ("Review 2 (defect 1): 'the update kernel is chosen claim by claim and never gridded … copy " +
      "node 0's value (§3.2/§3.3 claims, section3-lemma.ts:271)'. Fixed: `kernel: KERNEL_GRID` is " +
      "a grid parameter (node0 and neighbour, read through kernelIn); the exact matrices gained " +
      "the neighbour-copy proposal (audit.copyNeighbour: each neighbour's value with probability " +
      "1/deg, tested against a hand-computed 3-node case); the symmetric kernel stays the repair."),
  uses: ["kernel"],
  reference: {
    kind: "exact",
    text: "the Boltzmann law π ∝ e^(−ℋ/2T) on the exact 81-state matrices (detailed balance: 0)",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const sys = kernelSystem(ctx);
    let violation = 0,
      violationT = 0,
      moves = 0,
      oneWay = 0;
    const S = sys.space.size;
    for (let i = 0; i < sys.space.n; i++) {
      const P = audit.siteTransitionMatrix(sys.space, i, sys.T, sys.delta, sys.proposal);
      violation = Math.max(violation, audit.detailedBalanceViolation(P, sys.piNet));
      violationT = Math.max(violationT, audit.detailedBalanceViolation(P, sys.piT));
      for (let a = 0; a < S; a++)
        for (let b = 0; b < S; b++) {
          if (a === b || P[a * S + b] === 0) continue;
          moves++;
          if (P[b * S + a] === 0) oneWay++;
        }
    }
    return {
      result: fact(
        violation < EXACT,
        `${sys.label}: largest violation ${num(violation, 2)} against e^(−ℋ/T_net); ${oneWay}/${moves} moves have no reverse`,
        [
          evidence("max |π_aP_ab − π_bP_ba| over the node updates, π ∝ e^(−ℋ/2T)", violation, { reference: 0 }),
          evidence("… against e^(−ℋ/T) (the ½ not absorbed)", violationT, { reference: 0 }),
          evidence("moves whose reverse move is never proposed", oneWay, { reference: 0 }),
        ],
      ),
      headline: `${KERNEL_LABEL[sys.kernel]}: violation ${num(violation, 2)}; ${oneWay}/${moves} moves have no reverse`,
      reason:
        sys.kernel === "node0"
          ? "The update the text ships proposes node 0's current value: a one-way proposal (the reverse " +
            "move is proposed only if node 0 holds the old value), so min(1, e^(−ΔE/T)) is not a " +
            "Metropolis–Hastings ratio for any target and detailed balance fails against every law of full support."
          : sys.kernel === "neighbour"
            ? "The gossip proposes only values a neighbour holds: a node that gives up a value no neighbour " +
              "holds is never proposed it back, so those moves are one-way, min(1, e^(−ΔE/T)) is not " +
              "a Metropolis–Hastings ratio, and detailed balance fails against every law of full support."
            : "With a symmetric proposal every node's Metropolis update is reversible with respect to e^(−ℋ/T_net), to rounding: the textbook theorem.",
    };
  },
};
const STEP4_DERIVED: Partial<Record<string, string>> = {
  node0: "node0: a move to node 0's value has no reverse unless node 0 holds the old value: no law of full support is reversible",
  neighbour: "neighbour: a value given up that no neighbour holds is never proposed again: no law of full support is reversible",
};
export const lemmaStep4: Claim = withDerivedCells(lemmaStep4Cells, (ctx) => STEP4_DERIVED[kernelIn(ctx)] ?? null);

/** Irreducibility of a transition matrix (every state reaches state 0 and is reached from it): a unique stationary law. */
function irreducible(P: Float64Array, S: number): boolean {
  const reach = (forward: boolean): number => {
    const seen = new Uint8Array(S);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      const a = stack.pop()!;
      for (let b = 0; b < S; b++) {
        if (seen[b] || (forward ? P[a * S + b] : P[b * S + a]) === 0) continue;
        seen[b] = 1;
        count++;
        stack.push(b);
      }
    }
    return count;
  };
  return reach(true) === S && reach(false) === S;
}

/** Lemma 1, step 5: the stationary law is Boltzmann. */
const lemmaStep5Cells: Claim = {
  id: "p3.2-step5-boltzmann",
  source: "proposal",
  section: "3.2",
  quote: "Thus, the stationary distribution is the Boltzmann distribution π(Ψ)",
  short: "step 5: stationary law is Boltzmann",
  notebook: LEMMA_NOTEBOOK,
  model: KERNEL_MODEL,
  reading: {
    statement:
      "The chain the text gives (§3.3's sweep in node order with the cell's text " +
      "rule: node 0's value, or a neighbour's) has the Boltzmann law e^(−ℋ/T_net) as its " +
      "stationary distribution, and as its only one (T_net = 2T absorbs §3.3's ½).",
    mechanism: "proposal",
  },
  decision: {
    rule:
      'fact (exact sweep matrix): "the stationary distribution is Boltzmann" ' +
      "means Boltzmann is stationary and the stationary law is unique (the " +
      "chain is irreducible); one exact finding, both conditions reported",
    threshold: `‖πP − π‖₁ < ${EXACT} for π ∝ e^(−ℋ/2T); every state reaches every other`,
    why:
      "Double rounding of the exact matrices (EXACT); every departure the audit finds is ≥ " +
      "1e−3. The factor ½ of §3.3's local energy makes the law e^(−ℋ/2T): a constant factor " +
      "absorbed into T_net, as the rubric's charity on wording says, so it decides nothing.",
  },
  grid: LEMMA_KERNEL_GRID,
  repairs: [KERNEL_REPAIR],
  byConstruction:
    "With a symmetric proposal each node's update keeps e^(−ℋ/T_net) (detailed balance, step " +
    "4), so the sweep does, and T > 0 makes it irreducible: the repair holds by the textbook " +
    "theorem. With either text rule the consensus states are absorbing (a copy proposal offers only " +
    "values some node holds; under §3.3's node 0's value always wins), so the point masses on " +
    "them are stationary and Boltzmann is not: the kernel's algebra, checked on exact matrices.",
  review:
    "Review (p3.2-step4, p3.2-step5): the symmetric kernel replaced the shipped copy-node-0 " +
    "proposal, and step 5's partly came from the factor ½ (Boltzmann at 2T). Now the " +
    "copy-node-0 proposal is the verdict (ctx.mechanism.kernel) and the symmetric kernel the " +
    "repair `symmetric-kernel`; the ½ is absorbed into T_net = 2T and decides nothing. " +
    ("Review 2 (defect 1): 'the update kernel is chosen claim by claim and never gridded'. Fixed: " +
      "`kernel: KERNEL_GRID` (node0 and neighbour, read through kernelIn), the neighbour rule's exact " +
      "matrices from audit.copyNeighbour; the two conditions (stationary, unique) are one exact " +
      "finding instead of two fact() parts of an everyCase (a mixed finding's parts must be measured)."),
  uses: ["kernel"],
  reference: { kind: "exact", text: "the Boltzmann law on the exact sweep matrix (‖πP − π‖₁ = 0) and irreducibility" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const sys = kernelSystem(ctx);
    const S = sys.space.size;
    const P = audit.sweepTransitionMatrix(sys.space, sys.T, sys.delta, sys.proposal);
    const error = audit.stationarityError(P, sys.piNet);
    const errorT = audit.stationarityError(P, sys.piT);
    const absorbing = audit.absorbingStates(P, S).length;
    const unique = irreducible(P, S);
    const stationary = error < EXACT;
    return {
      result: fact(
        stationary && unique,
        `${sys.label}: ‖πP − π‖₁ = ${num(error, 2)} against e^(−ℋ/T_net) ` +
          `(${stationary ? "stationary" : "not stationary"}); ` +
          `${unique ? "irreducible: the stationary law is unique" : `not irreducible: ${absorbing} absorbing states, each its own stationary law`}`,
        [
          evidence("‖πP − π‖₁ of the sweep, π ∝ e^(−ℋ/2T)", error, { reference: 0 }),
          evidence("… against e^(−ℋ/T) (the ½ not absorbed)", errorT, { reference: 0 }),
          evidence("absorbing states of the sweep", absorbing, { reference: 0 }),
        ],
      ),
      headline: `${KERNEL_LABEL[sys.kernel]}: ‖πP − π‖₁ = ${num(error, 2)} against e^(−ℋ/T_net); ${absorbing} absorbing states`,
      reason:
        sys.kernel === "node0"
          ? "With the copy-node-0 proposal the text ships, no Boltzmann law is stationary: the consensus states " +
            "absorb and node 0's value always wins, so the chain ends in whichever consensus it reaches first."
          : sys.kernel === "neighbour"
            ? "With the gossip's copy-a-neighbour proposal no Boltzmann law is stationary either: " +
              "every consensus state absorbs (a neighbour can only offer the common value), so the " +
              "chain ends in whichever consensus it reaches first, not in a law of full support."
            : "With a symmetric proposal the sweep keeps the Boltzmann law at T_net = 2T (the " +
              "½ of §3.3's local energy) and is irreducible: it is the unique stationary law.",
    };
  },
};
export const lemmaStep5: Claim = withDerivedCells(lemmaStep5Cells, (ctx) =>
  (TEXT_KERNELS as readonly string[]).includes(kernelIn(ctx))
    ? "either text rule: a copy proposal offers only values some node holds, so the consensus states absorb and the " +
      "point masses on them are stationary, not Boltzmann, on every graph and at every T"
    : null,
);

/** The divergence level of "approaches zero": the rubric's 5 % level for a guarantee. */
const DIVERGENCE_LEVEL = 0.05;

/** Lemma 1's conclusion under the protocol's cooling: the system converges to the ground state (consensus). */
export const lemmaGroundState: Claim = {
  id: "p3.2-ground-state",
  source: "proposal",
  section: "3.2",
  quote:
    "Under the EMTD protocol, the probability of system divergence approaches zero as time t → ∞. … the system converges to the ground state (Consensus).",
  short: "Lemma 1: converges to the ground state",
  notebook: LEMMA_NOTEBOOK,
  model:
    `flow: the proof's own update, the Langevin gradient flow dΨ/dt = −∇ℋ + η (ULA of the mechanism's ` +
    `ℋ, h = 0.5/(2 max D); claims/machinery/flow-cells, p2.2-crystallisation's flow from another start) on ` +
    `one ws(N, 4, 0.1) per case and replicate, the K ledgers the vertices of a regular simplex at ` +
    `mutual distance 2 (K = 2: ±1), each node on one drawn uniformly, under the schedule from T₀ = 100 ` +
    `(handed the flow's d* = 0), ${GROUND_STATE_FLOW_RUNS} runs per case side by side (planned so ` +
    `that 0 divergent runs in every case is significant after Holm over the 4 cases; claims/machinery/flow-cells ` +
    `GROUND_STATE_FLOW_RUNS), until every run is in consensus (every node within ${FLOW_TOLERANCE} ` +
    `of its run's mean in every component) or the schedule's stated horizon, else ${FLOW_STEPS} steps. ` +
    `copy: §3.3's update (the cell's text rule: node 0's value or a neighbour's; the ½ local energy; ` +
    `sweeps in node order, stop at a sweep without change or the 1000th; a run stopped split ` +
    `continued without the stop up to the 1000th sweep; a schedule that states a longer horizon runs to ` +
    `it) on the text's ℋ = Σ_edges ‖ψ_i − ψ_j‖² over nx.watts_strogatz_graph(N, 4, 0.1), drawn per ` +
    `run, from a disordered start (each node one of K ledgers at mutual squared distance 4, uniformly), ` +
    `under the schedule from T₀ = 100 (the proposal's T ← 0.95·T); ${groundStateRunCount(50)} seeded runs per case ` +
    `at N = 50, ${groundStateRunCount(500)} at 500 (studies/lemma-audit/ground-state.ts). The ground states of ℋ are exactly the consensus states.`,
  reading: {
    statement:
      "Under the protocol's own update and cooling (T₀ = 100, T ← 0.95·T), a " +
      "run from disagreement ends in the ground state (consensus): the probability " +
      "that it ends elsewhere (divergence) is nil, read at the 5 % level.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "everyCase (Holm) over the lemma's cases, 2 and 8 ledgers × N = 50 and 500, each a rateBeyond " +
      "(Wilson 95 %) on the share of runs ending outside consensus: Lemma 1 is universal ('under " +
      "the EMTD protocol'), so one refuted case refutes the update's cell; the update (the proof's " +
      "flow, §3.3's copy) and under copy the kernel, one of the text's two rules, are the grid; a copy case " +
      "is decided look by look (four looks, O'Brien–Fleming spending; claims/machinery/sequential-cell), stopping at the first that decides it",
    threshold: `each case holds when its interval lies below ${DIVERGENCE_LEVEL}, fails when it lies above, inconclusive when it straddles it`,
    why:
      `"Approaches zero as t → ∞": §3.3's loop stops at a quiet sweep, which under the gossip can come ` +
      `while T is still near 20 (the stop is the code's, the lemma speaks of t → ∞), so a run stopped split ` +
      `is continued on its schedule without the stop up to §3.3's own cap of 1000 sweeps; the geometric ` +
      `schedule is then at 10⁻²¹, where no uphill move is taken (a copy proposal offers nothing at consensus). ` +
      `Moves of cost ≤ 0 are still taken there (the rule accepts a flat move at any T), so a split end state ` +
      `need not be frozen: a node with as many neighbours on another ledger as on its own may still change, and ` +
      `a domain wall may wander. The cap is where the runs are read, the sentence's t → ∞ as far as §3.3 takes ` +
      `it; each case's evidence says how many split end states can still move at no cost and how many of them ` +
      `(every ${LATER_EVERY}th run) are still split ${LATER_SWEEPS} sweeps later, run on at the schedule's T ` +
      `(twenty-fifth-edition referee: the end state is not frozen by the argument from uphill moves alone). The share split at ` +
      `§3.3's own stop is shown beside. Zero ` +
      `read at the 5 % level (the rubric's "ensure"); with 100 runs Wilson's upper bound at 0 divergent runs ` +
      `is 0.037, so both outcomes are reachable. The cases: two ledgers, a fork (the ±1 pair of §2.1's ` +
      `Ising image), and eight, a many-way disagreement (the text fixes no number of competing states); the ` +
      `text's execution EntropicLedger(num_nodes=50), and ten times larger (num_nodes is a parameter of ` +
      `the class). They are the lemma's domain, not a choice the text leaves open: the lemma claims every ` +
      `one (review 3: as cells of a 90 % grid, "5 of 8 parts hold" hid a refutation under neighbour copy).`,
  },
  grid: {
    update: {
      values: ["copy", "flow"],
      why: [
        "§3.3's executable update, the lemma's 'under the EMTD protocol': each node proposes a ledger " +
          "by the cell's kernel and accepts by Metropolis, nodes in order, from K ledgers drawn per node",
        `${FLOW_UPDATE}: the update Lemma 1's proof names ("We apply the update rule based ` +
          `on the gradient flow dΨ/dt = −∇F + η(t)"); a run is in the ground state when ` +
          `every node is within ${FLOW_TOLERANCE} (1 % of the ledgers' distance) of its run's ` +
          `mean in every component, p2.2-crystallisation's criterion, fixed before the run`,
      ],
    },
    kernel: COPY_KERNEL,
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why:
        `Hajek's logarithmic cooling T_t = c/ln(t + e), the schedules that guarantee the ground state of ` +
        `a finite landscape; the proposal never gives it. At its best standard form: c = d* of the text's ` +
        `landscape, ${WS_DEPTH} in the acceptance's units (2 per cut edge: ½ΔH with two ledgers at squared ` +
        `distance 4, the same units as the ±1 flip cost of p2.2-annealing), spin/ws-landscape WS_DEPTH, ` +
        `the one d* p2.1-ising-alignment and p2.2-annealing use (the "0 to 4" this repair once quoted was ` +
        `the same quantity from fewer exact draws, n = 12–20; consensusLandscapeDepth and the spin tables ` +
        `agree graph by graph, and a 6 occurs at n = 20). Estimated for two ledgers at N = 50 and taken for ` +
        `eight ledgers and N = 500 too. Run to its stated horizon of ${LOGARITHMIC_HORIZON} sweeps (the ` +
        `loop and the continuation of a run stopped split), not §3.3's cap. ${COPY_KERNELS_OUTSIDE_HAJEK}`,
      outsideTheorem: `copy kernels; ${CONVEX_KEEPS_TEXT_COOLING}; ${depthBeyondC(WS_DEPTH, GROUND_STATE_SIZES)}`,
    },
    {
      variant: "hajek",
      why: HAJEK_WHY,
      // Seventh-edition referee: the "fails" is a statement about the horizon, and the row must say so.
      outsideTheorem: `${CONVEX_KEEPS_TEXT_COOLING}; ${depthBeyondC(WS_DEPTH, GROUND_STATE_SIZES)}`,
      shortOfTheorem:
        `a result at the ${LOGARITHMIC_HORIZON}-sweep horizon, not a failure of the theorem: its guarantee ` +
        `is asymptotic and the divergence still falls with the horizon (the seventh-edition referee's run ` +
        `of this pair to 3·10⁴ sweeps: 0.50 → 0.20 at N = 500 with eight ledgers, still above 0.05)`,
    },
    {
      variant: "held-to-absorption",
      why:
        `The smallest change under which a theorem gives Lemma 1's conclusion with the text's own ` +
        `kernels: hold T at T₀ = 100 instead of cooling it, for a stated ${ABSORPTION_HORIZON}-sweep ` +
        `horizon (the run goes on until it is absorbed, no quiet-sweep stop). The absorbing-chain ` +
        `theorem (Kemeny & Snell 1960) applies to both copy kernels: every consensus absorbs and is ` +
        `reachable from every state at a held T > 0, so divergence → 0 as t → ∞; the cooling is what ` +
        `freezes the neighbour copy into split domains. The horizon is pinned-absorbing's ` +
        `(p2.2-diffusion-propagates): a held neighbour copy at N = 500 was absorbed in about 300–350 sweeps in ` +
        `the eleventh-edition referee's runs, so ${ABSORPTION_HORIZON} sweeps leave a wide margin. ` +
        `The flow cell has no absorbing state (a Langevin field held at T₀ never settles; d* = 0), so there ` +
        `the repair keeps the text's cooling, as the Hajek and logarithmic repairs do (its best form).`,
    },
    { variant: "hold-then-cool", why: HOLD_THEN_COOL_WHY },
  ],
  byConstruction:
    "flow: ℋ = Σ_edges ‖ψ_i − ψ_j‖² is a convex quadratic whose minima are exactly the consensus " +
    "line, with no split minimum: once the schedule is cold the flow is gradient descent on it " +
    "and contracts every disagreement geometrically, so every run reaches the ground state given " +
    "the steps, and the cell checks that the text's cooling and the cap leave it there (a hold " +
    "of the flow is by construction of its ℋ, not a property of the protocol's copy update). " +
    ("Under either copy rule every consensus state is absorbing (a proposal can only offer " +
      "a value some node holds), so a run that reaches consensus stays there; node-0 copy drives " +
      "every node toward node 0's value, neighbour copy is a voter model at high T that " +
      "freezes into split domains once T falls below the cost of a boundary move (the geometric " +
      "schedule gets there within a hundred sweeps). The designed double well of notebook 09 " +
      "shows the same freeze on a landscape built for it; it is evidence there, not a cell here."),
  review:
    "Review (p3.2-ground-state): the headline held only under logarithmic cooling, which the proposal " +
    "never gives, and the holds tested a rise (0.698 → 0.947), not convergence. The second edition read " +
    "the proposal's schedule and tested convergence on a double well.  Sign-off N2: the logarithmic " +
    "repair was 12 mixed, 2 inconclusive over replicates 0–13 (86 %). Fixed: repairs carry their stability, " +
    "and the repair column prints 'unstable: …' with the counts below 90 % (display repairsText)." +
    ("Review 2 (defect 2): 'p3.2-ground-state a double-well ±1 walker (section3-lemma.ts:443-447, 481)'; " +
      "(defect 1) the kernel never gridded. Fixed: the verdict is measured on the text's ℋ and ws graph " +
      "with §3.3's update under both text rules (`kernel: KERNEL_GRID`), from T₀ = 100 ×0.95 (read from " +
      "ctx.mechanism.schedule), as the share of runs ending outside consensus; the double well moves to " +
      "notebook 09 as evidence of the freeze; logarithmic cooling is the repair. Internal review 3 (defect " +
      "5): 'the logarithmic repair falls back to c = T₀ = 100 and to the 1000-sweep cap … groundStateRuns " +
      "never reads the schedule's horizon … the same landscape has d* = 6 in p2.2-annealing and \"d* " +
      "0 to 4 in the acceptance's units\" here'. Fixed: one d* (spin/ws-landscape, 6, in the acceptance's " +
      "units, 2 per cut edge, the units of both enumerations, which agree graph by graph; 6 is right, " +
      '"0 to 4" was a smaller sample), handed to the schedule, so the repair is c = 6; groundStateRuns ' +
      "runs a schedule's stated horizon (10⁴ sweeps) in the loop and the continuation; the repair's why " +
      "says a hold under a copy kernel is the voter model's absorption, not Hajek's guarantee. Review 3 " +
      '(issue 50): \'Lemma 1 is universal; "5 of 8 parts hold" hides that it is refuted under neighbour ' +
      "copy (47 and 85 of 100 runs outside consensus at N = 500) and holds by construction under node-0 " +
      "copy: a list of cases per kernel, decided by kernel.' Fixed: the grid is the kernel (the text's two " +
      "rules); each cell is the universal lemma over its cases (2 and 8 ledgers × N = 50 and 500, everyCase " +
      "with Holm), so one refuted case refutes the rule's cell; the same runs and stream as before. ") +
    (`Eleventh-edition referee: 'the repair column does not show the repair in its best ` +
      `form: the Hajek pair fails at the 10⁴-sweep horizon and logarithmic cooling under the copy ` +
      `kernels is outside its theorem; keeping the text's two kernels and holding T at T₀ ` +
      `= 100 for a stated horizon is one part changed, inside the absorbing-chain theorem the ` +
      `library already uses for pinned-absorbing, and holds 20/20 through --variant'. Fixed: ` +
      `the repair held-to-absorption (repairs REPAIR_SOURCES: T held at T₀, a ${ABSORPTION_HORIZON}-sweep ` +
      `horizon, no quiet-sweep stop) is shown beside the two cooling repairs. `) +
    ("Twelfth-edition referee: 'Lemma 1's proof names its own update: \"We apply the update rule based " +
      "on the gradient flow dΨ/dt = −∇F + η(t)\" … Yet the conclusion is measured only on §3.3's copy " +
      "update (grid = kernel). The text's own mechanism is not a cell.' Fixed: the grid is `update: " +
      "{copy, flow}` with the kernel nested under copy (COPY_KERNEL, part kernel, so a variant replacing " +
      "the kernel drops it as in p2.2-crystallisation); the flow cell is p2.2-crystallisation's Langevin " +
      "flow (claims/machinery/flow-cells, ULA of the mechanism's ℋ, no new integrator) from the same cases' " +
      "disordered start (K ledgers as the vertices of a regular simplex at mutual distance 2), under the " +
      "text's schedule until every run is in consensus (every node within 0.02 of its run's mean in " +
      "every component, crystallisation's 1 % criterion, fixed before the run) or a stated horizon (else " +
      "5000 steps), over the same four cases with everyCase and Holm; 119 runs per case, planned so " +
      "that 0 divergent runs in every case is significant after Holm (at 100 all four cases were inconclusive, " +
      "p = 0.0218 each); the flow's convex ℋ makes its hold by construction, declared. At seed " +
      "0 the flow cell holds (0/119 outside consensus in every case, after 320, 1250, 490 and 1030 steps); " +
      "the copy cells are unchanged (node0 holds, neighbour fails 25/1000, 47/100, 52/1000, 85/100); " +
      "the claim stays mixed, decided by kernel (1 holds, 1 fails → 2 holds, 1 fails). Under " +
      "held-to-absorption the flow cell fails (119/119 outside consensus in every case at T₀ = 100 after 2·10⁴ " +
      "steps), so that repair goes holds → mixed; its outsideTheorem names the flow cell (no absorbing " +
      "state). The Hajek pair goes fails → mixed (its flow cell is a quench at c = d* = 0 and holds).") +
    (" Thirteenth-edition referee: 'the same T ≡ 0 flow cell appears in the Hajek and logarithmic repairs " +
      '… harmless there, because the flow holds at T = 0, but "logarithmic(c = d* = 0): T = 0" is ' +
      "not logarithmic cooling'. Fixed: on a convex ℋ (d* = 0), outside Hajek's finite-state theorem, both " +
      "repairs keep the text's cooling (repairs CONVEX_KEEPS_TEXT_COOLING), said in their outsideTheorem. " +
      "Not done: their second point, that d* = 6 from two-ledger landscapes of N ≤ 20 is reused for " +
      "eight ledgers and N = 500 (shortOfTheorem says so; estimating d* there, or a grid over c, is open).") +
    " VERDICTS.md §3's amended rule (issue 74): the flow cell (its convex ℋ) and node0's cell (node 0's absorbing read) reach the ground state by " +
    "construction, as byConstruction says: marked, evidence and not holding cells, so neighbour's measured cell decides. That reading was superseded " +
    "before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    " Seventeenth-edition referee (2026-11-29): 'held-to-absorption holds T at T₀ in the flow cell too. That is " +
    "outside its theorem … the cell fails by construction'; its variant keeping the text's cooling on the convex " +
    "flow cell held 3/3. Fixed: the repair keeps the text's cooling where d* = 0 (repairs heldToAbsorptionOnChains), " +
    "as the Hajek and logarithmic repairs do; its copy cells are unchanged." +
    " Twenty-fifth-edition referee (2026-11-30): 'decision.why argues that the run capped at 1000 sweeps is the " +
    "t → ∞ state because no uphill move is taken; but the text's rule accepts every move with cost ≤ 0, flat ones " +
    "included … the N = 500 and 8-ledger cases were not checked'. Fixed: the why no longer says the end state is " +
    "frozen; each case measures how many split end states still have a node that can move at no cost (most do) " +
    "and runs every fifth split run on for ten times the cap, on the same schedule and counter, to say how many are " +
    "still split then; the decision still reads the state at the cap." +
    REVIEW_FIFTEENTH +
    GROUND_STATE_PLAN_REVIEW,
  uses: ["interaction", "terms", "integrator", "kernel", "schedule"],
  reference: { kind: "threshold", text: "0.05 of the runs ending outside consensus" },
  cellScopes: [LEDGER_COPY_CELLS],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    if (ctx.cell.update === "flow") return groundStateFlowCell(ctx, DIVERGENCE_LEVEL);
    const kernel = kernelIn(ctx);
    const schedule = ctx.mechanism.schedule;
    const name = schedule(100, WS_LANDSCAPE).name;
    const cases = GROUND_STATE_GRID.ledgers.flatMap((ledgers) =>
      GROUND_STATE_GRID.nodes.map((nodes) => {
        const o = { kernel, schedule: () => schedule(100, WS_LANDSCAPE), nodes, ledgers, runs: groundStateRunCount(nodes), runOn: true };
        const label = `${ledgers} ledgers, N = ${nodes}`;
        // Decided look by look (issue 72 item 3): run r is fold(runs, r) whatever the look, so the plan's first runs.
        const t = rateBeyondByLooks(
          {
            statement: label,
            maxRuns: o.runs,
            measure: (from, to) => groundStateRunsBetween(o, ctx.key("runs"), from, to),
            describe: (_k, _n, runs) => {
              const r = groundStateSummary(runs);
              return {
                text: `runs ending outside consensus (${label})`,
                evidence: [
                  rateEvidence(`runs ending outside consensus (divergence), ${label}`, r.divergent, r.runs),
                  rateEvidence(`runs split when §3.3's loop stopped (a sweep without change), ${label}`, r.splitAtStop, r.runs),
                  evidence(`ledgers left in a divergent run (mean), ${label}`, r.meanLedgersLeft),
                  evidence(`sweeps per run (mean), ${label}`, r.meanSweeps),
                  evidence(`temperature at the longest run's last sweep, ${label}`, r.lastTemperature, { reference: 0 }),
                  // The limit's evidence: whether a split end can still move, and whether it is still split much later.
                  ...(r.divergent > 0
                    ? [
                        rateEvidence(
                          `divergent runs whose end state has a node that can move at no cost (cost ≤ 0), ${label}`,
                          r.movableAtEnd,
                          r.divergent,
                        ),
                      ]
                    : []),
                  ...(r.ranOn > 0
                    ? [
                        rateEvidence(
                          `divergent runs still split ${LATER_SWEEPS} sweeps after their end (every ${LATER_EVERY}th run, run on), ${label}`,
                          r.splitLater,
                          r.ranOn,
                        ),
                      ]
                    : []),
                ],
              };
            },
          },
          (run) => !run.consensus,
          DIVERGENCE_LEVEL,
          "below",
        );
        return { label, r: groundStateSummary(t.runs), statement: label, reading: t.reading, stop: t.stop };
      }),
    );
    const divergent = cases.filter((c) => c.r.divergent > 0);
    const sum = (f: (r: (typeof cases)[number]["r"]) => number) => divergent.reduce((n, c) => n + f(c.r), 0);
    return {
      result: everyCase(cases, `Lemma 1 under ${kernel}, ${name}: no divergence in every case`),
      sequential: cellStop(cases),
      headline:
        `${kernel}, ${name}: ${cases.map((c) => `${c.r.divergent}/${c.r.runs}`).join(", ")} ` +
        `runs end outside consensus (${cases.map((c) => c.label).join("; ")})` +
        // The limit's evidence in the key number: a cell record keeps its headline, not its evidence.
        (divergent.length === 0
          ? ""
          : `; of the split ends, ${sum((r) => r.movableAtEnd)}/${sum((r) => r.divergent)} can still move at no cost, ` +
            `${sum((r) => r.splitLater)}/${sum((r) => r.ranOn)} run on are still split ${LATER_SWEEPS} sweeps later`),
      reason:
        divergent.length === 0
          ? "Every run of every case ends in a consensus state, the ground state of ℋ, and stays there: consensus is absorbing under a copy proposal."
          : `In ${divergent.map((c) => c.label).join("; ")}, runs stopped split (§3.3's quiet ` +
            `sweep) stayed split when continued to T ≈ 0: once T falls below the cost of moving ` +
            `a domain wall, no uphill move is accepted. Moves of cost ≤ 0 still are: ` +
            `${sum((r) => r.movableAtEnd)} of the ${sum((r) => r.divergent)} split end states have a node that can ` +
            `move at no cost, so their walls may wander, yet ${sum((r) => r.splitLater)} of the ` +
            `${sum((r) => r.ranOn)} run on for ${LATER_SWEEPS} more sweeps are still split then. One refuted ` +
            `case refutes the universal lemma under this rule.`,
    };
  },
};

export const claims: Claim[] = [lemmaStep4, lemmaStep5, lemmaGroundState];

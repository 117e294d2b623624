/**
 * Claims of the proposal's §3.3 (the reference code, ported line by line in `reference-port/port.ts`), second edition:
 * what the code simulates. Every run draws its own Watts–Strogatz graph and Metropolis stream from
 * `fold(ctx.key("runs"), run)` (the port's `referenceRun`), so each replicate runs on new graphs.
 */
import { fold } from "../engine/random";
import { referenceRun } from "../reference-port/port";
import { fact, rateBeyond, rateEvidence } from "./decide";
import { evidence, num } from "./evidence";
import type { Claim, MeasureContext, Measurement } from "./types";

const REFERENCE_NOTEBOOK = "notebooks/10-reference-implementation.ipynb";

/** Seeded runs per grid cell. */
const REFERENCE_RUNS = 300;

/** The size of the network: the text's execution uses 50 nodes; the class takes any. */
const NODES = {
  values: [50, 500],
  why: ["the text's execution: EntropicLedger(num_nodes=50)", "ten times larger (num_nodes is a parameter of the class)"],
} as const;

const REFERENCE_MODEL = `The §3.3 reference code ported (nx.watts_strogatz_graph(N, 4, p), signal 3.14159 proposed by node 0, T₀ = 100, per-node cooling after each update), ${REFERENCE_RUNS} seeded runs per cell, each on its own graph.`;

/** §3.3: the code "simulates the Heat Equation". */
export const referenceHeatEquation: Claim = {
  id: "p3.3-heat-equation",
  source: "proposal",
  section: "3.3",
  quote: 'This implementation simulates the "Heat Equation" on a graph of Merkle Nodes.',
  short: "the §3.3 code simulates the heat equation",
  notebook: REFERENCE_NOTEBOOK,
  model: REFERENCE_MODEL,
  reading: {
    statement:
      "The code integrates a heat equation on the graph: the injected signal spreads by averaging (each node's value relaxes toward its neighbours'), so nodes pass through, and stop at, values between 0 and the signal rather than holding it exactly.",
    mechanism: "proposal",
  },
  decision: {
    rule: "fact over all runs: a heat equation (any boundary condition, any step in its stable range) never leaves every node at exactly the injected value after finitely many steps, so one such run refutes it",
    threshold: "runs in which every node ends holding the signal exactly: 0 under a heat equation",
    why: "Averaging makes a node's value a convex combination of its neighbours', strictly inside (0, s) while any neighbour differs (the maximum principle): with no-flux boundaries the values relax to s/N, with node 0 held at s they approach s only asymptotically. Exact equality at every node is the signature of copying; it is counted exactly, with no sampling error.",
  },
  grid: {
    nodes: NODES,
    p: {
      values: [0.1, 0.5],
      why: ["the code's nx.watts_strogatz_graph(n, k=4, p=0.1)", "five times more rewiring (a shorter, more random graph)"],
    },
  },
  repairs: [],
  byConstruction:
    "Each node proposes node 0's current value and the Metropolis step either takes it or keeps its own, so every value in every run is 0 or the signal exactly: the code is a copy process with absorbing consensus states, which the measurement shows run by run.",
  review:
    "Review (p3.3-heat-equation, p4.3-proof-of-physics): both readings ran the identical test. Now there is one reading (the code averages as a heat equation does) decided by one fact (exact agreement at every node is impossible under averaging), on a grid of sizes and rewiring with new graphs per run.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const nodes = ctx.cell.nodes as number,
      p = ctx.cell.p as number;
    let exact = 0,
      allOrNothing = 0,
      injected = 0,
      sweeps = 0;
    for (let s = 0; s < REFERENCE_RUNS; s++) {
      const r = referenceRun({ nodes, p }, fold(ctx.key("runs"), s));
      if (r.agreement === 1) exact++;
      if (r.agreement === 0 || r.agreement === 1) allOrNothing++;
      if (r.injectionAccepted) injected++;
      sweeps += r.steps;
    }
    return {
      result: fact(exact === 0, `${exact}/${REFERENCE_RUNS} runs end with every node holding the signal exactly (N = ${nodes}, p = ${p})`, [
        rateEvidence("runs ending with every node holding the signal exactly", exact, REFERENCE_RUNS),
        rateEvidence("runs ending all-or-nothing (agreement exactly 0 or 1)", allOrNothing, REFERENCE_RUNS),
        rateEvidence("runs in which node 0 accepted the injected signal", injected, REFERENCE_RUNS),
        evidence("mean sweeps per run", sweeps / REFERENCE_RUNS),
      ]),
      headline: `${exact}/${REFERENCE_RUNS} runs end with every node holding the signal exactly (${injected} accepted the injection); ${allOrNothing}/${REFERENCE_RUNS} all-or-nothing`,
      reason:
        "A heat equation would average values, leaving nodes between 0 and the signal; the code copies node 0's value, so every run in which node 0 accepts the signal ends with every node holding it to the last bit: " +
        "a copy process with an absorbing state, not diffusion.",
    };
  },
};

/** §3.3: "Simulates the cooling process (Simulated Annealing)". */
export const referenceAnnealing: Claim = {
  id: "p3.3-simulated-annealing",
  source: "proposal",
  section: "3.3",
  quote: "Simulates the cooling process (Simulated Annealing).",
  short: "the §3.3 code performs simulated annealing",
  notebook: REFERENCE_NOTEBOOK,
  model: `${REFERENCE_MODEL} Each run repeated on the same key without cooling (decay_rate = 1, T stays at T₀).`,
  reading: {
    statement:
      "The code performs simulated annealing: its Metropolis moves are made at temperatures it lowers as it runs, and that cooling shapes where the runs end (without it, runs end differently).",
    mechanism: "proposal",
  },
  decision: {
    rule: "rateBeyond (Wilson interval) on the paired share of runs whose outcome (sweeps, agreement, node 0's state) changes when the same run is repeated on the same key without cooling",
    threshold: "share above 0.05 (holds) or below it (fails)",
    why: "A paired change counts a difference in either direction, so the test is two-sided in effect; a cooling that changes fewer than 1 run in 20 does not shape an annealer's outcome (the rubric's 5 % level). With 300 runs both outcomes are reachable: Wilson's upper bound at 0 changes is 0.013, its lower bound exceeds 0.05 from 26 changes.",
  },
  grid: {
    nodes: NODES,
    decay: {
      values: [0.95, 0.5],
      why: ["the code's default decay_rate = 0.95", "a faster cooling (decay_rate is a parameter of run_epoch)"],
    },
  },
  repairs: [],
  byConstruction:
    "The code multiplies each node's temperature by decay_rate after its update, so it lowers temperatures by construction; whether that matters is what is measured. It rarely can: a node's move is uphill only while its neighbours have not copied the signal, which is over within the first sweep.",
  review:
    'Review (p3.3-heat-equation, p4.3-proof-of-physics): no "differs" statement may be decided by a one-sided rule. The old strongest reading compared rates with a one-sided test (greater) against re-running the same key, which never changes; now one reading, decided on the paired share of runs that change without cooling, which counts changes in either direction, against the 5 % level (Wilson).',
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const nodes = ctx.cell.nodes as number,
      decay = ctx.cell.decay as number;
    let changed = 0,
      lateUphill = 0,
      coldest = Infinity;
    for (let s = 0; s < REFERENCE_RUNS; s++) {
      const k = fold(ctx.key("runs"), s);
      const a = referenceRun({ nodes, decay }, k);
      const b = referenceRun({ nodes, decay: 1 }, k);
      if (a.steps !== b.steps || a.agreement !== b.agreement || a.finalState[0] !== b.finalState[0]) changed++;
      lateUphill += a.uphillPerSweep.slice(1).reduce((u, v) => u + v, 0);
      coldest = Math.min(coldest, a.finalTemperature);
    }
    return {
      result: rateBeyond(
        changed,
        REFERENCE_RUNS,
        0.05,
        "above",
        `runs changed by the cooling (decay ${decay} against none, N = ${nodes})`,
        [
          rateEvidence("runs whose outcome changes without cooling (same key)", changed, REFERENCE_RUNS),
          evidence("uphill proposals after the first sweep, all runs", lateUphill),
          evidence("lowest temperature reached in any run", coldest, { reference: 100 }),
        ],
      ),
      headline: `cooling at ${decay} instead of none changes ${changed}/${REFERENCE_RUNS} runs; coldest T reached ${num(coldest)} (from 100); ${lateUphill} uphill proposals after the first sweep`,
      reason:
        "Runs stop after a handful of sweeps while T is still near 100, and the outcome is decided in the first sweep, where every node meets the temperature once: the cooling never influences where a run ends.",
    };
  },
};

export const claims: Claim[] = [referenceHeatEquation, referenceAnnealing];

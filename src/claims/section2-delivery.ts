/**
 * p2.2-diffusion-messages' delivery part, one grid cell at a time (split from ./section2-messages): whether the cell's
 * update ends with every node on the injected value (p2.2-diffusion-propagates' rule), and in the copy (node0) cell
 * the sentence's mechanism clause, "relies on information diffusion", against the energy-off control
 * ({@link diffusionControl}).
 */
import { fold } from "../engine/random";
import { averagingDelivery, type GossipDelivery, metropolisGossipDelivery } from "../analysis/messages";
import { ready } from "../engine/backend";
import { injectionRuns, SIGNAL } from "../studies/cooling/injection";
import { T0 } from "../studies/cooling/cell-messages";
import { rateEvidence, rates, undecidable } from "./machinery/decide";
import { evidence } from "./machinery/evidence";
import { CONTROL_MARGIN, energyOffFor, kernelIn } from "./machinery/mechanism";
import { type LookedTest, rateBeyondByLooks } from "./machinery/sequential-cell";
import type { Evidence, MeasureContext, Reading } from "./machinery/types";

/** The delivery part's setting: §3.3's N, and as many runs as p2.2-diffusion-propagates' copy cells (PORT_RUNS). */
export const DELIVERY_NODES = 50;
export const DELIVERY_RUNS = 300;
/** The rate "delivers" must show, p2.2-diffusion-propagates' (the usual 5 % level). */
export const RATE = 0.95;

/** The delivery part's runs of one cell: `k` of `n` end with every node on the injected value. */
export interface Delivery {
  k: number;
  n: number;
  /** What the runs are and what `k` counts. */
  what: string;
  /** Why no run counts, said when `n` is 0. */
  none?: string;
  evidence: Evidence[];
  /**
   * The delivery decided look by look (gossip and flow: a fixed plan of runs); the copy cells' count is the runs node 0
   * took the signal in, not fixed in advance, so they read whole.
   */
  looked?: LookedTest<unknown>;
}

/** Gossip runs measured one by one, as one {@link metropolisGossipDelivery} of them all. */
function sumGossip(runs: readonly GossipDelivery[]): GossipDelivery {
  return {
    runs: runs.length,
    delivered: runs.reduce((a, x) => a + x.delivered, 0),
    holding: runs.reduce((a, x) => a + x.holding, 0),
    rounds: runs.reduce((a, x) => a + x.rounds, 0),
  };
}

/** The evidence beside a gossip cell's delivery: how far v got in the runs that did not deliver, and how fast. */
export function gossipEvidence(g: GossipDelivery, nodes: number): Evidence[] {
  return [
    evidence("share of node-ends holding v, all runs", g.holding / (g.runs * nodes), { reference: 1 }),
    evidence("mean rounds per run", g.rounds / g.runs),
  ];
}

/**
 * The delivery part of a cell (p2.2-diffusion-propagates' rule on this cell's update): {@link DELIVERY_RUNS} runs at
 * N = {@link DELIVERY_NODES}, each on its own ws(50, 4, 0.1) from the claim's key, counted when they end with every
 * node on the injected value (within 1 % of it).
 */
export async function deliveryOfCell(ctx: MeasureContext): Promise<Delivery> {
  const update = ctx.cell.update;
  const schedule = ctx.mechanism.schedule;
  if (update === "gossip") {
    const what = `runs (N = ${DELIVERY_NODES}) ending with every node holding v`;
    // Decided look by look (issue 72 item 3): run r from fold(delivery/gossip, r) whatever the look, one run per call.
    const one = (r: number) =>
      metropolisGossipDelivery(1, DELIVERY_NODES, { value: SIGNAL, schedule: () => schedule(T0) }, () =>
        fold(ctx.key("delivery/gossip"), r),
      );
    const t = rateBeyondByLooks(
      {
        statement: `gossip: ${what}`,
        maxRuns: DELIVERY_RUNS,
        measure: (from, to) => Array.from({ length: to - from }, (_, i) => one(from + i)),
        describe: (k, n, runs) => ({
          text: `gossip: ${what}`,
          evidence: [rateEvidence(what, k, n), ...gossipEvidence(sumGossip(runs), DELIVERY_NODES)],
        }),
      },
      (run) => run.delivered === 1,
      RATE,
      "above",
    );
    const g = sumGossip(t.runs);
    return { k: g.delivered, n: g.runs, what, evidence: gossipEvidence(g, DELIVERY_NODES), looked: t };
  }
  if (update === "flow") {
    await ready();
    const what = `runs (N = ${DELIVERY_NODES}) ending with every node within 1 % of v`;
    // Decided look by look as the gossip: run r on the graph from fold(delivery/flow, r) whatever the look.
    const one = (r: number) => averagingDelivery(1, DELIVERY_NODES, () => fold(ctx.key("delivery/flow"), r));
    const flowEvidence = (runs: readonly ReturnType<typeof one>[]) => {
      const connected = runs.reduce((a, f) => a + f.connected, 0);
      const rounds = runs.reduce((a, f) => a + f.meanRounds * f.connected, 0);
      return [
        evidence("graphs connected (a disconnected one reaches no consensus)", connected / runs.length, { reference: 1 }),
        evidence("mean rounds to the consensus (every node within 1 % of v/n)", rounds / Math.max(connected, 1)),
        evidence("v/n, the consensus value the flow conserves (v = 1)", 1 / DELIVERY_NODES, { reference: 1 }),
      ];
    };
    const t = rateBeyondByLooks(
      {
        statement: `flow: ${what}`,
        maxRuns: DELIVERY_RUNS,
        measure: (from, to) => Array.from({ length: to - from }, (_, i) => one(from + i)),
        describe: (k, n, runs) => ({ text: `flow: ${what}`, evidence: [rateEvidence(what, k, n), ...flowEvidence(runs)] }),
      },
      (run) => run.delivered === 1,
      RATE,
      "above",
    );
    const k = t.runs.reduce((a, f) => a + f.delivered, 0);
    return { k, n: t.runs.length, what, evidence: flowEvidence(t.runs), looked: t };
  }
  const kernel = kernelIn(ctx);
  const p = injectionRuns(
    kernel,
    { nodes: DELIVERY_NODES, runs: DELIVERY_RUNS, schedule: () => schedule(T0) },
    ctx.key(`delivery/${kernel}`),
  );
  return {
    k: p.allInjected,
    n: p.injected,
    what: `runs (N = ${DELIVERY_NODES}) ending with every node on the signal, among those in which node 0 took it`,
    none: "node 0 rejected its own transaction at step 1 in every run, so no node ever held it",
    evidence: [
      rateEvidence(`runs in which node 0 took the signal, of ${DELIVERY_RUNS}`, p.injected, DELIVERY_RUNS),
      rateEvidence("every node holds the signal, all runs", p.all, DELIVERY_RUNS),
      ...(p.injected > 0
        ? [rateEvidence("node 0 kept the signal past its own first update, of the runs in which it took it", p.survived, p.injected)]
        : []),
    ],
  };
}

/**
 * A node0 copy cell's mechanism part, shared by p2.2-diffusion-messages ("relies on information diffusion") and
 * p2.2-diffusion-propagates ("by propagating the tensor to neighbours j"): its delivery against the same graphs and
 * draws with the energy off ({@link energyOffFor}), where no neighbour's state enters any node's move, so nothing
 * travels over a link and node 0's value reaches a node only by its own read of node 0. With the energy off node 0
 * takes the signal in every run, so that arm's share is over all its runs, the measured arm's over the runs in which
 * node 0 took it (its premise). The mechanism holds when the measured arm delivers more often by more than
 * {@link CONTROL_MARGIN} (within ±it, or below, refutes).
 */
export function linksOffPart(
  on: { allInjected: number; injected: number },
  off: { allInjected: number; injected: number; runs: number },
): { reading: Reading; headline: string } {
  const what = "runs ending with every node on the signal, of those in which node 0 took it";
  const evidenceOff = [
    rateEvidence(`the same graphs and draws with the energy off (no link carries anything): ${what}`, off.allInjected, off.injected),
    rateEvidence(`… runs in which node 0 took the signal with the energy off, of ${off.runs}`, off.injected, off.runs),
  ];
  const text = `copy (node0): ${what}, under the text's cooling vs with the energy off (node 0's read alone)`;
  const reading =
    on.injected === 0 || off.injected === 0
      ? undecidable(`${text}: no run to compare (node 0 took the signal in none)`, evidenceOff)
      : rates({ k: on.allInjected, n: on.injected }, { k: off.allInjected, n: off.injected }, "greater", CONTROL_MARGIN, text, evidenceOff);
  return { reading, headline: `${off.allInjected}/${off.injected} with the energy off (no link carries anything)` };
}

/** p2.2-diffusion-messages' node0 cell's mechanism part ({@link linksOffPart}) on its delivery runs. */
export function diffusionControl(ctx: MeasureContext, on: Delivery): { reading: Reading; headline: string } {
  const off = injectionRuns(
    "node0",
    { nodes: DELIVERY_NODES, runs: DELIVERY_RUNS, schedule: () => energyOffFor(ctx.mechanism.schedule(T0)) },
    ctx.key("delivery/node0"),
  );
  return linksOffPart({ allInjected: on.k, injected: on.n }, off);
}

/**
 * Claims of the proposal's §2.2, thermodynamic cooling and messages (second edition, issue 34; the rubric is
 * shared/VERDICTS.md). Each claim has ONE reading, the text's own mechanism, and a grid over what the text leaves
 * open. The text names two updates for "diffusion" and both are its own, so they are values of a grid parameter:
 *
 * - `copy`: §3.3's update (`update_state`, Metropolis acceptance at per-node temperatures T₀ = 100, ×0.95 per
 *   sweep, on `nx.watts_strogatz_graph(50, 4, 0.1)`) with either of the text's two proposal rules, the grid's
 *   `kernel` (node 0's value, §3.3's code; a neighbour's, the §3.1 chart's gossip), read through `kernelIn(ctx)`;
 * - `flow`: the §1.3 / §3.2 Langevin gradient flow dΨ/dt = −∇F + η of ℋ (the interaction; its other two terms
 *   exert no force), which averages;
 * - `gossip` (messages only): the §3.1 chart's "Gossip Protocol" (push gossip, analysis/messages).
 *
 * Randomness comes from named streams (`ctx.key("graph")`, `ctx.key("runs")`, …), so every replicate draws its own
 * graphs and runs. The `kernel` parameter applies to the copy update only: the other updates' cells under the two
 * kernels are one experiment, computed once (memoised per stream and mechanism). The measurements live in
 * studies/cooling (annealing, injection) and analysis/messages, which notebook 06's figures call too.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, split, type Key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import {
  averagingMessagesBySize,
  byzantineMessageBound,
  hotstuffMessages,
  hotstuffWorstCase,
  pbftMessages,
  pushGossip,
} from "../analysis/messages";
import { freeInjection } from "../studies/protocol/cooling-study";
import { copyMessagesBySize, injectionRuns } from "../studies/cooling/injection";
import { type AnnealEnd, annealRuns, boltzmannConflictBound, designedTrapConflicts } from "../studies/cooling/annealing";
import { WS_DEPTH, WS_LANDSCAPE } from "../spin/ws-landscape";
import { COPY_KERNELS_OUTSIDE_HAJEK, LOGARITHMIC_HORIZON } from "./repairs";
import { run } from "../dynamics/run";
import { constant } from "../dynamics/schedules";
import { twoCommunityProblem } from "../spin/problem";
import { prepareProblem } from "../studies/traps/trap-annealing";
import { type ProposalKernel, UPDATE_SWEEP_CAP } from "../spin/update-kernels";
import { powerLaw } from "../stats/inference";
import { beyond, estimateEvidence, fact, rateBeyond, rateEvidence } from "./decide";
import { evidence, num } from "./evidence";
import type { Claim, MeasureContext, Measurement, Part, SizeTrend } from "./types";
import { hamiltonianOf, KERNEL_GRID, kernelIn } from "./mechanism";
import { memoised } from "./essay-common";

const COOLING_NOTEBOOK = "notebooks/06-thermodynamic-cooling.ipynb";

/** Quadratic growth: a log–log exponent nearer 2 than 1 (the midpoint of linear and quadratic on the log scale). */
const QUADRATIC = 1.5;

/** The size the text names elsewhere (§4.1, "N = 10⁹"): where every trend is extrapolated. */
const TEXT_SIZE = 1e9;

/** y = a·N^b fitted on log–log axes (t on n − 2 df), with the value at 10⁹ and its 95 % prediction interval. */
function sizeTrend(quantity: string, ns: readonly number[], ys: readonly number[]): SizeTrend & { se: number } {
  const fit = powerLaw(ns, ys);
  const at = fit.predict(TEXT_SIZE);
  return {
    quantity,
    values: ns.map((n, i) => ({ n, value: ys[i]! })),
    trend: { exponent: fit.exponent, interval: fit.interval, df: fit.df },
    extrapolated: { n: TEXT_SIZE, value: at.value, interval: at.interval },
    se: fit.se,
  };
}

/** The exact local exponent d ln m / d ln n between the two largest sizes. */
function lastExponent(sizes: readonly number[], count: (n: number) => number): number {
  const a = sizes.at(-2)!,
    b = sizes.at(-1)!;
  return Math.log(count(b) / count(a)) / Math.log(b / a);
}

/** Sizes of the exact message counts: 10 to 10⁶ (closed forms, so any size costs nothing). */
const BFT_SIZES = [10, 100, 1e3, 1e4, 1e5, 1e6];

/** §2.2 "Traditional BFT relies on message complexity O(N²)": true of the worst case, not of every normal case. */
export const bftQuadratic: Claim = {
  id: "p2.2-bft-quadratic",
  source: "proposal",
  section: "2.2",
  quote: "Traditional BFT relies on message complexity O(N²).",
  short: "BFT needs O(N²) messages",
  notebook: COOLING_NOTEBOOK,
  model:
    "Exact message counts for one decision, n = 10 … 10⁶, f = ⌊(n − 1)/3⌋: PBFT's normal case 2n(n − 1); Basic HotStuff's happy path 8(n − 1) and, with f faulty leaders in a row, at least (f + 8)(n − 1); Dolev–Reischuk's lower bound for any deterministic Byzantine agreement, of order n + t².",
  reading: {
    statement:
      'Every traditional (deterministic) BFT protocol needs a number of messages per decision that grows quadratically in N ("O(N²)" read as the growth rate, as the contrast with EMTD intends).',
    mechanism: "proposal",
  },
  decision: {
    rule: "beyond on the smallest exponent over the protocols (a universal: one linear protocol refutes it): the exact local exponent d ln m / d ln n from n = 10⁵ to 10⁶ of each closed-form count, the smallest taken (se 0)",
    threshold: `smallest exponent > ${QUADRATIC}`,
    why: `The counts are closed forms, so the exponent has no uncertainty; ${QUADRATIC} is the midpoint of linear (1) and quadratic (2) growth on the log scale, so a count is quadratic when its exponent is nearer 2. "Every protocol" is one reading on the smallest exponent, not a conjunction of per-protocol facts.`,
  },
  grid: {
    regime: {
      values: ["worst", "normal"],
      why: [
        "Message complexity in the distributed-computing literature is the worst case over executions (Dolev & Reischuk 1985): the term's first meaning.",
        "A BFT protocol's advertised cost is its failure-free count (PBFT's normal case, HotStuff's happy path): the text does not say which case it means.",
      ],
    },
  },
  sizes: BFT_SIZES,
  repairs: [],
  byConstruction:
    "Both cells are closed forms, decided by the formulas, not sampled: worst — the Dolev–Reischuk bound n + t² with t = ⌊(n − 1)/3⌋ is quadratic for every deterministic protocol, and HotStuff with f faulty leaders in a row pays (f + 8)(n − 1); normal — PBFT's 2n(n − 1) is quadratic but HotStuff's happy path 8(n − 1) is linear, so the universal fails there. The grid splits on which protocol counts as \"traditional BFT\" in the failure-free case: HotStuff (2019) is a BFT protocol in the PBFT line, and the text names none.",
  review:
    'Review: the old headline took the worst case only (the "strongest" reading). Now one reading, universal over protocols, with the case the text leaves open as a grid: the worst case holds for every deterministic protocol (Dolev–Reischuk), the normal case fails (HotStuff\'s happy path is linear), so the grid is mixed, decided by regime. Review 2 (Minor): \'both cells are typed closed forms, yet byConstruction is null; HotStuff as "traditional BFT" is what splits the grid\'. Fixed: byConstruction declares both cells closed forms and says that HotStuff splits the grid; the universal is one `beyond` on the smallest exponent (no fact() parts in an everyCase).',
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const worst = ctx.cell.regime === "worst";
    const counts: Array<{ name: string; count: (n: number) => number }> = worst
      ? [
          { name: "Dolev–Reischuk bound n + t² (every deterministic protocol)", count: (n) => byzantineMessageBound(n) },
          { name: "HotStuff with f faulty leaders in a row", count: (n) => hotstuffWorstCase(n).messages },
        ]
      : [
          { name: "PBFT normal case", count: (n) => pbftMessages(n).messages },
          { name: "HotStuff happy path", count: (n) => hotstuffMessages(n).messages },
        ];
    const exponents = counts.map(({ count }) => lastExponent(BFT_SIZES, count));
    const least = Math.min(...exponents);
    const leastName = counts[exponents.indexOf(least)]!.name;
    const exps = counts.map(({ name }, i) => `${name.split(" (")[0]} ${num(exponents[i]!)}`);
    const shown = counts[1]!;
    const result = beyond(
      { value: least, se: 0 },
      QUADRATIC,
      "above",
      `${worst ? "worst case" : "normal case"}, every protocol: the smallest exponent (${leastName})`,
      counts.map(({ name }, i) => evidence(`local exponent of ${name}, n = 10⁵ → 10⁶`, exponents[i]!, { reference: 2 })),
    );
    return {
      result,
      headline: `${worst ? "worst case" : "normal case"}: exponents ${exps.join(", ")}`,
      reason: worst
        ? "Every deterministic Byzantine agreement needs Ω(n + t²) messages in the worst case (Dolev & Reischuk 1985), quadratic when t grows with n; HotStuff pays it when f leaders in a row are faulty (each failed view costs n − 1 NEW-VIEW messages)."
        : "PBFT's normal case is quadratic (all-to-all prepare and commit), but HotStuff (Yin et al. 2019) needs 8(n − 1) messages per decision when its leader is correct: a traditional BFT protocol whose normal case is linear.",
      sizes: sizeTrend(`${shown.name}: messages per decision`, BFT_SIZES, BFT_SIZES.map(shown.count)),
    };
  },
};

/** Sizes of the cheap counts (push gossip, §3.3's update with node 0's value): six decades. */
const MESSAGE_SIZES = [10, 100, 1e3, 1e4, 1e5, 1e6];
/**
 * Sizes of the slower counts, four decades: the averaging flow (rounds grow slowly with n, each costs 2E, so 10⁵
 * takes a few seconds) and §3.3's update with a neighbour's value (a voter-like run of up to 1000 sweeps).
 */
const FLOW_SIZES = [10, 100, 1e3, 1e4, 1e5];

/** §3.3's starting temperature and per-sweep factor (the text's schedule T₀ = 100, ×0.95). */
const T0 = 100;

/** The messages of one cell: sizes, counts and what they count. */
interface MessageSeries {
  ns: number[];
  ys: number[];
  what: string;
}

/** The measurement of p2.2-diffusion-messages and of notebook 06's message figure: one cell's counts by size. */
export function messagesOfCell(ctx: MeasureContext): MessageSeries {
  const update = ctx.cell.update;
  if (update === "gossip")
    return memoised(`p2.2 messages gossip ${MESSAGE_SIZES.join(",")}`, [ctx.key("gossip")], () => ({
      ns: MESSAGE_SIZES,
      ys: MESSAGE_SIZES.map((n) => pushGossip(n, fold(ctx.key("gossip"), n)).messages),
      what: "push gossip messages per decision (K_n)",
    }));
  if (update === "flow")
    return memoised(`p2.2 messages flow ${FLOW_SIZES.join(",")}`, [ctx.key("graph")], () => {
      const r = averagingMessagesBySize(FLOW_SIZES, (n) => fold(ctx.key("graph"), n));
      return { ns: r.sizes, ys: r.messages, what: "averaging-flow messages per decision, nothing pinned (ws:n:4:0.1)" };
    });
  const kernel = kernelIn(ctx);
  const schedule = ctx.mechanism.schedule;
  const ns = kernel === "node0" ? MESSAGE_SIZES : FLOW_SIZES;
  const r = copyMessagesBySize(
    kernel,
    ns,
    () => schedule(T0),
    (n) => fold(ctx.key(`copy/${kernel}`), n),
  );
  return { ns: r.sizes, ys: r.messages, what: `§3.3 update (${kernel} proposal) messages per decision (ws:n:4:0.1)` };
}

/** §2.2 "EMTD relies on information diffusion" instead of O(N²) messages: depends on which update diffuses. */
export const diffusionMessages: Claim = {
  id: "p2.2-diffusion-messages",
  source: "proposal",
  section: "2.2",
  quote: "Traditional BFT relies on message complexity O(N²). EMTD relies on information diffusion.",
  short: "diffusion beats BFT's O(N²) messages",
  notebook: COOLING_NOTEBOOK,
  model: `Messages of one decision on one injected value, one run per size (each replicate draws its own). gossip: push gossip on K_n (each informed node sends to one uniform peer a round, until all hold it), n = 10 … 10⁶. copy: §3.3's update on ws:n:4:0.1 (node 0 takes the signal by Metropolis at T₀ = 100, then sweeps at ×0.95 until one changes nothing or 1000), each node reading the proposed value (node 0's or a neighbour's, the cell's kernel) and its neighbours' states every sweep, sweeps × (n + 2E); n = 10 … 10⁶ (node0), 10 … 10⁵ (neighbour). flow: the gradient flow of ℋ on ws:n:4:0.1 from v = 1 at node 0, nothing pinned, explicit Euler (h = 0.9/(2 max D)), 2E messages a round until every node is within 1 % of the consensus value v/n, n = ${FLOW_SIZES.join(", ")}. Each cell's trend is fitted on its own sizes and extrapolated to 10⁹.`,
  reading: {
    statement:
      "EMTD's information diffusion needs messages per decision growing in a lower class than BFT's N²: its log–log exponent in n is below the quadratic class.",
    mechanism: "proposal",
  },
  decision: {
    rule: "beyond: the fitted log–log exponent (least squares, t interval on sizes − 2 df) below the threshold",
    threshold: `exponent < ${QUADRATIC}, the whole 95 % t interval below it`,
    why: `${QUADRATIC} is the boundary of the quadratic class p2.2-bft-quadratic uses (the midpoint of linear and quadratic on the log scale): a count that claim would call quadratic does not beat BFT's O(N²). The interval uses t quantiles on the fit's df (4 for six sizes, 3 for five).`,
  },
  grid: {
    update: {
      values: ["gossip", "copy", "flow"],
      why: [
        '§3.1\'s chart names the propagation step "Gossip Protocol" (and §3.3\'s code says "in real impl, this would be gossip protocol"): the text\'s own transport for diffusion.',
        "§3.3's executable update: each node proposes a value (the kernel's) and accepts by Metropolis, reading its neighbours' states for ΔE.",
        '§1.3 / §3.2\'s gradient flow of ℋ, the "information diffusion" and "heat equation" of the text: each round every node sends its state to every neighbour; nothing pinned (a pin is a boundary condition the text never states).',
      ],
    },
    kernel: {
      values: KERNEL_GRID.values,
      why: KERNEL_GRID.why.map((w) => `${w} (the copy update's proposal; gossip and flow cells do not read it)`),
    },
  },
  sizes: MESSAGE_SIZES,
  repairs: [],
  byConstruction:
    "copy: the proposed value is read directly, one message per node per sweep, a lower bound on any real delivery (the gossip cell counts one). flow: the flow conserves the mean, so the decision is the consensus on v/n; its rounds are ln(100n)/(2h·λ₂) at most, and λ₂ of ws(n, 4, 0.1) closes only slowly, so the count is near n·log n. The pinned flow of the first two editions (rounds ∝ n, messages ∝ n², so quadratic by construction) was the pinned-injection repair of p2.2-diffusion-propagates, not the text's diffusion.",
  review:
    "Review: slope SE from 4 points used z = 1.96; the chart's gossip untested; n ≤ 300. Now t quantiles on the fit's df; the update is a grid (gossip, copy, flow). Review 2: 'the flow cell covers n = 10–10³ (two decades) and passes the three-decade check through the gossip cell's sizes; it also pins node 0, the pinned-injection repair elsewhere; the messages figure stops at 10⁴ while the claim goes to 10⁶'; and defect 1 (the copy cell used node 0's value only). Fixed: every cell carries its own sizes over ≥ 4 decades (gossip and node0 copy 10–10⁶, neighbour copy and flow 10–10⁵); the flow is unpinned (consensus on v/n) and runs to 10⁵ by a fused sparse recurrence (analysis/messages averagingDiffusion); the copy cell is split by `kernel` (node0, neighbour); claim and figure call messagesOfCell.",
  uses: ["schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const update = ctx.cell.update;
    const { ns, ys, what } = messagesOfCell(ctx);
    const label = update === "copy" ? `copy (${String(ctx.cell.kernel)})` : String(update);
    const t = sizeTrend(what, ns, ys);
    const exponent = { value: t.trend.exponent, se: t.se, df: t.trend.df };
    const largest = ns.at(-1)!;
    const ratio = ys.at(-1)! / pbftMessages(largest).messages;
    const x = t.extrapolated!;
    const result = beyond(
      exponent,
      QUADRATIC,
      "below",
      `${label}: log–log exponent of messages in n (n = ${ns[0]} … ${largest})`,
      [
        estimateEvidence(`log–log exponent, ${what}`, exponent, { reference: 2 }),
        evidence(`messages / PBFT's 2n(n − 1) at n = ${largest}`, ratio, { reference: 1 }),
        evidence(`messages at n = 10⁹ (extrapolated; 95 % prediction ${num(x.interval[0])} … ${num(x.interval[1])})`, x.value, {
          reference: pbftMessages(TEXT_SIZE).messages,
        }),
      ],
      ns.length,
    );
    return {
      result,
      headline: `${label}: exponent ${num(exponent.value)} [${num(t.trend.interval[0])}, ${num(t.trend.interval[1])}] (t, ${exponent.df} df) to n = ${largest}; ${num(ratio)}× PBFT's messages there; ≈ ${num(x.value)} at 10⁹`,
      reason:
        update === "flow"
          ? "Averaging spreads the disagreement over the whole small-world graph: its rounds to consensus grow slowly with n (the shortcuts keep the spectral gap open), each costing 2E messages, so the count grows little faster than n."
          : update === "gossip"
            ? "Push gossip informs everyone in log₂ n + ln n + O(1) rounds (Pittel 1987), about n log n messages: far below N²."
            : "§3.3's update stops within a bounded number of sweeps whatever n, each costing n + 2E reads: linear in n (the proposed value is read directly; delivering it is the gossip cell's cost).",
      sizes: t,
    };
  },
};

/** §3.3's own setting: N = 50 on nx.watts_strogatz_graph(N, 4, 0.1). */
const TEXT_GRAPH = "ws:50:4:0.1";
/** Runs of §3.3's code per measurement (its outcome is a rate). */
const PORT_RUNS = 300;
/** The protocol's finality tolerance: a node holds v when within 1 % of it. */
const TOLERANCE = 0.01;
/** Cap on the Langevin steps of the flow (T = 100·0.95^t is below 10⁻⁹ after 500; consensus follows within hundreds). */
const FLOW_CAP = 5000;

/** The flow under the text's schedule from T₀ = 100: v = 1 at node 0, nothing pinned, until consensus within 1 %. */
async function annealedFlow(ctx: MeasureContext): Promise<{ reached: boolean; steps: number; spread: number; mean: number; T: number }> {
  await ready();
  const [kGraph, kRun] = split(ctx.key("flow"), 2) as [Key, Key];
  const graph = graphFromSpec(TEXT_GRAPH, kGraph);
  try {
    const H = hamiltonianOf(ctx.mechanism, graph);
    const h = 0.5 / (2 * Math.max(...graph.degree));
    const x0 = new Float32Array(graph.n);
    x0[0] = 1;
    const initial = tf.tensor2d(x0, [graph.n, 1]);
    const observe = (p: tf.Tensor2D) => {
      const v = p.dataSync();
      let mean = 0;
      for (const a of v) mean += a / v.length;
      let spread = 0;
      for (const a of v) spread = Math.max(spread, Math.abs(a - mean));
      return { spread, mean };
    };
    const integrator = ctx.mechanism.integrator(H, { step: h, temperature: T0 });
    const r = run(
      integrator,
      initial,
      { steps: FLOW_CAP, recordEvery: 10, schedule: ctx.mechanism.schedule(T0), observe, stopWhen: (rec) => rec.spread! <= TOLERANCE },
      kRun,
    );
    tf.dispose([initial, r.final]);
    const last = r.trace.at(-1)!;
    return { reached: last.spread! <= TOLERANCE, steps: last.step, spread: last.spread!, mean: last.mean!, T: last.temperature };
  } finally {
    releaseGraph(graph);
  }
}

/** §3.3's script with the cell's kernel, PORT_RUNS runs of N = 50 under the mechanism's schedule from T₀ = 100. */
function portRuns(ctx: MeasureContext) {
  const schedule = ctx.mechanism.schedule;
  const kernel = kernelIn(ctx);
  return { kernel, ...injectionRuns(kernel, { nodes: 50, runs: PORT_RUNS, schedule: () => schedule(T0) }, ctx.key(`runs/${kernel}`)) };
}

/**
 * The flow cell, once per stream and mechanism (its two kernel cells are one experiment); the parts it reads are
 * read again on a memo hit, so the mechanism records the same reads either way.
 */
function flowOnce<T>(ctx: MeasureContext, what: string, reads: readonly Part[], compute: () => T): T {
  for (const part of reads) void ctx.mechanism[part];
  return memoised(`${what} | ${ctx.mechanism.key}`, [ctx.key("flow")], compute);
}

const UPDATE_GRID = {
  copy: "§3.3's executable update (the chart's Phase II): node 0 takes the signal, then each node proposes a value by the cell's kernel and accepts by Metropolis at per-node T₀ = 100, ×0.95 a sweep, on nx.watts_strogatz_graph(50, 4, 0.1).",
  flow: "§1.3 / §3.2's Langevin gradient flow dΨ/dt = −∇F + η of ℋ (ULA, the proposal's integrator) under T = 100·0.95^t on ws:50:4:0.1, nothing pinned.",
} as const;

/** The `kernel` parameter of a claim whose grid also has non-copy updates: it applies to the copy cells only. */
const COPY_KERNEL = {
  values: KERNEL_GRID.values,
  why: KERNEL_GRID.why.map((w) => `${w} (the copy update's proposal; the flow cells do not read it)`),
};

/** §2.2 step 4: as T → 0 the network locks into a consensus (a global minimum of ℋ), under either update. */
export const crystallisation: Claim = {
  id: "p2.2-crystallisation",
  source: "proposal",
  section: "2.2",
  quote: "Crystallization: As T_net → 0, the system locks into the Global Minimum (Consensus).",
  short: "cooling locks the network into consensus",
  notebook: COOLING_NOTEBOOK,
  model: `flow: v = 1 injected at node 0 of ${TEXT_GRAPH}, nothing pinned, ULA of ℋ with h = 0.5/(2 max D) under T = 100·0.95^t from the first step until every node is within 1 % of the mean (cap ${FLOW_CAP} steps). copy: §3.3's script with the cell's kernel (node 0's value or a neighbour's), ${PORT_RUNS} runs (N = 50, signal 3.14159, T₀ = 100, ×0.95, §3.3's stop).`,
  reading: {
    statement:
      "Under the text's cooling (T₀ = 100, ×0.95) the network ends in a consensus, a global minimum of ℋ (every node holding one value within the protocol's 1 % tolerance).",
    mechanism: "proposal",
  },
  decision: {
    rule: "flow: fact (consensus reached within the cap); copy: rateBeyond of the runs ending in consensus (Wilson)",
    threshold: "flow: every node within 1 % of v of the mean; copy: rate above 0.95",
    why: "1 % is the protocol's own finality tolerance. The flow at T → 0 is gradient descent on ℋ, which contracts every non-consensus mode of a connected graph: consensus is certain, so one run is a fact, not a rate. The copy rule's outcome is random: \"locks into\" is read at the usual 5 % level.",
  },
  grid: { update: { values: ["flow", "copy"], why: [UPDATE_GRID.flow, UPDATE_GRID.copy] }, kernel: COPY_KERNEL },
  repairs: [],
  byConstruction:
    "flow: at T = 0 the dynamics is gradient descent on ℋ = Σ J_ij (x_i − x_j)², whose minima are exactly the consensus states: on a connected graph it reaches one from any state (the value is the noise-shifted mean, not v). copy (node0): every node proposes node 0's value, so the consensus states absorb and are reached in a sweep or two, at T ≈ T₀·0.95 ≈ 95, before the cooling matters (p3.3-simulated-annealing). copy (neighbour): agreement also absorbs (no neighbour proposes another value), but only one node holds the signal at first, so whether the network reaches it before the cooling freezes it is measured.",
  review:
    "Review: the four phases started at T₀ = 0.05, not the proposal's 100. Now the text's schedule T = 100·0.95^t from the first step (no hot plateau), on §3.3's N = 50 graph; the pinned model is gone (the consensus of ℋ needs no pin), and §3.3's copy rule is the grid's second cell. Review 2 (defect 1, the kernel never gridded; T₀ note): the copy cell is split by `kernel` (node0, neighbour) read through kernelIn, on studies/cooling/injection (the library's copyAndAccept); the node-0 consensus is said to form at T ≈ 95 (the first sweep's T₀·0.95), not the old 'T ≈ 90'.",
  uses: ["interaction", "terms", "integrator", "schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    if (ctx.cell.update === "copy") {
      const p = portRuns(ctx);
      return {
        result: rateBeyond(p.consensus, PORT_RUNS, 0.95, "above", `copy (${p.kernel}): runs ending with every node on one value`, [
          rateEvidence(`runs of §3.3's script (${p.kernel}) ending in consensus`, p.consensus, PORT_RUNS),
          rateEvidence("… with every node on the signal", p.all, PORT_RUNS),
          evidence("most sweeps in any run", p.maxSweeps),
        ]),
        headline: `copy (${p.kernel}): ${p.consensus}/${PORT_RUNS} runs end in consensus (${p.all} on the signal); ≤ ${p.maxSweeps} sweeps`,
        reason:
          p.kernel === "node0"
            ? "Every node proposes node 0's value, so the network copies it (or, where node 0 rejected the signal, keeps the old value everywhere): consensus in a sweep or two, while still hot."
            : "Each node proposes a neighbour's value: the lone signal at node 0 spreads or dies like a voter model while it is hot; once the schedule has cooled, any remaining boundary freezes and §3.3's stop ends the run.",
      };
    }
    const f = await flowOnce(ctx, "p2.2 crystallisation flow", ["interaction", "terms", "integrator", "schedule"], () => annealedFlow(ctx));
    return {
      result: fact(f.reached, `flow: max |x_i − x̄| = ${num(f.spread)} after ${f.steps} steps (T = ${num(f.T)})`, [
        evidence("max |x_i − mean| at the end (v = 1)", f.spread, { reference: TOLERANCE }),
        evidence("Langevin steps under T = 100·0.95^t", f.steps),
        evidence("consensus value (v = 1, v/n = 0.02)", f.mean),
      ]),
      headline: `flow: every node within ${num(f.spread)} of the mean ${num(f.mean)} after ${f.steps} steps of T = 100·0.95^t`,
      reason:
        "As T falls the noise dies and the gradient flow contracts every disagreement: the network locks into a consensus. Its value is the mean after the hot steps' random walk, not the injected v (see p2.2-diffusion-propagates).",
    };
  },
};

/** §2.2 step 3 on the text's landscape: conflicting ledgers at the end of the text's schedule. */
const ANNEAL_RUNS = 600;
/** Runs of the designed 8-spin trap, evidence beside the verdict. */
const TRAP_RUNS = 200;

/**
 * The measurement of p2.2-annealing and of notebook 06's annealing figure: one cell's runs on the text's landscape
 * (studies/cooling/annealing) under the mechanism's schedule (given the ws landscape's d*, spin/ws-landscape), the
 * same runs (same key: same graphs, starts and draws) at the schedule's starting temperature held constant, the
 * quote's causal clause's control, and the designed trap beside it.
 */
export function annealingOfCell(ctx: MeasureContext) {
  const kernel = kernelIn(ctx);
  const end = ctx.cell.end === "stop" ? "stop" : "horizon";
  const runsKey = ctx.key(`runs/${kernel}/${end}`),
    trapKey = ctx.key(`trap/${kernel}`);
  // A repair that replaces the kernel (symmetric) makes both kernel cells one experiment: computed once.
  return memoised(`p2.2 annealing ${end} | ${ctx.mechanism.key}`, [runsKey, trapKey], () =>
    annealingRuns(ctx, kernel, end, runsKey, trapKey),
  );
}

function annealingRuns(ctx: MeasureContext, kernel: ProposalKernel, end: AnnealEnd, runsKey: Key, trapKey: Key) {
  const part = ctx.mechanism.schedule;
  const cooled = () => part(T0, WS_LANDSCAPE);
  const horizon = cooled().horizon ?? UPDATE_SWEEP_CAP;
  const r = annealRuns(kernel, { nodes: 50, runs: ANNEAL_RUNS, horizon, end, schedule: cooled }, runsKey);
  const coldest = cooled().temperature(horizon - 1);
  const start = cooled().temperature(0);
  const uncooled = annealRuns(kernel, { nodes: 50, runs: ANNEAL_RUNS, horizon, end, schedule: () => constant(start) }, runsKey);
  const trapDepth = prepareProblem(twoCommunityProblem({ bridges: 2 })).depth;
  const trap = designedTrapConflicts(kernel, { bridges: 2, runs: TRAP_RUNS, schedule: () => part(T0, { depth: trapDepth }) }, trapKey);
  return { kernel, end, horizon, r, coldest, start, uncooled, trap, trapDepth };
}

/** What the constant-T₀ control says of the quote's causal clause (evidence, not decided): cooled vs held at T₀. */
function coolingControl(cooled: number, uncooled: number): string {
  const counts = `${cooled}/${ANNEAL_RUNS} cooled against ${uncooled}/${ANNEAL_RUNS} held at T₀ on the same key`;
  if (cooled < uncooled) return `The control agrees with the causal clause: lowering T leaves fewer runs in conflict (${counts}).`;
  if (cooled > uncooled)
    return `The control contradicts the causal clause: the same runs held at T₀ end in conflict less often (${counts}), so the lowering of T is what leaves the conflicts.`;
  return `The control shows the lowering of T plays no part in the count (${counts}).`;
}

export const annealingRole: Claim = {
  id: "p2.2-annealing",
  source: "proposal",
  section: "2.2",
  quote:
    "Annealing: The network temperature T_net is dynamically lowered. High-entropy states (conflicting ledgers) become exponentially improbable according to the Boltzmann distribution",
  short: "annealing drives the network to agreement",
  notebook: COOLING_NOTEBOOK,
  model: `The text's landscape: ℋ's interaction on two values per node (§3.3's ½‖s_i − s_j‖² = 1 − s_is_j, the Ising form with J = 1, no field) on §3.3's graph watts_strogatz(50, 4, 0.1), a new graph per run, from values drawn at random per node (conflicting ledgers). §3.3's update with the cell's kernel (node 0's value or a uniformly drawn neighbour's), Metropolis, nodes in order, T = 100·0.95^t per sweep, for at most ${UPDATE_SWEEP_CAP} sweeps (§3.3's cap; a schedule that states a longer horizon runs it); ${ANNEAL_RUNS} runs per cell; a run ends in conflict when its nodes do not all hold one value (the two consensus states are this landscape's global minima). Beside it, as evidence only: the same runs on the same key at constant T = T₀ (no cooling, the same horizon and end), the control of the quote's causal clause (cooling → conflicts improbable); and the first editions' designed trap (8 spins, two communities, fields +0.5/−0.3, 2 bridges), ${TRAP_RUNS} runs.`,
  reading: {
    statement:
      "Lowering T_net by the text's schedule (T₀ = 100, ×0.95) makes conflicting ledgers improbable, as the Boltzmann law at the lowered temperature says, and so the network locks into the global minimum: at the end of the text's process few runs are left in conflict.",
    mechanism: "proposal",
  },
  decision: {
    rule: "rateBeyond: the share of runs ending in conflict (Wilson interval) below the threshold; above it wholly refutes, straddling it is inconclusive",
    threshold: "conflict rate < 0.05",
    why: `"Improbable" read at the usual 5 % level; the Boltzmann law at the end of the schedule puts conflicts below 2^49·e^(−2/T) (< 10⁻¹⁰⁰ at T = 100·0.95^199), so 5 % is far kinder than the law. ${ANNEAL_RUNS} runs resolve a rate of 0.05 to about ±${num(1.96 * Math.sqrt((0.05 * 0.95) / ANNEAL_RUNS))}.`,
  },
  grid: {
    kernel: KERNEL_GRID,
    end: {
      values: ["stop", "horizon"],
      why: [
        "§3.3's loop as written: the run ends at the first sweep that changes nothing (or at the cap)",
        "§2.2's \"as T_net → 0\": the schedule runs to its horizon (§3.3's 1000 sweeps, T ≈ 5·10⁻²¹) with no early stop, so a run is not ended by a quiet sweep while it is still warm; fixed before the run from that phrase (the same continuation p3.2-ground-state gives the lemma's t → ∞), not chosen after seeing either value's outcome",
      ],
    },
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why: `Hajek's T_t = c/ln(t + e), the schedule that provably reaches the ground states of a reversible chain, at its best standard form: c = d* of this landscape (${WS_DEPTH} in the acceptance's units, 2 per cut edge; estimated: exact d* is 0–6 on enumerable ws(N ≤ 20, 4, 0.1) draws; spin/ws-landscape WS_DEPTH, the one d* p2.1-ising-alignment and p3.2-ground-state use) over ${LOGARITHMIC_HORIZON} sweeps (repairs LOGARITHMIC_HORIZON). Under §3.3's stop a quiet sweep still ends the run early. ${COPY_KERNELS_OUTSIDE_HAJEK}`,
    },
    {
      variant: "symmetric-kernel",
      why: "The textbook single-flip Metropolis proposal (for two values, the other one), under which the Boltzmann law is the chain's equilibrium: what the quote's \"according to the Boltzmann distribution\" presumes.",
    },
  ],
  byConstruction:
    "On this landscape the global minima are exactly the two consensus states (a connected ferromagnet), so 'locks into the global minimum' and 'ends without conflict' are one event. Under the node0 kernel a consensus on node 0's value is reached within a few sweeps while still hot (every node proposes it): conflicts vanish whatever the schedule. Under the neighbour kernel agreement absorbs too, but the random start coarsens like a voter model and the geometric schedule freezes domain walls after about 100 sweeps.",
  review:
    "Review: the headline \"holds\" rested on comparing annealing with a quench, not on the quote. Now the one reading is the quote's (conflicts improbable at the end of T = 100·0.95^t). Review 2: 'an 8-spin two-community problem with fields +0.5/−0.3 and symmetric single-flip Metropolis decides p2.2-annealing (defects 1, 2); the logarithmic repair uses c = T₀ = 100 and ends at T = 18.8, a straw man (defect 5)'. Fixed: measured on the text's Hamiltonian (interaction energy, two values per node) on §3.3's ws(50, 4, 0.1) with §3.3's update, `kernel` gridded (node0, neighbour) and read through kernelIn; symmetric only as the repair `symmetric-kernel`; the designed trap is evidence beside the verdict; the logarithmic repair is Hajek's c = d* over a stated 10⁴-sweep horizon (its source in repairs REPAIR_SOURCES). Internal review 3 (minor, p2.2-annealing): 'the quote's causal clause (\"T lowered → conflicts improbable according to Boltzmann\") is untested. A constant-T₀ control, like p3.3's \"same key without cooling\", would test it as evidence … say in the grid's reason that [end = horizon] was fixed before the run'; (defect 5) one d* for the ws landscape, and the repair's guarantee does not cover the copy kernels. Fixed: each cell's runs are repeated on the same key at constant T₀ (no cooling; evidence beside the verdict, not decided), and the end grid's horizon value says it was fixed before the run from §2.2's \"as T_net → 0\"; d* comes from spin/ws-landscape (6, the acceptance's units), shared with p2.1-ising-alignment and p3.2-ground-state, and the repair's why says a hold under a copy kernel is the voter model's absorption, not Hajek's guarantee.",
  uses: ["schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const { kernel, end, r, coldest, start, uncooled, trap, trapDepth } = annealingOfCell(ctx);
    const bound = r.conflicts > 0 ? boltzmannConflictBound(50, r.hottestConflict) : boltzmannConflictBound(50, coldest);
    return {
      result: rateBeyond(r.conflicts, ANNEAL_RUNS, 0.05, "below", `${kernel}, ${end}: runs ending in conflict`, [
        rateEvidence("runs ending with conflicting ledgers (ws(50, 4, 0.1), the text's ℋ)", r.conflicts, ANNEAL_RUNS),
        evidence("mean sweeps per run", r.meanSweeps),
        evidence(
          r.conflicts > 0
            ? `log₁₀ of the Boltzmann bound on P(conflict) at the warmest end of a conflicted run (T = ${num(r.hottestConflict)})`
            : `log₁₀ of the Boltzmann bound on P(conflict) at the horizon (T = ${num(coldest)})`,
          bound,
        ),
        rateEvidence(
          `beside the verdict: the same runs (same key) at constant T = ${num(start)}, no cooling: runs ending in conflict`,
          uncooled.conflicts,
          ANNEAL_RUNS,
        ),
        rateEvidence(
          `beside the verdict: designed 8-spin trap (fields +0.5/−0.3, 2 bridges, d* = ${trapDepth}) runs left in conflict`,
          trap.conflicts,
          trap.runs,
        ),
      ]),
      headline: `${kernel}, ${end}: ${r.conflicts}/${ANNEAL_RUNS} runs end in conflict (${num(r.meanSweeps)} sweeps on average); the Boltzmann law allows ${bound < 0 ? `10^${num(bound)}` : "any share (no bound that warm)"}; without cooling (T = ${num(start)}) ${uncooled.conflicts}/${ANNEAL_RUNS}; designed trap: ${trap.conflicts}/${trap.runs}`,
      reason: `${
        kernel === "node0"
          ? "Every node proposes node 0's value: the network copies it within a few sweeps while still hot, and a consensus proposes nothing more, so no run is left in conflict (the cooling plays no part)."
          : kernel === "neighbour"
            ? "Each node proposes a neighbour's value: the random start coarsens like a voter model while hot; once the schedule has cooled, the domain walls that remain freeze, far more often than the Boltzmann law at the final temperature allows."
            : "Each node proposes the other value (the symmetric repair, whose stationary law is Boltzmann): the conflicts left at the end are domain walls the schedule froze before the chain reached that law, which at the final temperature allows almost none."
      } ${coolingControl(r.conflicts, uncooled.conflicts)}`,
    };
  },
};

/**
 * Steps of the zero-noise flow: the unpinned flow reaches v/n within a few hundred; the pinned one (the repair) is
 * within 2·10⁻⁴ of v after 4000 on every graph tried, 1 % after about 2000.
 */
const FREE_STEPS = 5000;

/** §2.2 step 2: diffusion "propagates" the tensor: §3.3's copy rule does; the averaging flow averages it away. */
export const diffusionPropagates: Claim = {
  id: "p2.2-diffusion-propagates",
  source: "proposal",
  section: "2.2",
  quote: "Diffusion: The node seeks to lower its energy by propagating the tensor 𝒯 to neighbors j.",
  short: "diffusion propagates the injected value",
  notebook: COOLING_NOTEBOOK,
  model: `copy: §3.3's script with the cell's kernel (node 0's value or a neighbour's), ${PORT_RUNS} runs (N = 50, signal 3.14159, T₀ = 100, ×0.95, §3.3's stop), counted among the runs where node 0 accepted the signal (the injection of step 1 happened). flow: v = 1 at node 0 of ${TEXT_GRAPH}, nothing pinned, gradient flow of ℋ (h = 0.5/(2 max D), ${FREE_STEPS} steps; the text's noise is mean-zero and cannot carry v, so it is left out).`,
  reading: {
    statement:
      "A node holding a new value propagates it to its neighbours: diffusion ends with the nodes holding the injected tensor (within the protocol's 1 % tolerance).",
    mechanism: "proposal",
  },
  decision: {
    rule: "copy: rateBeyond of the runs ending with every node on the signal, among those that injected it (Wilson); flow: fact (a deterministic flow)",
    threshold: "copy: rate above 0.95; flow: every node within 1 % of v",
    why: "1 % is the protocol's finality tolerance; the copy rule's outcome is random, read at the usual 5 % level; the zero-noise flow is deterministic (Langevin noise adds a mean-zero walk to the conserved mean, which cannot move it to v on average).",
  },
  grid: {
    update: {
      values: ["copy", "flow"],
      why: [
        UPDATE_GRID.copy,
        "§1.3 / §3.2's gradient flow of ℋ, the text's \"heat equation\": each node moves toward its neighbours' average, nothing pinned.",
      ],
    },
    kernel: COPY_KERNEL,
  },
  repairs: [
    {
      variant: "pinned-injection",
      why: 'The old "strongest" reading: the injecting node holds its value (an anchor s(x₀ − v)², the library\'s §2.2 protocol), a boundary condition the text never states.',
    },
  ],
  byConstruction:
    "flow: the gradient flow of ℋ conserves the mean (Σ_i ∂ℋ/∂x_i = 0), so an unpinned injection converges to v/n everywhere: no node can end holding v. copy (node0): every node proposes node 0's value itself, so once node 0 holds it the network copies it (the consensus on it absorbs). copy (neighbour): a node proposes a neighbour's value, so the signal spreads only by neighbours copying one another, measured.",
  review:
    "Review: both readings ran averaging gradient flow, while the proposal's own update copies the proposed value and its chart says gossip. Now the update is a grid parameter (copy, flow), both the text's; the pin is the repair `pinned-injection`. Review 2 (defect 1: 'copy' meant node 0's value here and a neighbour's elsewhere; the copy cell of the proposal ends with every node holding the signal, 249/300 with §3.3's port): the copy cell is split by `kernel` (node0, neighbour), read through kernelIn, on studies/cooling/injection (the library's copyAndAccept, not a port of its own).",
  uses: ["interaction", "terms", "schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    if (ctx.cell.update === "copy") {
      const p = portRuns(ctx);
      return {
        result: rateBeyond(
          p.allInjected,
          p.injected,
          0.95,
          "above",
          `copy (${p.kernel}): runs ending with every node on the signal, of those where node 0 took it`,
          [
            rateEvidence("every node holds the signal, among runs that injected it", p.allInjected, p.injected),
            rateEvidence("every node holds the signal, all runs", p.all, PORT_RUNS),
            rateEvidence("node 0 accepted the injected signal", p.injected, PORT_RUNS),
          ],
        ),
        headline: `copy (${p.kernel}): every node holds the signal in ${p.allInjected}/${p.injected} runs that injected it (${p.all}/${PORT_RUNS} of all runs; node 0 rejected it in ${PORT_RUNS - p.injected})`,
        reason:
          p.kernel === "node0"
            ? "§3.3's update copies node 0's value: wherever node 0 accepted the signal, every node ends holding it; the failures are node 0 rejecting its own transaction by Metropolis at T = 100."
            : "Each node copies a neighbour's value: one node holding the signal among 49 holding the old value is a voter model's lone opinion, which dies out far more often than it takes over before the cooling freezes the network.",
      };
    }
    await ready();
    const free = flowOnce(ctx, "p2.2 propagates flow", ["interaction", "terms"], () => {
      const [kGraph, kRun] = split(ctx.key("flow"), 2) as [Key, Key];
      const graph = graphFromSpec(TEXT_GRAPH, kGraph);
      try {
        return freeInjection(graph, kRun, FREE_STEPS, (g) => hamiltonianOf(ctx.mechanism, g));
      } finally {
        releaseGraph(graph);
      }
    });
    const holding = free.values.filter((x) => Math.abs(x - free.value) <= TOLERANCE * free.value).length;
    const max = Math.max(...free.values);
    return {
      result: fact(
        holding === free.values.length,
        `flow: ${holding}/${free.values.length} nodes hold v; the largest x_i is ${num(max)} (v/n = ${num(free.mean)})`,
        [
          evidence("fraction of nodes holding v (±1 %)", holding / free.values.length, { reference: 1 }),
          evidence("largest final x_i", max, { reference: free.value }),
          evidence("v/n (the conserved mean)", free.mean),
        ],
      ),
      headline: `flow: ${holding}/${free.values.length} nodes hold v = 1 after ${free.steps} steps; the largest x_i is ${num(max)} (v/n = ${num(free.mean)})`,
      reason:
        "Averaging conserves the mean: an unpinned injection is averaged with everybody's old state and converges to v/n, so the value is diluted, not propagated. Only a node that keeps its value (a pin, not diffusion) makes it spread.",
    };
  },
};

export const claims: Claim[] = [bftQuadratic, diffusionMessages, crystallisation, annealingRole, diffusionPropagates];

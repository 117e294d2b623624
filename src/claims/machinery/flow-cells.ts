/**
 * The text's Langevin flow as a cell of the claims whose sentence's mechanism is that flow, beside §3.3's copy cells
 * (twelfth-edition referee, defect 1): p2.2-annealing (the Boltzmann law §1.3's Langevin dynamics samples),
 * p3.2-ground-state (Lemma 1's proof applies dΨ/dt = −∇F + η) and p4.2-metastable-risk (the system's dynamics). No
 * new integrator: p2.2-crystallisation's flow (studies/cooling/flow-injection, ULA of the mechanism's ℋ with
 * h = 0.5/(2 max D) under the mechanism's schedule from T₀ = 100, runs side by side as channels of one field on one
 * ws(N, 4, 0.1) per case and replicate), started from conflicting ledgers instead of an injection.
 *
 * What the copy cells read on ledgers is read on the continuous field by p2.2-crystallisation's criterion, fixed
 * before any run: a run is in consensus (the ground state, no conflict) when every node is within 1 % of the distance
 * between two ledgers (2) of the run's mean, in every component; and it is stuck in a split minimum when it is out of
 * consensus at a rest point of the flow (the drift would move no node by {@link STILL} in 10 steps).
 *
 * One rule for the step (twenty-fourth-edition referee): a cell that reads the flow's law at a temperature T > 0 grids
 * h as p1.3-langevin does, since ULA's stationary law is Boltzmann's only as h → 0 (p2.2-annealing's Boltzmann part,
 * ./flow-anneal); a cell that reads where the flow ends as T → 0 runs h = 0.5/(2 max D), since at T = 0 ULA is gradient
 * descent, whose fixed points are ℋ's minima exactly at any h below 1/λ_max(L) (no step bias to grid).
 */
import { fold, split, uniformSource, type Key } from "../../engine/random";
import { ready } from "../../engine/backend";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { laplacianEigenvalues } from "../../graph/spectrum";
import { releaseGraph } from "../../ops/tensors";
import { gradient } from "../../hamiltonian/term";
import { injectionFlowRuns, STILL } from "../../studies/cooling/flow-injection";
import type { Schedule } from "../../dynamics/schedules";
import * as tf from "@tensorflow/tfjs";
import { GROUND_STATE_GRID } from "../../studies/lemma-audit/ground-state";
import { normalQuantile } from "../../stats/tests";
import { everyCase, rateBeyond, rateEvidence } from "./decide";
import { evidence } from "./evidence";
import { checkPacking, isProposalEnergy } from "./flow-packing";
import { hamiltonianOf } from "./mechanism";
import { pinsInjection } from "./repairs";
import { memoRunsNow, readsOf } from "./runs-memo";
import { cellStop, looksOf, rateBeyondByLooks } from "./sequential-cell";
import { MIN_LOOKS } from "../../stats/sequential";
import { ArgumentError } from "../../errors";
import type { Landscape, MeasureContext, Measurement } from "./types";

const WHERE = "emtd/claims/flow-cells";

/** §3.3's starting temperature, the flow's too. */
const T0 = 100;
/** Distance between two ledgers: √4, the ±1 pair's (studies/lemma-audit/ground-state LEDGER_DISTANCE = 4, squared). */
const LEDGER_GAP = 2;
/** p2.2-crystallisation's consensus criterion: within 1 % of the distance between two ledgers of the run's mean. */
export const FLOW_TOLERANCE = 0.01 * LEDGER_GAP;
/**
 * The flow's cap when the schedule states no horizon: p2.2-crystallisation's (T = 100·0.95^t is below 10⁻⁹ after 500
 * steps, where the flow is gradient descent on ℋ; on ws(500, 4, 0.1) it contracts to consensus within ~1200).
 */
export const FLOW_STEPS = 5000;

/** The reason every flow cell gives for `update: flow`, after the copy cells' reason. */
export const FLOW_UPDATE =
  "§1.3 / §3.2's Langevin gradient flow dΨ/dt = −∇F + η of ℋ (ULA, the proposal's integrator, " +
  "h = 0.5/(2 max D)) under the text's schedule from T₀ = 100 on ws(N, 4, 0.1), from " +
  "conflicting ledgers, nothing pinned: p2.2-crystallisation's flow cell from another start";

/**
 * The flow's landscape: ℋ's quadratic interaction is convex, its minima exactly the consensus line, so no non-global
 * local minimum and d* = 0 (as p2.2-crystallisation's flow cell), with the pin's anchor too; unknown under a variant
 * that replaces the energy otherwise.
 */
export function flowLandscape(ctx: MeasureContext): Landscape | undefined {
  const { replaced } = ctx.mechanism;
  if (replaced.includes("interaction")) return undefined;
  // The pin's anchor s(x₀ − v)² is convex too: ℋ keeps one minimum, the consensus on v.
  return replaced.includes("terms") && !pinsInjection(ctx.mechanism) ? undefined : { depth: 0 };
}

/**
 * Coordinates of K ledgers at mutual distance {@link LEDGER_GAP}: the regular simplex in K − 1 dimensions (Helmert's
 * basis of the sum-zero plane), the smallest space that holds them; K = 2 is the ±1 pair of §2.1's Ising image.
 */
export function ledgerCoordinates(K: number): number[][] {
  return Array.from({ length: K }, (_, k) =>
    Array.from({ length: K - 1 }, (_, d) => {
      const j = d + 1;
      const q = k < j ? 1 : k === j ? -j : 0;
      return (Math.SQRT2 * q) / Math.sqrt(j * (j + 1));
    }),
  );
}

/** What {@link ledgerFlowRuns} measured, per run. */
export interface LedgerFlowRuns {
  runs: number;
  nodes: number;
  steps: number;
  /** Temperature of the last step. */
  temperature: number;
  /** The graph's largest degree. */
  maxDegree: number;
  /** Per run: max over nodes and components of |x_i − x̄| at the end. */
  spread: number[];
  /** Per run: in consensus at the end ({@link FLOW_TOLERANCE}). */
  consensus: boolean[];
  /** Per run: at a rest point of the flow at the end (no node's drift moves it by {@link STILL} in 10 steps). */
  atRest: boolean[];
  /**
   * Every pack ended where its held temperature's law is the stationary one ({@link RELAXATIONS} e-foldings of the
   * slowest mode, known under the proposal's energy and integrator); false where a pack ran to its cap.
   */
  relaxed: boolean;
}

/** A flow cell's plan: `runs` runs on one ws(`nodes`, 4, 0.1), each node on one of `ledgers` ledgers, under `schedule`. */
export interface LedgerFlowPlan {
  nodes: number;
  runs: number;
  ledgers: number;
  schedule: () => Schedule & { readonly horizon?: number };
  /** The step as h·λ_max(L) (p1.3-langevin's unit); absent, the flow cells' h = 0.5/(2 max D) ({@link flowStep}). */
  stepTimesLambdaMax?: number;
}

/**
 * The packs a plan's runs are measured in, as cumulative run counts: one per look of a cell decided look by look
 * (./sequential-cell looksOf: 25, 50, 75 and 100 % of the plan), one for a plan too small for four looks. Pack j's
 * runs are side by side as channels under their own start and noise keys, so they are the same runs whether the
 * plan is measured whole or look by look, and a cell that stops at a look measured the plan's first runs.
 */
export function ledgerFlowPacks(runs: number): number[] {
  return runs >= 2 * MIN_LOOKS ? looksOf(runs) : [runs];
}

/**
 * The plan's runs of the mechanism's flow on one ws(`nodes`, 4, 0.1) drawn from `key`, every node of every run on one
 * of `ledgers` ledgers drawn uniformly, under `schedule` (from T₀ = 100); each pack ({@link ledgerFlowPacks}) until
 * every run of it is in consensus, or the schedule's stated horizon, else {@link FLOW_STEPS} steps. The same key gives
 * the same graph, starts and noise, so a control (the temperature held at T₀) runs the same runs.
 */
export async function ledgerFlowRuns(ctx: MeasureContext, o: LedgerFlowPlan, key: Key): Promise<LedgerFlowRuns> {
  await ready();
  return ledgerFlowBetween(ctx, o, key, 0, o.runs);
}

/**
 * Runs [`from`, `to`) of {@link ledgerFlowRuns}'s plan, `from` and `to` where packs begin or end (a look's runs), the
 * packs' `steps` the most any ran; the backend must be ready (engine/backend `ready`). Each pack is made once per
 * process for what it reads (./runs-memo): a repair's flow cell whose parts and temperatures are the proposal's reads
 * the proposal's runs.
 */
export function ledgerFlowBetween(ctx: MeasureContext, o: LedgerFlowPlan, key: Key, from: number, to: number): LedgerFlowRuns {
  const ends = [0, ...ledgerFlowPacks(o.runs)];
  const first = ends.indexOf(from);
  const last = ends.indexOf(to);
  if (first < 0 || last < first)
    throw new ArgumentError(WHERE, "from, to", `pack boundaries with from ≤ to, of ${ends.join(", ")}`, [from, to]);
  const schedule = o.schedule();
  // The trace covers every step a pack may run: a smaller step's cap is at most FLOW_STEPS/(2·h·λ_max) (Gershgorin).
  const f = o.stepTimesLambdaMax;
  const reads = readsOf(
    ctx.mechanism,
    ["interaction", "terms", "integrator"],
    schedule,
    schedule.horizon ?? (f === undefined ? FLOW_STEPS : Math.ceil(FLOW_STEPS / (2 * f))),
  );
  const packs = Array.from({ length: last - first }, (_, i) => {
    const j = first + i;
    const what = `ledger flow ${o.nodes}/${o.runs}/${o.ledgers}${o.stepTimesLambdaMax === undefined ? "" : ` hλ ${o.stepTimesLambdaMax}`} pack ${j}`;
    return memoRunsNow(what, key, reads, () => measureLedgerFlowPack(ctx, o, key, j, ends[j + 1]! - ends[j]!));
  });
  const longest = packs.reduce((a, b) => (b.steps > a.steps ? b : a), packs[0] ?? emptyPack(o));
  return {
    runs: to - from,
    nodes: o.nodes,
    steps: longest.steps,
    temperature: longest.temperature,
    maxDegree: longest.maxDegree,
    spread: packs.flatMap((p) => p.spread),
    consensus: packs.flatMap((p) => p.consensus),
    atRest: packs.flatMap((p) => p.atRest),
    relaxed: packs.every((p) => p.relaxed),
  };
}

function emptyPack(o: LedgerFlowPlan): LedgerFlowRuns {
  return { runs: 0, nodes: o.nodes, steps: 0, temperature: NaN, maxDegree: NaN, spread: [], consensus: [], atRest: [], relaxed: true };
}

/** One run of a flow cell, as a cell decided look by look reads it (its pack's steps beside its own end). */
export interface LedgerFlowRun {
  spread: number;
  consensus: boolean;
  atRest: boolean;
  /** Steps of the longest pack measured with it (its own pack's where a look is measured alone). */
  steps: number;
}

/** The runs of {@link ledgerFlowBetween}, one by one (each with the steps of the longest pack measured). */
function runsOf(f: LedgerFlowRuns): LedgerFlowRun[] {
  return f.spread.map((spread, r) => ({ spread, consensus: f.consensus[r]!, atRest: f.atRest[r]!, steps: f.steps }));
}

/** The plan's graph: ws(`nodes`, 4, 0.1) drawn from the first of `key`'s three subkeys (every pack's); caller releases. */
export function ledgerFlowGraph(nodes: number, key: Key): Graph {
  return graphFromSpec(`ws:${nodes}:4:0.1`, split(key, 3)[0]!);
}

/** Pack `pack` of the plan: `runs` runs side by side as channels, the graph the plan's, start and noise the pack's own. */
function measureLedgerFlowPack(ctx: MeasureContext, o: LedgerFlowPlan, key: Key, pack: number, runs: number): LedgerFlowRuns {
  const [, kStart, kRun] = split(key, 3) as [Key, Key, Key];
  const graph = ledgerFlowGraph(o.nodes, key);
  try {
    const D = o.ledgers - 1;
    const channels = runs * D;
    const coordinates = ledgerCoordinates(o.ledgers);
    const u = uniformSource(fold(kStart, pack));
    const initial = new Float32Array(o.nodes * channels);
    for (let r = 0; r < runs; r++)
      for (let i = 0; i < o.nodes; i++) {
        const ledger = coordinates[Math.floor(u() * o.ledgers)]!;
        for (let d = 0; d < D; d++) initial[i * channels + r * D + d] = ledger[d]!;
      }
    // Packing runs as channels is exact only where ℋ separates over them (./flow-packing): else not comparable.
    checkPacking(ctx.mechanism, graph, runs, D);
    const H = hamiltonianOf(ctx.mechanism, graph);
    const step = flowStep(graph, o.stepTimesLambdaMax);
    const integrator = ctx.mechanism.integrator(H, { step, temperature: T0 });
    const schedule = o.schedule();
    // Without a stated horizon, a smaller step's cap is as much flow time (h·steps) as the flow cells' step's (the
    // schedule itself is per step, so a smaller step cools in less flow time).
    const steps = Math.ceil((FLOW_STEPS * flowStep(graph)) / step);
    const { end: cap, relaxed } = relaxedEnd(ctx, schedule, schedule.horizon ?? steps, graph, step);
    const f = injectionFlowRuns(
      graph,
      integrator,
      schedule,
      { runs: channels, cap, tolerance: FLOW_TOLERANCE, until: "consensus", initial },
      fold(kRun, pack),
    );
    const drift = restMoves(H, f.field, o.nodes, channels, 10 * step);
    const perRun = (values: number[]) => Array.from({ length: runs }, (_, r) => Math.max(...values.slice(r * D, (r + 1) * D)));
    const spread = perRun(f.spread);
    const moves = perRun(drift);
    return {
      runs,
      nodes: o.nodes,
      steps: f.steps,
      temperature: f.temperature,
      maxDegree: Math.max(...graph.degree),
      spread,
      consensus: spread.map((s) => s <= FLOW_TOLERANCE),
      atRest: moves.map((m) => m <= STILL),
      relaxed,
    };
  } finally {
    releaseGraph(graph);
  }
}

/**
 * The flow's step on `graph`: h = 0.5/(2 max D) (the flow cells' own, p2.2-crystallisation's: h·λ_max(L) ≤ ½ by
 * Gershgorin, ≈ 0.3–0.4 on ws(50, 4, 0.1)); with `stepTimesLambdaMax`, h = that / λ_max(L) (p1.3-langevin's grid).
 */
export function flowStep(graph: Graph, stepTimesLambdaMax?: number): number {
  if (stepTimesLambdaMax === undefined) return 0.5 / (2 * Math.max(...graph.degree));
  if (!(stepTimesLambdaMax > 0 && stepTimesLambdaMax < 1))
    throw new ArgumentError(WHERE, "stepTimesLambdaMax", "h·λ_max in (0, 1), where ULA is stable", stepTimesLambdaMax);
  const ev = laplacianEigenvalues(graph);
  return stepTimesLambdaMax / ev[ev.length - 1]!;
}

/** e-foldings of the start's disagreement after which a held temperature's law is the stationary one (e^−20 ≈ 2·10⁻⁹). */
const RELAXATIONS = 20;

/**
 * The step a run ends at: `cap`, or earlier where the schedule holds T constant from some step to `cap` and the law at
 * `cap` is the stationary law at that T. Under ULA on the proposal's ℋ = Σ_edges (x_i − x_j)² (gradient 2Lx) every
 * disagreement mode contracts by at least (1 − 2hλ₂) a step, λ₂ the graph's smallest non-zero Laplacian eigenvalue,
 * so {@link RELAXATIONS} e-foldings after T last changed the start is gone (below float32's resolution) and the field
 * is a draw of the law at `cap`: the run stops there (held-to-absorption's 2·10⁴ steps at T₀ are ~10³ at N = 50 and
 * ~4·10³ at N = 500). The spread a cell reads is from the run's mean, so the free consensus mode does not matter.
 * Only under the proposal's energy (or a replacement equal to it: ./flow-packing isProposalEnergy) and integrator,
 * whose relaxation this is.
 */
function relaxedEnd(ctx: MeasureContext, schedule: Schedule, cap: number, graph: Graph, step: number): { end: number; relaxed: boolean } {
  const atCap = { end: cap, relaxed: false };
  if (!isProposalEnergy(ctx.mechanism, graph) || ctx.mechanism.replaced.includes("integrator")) return atCap;
  const held = schedule.temperature(cap);
  let changed = cap;
  while (changed > 0 && schedule.temperature(changed - 1) === held) changed--;
  if (changed === cap) return atCap;
  // The slowest mode contracts by ρ = max_m |1 − 2hλ_m| a step (λ₂ at the flow cells' steps; λ_max near h = 1/λ_max).
  const ev = laplacianEigenvalues(graph);
  const rho = Math.max(Math.abs(1 - 2 * step * ev[1]!), Math.abs(1 - 2 * step * ev[ev.length - 1]!));
  if (!(rho < 1)) return atCap;
  const end = changed + Math.ceil(RELAXATIONS / -Math.log(rho));
  return end <= cap ? { end, relaxed: true } : atCap;
}

/** Per channel: the most any node's drift would move it over `time` (h·10 steps) from `field`, max_i time·|∂ℋ/∂x_i|. */
function restMoves(H: ReturnType<typeof hamiltonianOf>, field: Float32Array, nodes: number, channels: number, time: number): number[] {
  const g = tf.tidy(() => gradient(H, tf.tensor2d(field, [nodes, channels])));
  const v = g.dataSync();
  g.dispose();
  const most = new Array<number>(channels).fill(0);
  for (let i = 0; i < nodes; i++) for (let c = 0; c < channels; c++) most[c] = Math.max(most[c]!, time * Math.abs(v[i * channels + c]!));
  return most;
}

/** The cell's schedule, handed the flow's landscape (d* = 0 where the energy is the proposal's). */
export function flowSchedule(ctx: MeasureContext) {
  return () => ctx.mechanism.schedule(T0, flowLandscape(ctx));
}

export const count = (flags: boolean[], value: boolean) => flags.filter((f) => f === value).length;

/**
 * Runs of each case of p3.2-ground-state's flow cell, planned so that the rule can decide in every case: 0 divergent
 * runs must be significant after Holm over the lemma's 4 cases, p = 2(1 − Φ(0.05/√(0.05·0.95/n))) < 0.05/4, so
 * n ≥ (z₀.₉₉₃₇₅·√(0.05·0.95)/0.05)² = 119 (at 100, the copy cells' count at N = 500, every case would be
 * inconclusive: p = 0.0218 each). The copy cells' 5·10⁴/N (1000 at N = 50) keeps the node-updates per case equal,
 * which runs side by side as channels do not need, and under the held-to-absorption repair would run 7000 channels
 * for 2·10⁴ steps.
 */
export const GROUND_STATE_FLOW_RUNS = Math.ceil(
  ((normalQuantile(1 - 0.05 / (2 * GROUND_STATE_GRID.ledgers.length * GROUND_STATE_GRID.nodes.length)) * Math.sqrt(0.05 * 0.95)) / 0.05) **
    2,
);

/**
 * p3.2-ground-state's flow cell: Lemma 1 over its cases (2 and 8 ledgers × N = 50 and 500), each the share of runs
 * ending outside consensus below `level` ({@link GROUND_STATE_FLOW_RUNS} runs), everyCase with Holm as the copy cells.
 */
export async function groundStateFlowCell(ctx: MeasureContext, level: number): Promise<Measurement> {
  await ready();
  const schedule = flowSchedule(ctx);
  const name = schedule().name;
  const cases = [];
  for (const ledgers of GROUND_STATE_GRID.ledgers)
    for (const nodes of GROUND_STATE_GRID.nodes) {
      const plan = { nodes, runs: GROUND_STATE_FLOW_RUNS, ledgers, schedule };
      const key = ctx.key(`flow/${ledgers}/${nodes}`);
      const label = `${ledgers} ledgers, N = ${nodes}`;
      // Decided look by look (issue 72 item 3): each look's runs are a pack of their own, the same at any look.
      const t = rateBeyondByLooks(
        {
          statement: label,
          maxRuns: plan.runs,
          measure: (from, to) => runsOf(ledgerFlowBetween(ctx, plan, key, from, to)),
          describe: (divergent, n, runs) => ({
            text: `flow: runs ending outside consensus (${label})`,
            evidence: [
              rateEvidence(`flow runs ending outside consensus (divergence), ${label}`, divergent, n),
              evidence(`largest max |x_i − x̄| at the end, ${label}`, Math.max(...runs.map((r) => r.spread)), { reference: FLOW_TOLERANCE }),
              evidence(`Langevin steps, ${label}`, Math.max(...runs.map((r) => r.steps))),
            ],
          }),
        },
        (run) => !run.consensus,
        level,
        "below",
      );
      const divergent = t.runs.filter((r) => !r.consensus).length;
      const steps = Math.max(...t.runs.map((r) => r.steps));
      cases.push({ label, divergent, runs: t.runs.length, steps, statement: label, reading: t.reading, stop: t.stop });
    }
  return {
    result: everyCase(cases, `Lemma 1 under the flow, ${name}: no divergence in every case`),
    sequential: cellStop(cases),
    headline:
      `flow, ${name}: ${cases.map((c) => `${c.divergent}/${c.runs}`).join(", ")} runs end ` +
      `outside consensus (${cases.map((c) => `${c.label}, ${c.steps} steps`).join("; ")})`,
    reason: cases.every((c) => c.divergent === 0)
      ? "As T falls the noise dies and the gradient flow of the convex ℋ " +
        "contracts every disagreement: each run ends on the consensus line, the " +
        "ground states of ℋ (its only minima), whatever the number of ledgers."
      : "Some runs are still out of consensus when the flow stops (its cap or the schedule's horizon): " +
        "the convex ℋ has no split minimum, so these runs were still warm or still contracting, not stuck.",
  };
}

/**
 * p4.2-metastable-risk's flow cell: `runs` runs of the flow from ±1 drawn per node on ws(`nodes`, 4, 0.1); a run ends
 * stuck when it is out of consensus at a rest point of the flow; the share above `level`, as the copy cells.
 */
export async function metastableFlowCell(ctx: MeasureContext, nodes: number, runs: number, level: number): Promise<Measurement> {
  const schedule = flowSchedule(ctx);
  const f = await ledgerFlowRuns(ctx, { nodes, runs, ledgers: 2, schedule }, ctx.key(`flow/${nodes}`));
  const split = count(f.consensus, false);
  const stuck = f.consensus.filter((c, r) => !c && f.atRest[r]).length;
  return {
    result: rateBeyond(stuck, runs, level, "above", `flow: runs ending in a split rest point, N = ${nodes}`, [
      rateEvidence(`flow runs ending out of consensus at a rest point of the flow, N = ${nodes}`, stuck, runs),
      rateEvidence(`flow runs ending out of consensus (at rest or not), N = ${nodes}`, split, runs),
      evidence(`Langevin steps under ${schedule().name}`, f.steps),
    ]),
    headline: `flow: ${stuck} of ${runs} runs (N = ${nodes}) end split at a rest point; ${split} end out of consensus after ${f.steps} steps`,
    reason:
      "The flow's ℋ is a convex quadratic whose only rest points are the consensus " +
      "line: as T falls the gradient flow contracts every disagreement, so no " +
      "boundary between camps can hold (the drift at a split field is never zero).",
  };
}

/**
 * Consensus with faulty nodes: honest nodes run one update rule (src/studies/adversary/rules) synchronously on a graph
 * while faulty nodes send what their kind sends. Everything is typed arrays over the CSR adjacency; one round costs
 * O(E) (O(Σ d log d) for the order-statistic rules).
 *
 * Faulty kinds (the value V is `faultValue`):
 * - `stubborn`: holds V and sends V to every neighbour, every round.
 * - `noise`: sends V + ξ, ξ ~ N(0, 1) drawn afresh each round (one value to all its neighbours).
 * - `adversarial`: knows every honest value and sends each honest neighbour i the value that brings i's next value
 *   closest to V under i's own rule, assuming all faulty neighbours of i send it too. It picks among candidates that
 *   cover what each rule accepts: V, i's value, the smallest and largest honest value i receives, i's value ± δ
 *   (where Huber saturates) and, for `mean`, the exact message that lands i on V.
 * - `sybil`: k identities joined by one attacker (src/studies/adversary/sybil: ids n … n+k−1, m links each), acting as
 *   `adversarial` toward V.
 * For the other kinds the faulty nodes are the first F node ids, 0 … F−1.
 *
 * Links count equally: edge weights of a weighted graph are ignored by every rule (d_max is the largest number of
 * neighbours).
 */
import { checkKey, type Key, fold, split, uniformSource } from "../../engine/random";
import { ArgumentError, EmtdError, check } from "../../errors";
import { adjacencyCsr, type Graph } from "../../graph/graph";
import { type RuleName, type RuleParameters, RULES, updateNode } from "./rules";
import { attachSybils, type Attachment } from "./sybil";

export const FAULT_KINDS = ["stubborn", "noise", "adversarial", "sybil"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultyConsensusOptions {
  /** Number of faulty nodes F (for `sybil`: the number of identities k). */
  faulty: number;
  fault: FaultKind;
  /** V: the value stubborn nodes hold, noise centres on, adversaries pull toward. One number, or one per faulty node. */
  faultValue: number | ArrayLike<number>;
  rule: RuleName;
  /** Trimmed values per end (`trimmed`) and the W-MSR parameter F. Default: `faulty`. */
  trim?: number;
  /** Huber threshold δ. Default 0.1. */
  delta?: number;
  /** Stop after this many rounds. */
  rounds: number;
  /** Stop when the honest spread max − min falls below this. */
  tolerance: number;
  /** Links per Sybil identity (default 2) and how they are chosen (default preferential). */
  sybilLinks?: number;
  sybilAttachment?: Attachment;
  /** Honest initial values; default uniform [0, 1) from the run's key. */
  initial?: ArrayLike<number>;
  /** Record the honest min/max/mean every `traceEvery` rounds (default 1). */
  traceEvery?: number;
}

export interface ConsensusTrace {
  round: number[];
  honestMin: number[];
  honestMax: number[];
  honestMean: number[];
}

export interface FaultyConsensusResult {
  rule: RuleName;
  fault: FaultKind;
  faulty: number;
  /** Honest nodes and all nodes (Sybil identities included). */
  honest: number;
  nodes: number;
  edges: number;
  trim: number;
  delta: number;
  /** 2h of the mean/Huber step. */
  weight: number;
  honestMin: number;
  honestMax: number;
  honestSpread: number;
  honestMean: number;
  initialHonestMin: number;
  initialHonestMax: number;
  initialHonestMean: number;
  /** max(0, initialMin − min, max − initialMax): how far honest values left their initial hull. */
  hullViolation: number;
  rounds: number;
  converged: boolean;
  /** The final value of every node (faulty nodes: V for stubborn, the centre V for noise, NaN for adversaries and Sybils). */
  values: Float64Array;
  /** Which nodes are faulty (1) in `graph`. */
  faultyMask: Uint8Array;
  /** The graph the run used (with the Sybil identities when fault = sybil). */
  graph: Graph;
  trace: ConsensusTrace;
}

const WHERE = "emtd/adversary/consensus";

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Run consensus with faulty nodes on `graph` (see the module comment). Deterministic for one key. A divergent run
 * (a non-finite honest value) throws an EmtdError.
 *
 * @example
 * ```ts
 * const r = runFaultyConsensus(graphs.complete(13), { faulty: 3, fault: "adversarial", faultValue: 5, rule: "wmsr", rounds: 200, tolerance: 1e-6 }, key(1));
 * r.hullViolation; // 0: W-MSR keeps the honest nodes inside their initial range on K_13 (13 ≥ 4·3 + 1)
 * ```
 */
export function runFaultyConsensus(base: Graph, options: FaultyConsensusOptions, key: Key): FaultyConsensusResult {
  checkKey(WHERE, "key", key);
  const fault = check.oneOf(WHERE, "fault", options.fault, FAULT_KINDS);
  const rule = check.oneOf(WHERE, "rule", options.rule, RULES);
  const faulty = check.integer(WHERE, "faulty", options.faulty, 0, fault === "sybil" ? Number.MAX_SAFE_INTEGER : base.n - 1);
  const trim = check.integer(WHERE, "trim", options.trim ?? faulty, 0);
  const delta = check.positive(WHERE, "delta", options.delta ?? 0.1);
  const rounds = check.integer(WHERE, "rounds", options.rounds, 0);
  const tolerance = check.nonNegative(WHERE, "tolerance", options.tolerance);
  const traceEvery = check.integer(WHERE, "traceEvery", options.traceEvery ?? 1, 1);
  const [initKey, sybilKey, noiseKey] = split(key, 3) as [Key, Key, Key];

  const graph =
    fault === "sybil"
      ? attachSybils(
          base,
          faulty,
          check.integer(WHERE, "sybilLinks", options.sybilLinks ?? 2, 1, base.n),
          options.sybilAttachment ?? "preferential",
          uniformSource(sybilKey),
        )
      : base;
  const n = graph.n;
  const faultyMask = new Uint8Array(n);
  if (fault === "sybil") faultyMask.fill(1, base.n);
  else faultyMask.fill(1, 0, faulty);
  const faultyIds = Array.from({ length: faulty }, (_, s) => (fault === "sybil" ? base.n + s : s));
  const target = new Float64Array(n);
  for (let s = 0; s < faulty; s++) {
    const v = typeof options.faultValue === "number" ? options.faultValue : options.faultValue[s];
    if (v === undefined) throw new ArgumentError(WHERE, "faultValue", `a number or ${faulty} numbers`, options.faultValue);
    target[faultyIds[s]!] = check.finite(WHERE, "faultValue", v);
  }
  const honestCount = n - faulty;
  if (honestCount < 1) throw new ArgumentError(WHERE, "faulty", `at most ${n - 1} (one honest node at least)`, faulty);

  // Honest initial values.
  const x = new Float64Array(n);
  if (options.initial) {
    if (options.initial.length !== honestCount)
      throw new ArgumentError(WHERE, "initial", `${honestCount} values (one per honest node)`, options.initial.length);
    let h = 0;
    for (let i = 0; i < n; i++) if (!faultyMask[i]) x[i] = check.finite(WHERE, "initial[]", options.initial[h++]!);
  } else {
    const rng = uniformSource(initKey);
    for (let i = 0; i < n; i++) if (!faultyMask[i]) x[i] = rng();
  }
  for (const j of faultyIds) x[j] = target[j]!;

  const csr = adjacencyCsr(graph);
  let maxRow = 0;
  for (let i = 0; i < n; i++) maxRow = Math.max(maxRow, csr.rowPtr[i + 1]! - csr.rowPtr[i]!);
  // Every rule counts each link once (edge weights are ignored), so the stable step uses the neighbour count, not
  // the weighted degree: with weights below 1 the weighted degree would give a step too large and the flow diverges.
  const params: RuleParameters = { weight: 1 / (2 * Math.max(maxRow, 1)), delta, trim };
  const received = new Float64Array(maxRow + 1);
  const honestReceived = new Float64Array(maxRow + 1);
  const scratch = new Float64Array(maxRow + 2);
  const sent = new Float64Array(n); // what each non-adversarial faulty node sends this round
  const next = new Float64Array(n);

  const stats = () => {
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (faultyMask[i]) continue;
      const v = x[i]!;
      if (!Number.isFinite(v)) throw new EmtdError(`${WHERE}: the run diverged (honest node ${i} has value ${v})`);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sum += v;
    }
    return { lo, hi, mean: sum / honestCount };
  };
  const initial = stats();
  const trace: ConsensusTrace = { round: [], honestMin: [], honestMax: [], honestMean: [] };
  const record = (round: number, s: { lo: number; hi: number; mean: number }) => {
    trace.round.push(round);
    trace.honestMin.push(s.lo);
    trace.honestMax.push(s.hi);
    trace.honestMean.push(s.mean);
  };
  record(0, initial);

  const adversarial = fault === "adversarial" || fault === "sybil";
  let current = initial;
  let round = 0;
  while (round < rounds && current.hi - current.lo >= tolerance) {
    if (fault === "noise") {
      const rng = uniformSource(fold(noiseKey, round));
      for (const j of faultyIds) sent[j] = target[j]! + gaussian(rng);
    } else for (const j of faultyIds) sent[j] = target[j]!;
    for (let i = 0; i < n; i++) {
      if (faultyMask[i]) {
        next[i] = x[i]!;
        continue;
      }
      const own = x[i]!;
      let count = 0;
      let honestCountHere = 0;
      let faultyHere = 0;
      let pullTarget = 0;
      for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) {
        const j = csr.col[p]!;
        if (!faultyMask[j]) {
          received[count++] = x[j]!;
          honestReceived[honestCountHere++] = x[j]!;
        } else if (adversarial) {
          faultyHere++;
          pullTarget += target[j]!;
        } else received[count++] = sent[j]!;
      }
      if (adversarial && faultyHere > 0) {
        const message = bestMessage(
          rule,
          own,
          honestReceived,
          honestCountHere,
          faultyHere,
          pullTarget / faultyHere,
          params,
          received,
          scratch,
        );
        for (let q = 0; q < faultyHere; q++) received[honestCountHere + q] = message;
        count = honestCountHere + faultyHere;
      }
      next[i] = updateNode(rule, own, received, count, params, scratch);
    }
    x.set(next);
    round++;
    current = stats();
    if (round % traceEvery === 0) record(round, current);
  }
  if (trace.round[trace.round.length - 1] !== round) record(round, current);
  for (const j of faultyIds) x[j] = adversarial ? Number.NaN : target[j]!; // noise: its centre V
  const hullViolation = Math.max(0, initial.lo - current.lo, current.hi - initial.hi);
  return {
    rule,
    fault,
    faulty,
    honest: honestCount,
    nodes: n,
    edges: graph.edgeCount,
    trim,
    delta,
    weight: params.weight,
    honestMin: current.lo,
    honestMax: current.hi,
    honestSpread: current.hi - current.lo,
    honestMean: current.mean,
    initialHonestMin: initial.lo,
    initialHonestMax: initial.hi,
    initialHonestMean: initial.mean,
    hullViolation,
    rounds: round,
    converged: current.hi - current.lo < tolerance,
    values: x,
    faultyMask,
    graph,
    trace,
  };
}

/**
 * The adversary's message to honest node i: the candidate that brings i's next value closest to `target` when all
 * `faultyCount` faulty neighbours send it (ties: the first candidate). `work` and `scratch` are overwritten.
 */
function bestMessage(
  rule: RuleName,
  own: number,
  honest: Float64Array,
  honestCount: number,
  faultyCount: number,
  target: number,
  p: RuleParameters,
  work: Float64Array,
  scratch: Float64Array,
): number {
  let lo = own;
  let hi = own;
  let pull = 0;
  for (let q = 0; q < honestCount; q++) {
    const v = honest[q]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    pull += own - v;
  }
  // mean: own − w(pull + c(own − m)) = target  ⇒  m = own − (own − w·pull − target)/(w·c).
  const exact = own - (own - p.weight * pull - target) / (p.weight * faultyCount);
  const candidates = [target, own, lo, hi, own + p.delta, own - p.delta, exact];
  let best = target;
  let bestGap = Infinity;
  for (const m of candidates) {
    if (!Number.isFinite(m)) continue;
    for (let q = 0; q < honestCount; q++) work[q] = honest[q]!;
    for (let q = 0; q < faultyCount; q++) work[honestCount + q] = m;
    const gap = Math.abs(updateNode(rule, own, work, honestCount + faultyCount, p, scratch) - target);
    if (gap < bestGap) {
      bestGap = gap;
      best = m;
    }
  }
  return best;
}

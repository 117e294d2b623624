/**
 * §2.2 "Mechanism of action: thermodynamic cooling" as one run with a trace, built from the library's parts:
 *
 * 1. Excitation: the field starts in consensus at 0; node `source` takes the new value v (a "heat injection":
 *    H jumps from 0 to D_source·v²) and is pinned there by the `anchor` term s(x_source − v)².
 * 2. Diffusion: Langevin dynamics (MALA by default, or ULA) of H = interaction + anchor at the hot temperature T₀
 *    for a fixed number of steps: "the node lowers its energy by propagating the tensor to its neighbours".
 * 3. Annealing: the same integrator while T follows the geometric schedule T₀·r^t (the proposal's 0.95).
 * 4. Crystallisation: T = 0, i.e. gradient flow, until every node holds v within tol·|v| (or a step cap).
 *
 * Every step of phases 2–4 is one synchronous round in which each node sends its state to each neighbour: 2E
 * messages. The Merkle block has one channel here (a scalar value per node, as in §3.3).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, split } from "../engine/random";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { releaseGraph } from "../ops/tensors";
import { interaction } from "../hamiltonian/interaction";
import { anchor } from "../hamiltonian/variants";
import { sum, type Term } from "../hamiltonian/term";
import { gradientFlow, mala, ula } from "../dynamics/gradient";
import { geometric, type Schedule } from "../dynamics/schedules";
import { run, type TraceRecord } from "../dynamics/run";

const WHERE = "emtd/protocol/cooling";

export type CoolingPhase = "excitation" | "diffusion" | "annealing" | "crystallisation";

export interface CoolingOptions {
  /** Injecting node. Default 0. */
  source?: number;
  /** Injected value v ≠ 0. Default 1. */
  value?: number;
  /** Anchor strength s. Default the source's weighted degree. */
  strength?: number;
  /** Integrator of phases 2–3. Default "mala". */
  integrator?: "mala" | "ula";
  /** Hot temperature T₀ of diffusion and start of annealing. Default 0.05·v². */
  temperature?: number;
  diffusionSteps?: number; // default 200
  annealingSteps?: number; // default 200
  /** Geometric cooling rate r. Default 0.95 (the proposal's). */
  rate?: number;
  /** The annealing schedule, in place of the geometric T₀·r^t (a variant's). Default geometric({ initial: T₀, rate }). */
  schedule?: Schedule;
  /** The coupling term, in place of the proposal's `interaction(graph)` (a variant's). The anchor is added to it. */
  coupling?: Term;
  /** Relative tolerance of crystallisation. Default 1e-2. */
  tolerance?: number;
  /** Cap on crystallisation steps. Default 1e5. */
  maxCrystallisationSteps?: number;
  /** Time step h. Default 0.5 / (2 max D + s) (half the explicit-Euler stability limit). */
  step?: number;
}

export interface CoolingRecord {
  phase: CoolingPhase;
  /** Step within the phase's run (1-based; 0 and 1 for the excitation's before/after). */
  step: number;
  /** H = interaction + anchor (before the injection: the interaction alone, the anchor does not exist yet). */
  energy: number;
  temperature: number;
  acceptance: number;
  consensusError: number;
  /** Rounds (synchronous message exchanges) since the injection. */
  round: number;
  /** max_i |x_i − v| / |v|. */
  maxDeviation: number;
  /** Fraction of nodes with |x_i − v| ≤ tol·|v|. */
  holding: number;
}

export interface CoolingResult {
  trace: CoolingRecord[];
  /** True when crystallisation reached the tolerance on every node. */
  finalised: boolean;
  /** Rounds of phases 2–4 and the messages they cost (2E per round). */
  rounds: number;
  messages: number;
  /** Steps spent in each phase. */
  phaseSteps: Record<CoolingPhase, number>;
  /** Values per node at the end (crystallisation runs in chunks of 100 steps, so possibly a few steps past the
   * round at which the tolerance was first met, which is what `rounds` counts). */
  final: Float32Array;
  step: number;
  seconds: number;
}

/**
 * Run the four phases on `graph`; see the module comment. Energies in units of the coupling (k_B = 1); the trace
 * has one record per step; `final` holds the [N] node values. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * // A ring of 8 nodes, each joined to 4: 10 + 10 rounds of diffusion and annealing, then gradient flow until every
 * // node holds v = 1 within 10 %.
 * const r = thermodynamicCooling(ringGraph(8, 4), key(2), { diffusionSteps: 10, annealingSteps: 10, tolerance: 0.1 });
 * [r.finalised, r.rounds, r.messages]; // → [true, 115, 3680] (2E = 32 messages a round)
 * ```
 */
export function thermodynamicCooling(graph: Graph, key: Key, options: CoolingOptions = {}): CoolingResult {
  checkKey(WHERE, "key", key);
  const started = performance.now();
  const source = check.integer(WHERE, "source", options.source ?? 0, 0, graph.n - 1);
  const v = check.finite(WHERE, "value", options.value ?? 1);
  if (v === 0) throw new ArgumentError(WHERE, "value", "a non-zero number (the tolerance is relative to it)", v);
  const strength = check.positive(WHERE, "strength", options.strength ?? graph.degree[source]!);
  const t0 = check.positive(WHERE, "temperature", options.temperature ?? 0.05 * v * v);
  const diffusionSteps = check.integer(WHERE, "diffusionSteps", options.diffusionSteps ?? 200, 1);
  const annealingSteps = check.integer(WHERE, "annealingSteps", options.annealingSteps ?? 200, 1);
  const rate = options.rate ?? 0.95;
  const tol = check.positive(WHERE, "tolerance", options.tolerance ?? 1e-2);
  const maxCrystal = check.integer(WHERE, "maxCrystallisationSteps", options.maxCrystallisationSteps ?? 100_000, 1);
  const maxDegree = graph.degree.reduce((m, d) => Math.max(m, d), 0);
  const h = check.positive(WHERE, "step", options.step ?? 0.5 / (2 * maxDegree + strength));
  const kind = check.oneOf(WHERE, "integrator", options.integrator ?? "mala", ["mala", "ula"] as const);
  const [kDiffusion, kAnnealing] = split(key, 2) as [Key, Key];

  const coupling = options.coupling ?? interaction(graph);
  const energy = sum(coupling, anchor(graph.n, { nodes: [source], value: v, strength }));
  const deviation = (x: tf.Tensor2D) => {
    const d = tf.tidy(() => tf.div(tf.abs(tf.sub(x, v)), Math.abs(v)));
    const values = d.dataSync();
    d.dispose();
    let worst = 0;
    let holding = 0;
    for (const e of values) {
      worst = Math.max(worst, e);
      if (e <= tol) holding++;
    }
    return { maxDeviation: worst, holding: holding / graph.n };
  };
  const trace: CoolingRecord[] = [];
  let round = 0;
  const push = (phase: CoolingPhase, record: TraceRecord, x: tf.Tensor2D | null) => {
    const d = x ? deviation(x) : { maxDeviation: record.maxDeviation!, holding: record.holding! };
    const { step, energy: e, temperature, acceptance, consensusError } = record;
    trace.push({
      phase,
      step,
      energy: e,
      temperature,
      acceptance,
      consensusError,
      round,
      maxDeviation: d.maxDeviation,
      holding: d.holding,
    });
  };

  // 1. Excitation.
  const before = tf.zeros([graph.n, 1]) as tf.Tensor2D;
  const initialEnergy = energyOf(coupling, before); // no transaction yet: no anchor
  push("excitation", { step: 0, energy: initialEnergy, temperature: t0, acceptance: 1, consensusError: 0, stepSize: h }, before);
  before.dispose();
  const indicator = new Float32Array(graph.n);
  indicator[source] = v;
  let x = tf.tensor2d(indicator, [graph.n, 1]);
  push(
    "excitation",
    { step: 1, energy: energyOf(energy, x), temperature: t0, acceptance: 1, consensusError: consensusOf(x), stepSize: h },
    x,
  );

  const observe = (position: tf.Tensor2D) => {
    const d = deviation(position);
    return { maxDeviation: d.maxDeviation, holding: d.holding };
  };
  const phase = (name: CoolingPhase, integrator: ReturnType<typeof mala>, steps: number, key: Key, schedule?: Schedule) => {
    const offset = round;
    const result = run(integrator, x, { steps, recordEvery: 1, observe, ...(schedule ? { schedule } : {}) }, key);
    x.dispose();
    x = result.final;
    for (const r of result.trace) {
      round = offset + r.step;
      push(name, r, null);
    }
    round = offset + steps;
  };
  const hot = kind === "mala" ? mala(energy, { step: h, temperature: t0 }) : ula(energy, { step: h, temperature: t0 });
  // 2. Diffusion at T₀.
  phase("diffusion", hot, diffusionSteps, kDiffusion);
  // 3. Annealing: T₀ r^t.
  phase("annealing", hot, annealingSteps, kAnnealing, options.schedule ?? geometric({ initial: t0, rate }));
  // 4. Crystallisation: gradient flow until every node holds v, in chunks so the cap is cheap to enforce.
  const flow = gradientFlow(energy, { step: h });
  let crystalSteps = 0;
  let finalised = deviation(x).maxDeviation <= tol;
  while (!finalised && crystalSteps < maxCrystal) {
    const chunk = Math.min(100, maxCrystal - crystalSteps);
    const offset = round;
    const result = run(flow, x, { steps: chunk, recordEvery: 1, observe }, kAnnealing);
    x.dispose();
    x = result.final;
    for (const r of result.trace) {
      round = offset + r.step;
      push("crystallisation", r, null);
      crystalSteps++;
      if (r.maxDeviation! <= tol) {
        finalised = true;
        break;
      }
    }
    if (!finalised) round = offset + chunk;
  }
  const final = (x.dataSync() as Float32Array).slice();
  x.dispose();
  releaseGraph(graph);
  return {
    trace,
    finalised,
    rounds: round,
    messages: 2 * graph.edgeCount * round,
    phaseSteps: { excitation: 1, diffusion: diffusionSteps, annealing: annealingSteps, crystallisation: crystalSteps },
    final,
    step: h,
    seconds: (performance.now() - started) / 1000,
  };
}

function energyOf(term: Term, x: tf.Tensor2D): number {
  const e = term.energy(x);
  const value = e.dataSync()[0]!;
  e.dispose();
  return value;
}

function consensusOf(x: tf.Tensor2D): number {
  const m = tf.tidy(() => tf.mean(tf.square(tf.sub(x, tf.mean(x)))));
  const value = m.dataSync()[0]!;
  m.dispose();
  return value;
}

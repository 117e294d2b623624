/**
 * Finality as a measured condition. From a batch of runs of the ambient model, for each age a (time since
 * injection): among the runs in which the network holds the value at a (more than half of the honest nodes hold
 * ψ > ½), the fraction in which it stops holding it at some record in (a, a + H]:
 *
 *   p_H(a) = P(displaced within H | held at age a),   with a Wilson 95 % band over the runs at risk.
 *
 * Displacement counts any loss of the majority: taken over by a competing value, or dissolved toward neutral.
 * Baselines on the same footing: a clock (the §3.1 pipeline declares its block final when T₀ rᵏ < threshold, after
 * a fixed number of rounds whatever the state) and a BFT commit (final after a fixed number of rounds, never
 * reverted while f < n/3): both are step functions of age, 1 → 0, by declaration.
 */
import { wilson } from "../../stats/binomial";
import { checkKey, fold, type Key, uniformSource } from "../../engine/random";
import { runPipeline } from "../../protocol/pipeline";
import { signerFromKey, signTransaction, transactionId } from "../../protocol/transaction";
import { wattsStrogatzAdjacency } from "../../reference-port/smallworld";
import { ArgumentError, check } from "../../errors";
import { type AmbientOptions, type AmbientTrace, simulateAmbient } from "./simulate";

export interface FinalityCurve {
  /** Ages a (time since injection), [A]. */
  ages: number[];
  /** p_H(a) and its Wilson 95 % band. NaN where no run holds the value at a. */
  probability: number[];
  lower: number[];
  upper: number[];
  /** Runs holding the value at a (at risk), and how many of them were displaced within H. */
  atRisk: number[];
  displaced: number[];
  horizon: number;
  /** Fraction of runs holding the value at each age (with its Wilson band). */
  held: number[];
}

/** Does run r hold the value at record k? */
const holds = (trace: AmbientTrace, k: number, r: number) => trace.holdA[k * trace.runs + r]! > 0.5;

/**
 * p_H(a) from a trace: for every record whose age plus H lies within the run, the conditional displacement
 * probability. `horizon` is rounded to whole records.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const adversary = { identities: 1, budget: 0.5, targets: 2 };
 * const curve = displacementCurve(simulateAmbient({ graph, runs: 8, duration: 4, adversary }, key(1)), 1);
 * [curve.ages.length, curve.atRisk[0], curve.displaced[0]]; // → [61, 8, 0]
 * releaseGraph(graph);
 * ```
 */
export function displacementCurve(trace: AmbientTrace, horizon: number): FinalityCurve {
  const where = "emtd/ambient/displacementCurve";
  check.positive(where, "horizon", horizon);
  const records = trace.times.length;
  const spacing = records > 1 ? trace.times[1]! - trace.times[0]! : 0;
  const span = Math.max(1, Math.round(horizon / spacing));
  if (span >= records)
    throw new ArgumentError(where, "horizon", `shorter than the simulated duration ${trace.times[records - 1]}`, horizon);
  const curve: FinalityCurve = {
    ages: [],
    probability: [],
    lower: [],
    upper: [],
    atRisk: [],
    displaced: [],
    horizon: span * spacing,
    held: [],
  };
  for (let k = 0; k + span < records; k++) {
    let atRisk = 0;
    let displaced = 0;
    for (let r = 0; r < trace.runs; r++) {
      if (!holds(trace, k, r)) continue;
      atRisk++;
      for (let j = k + 1; j <= k + span; j++) {
        if (!holds(trace, j, r)) {
          displaced++;
          break;
        }
      }
    }
    const p = wilson(displaced, atRisk);
    curve.ages.push(trace.times[k]!);
    curve.probability.push(p.estimate);
    curve.lower.push(p.lower);
    curve.upper.push(p.upper);
    curve.atRisk.push(atRisk);
    curve.displaced.push(displaced);
    curve.held.push(atRisk / trace.runs);
  }
  return curve;
}

/**
 * Curves of independent batches of runs pooled: at each age the runs at risk and those displaced add, the band is
 * Wilson's on the sums, and the share holding is over every batch's runs (`runs[i]` for curve i). The batches must
 * share their ages and horizon.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const adversary = { identities: 1, budget: 0.5, targets: 2 };
 * const [a, b] = [1, 2].map((k) => displacementCurve(simulateAmbient({ graph, runs: 4, duration: 4, adversary }, key(k)), 1));
 * const pooled = pooledCurves([a!, b!], [4, 4]);
 * pooled.atRisk[0] === a!.atRisk[0]! + b!.atRisk[0]!; // → true
 * releaseGraph(graph);
 * ```
 */
export function pooledCurves(curves: readonly FinalityCurve[], runs: readonly number[]): FinalityCurve {
  const where = "emtd/ambient/pooledCurves";
  const first = curves[0];
  if (!first) throw new ArgumentError(where, "curves", "at least one curve", 0);
  if (runs.length !== curves.length) throw new ArgumentError(where, "runs", `${curves.length} counts (one per curve)`, runs.length);
  for (const c of curves)
    if (c.horizon !== first.horizon || c.ages.length !== first.ages.length)
      throw new ArgumentError(where, "curves", "curves of one design (the same ages and horizon)", c.ages.length);
  const total = runs.reduce((a, b) => a + b, 0);
  const atRisk = first.ages.map((_, k) => curves.reduce((a, c) => a + c.atRisk[k]!, 0));
  const displaced = first.ages.map((_, k) => curves.reduce((a, c) => a + c.displaced[k]!, 0));
  const bands = atRisk.map((n, k) => wilson(displaced[k]!, n));
  return {
    ages: [...first.ages],
    probability: bands.map((p) => p.estimate),
    lower: bands.map((p) => p.lower),
    upper: bands.map((p) => p.upper),
    atRisk,
    displaced,
    horizon: first.horizon,
    held: atRisk.map((n) => n / total),
  };
}

/**
 * Simulate and measure: the displacement probability within `horizon` as a function of the age of the value, for
 * the given participation, decay, adversary and temperature (see {@link simulateAmbient}).
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const curve = finalityCurve({ graph, runs: 8, duration: 4, horizon: 1, adversary: { identities: 1, budget: 0.5, targets: 2 } }, key(1));
 * curve.ages.length; // → 61 (records whose age + H lies within the run)
 * [curve.atRisk[0], curve.displaced[0]]; // → [8, 0] (all 8 runs hold the value at injection; none lose it within H)
 * curve.held.at(-1); // → 0.25
 * lineFigure(curve.ages, { p: curve.probability, lower: curve.lower, upper: curve.upper });
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function finalityCurve(options: AmbientOptions & { horizon: number }, k: Key): FinalityCurve {
  return displacementCurve(simulateAmbient(options, k), options.horizon);
}

/**
 * A declared finality as a displacement curve on an age grid: 1 (not final: anything may still change) before the
 * declaration age, 0 after (final by protocol). The §3.1 pipeline declares at its clock round; BFT after its commit
 * rounds (PBFT: pre-prepare, prepare, commit = 3).
 *
 * @example
 * ```ts
 * declaredFinality([0, 1, 2, 3, 4], 3); // → [1, 1, 1, 0, 0] (PBFT: final after its 3 commit rounds)
 * ```
 */
export function declaredFinality(ages: readonly number[], declaredAt: number): number[] {
  check.nonNegative("emtd/ambient/declaredFinality", "declaredAt", declaredAt);
  return ages.map((a) => (a < declaredAt ? 1 : 0));
}

/**
 * The round at which the §3.1 clock finalises: the least k with T₀ rᵏ < threshold.
 *
 * @example
 * ```ts
 * clockFinalityRound(); // → 90 (100 · 0.95^k < 1 first at k = 90)
 * clockFinalityRound(10, 0.5); // → 4
 * ```
 */
export function clockFinalityRound(initialTemperature = 100, rate = 0.95, threshold = 1): number {
  const where = "emtd/ambient/clockFinalityRound";
  check.positive(where, "initialTemperature", initialTemperature);
  check.positive(where, "threshold", threshold);
  if (!(rate > 0 && rate < 1)) throw new ArgumentError(where, "rate", "a number in (0, 1)", rate);
  let k = 0;
  for (let t = initialTemperature; t >= threshold; t *= rate) k++;
  return k;
}

export interface PipelineFinality {
  /** Round at which the §3.1 pipeline declared its block final, and the fraction of nodes holding it then. */
  round: number;
  support: number;
  /** Whether the block declared final contains the injected transaction. */
  includesTransaction: boolean;
  /** Message loss probability of the run. */
  loss: number;
}

/**
 * Run the §3.1 pipeline (src/protocol/pipeline.ts) with one signed transaction injected at node 0 of a 30-node
 * Watts–Strogatz network and report when it declares finality and how many nodes hold the block then. With its
 * cooling clock the round does not depend on what the network holds (compare `loss` 0 and 0.5).
 *
 * @example
 * ```ts
 * pipelineFinality(0, key(1)); // → { round: 90, support: 1, includesTransaction: true, loss: 0 }
 * pipelineFinality(0.5, key(1)).round; // → 90 (the clock decides, not the network: support 0.933 with half the messages lost)
 * ```
 */
export function pipelineFinality(loss: number, k: Key): PipelineFinality {
  check.probability("emtd/ambient/pipelineFinality", "loss", loss);
  checkKey("emtd/ambient/pipelineFinality", "key", k);
  const graph = wattsStrogatzAdjacency(30, 4, 0.1, uniformSource(k));
  const alice = signerFromKey(fold(k, 1));
  const injections = [{ round: 0, node: 0, tx: signTransaction(alice, 1, "alice pays bob 5") }];
  const result = runPipeline(graph, injections, { loss }, fold(k, 2));
  if (!result.finalised) throw new ArgumentError("emtd/ambient/pipelineFinality", "loss", "low enough for the pipeline to finalise", loss);
  const id = transactionId(injections[0]!.tx);
  return {
    round: result.finalised.round,
    support: result.finalised.support,
    includesTransaction: result.finalised.transactions.includes(id),
    loss,
  };
}

/**
 * §4.3 in the model's own units: the heat the annealing dynamics hands to its bath, against the entropy the
 * decision removes. A Metropolis sweep at temperature T_t that changes H by ΔH_t (the sum of its accepted flips, all
 * at T_t) gives the bath the heat −ΔH_t, i.e. the entropy −ΔH_t/T_t (k_B = 1). Clausius (the second law of
 * stochastic thermodynamics for a chain obeying detailed balance at each T_t) bounds the bath's total entropy gain
 * below by the system's entropy loss: Σ_t −ΔH_t/T_t ≥ ΔS_removed = ln 2 × bits removed. Landauer's limit is the
 * equality; "energy-optimal, approaching the Landauer limit" in the model's own units means the ratio of the two
 * approaches 1.
 */
import type { Key } from "../../engine/random";
import type { Schedule } from "../../dynamics/schedules";
import { stateIndex, type SpinProblem } from "../../spin/problem";
import { energyTable } from "../../spin/exact-tables";
import { annealedConsensusRuns, empiricalEntropyBits } from "./joule-accounting";

const WHERE = "emtd/studies/joules/heat";

export interface ConsensusHeat {
  sweeps: number;
  runs: number;
  /** n minus the Miller–Madow entropy of the final state's law, in bits. */
  bitsRemoved: number;
  /** Mean over runs of the bath's entropy gain Σ_t −ΔH_t/T_t (k_B = 1, nats), and its SE. */
  entropyFlow: number;
  entropyFlowSe: number;
  /** entropyFlow / (ln 2 × bitsRemoved): 1 at Landauer's limit, ≥ 1 by the second law (up to sampling). */
  ratio: number;
  /** The ratio's SE from the entropy flow's (the bits' plug-in error is second order). */
  ratioSe: number;
}

/**
 * `runs` annealed consensus runs from uniformly random spins (the proposal's geometric cooling T = 100·0.95^t by
 * default), the very runs consensusEntropy makes (annealedConsensusRuns: same key, same final states), with the
 * bath's entropy gain counted sweep by sweep from the exact energy table (n ≤ 20).
 *
 * @example
 * ```ts
 * const h = consensusHeat(injectedConsensusProblem({ n: 12 }), { sweeps: 150, runs: 100 }, key(1));
 * h.ratio > 1; // → true: the bath gains more entropy than the decision removes (second law)
 * ```
 */
export function consensusHeat(
  problem: SpinProblem,
  options: { sweeps: number; runs: number; schedule?: () => Schedule },
  key: Key,
): ConsensusHeat {
  // The exact energy table is made once the runs have checked n ≤ 20 (2ⁿ entries).
  let energies: Float64Array | undefined;
  const flows: number[] = [];
  const { g, runs, sweeps, finals } = annealedConsensusRuns(WHERE, problem, options, key, 20, (spin, r) => {
    energies ??= energyTable(problem);
    const table = energies;
    let h = table[stateIndex(spin)]!;
    let flow = 0;
    return {
      sweep: (T) => {
        const next = table[stateIndex(spin)]!;
        if (next !== h) flow += (h - next) / T;
        h = next;
      },
      end: () => {
        flows[r] = flow;
      },
    };
  });
  const bitsRemoved = g.n - Math.max(0, empiricalEntropyBits(finals));
  let mean = 0;
  for (const f of flows) mean += f / runs;
  let v = 0;
  for (const f of flows) v += (f - mean) ** 2 / (runs - 1);
  const se = Math.sqrt(v / runs);
  const nats = Math.LN2 * bitsRemoved;
  return { sweeps, runs, bitsRemoved, entropyFlow: mean, entropyFlowSe: se, ratio: mean / nats, ratioSe: se / nats };
}

/**
 * §4.2's re-heating read as what it promises, escape from a trap: runs start IN a local minimum at a cold
 * temperature, and we record the first passage below the trap's energy (a state no descent from the trap reaches,
 * so the trap has been left) and whether the ground state is ever visited (best so far), besides where the run ends.
 *
 * Schedule: T = T_hot·r^s with r = 0.95 (the proposal's rate), s the sweeps since the last re-heat; a run starts at
 * the s where T = T_cold; with probability `reheatRate` per sweep s is reset to 0 (T back to T_hot, the problem's
 * critical depth d* by default, hot enough to cross its deepest trap). reheatRate = 0 is the proposal's cooling.
 */
import { checkKey, fold, split, uniformSource, type Key } from "../../engine/random";
import { check } from "../../errors";
import { metropolisSweep } from "../../spin/metropolis-sweep";
import { stateIndex } from "../../spin/problem";
import type { PreparedProblem } from "./trap-annealing";

const WHERE = "emtd/traps/first-passage";

export interface TrapEscape {
  reheatRate: number;
  runs: number;
  /** Runs that went below the trap's energy within the budget. */
  escaped: number;
  /** Runs that visited a ground state at some sweep (best so far), and that ended in one. */
  foundGround: number;
  endedGround: number;
  /** Mean first-passage sweep over the runs that escaped (NaN when none did). */
  meanFirstPassage: number;
}

/**
 * Escape statistics of `runs` runs started in state `trap` at T_cold for `budget` sweeps (module comment).
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * const frozen = trapEscape(prepared, 0b00001111, { reheatRate: 0, budget: 500, runs: 20, cold: 0.3 }, key(1));
 * frozen.escaped; // → 0: without re-heating a cold run stays in the split state
 * ```
 */
export function trapEscape(
  prepared: PreparedProblem,
  trap: number,
  o: { reheatRate: number; budget: number; runs: number; cold: number; hot?: number; rate?: number },
  key: Key,
): TrapEscape {
  checkKey(WHERE, "key", key);
  const reheatRate = check.probability(WHERE, "reheatRate", o.reheatRate);
  const budget = check.integer(WHERE, "budget", o.budget, 1);
  const runs = check.integer(WHERE, "runs", o.runs, 1);
  const cold = check.positive(WHERE, "cold", o.cold);
  const hot = check.positive(WHERE, "hot", o.hot ?? Math.max(prepared.depth, cold));
  const rate = o.rate ?? 0.95;
  const g = prepared.csr;
  const trapEnergy = prepared.energies[check.integer(WHERE, "trap", trap, 0, prepared.energies.length - 1)]!;
  const ground = prepared.groundEnergy + 1e-9;
  const coldSweep = Math.max(0, Math.ceil(Math.log(hot / cold) / Math.log(1 / rate)));
  let escaped = 0;
  let foundGround = 0;
  let endedGround = 0;
  let passage = 0;
  for (let r = 0; r < runs; r++) {
    const [moveKey, reheatKey] = split(fold(key, r), 2) as [Key, Key];
    const u = uniformSource(moveKey);
    const reheat = uniformSource(reheatKey);
    const spin = Int8Array.from({ length: g.n }, (_, i) => ((trap >> i) & 1 ? 1 : -1));
    let s = coldSweep;
    let first = -1;
    let found = false;
    for (let t = 0; t < budget; t++) {
      if (reheat() < reheatRate) s = 0;
      metropolisSweep(g, spin, hot * rate ** s, u);
      s++;
      const e = prepared.energies[stateIndex(spin)]!;
      if (first < 0 && e < trapEnergy - 1e-9) first = t + 1;
      if (e <= ground) found = true;
    }
    if (first >= 0) {
      escaped++;
      passage += first;
    }
    if (found) foundGround++;
    if (prepared.energies[stateIndex(spin)]! <= ground) endedGround++;
  }
  return { reheatRate, runs, escaped, foundGround, endedGround, meanFirstPassage: escaped > 0 ? passage / escaped : Number.NaN };
}

/**
 * Exact answers for a {@link SpinProblem} small enough to enumerate (n ≤ {@link TRAP_ENUMERATION_LIMIT}): the energy
 * of every one of the 2^n states, the ground states, the Boltzmann law, and the landscape's single-flip local minima
 * and barriers. Samplers are tested against these; nothing here draws a random number.
 *
 * Barriers are exact: the least, over paths of single-spin flips from s to any state of lower energy, of the highest
 * energy on the path, minus H(s) (Hajek's depth of s). {@link criticalDepth} is Hajek's d*, the largest depth of a
 * non-global local minimum: logarithmic cooling T_t = c / ln(t + t₀) reaches the ground state with probability → 1
 * iff c ≥ d* (Hajek 1988).
 */
import { check } from "../errors";
import { flipCost, problemCsr, type SpinProblem, TRAP_ENUMERATION_LIMIT } from "./problem";

const WHERE = "emtd/spin/exact";

/**
 * H of every state (length 2^n, n ≤ 20; bit i of the index set ⇔ s_i = +1), visited in Gray-code order so each step
 * costs O(degree). Energies in units of J.
 *
 * @example
 * ```ts
 * const E = energyTable(twoCommunityProblem());
 * [E.length, E[0b11111111], E[0b00001111]]; // → [256, −14.8, −13.2]: all +1, and the split state A = +1, B = −1
 * ```
 */
export function energyTable(p: SpinProblem): Float64Array {
  const n = check.integer(WHERE, "n", p.n, 1, TRAP_ENUMERATION_LIMIT);
  const g = problemCsr(p);
  const total = 1 << n;
  const out = new Float64Array(total);
  const spin = new Int8Array(n).fill(-1); // state 0: all −1
  let energy = 0;
  for (const [, , J] of p.edges) energy -= J;
  for (let i = 0; i < n; i++) energy += p.field[i]!;
  let code = 0;
  out[0] = energy;
  for (let step = 1; step < total; step++) {
    const i = 31 - Math.clz32(step & -step);
    energy += flipCost(g, spin, i);
    spin[i] = -spin[i]! as 1 | -1;
    code ^= 1 << i;
    out[code] = energy;
  }
  return out;
}

export interface GroundState {
  energy: number;
  /** Every state at the ground energy (within 1e-9), e.g. s and −s without a field. */
  states: number[];
}

/**
 * The ground energy and every state at it (within 1e-9), e.g. s and −s without a field.
 *
 * @example
 * ```ts
 * groundStates(energyTable(twoCommunityProblem())); // → { energy: −14.8, states: [255] }
 * ```
 */
export function groundStates(energies: Float64Array): GroundState {
  let min = Infinity;
  for (const e of energies) if (e < min) min = e;
  const states: number[] = [];
  energies.forEach((e, s) => {
    if (e <= min + 1e-9) states.push(s);
  });
  return { energy: min, states };
}

/**
 * Index of the lowest-energy state: the first state at exactly the minimum of {@link groundStates}.
 * @example
 * ```ts
 * groundState(energyTable(twoCommunityProblem())); // → 255 (all spins +1)
 * ```
 */
export function groundState(energies: Float64Array): number {
  return Math.max(0, energies.indexOf(groundStates(energies).energy));
}

/**
 * Boltzmann law π_s = e^{−E_s/T}/Z over a table of energies (any state space: spins, or the audit's q-valued nodes)
 * at temperature T > 0 (k_B = 1, T in the energy's units), computed with the minimum energy subtracted so nothing
 * overflows.
 *
 * @example
 * ```ts
 * Array.from(boltzmann(Float64Array.from([0, 1, 1, 0]), 1)); // → [0.366, 0.134, 0.134, 0.366]
 * boltzmann(energyTable(twoCommunityProblem()), 1)[255]; // → 0.699: the ground state's weight at T = 1
 * ```
 */
export function boltzmann(energy: Float64Array, temperature: number): Float64Array {
  check.positive(WHERE, "temperature", temperature);
  let min = Infinity;
  for (const e of energy) min = Math.min(min, e);
  const w = Float64Array.from(energy, (e) => Math.exp(-(e - min) / temperature));
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
}

/**
 * True if no single flip lowers the energy of `state` (index into `energies`, n spins).
 *
 * @example
 * ```ts
 * isLocalMinimum(energyTable(twoCommunityProblem()), 8, 0b00001111); // → true: the split state is a trap
 * ```
 */
export function isLocalMinimum(energies: Float64Array, n: number, state: number): boolean {
  for (let i = 0; i < n; i++) if (energies[state ^ (1 << i)]! < energies[state]! - 1e-12) return false;
  return true;
}

/**
 * Hajek's depth of `state`: the least possible highest energy on a single-flip path from it to a state of strictly
 * lower energy, minus H(state). Infinity for a ground state. Union–find over the states in order of energy.
 *
 * @example
 * ```ts
 * barrierFrom(energyTable(twoCommunityProblem()), 8, 0b00001111); // → 5.2
 * ```
 */
export function barrierFrom(energies: Float64Array, n: number, state: number): number {
  const e0 = energies[state]!;
  let lower = false;
  for (const e of energies) if (e < e0 - 1e-12) lower = true;
  if (!lower) return Infinity;
  const order = statesByEnergy(energies);
  const parent = new Int32Array(energies.length).fill(-1); // −1: not yet added
  const hasLower = new Uint8Array(energies.length);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const s of order) {
    parent[s] = s;
    hasLower[s] = energies[s]! < e0 - 1e-12 ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const r = s ^ (1 << i);
      if (parent[r] === -1) continue;
      const a = find(s);
      const b = find(r);
      if (a !== b) {
        parent[b] = a;
        hasLower[a] = hasLower[a]! | hasLower[b]!;
      }
    }
    if (parent[state] !== -1 && hasLower[find(state)]) return energies[s]! - e0;
  }
  return Infinity;
}

/**
 * Hajek's d*: the largest depth over non-global local minima (0 when every local minimum is global). One union–find
 * pass: when two basins meet at the level of the state that joins them, the basin with the strictly higher minimum
 * has found its way down, at depth (level − its minimum).
 *
 * @example
 * ```ts
 * criticalDepth(energyTable(twoCommunityProblem()), 8); // → 6: logarithmic cooling needs c ≥ 6
 * ```
 */
export function criticalDepth(energies: Float64Array, n: number): number {
  const order = statesByEnergy(energies);
  const parent = new Int32Array(energies.length).fill(-1);
  const minimum = new Float64Array(energies.length);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  let depth = 0;
  for (const s of order) {
    parent[s] = s;
    minimum[s] = energies[s]!;
    for (let i = 0; i < n; i++) {
      const r = s ^ (1 << i);
      if (parent[r] === -1) continue;
      let a = find(s);
      let b = find(r);
      if (a === b) continue;
      if (minimum[a]! > minimum[b]!) [a, b] = [b, a];
      // a holds the lower (or equal) minimum; b's minimum now reaches it at level H(s).
      if (minimum[b]! > minimum[a]! + 1e-12) depth = Math.max(depth, energies[s]! - minimum[b]!);
      parent[b] = a;
    }
  }
  return depth;
}

function statesByEnergy(energies: Float64Array): Uint32Array {
  const order = new Uint32Array(energies.length);
  for (let s = 0; s < order.length; s++) order[s] = s;
  return order.sort((a, b) => energies[a]! - energies[b]! || a - b);
}

/**
 * Number of single-flip local minima that are not ground states.
 *
 * @example
 * ```ts
 * metastableCount(energyTable(twoCommunityProblem()), 8); // → 3
 * ```
 */
export function metastableCount(energies: Float64Array, n: number): number {
  const ground = groundStates(energies).energy;
  let count = 0;
  for (let s = 0; s < energies.length; s++) if (energies[s]! > ground + 1e-9 && isLocalMinimum(energies, n, s)) count++;
  return count;
}

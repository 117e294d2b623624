/**
 * §4.2's "metastable traps" on spin problems small enough to enumerate (n ≤ 20): the energy of every one of the 2^n
 * states, the exact ground state, and the exact barriers that make a state a trap. A problem is the library's
 * {@link SpinProblem}: H(s) = −Σ_edges J_ij s_i s_j − Σ_i h_i s_i, state index bit i set ⇔ s_i = +1.
 *
 * Problems with split-brain minima:
 * - {@link twoCommunityProblem} (src/audit/annealing.ts): two cliques pulled to different values by a frustrated field;
 *   the split state (A = +1, B = −1) is a local minimum above the all-+1 ground state.
 * - {@link randomFieldRing}: a ferromagnetic ring in a random ±h field (the random-field Ising model): domain walls
 *   are pinned where the field changes sign, so regions "agree" on different values.
 * - {@link spinGlass}: ±J couplings on the complete graph (Sherrington–Kirkpatrick with binary bonds): frustrated
 *   loops, many local minima.
 *
 * Barriers are exact: the least, over paths of single-spin flips from s to any state of lower energy, of the highest
 * energy on the path, minus H(s) (Hajek's depth of s). {@link criticalDepth} is Hajek's d*, the largest depth of a
 * non-global local minimum: logarithmic cooling T_t = c / ln(t + t₀) reaches the ground state with probability → 1
 * iff c ≥ d* (Hajek 1988).
 */
import { type SpinProblem, twoCommunityProblem } from "../audit/annealing";
import { checkKey, type Key, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";

const WHERE = "emtd/traps";

/**
 * Largest problem the enumerations accept: n ≤ 20 spins (2^20 ≈ 10⁶ states).
 *
 * @example
 * ```ts
 * TRAP_ENUMERATION_LIMIT; // → 20
 * ```
 */
export const TRAP_ENUMERATION_LIMIT = 20;

export { type SpinProblem, twoCommunityProblem };

/**
 * A ring of n spins (J = 1 between neighbours, 3 ≤ n ≤ 20) in a field h_i = ±h with independent random signs from `key`
 * (the random-field Ising model). Energies in units of J.
 *
 * @example
 * ```ts
 * const p = randomFieldRing(key(3), { n: 16, field: 0.8 });
 * [p.edges.length, metastableCount(energyTable(p), 16)]; // → [16, 2]
 * ```
 */
export function randomFieldRing(key: Key, options: { n?: number; field?: number } = {}): SpinProblem {
  checkKey(WHERE, "key", key);
  const n = check.integer(WHERE, "n", options.n ?? 16, 3, TRAP_ENUMERATION_LIMIT);
  const h = check.positive(WHERE, "field", options.field ?? 0.8);
  const u = uniformSource(key);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) edges.push([i, (i + 1) % n, 1]);
  const field = Float64Array.from({ length: n }, () => (u() < 0.5 ? h : -h));
  return { n, edges, field };
}

/**
 * ±J couplings (each sign with probability ½, from `key`) on the complete graph of n spins (2 ≤ n ≤ 20), no field.
 *
 * @example
 * ```ts
 * const p = spinGlass(key(4), { n: 12 });
 * [p.edges.length, metastableCount(energyTable(p), 12)]; // → [66, 10]: 66 bonds of ±1, 10 traps
 * ```
 */
export function spinGlass(key: Key, options: { n?: number } = {}): SpinProblem {
  checkKey(WHERE, "key", key);
  const n = check.integer(WHERE, "n", options.n ?? 14, 2, TRAP_ENUMERATION_LIMIT);
  const u = uniformSource(key);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, u() < 0.5 ? 1 : -1]);
  return { n, edges, field: new Float64Array(n) };
}

/** Neighbour lists of a problem in CSR form (for the samplers). */
export interface ProblemCsr {
  readonly n: number;
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly coupling: Float64Array;
  readonly field: Float64Array;
}

/**
 * Neighbour lists of a problem in CSR form (for the samplers): the neighbours of i are neighbour[start[i] .. start[i+1])
 * with couplings J_ij in `coupling`; each edge appears in both rows.
 *
 * @example
 * ```ts
 * const g = problemCsr(twoCommunityProblem());
 * [g.start[8], g.neighbour.length]; // → [28, 28] (14 edges, both directions)
 * ```
 */
export function problemCsr(p: SpinProblem): ProblemCsr {
  const n = check.integer(WHERE, "n", p.n, 1, 1_000_000);
  if (p.field.length !== n) throw new ArgumentError(WHERE, "field", `${n} numbers`, p.field.length);
  const start = new Int32Array(n + 1);
  for (const [i, j] of p.edges) {
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < n && j < n && i !== j))
      throw new ArgumentError(WHERE, "edges", `pairs of distinct spins in [0, ${n - 1}]`, [i, j]);
    start[i + 1]!++;
    start[j + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const neighbour = new Int32Array(start[n]!);
  const coupling = new Float64Array(start[n]!);
  const cursor = start.slice(0, n);
  for (const [i, j, J] of p.edges) {
    neighbour[cursor[i]!] = j;
    coupling[cursor[i]!++] = J;
    neighbour[cursor[j]!] = i;
    coupling[cursor[j]!++] = J;
  }
  return { n, start, neighbour, coupling, field: Float64Array.from(p.field) };
}

/**
 * H of every state (length 2^n, n ≤ 20), visited in Gray-code order so each step costs O(degree).
 *
 * @example
 * ```ts
 * const E = energyTable(twoCommunityProblem());
 * [E.length, E[0b11111111]]; // → [256, −14.8] (the ground state, all +1)
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

/**
 * ΔH = 2 s_i (h_i + Σ_j J_ij s_j) of flipping spin i in the state `spin` (entries ±1).
 *
 * @example
 * ```ts
 * const g = problemCsr(twoCommunityProblem());
 * flipCost(g, Int8Array.from([1, 1, 1, 1, 1, 1, 1, 1]), 7); // → 5.4 (= 2·(3 − 0.3))
 * ```
 */
export function flipCost(g: ProblemCsr, spin: Int8Array, i: number): number {
  let local = g.field[i]!;
  for (let q = g.start[i]!; q < g.start[i + 1]!; q++) local += g.coupling[q]! * spin[g.neighbour[q]!]!;
  return 2 * spin[i]! * local;
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

/**
 * Ising problems on small graphs, the one definition used by the audits (§3.2), the trap experiments (§4.2), the
 * energy accounting (§4.3) and the Hopfield study (§4.4): spins s_i = ±1 and
 *
 *   H(s) = −Σ_edges J_ij s_i s_j − Σ_i h_i s_i   (energies in units of J, k_B = 1).
 *
 * A state of n spins is indexed by the integer whose bit i is set ⇔ s_i = +1 (so 2^n states, n ≤ 30 for an index).
 * The builders here return a {@link SpinProblem}; {@link problemCsr} packs one into neighbour lists for the samplers
 * and {@link flipCost} is the energy change of one flip, the only quantity a single-spin chain needs.
 */
import { symmetricCsr } from "../engine/edges";
import { checkKey, type Key, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { noteDesigned } from "./designed";

const WHERE = "emtd/spin/problem";

/**
 * An Ising problem on a small graph: spins s_i = ±1, H(s) = −Σ_edges J_ij s_i s_j − Σ_i h_i s_i. `edges` are
 * [i, j, J_ij] (each undirected edge once), `field` the h_i. State index: bit i set ⇔ s_i = +1.
 */
export interface SpinProblem {
  readonly n: number;
  readonly edges: readonly (readonly [number, number, number])[];
  readonly field: Float64Array;
  /** A landscape built to hold a trap, in words (two cliques, a random-field ring, a spin glass); absent: none. */
  readonly designed?: string;
}

/**
 * Largest problem the exact enumerations (src/spin/exact-tables.ts) and the random builders accept: n ≤ 20 spins (2^20 ≈ 10⁶
 * states).
 *
 * @example
 * ```ts
 * TRAP_ENUMERATION_LIMIT; // → 20
 * ```
 */
export const TRAP_ENUMERATION_LIMIT = 20;

/**
 * The split state of the default {@link twoCommunityProblem} (4 + 4 spins) as a state index: community A = +1,
 * community B = −1 (bit i set ⇔ spin i = +1).
 */
export const SPLIT_STATE = 0b00001111;

/**
 * Two cliques A = {0…m−1} and B = {m…2m−1} (J = 1 inside), joined by `bridges` edges (i, m+i) of strength 1, with a
 * frustrated field: +hA on A, −hB on B. For 2·bridges > 2m·hB the ground state is all +1 and the split state
 * (A = +1, B = −1, a "split brain" of §4.2) is metastable: leaving it means flipping B against its own clique.
 * @example
 * ```ts
 * const p = twoCommunityProblem();
 * [p.n, p.edges.length]; // → [8, 14]
 * ```
 */
export function twoCommunityProblem(options: { size?: number; bridges?: number; hA?: number; hB?: number } = {}): SpinProblem {
  const m = check.integer(WHERE, "size", options.size ?? 4, 2, 8);
  const bridges = check.integer(WHERE, "bridges", options.bridges ?? 2, 1, m);
  const hA = check.nonNegative(WHERE, "hA", options.hA ?? 0.5);
  const hB = check.nonNegative(WHERE, "hB", options.hB ?? 0.3);
  const edges: [number, number, number][] = [];
  for (const base of [0, m]) for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) edges.push([base + i, base + j, 1]);
  for (let i = 0; i < bridges; i++) edges.push([i, m + i, 1]);
  const field = Float64Array.from({ length: 2 * m }, (_, i) => (i < m ? hA : -hB));
  const fields = hA === 0 && hB === 0 ? "no field" : `fields +${hA}/−${hB}`;
  const designed = `two ${m}-cliques joined by ${bridges} bridge${bridges === 1 ? "" : "s"} (${fields})`;
  noteDesigned(designed);
  return { n: 2 * m, edges, field, designed };
}

/**
 * A ring of n spins (J = 1 between neighbours, 3 ≤ n ≤ 20) in a field h_i = ±h with independent random signs from `key`
 * (the random-field Ising model): domain walls are pinned where the field changes sign, so regions "agree" on
 * different values. Energies in units of J.
 *
 * @example
 * ```ts
 * const p = randomFieldRing(key(3), { n: 16, field: 0.8 });
 * [p.edges.length, metastableCount(energyTable(p), 16)]; // → [16, 36]
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
  const designed = `a random-field ring of ${n} spins (h = ±${h})`;
  noteDesigned(designed);
  return { n, edges, field, designed };
}

/**
 * ±J couplings (each sign with probability ½, from `key`) on the complete graph of n spins (2 ≤ n ≤ 20), no field
 * (Sherrington–Kirkpatrick with binary bonds): frustrated loops, many local minima.
 *
 * @example
 * ```ts
 * const p = spinGlass(key(4), { n: 12 });
 * [p.edges.length, metastableCount(energyTable(p), 12)]; // → [66, 4]: 66 bonds of ±1, 4 traps
 * ```
 */
export function spinGlass(key: Key, options: { n?: number } = {}): SpinProblem {
  checkKey(WHERE, "key", key);
  const n = check.integer(WHERE, "n", options.n ?? 14, 2, TRAP_ENUMERATION_LIMIT);
  const u = uniformSource(key);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, u() < 0.5 ? 1 : -1]);
  const designed = `a ±J spin glass of ${n} spins`;
  noteDesigned(designed);
  return { n, edges, field: new Float64Array(n), designed };
}

/**
 * A consensus decision as an Ising problem: n nodes on a ring lattice (each joined to its k/2 nearest neighbours on
 * each side, J = 1) and the injected value as a field `signal` on node 0 (ground state: every node +1; `signal: 0` is
 * the interaction energy alone, whose ground states are the two consensuses).
 *
 * @example
 * ```ts
 * const p = injectedConsensusProblem({ n: 16 }); // ring lattice k = 4, field 1 on node 0
 * [p.edges.length, p.field[0]]; // → [32, 1]
 * ```
 */
export function injectedConsensusProblem(options: { n?: number; k?: number; signal?: number } = {}): SpinProblem {
  const n = check.integer(WHERE, "n", options.n ?? 16, 3, 100000);
  const k = check.integer(WHERE, "k", options.k ?? 4, 2, n - 1);
  if (k % 2 !== 0) throw new ArgumentError(WHERE, "k", "an even integer", k);
  const signal = check.nonNegative(WHERE, "signal", options.signal ?? 1);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let d = 1; d <= k / 2; d++) edges.push([i, (i + d) % n, 1]);
  const field = new Float64Array(n);
  field[0] = signal;
  return { n, edges, field };
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
  // Noted where a problem is made ready to run, so one built before a measurement is seen where it is used.
  if (p.designed !== undefined) noteDesigned(p.designed);
  const fielded = p.field.reduce((k, h) => k + (h !== 0 ? 1 : 0), 0);
  if (fielded > 0) noteDesigned(`a field on ${fielded} of ${n} spins`);
  for (const [i, j] of p.edges)
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < n && j < n && i !== j))
      throw new ArgumentError(WHERE, "edges", `pairs of distinct spins in [0, ${n - 1}]`, [i, j]);
  const src = p.edges.map((e) => e[0]),
    dst = p.edges.map((e) => e[1]),
    weight = p.edges.map((e) => e[2]);
  const { rowPtr: start, col: neighbour, weight: coupling } = symmetricCsr({ n, edgeCount: p.edges.length, src, dst, weight });
  return { n, start, neighbour, coupling, field: Float64Array.from(p.field) };
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

/**
 * State index of spins (bit i ⇔ s_i = +1), n ≤ 30.
 * @example
 * ```ts
 * stateIndex(Int8Array.from([1, -1, 1])); // → 5
 * ```
 */
export function stateIndex(spin: Int8Array): number {
  if (spin.length > 30) throw new ArgumentError(WHERE, "spins", "at most 30 spins (a 30-bit state index)", spin.length);
  let s = 0;
  for (let i = 0; i < spin.length; i++) if (spin[i] === 1) s |= 1 << i;
  return s;
}

/**
 * The n spins (±1) of state index `state`, the inverse of {@link stateIndex}.
 * @example
 * ```ts
 * Array.from(spinsOf(5, 3)); // → [1, −1, 1]
 * ```
 */
export function spinsOf(state: number, n: number): Int8Array {
  return Int8Array.from({ length: n }, (_, i) => ((state >> i) & 1 ? 1 : -1));
}

/**
 * n independent uniformly random spins, spin i = +1 iff the i-th uniform drawn from `uniform` is below ½.
 * @example
 * ```ts
 * randomSpins(8, uniformSource(key(1))).length; // → 8
 * ```
 */
export function randomSpins(n: number, uniform: () => number): Int8Array {
  return Int8Array.from({ length: n }, () => (uniform() < 0.5 ? 1 : -1));
}

/**
 * Exact transition matrices of Metropolis chains on small discrete state spaces, to audit Lemma 1 (§3.2) step 4–5:
 * "the Metropolis–Hastings acceptance criterion guarantees detailed balance; thus the stationary distribution is
 * the Boltzmann distribution". Everything is enumerated: no sampling, so the checks hold to rounding.
 *
 * State space: n nodes, each holding one of q values `values[0..q−1]`; a state is the mixed-radix index
 * Σ_i x_i q^i (node 0 the least significant digit). S = q^n states; matrices are dense S×S row-stochastic
 * Float64Arrays, row-major (P[a·S + b] = P(a → b)).
 *
 * Transition matrices:
 * - {@link siteTransitionMatrix}: update node i with a proposal kernel and the §3.3 acceptance rule (accept when ΔE ≤ 0,
 *   otherwise with probability e^{−ΔE/T}, i.e. reject iff u > e^{−ΔE/T}).
 * - {@link randomScanTransitionMatrix}: node chosen uniformly, then {@link siteTransitionMatrix} (reversible when each site matrix is).
 * - {@link sweepTransitionMatrix}: nodes 0, 1, …, n−1 in order, the product P_0 P_1 ⋯ P_{n−1} (§3.3's sweep; not reversible
 *   in general even when every factor is, but it keeps every law each factor keeps).
 */
import { ArgumentError, check } from "../../errors";
import { metropolisProbability } from "../../dynamics/acceptance";

export interface StateSpace {
  readonly n: number;
  readonly q: number;
  readonly values: Float64Array;
  /** q^n. */
  readonly size: number;
}

/**
 * The space of n nodes with values from `values` (q = values.length); at most 2^14 states (dense matrices).
 * @example
 * ```ts
 * audit.stateSpace(3, [0, 1]).size; // → 8
 * ```
 */
export function stateSpace(n: number, values: readonly number[]): StateSpace {
  const where = "emtd/audit/stateSpace";
  check.integer(where, "n", n, 1, 16);
  if (values.length < 2) throw new ArgumentError(where, "values", "at least two values", values.length);
  const size = values.length ** n;
  if (size > 1 << 14) throw new ArgumentError(where, "values.length^n", "at most 16384 states (dense S×S matrices)", size);
  return { n, q: values.length, values: Float64Array.from(values), size };
}

/**
 * The value indices x_0 … x_{n−1} of state `s`.
 * @example
 * ```ts
 * Array.from(audit.decode(audit.stateSpace(3, [0, 1]), 6)); // → [0, 1, 1] (node 0 least significant)
 * ```
 */
export function decode(space: StateSpace, s: number): Int32Array {
  const x = new Int32Array(space.n);
  for (let i = 0; i < space.n; i++) {
    x[i] = s % space.q;
    s = Math.floor(s / space.q);
  }
  return x;
}

/**
 * The index of the state whose node i holds value index x[i].
 * @example
 * ```ts
 * audit.encode(audit.stateSpace(3, [0, 1]), [0, 1, 1]); // → 6
 * ```
 */
export function encode(space: StateSpace, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = space.n - 1; i >= 0; i--) s = s * space.q + x[i]!;
  return s;
}

/** An energy on states, given the node values (not indices). */
export type Energy = (values: Float64Array) => number;

/**
 * H(x) = Σ_{edges (i,j), each once} J‖x_i − x_j‖² (Definition 1.2's interaction energy, J = 1 by default).
 * @example
 * ```ts
 * audit.interactionEnergy([[0, 1], [1, 2]])(Float64Array.from([0, 1, 3])); // → 5
 * ```
 */
export function interactionEnergy(edges: readonly (readonly [number, number])[], coupling = 1): Energy {
  return (v) => {
    let h = 0;
    for (const [i, j] of edges) h += coupling * (v[i]! - v[j]!) ** 2;
    return h;
  };
}

/**
 * Node values (not indices) of state s, length n.
 *
 * @example
 * ```ts
 * Array.from(audit.stateValues(audit.stateSpace(2, [-1, 1]), 2)); // → [-1, 1]
 * ```
 */
export function stateValues(space: StateSpace, s: number): Float64Array {
  const x = decode(space, s);
  return Float64Array.from(x, (k) => space.values[k]!);
}

/**
 * The energy of every state, indexed by state (length q^n).
 *
 * @example
 * ```ts
 * Array.from(audit.energies(audit.stateSpace(2, [0, 1]), audit.interactionEnergy([[0, 1]]))); // → [0, 1, 1, 0]
 * ```
 */
export function energies(space: StateSpace, energy: Energy): Float64Array {
  return Float64Array.from({ length: space.size }, (_, s) => energy(stateValues(space, s)));
}

/** The Boltzmann law e^{−E/T}/Z of an energy table, `audit.boltzmann` (src/spin/exact-tables.ts: one law for the library). */
export { boltzmann } from "../exact-tables";

/**
 * ΔE used by the acceptance test when node i moves from state a to state b (which differ at node i only).
 * `"global"`: E(b) − E(a) with the energy given. `"local-half"`: §3.3's `compute_local_hamiltonian`,
 * Σ_{j∈N(i)} ½‖x_i − x_j‖², before and after — which is HALF the change of the interaction energy H of
 * Definition 1.2 (each edge counted once), so the chain targets e^{−H/(2T)}, not e^{−H/T}.
 */
export type DeltaRule = { kind: "global"; energy: Float64Array } | { kind: "local-half"; edges: readonly (readonly [number, number])[] };

function deltaE(space: StateSpace, rule: DeltaRule, i: number, a: number, b: number): number {
  if (rule.kind === "global") return rule.energy[b]! - rule.energy[a]!;
  const va = stateValues(space, a);
  const vb = stateValues(space, b);
  let d = 0;
  for (const [u, v] of rule.edges) {
    if (u !== i && v !== i) continue;
    const j = u === i ? v : u;
    d += 0.5 * ((vb[i]! - vb[j]!) ** 2 - (va[i]! - va[j]!) ** 2);
  }
  return d;
}

/**
 * The neighbour-copy proposal of the pull gossip: node i proposes the value of a neighbour drawn uniformly
 * from its neighbours in `edges` (a mixture over the neighbours, each with probability 1/deg(i)); a node with no
 * neighbour proposes nothing.
 */
export interface CopyNeighbour {
  readonly kind: "copy-neighbour";
  readonly edges: readonly (readonly [number, number])[];
}

/**
 * The neighbour-copy proposal on a graph given by its edges (the kernel "neighbour" of src/spin/update-kernels.ts).
 *
 * @example
 * ```ts
 * audit.copyNeighbour([[0, 1]]).kind; // → "copy-neighbour"
 * ```
 */
export function copyNeighbour(edges: readonly (readonly [number, number])[]): CopyNeighbour {
  return { kind: "copy-neighbour", edges };
}

/**
 * Proposal for node i from state a: a list of [target value index, probability].
 * `"uniform"`: any of the other q − 1 values, uniformly (symmetric).
 * `"copy-node-0"`: §3.3's proposal, node 0's current value with probability 1 (a moving target, not symmetric:
 * from b the reverse move to a is proposed only if node 0 happens to hold a's value).
 * {@link CopyNeighbour} (`copyNeighbour(edges)`): the pull gossip, the value of each neighbour j of i with
 * probability 1/deg(i) (equal values add up; a proposal of the current value is no move).
 */
export type ProposalRule = "uniform" | "copy-node-0" | CopyNeighbour;

function proposals(space: StateSpace, rule: ProposalRule, x: Int32Array, i: number): [number, number][] {
  if (rule === "copy-node-0") return [[x[0]!, 1]];
  if (rule !== "uniform") {
    const neighbours = rule.edges.flatMap(([u, v]) => (u === i ? [v] : v === i ? [u] : []));
    return neighbours.map((j) => [x[j]!, 1 / neighbours.length] as [number, number]);
  }
  const out: [number, number][] = [];
  for (let k = 0; k < space.q; k++) if (k !== x[i]) out.push([k, 1 / (space.q - 1)]);
  return out;
}

/**
 * Transition matrix (S×S row-stochastic, row-major) of one update of node i: propose by `proposal`, then accept iff
 * ΔE ≤ 0 or u ≤ e^{−ΔE/T} with ΔE from `delta`.
 *
 * @example
 * ```ts
 * const space = audit.stateSpace(2, [0, 1]);
 * const E = audit.energies(space, audit.interactionEnergy([[0, 1]]));
 * const P = audit.siteTransitionMatrix(space, 0, 1, { kind: "global", energy: E });
 * Array.from(P.slice(0, 4)); // → [0.632, 0.368, 0, 0]: from state 0 node 0 flips with probability e^{−1}
 * ```
 */
export function siteTransitionMatrix(
  space: StateSpace,
  i: number,
  temperature: number,
  delta: DeltaRule,
  proposal: ProposalRule = "uniform",
): Float64Array {
  check.integer("emtd/audit/siteTransitionMatrix", "i", i, 0, space.n - 1);
  check.positive("emtd/audit/siteTransitionMatrix", "temperature", temperature);
  const S = space.size;
  const P = new Float64Array(S * S);
  for (let a = 0; a < S; a++) {
    const x = decode(space, a);
    let stay = 1;
    for (const [k, prob] of proposals(space, proposal, x, i)) {
      if (k === x[i]) continue; // proposing the current value: no move
      const y = Int32Array.from(x);
      y[i] = k;
      const b = encode(space, y);
      const d = deltaE(space, delta, i, a, b);
      const accept = metropolisProbability(d, temperature);
      P[a * S + b] += prob * accept;
      stay -= prob * accept;
    }
    P[a * S + a] += stay;
  }
  return P;
}

/**
 * C = A·B for dense S×S matrices.
 * @example
 * ```ts
 * Array.from(audit.matmul(Float64Array.from([0, 1, 1, 0]), Float64Array.from([1, 2, 3, 4]), 2)); // → [3, 4, 1, 2]
 * ```
 */
export function matmul(A: Float64Array, B: Float64Array, S: number): Float64Array {
  const C = new Float64Array(S * S);
  for (let i = 0; i < S; i++) {
    for (let k = 0; k < S; k++) {
      const a = A[i * S + k]!;
      if (a === 0) continue;
      for (let j = 0; j < S; j++) C[i * S + j]! += a * B[k * S + j]!;
    }
  }
  return C;
}

/**
 * Random-scan transition matrix: (1/n) Σ_i P_i.
 * @example
 * ```ts
 * const space = audit.stateSpace(3, [0, 1]);
 * const E = audit.energies(space, audit.interactionEnergy([[0, 1], [1, 2]]));
 * const P = audit.randomScanTransitionMatrix(space, 1, { kind: "global", energy: E });
 * audit.detailedBalanceViolation(P, audit.boltzmann(E, 1)); // → 1.7e-18: reversible, up to rounding
 * ```
 */
export function randomScanTransitionMatrix(
  space: StateSpace,
  temperature: number,
  delta: DeltaRule,
  proposal: ProposalRule = "uniform",
): Float64Array {
  const S = space.size;
  const P = new Float64Array(S * S);
  for (let i = 0; i < space.n; i++) {
    const Pi = siteTransitionMatrix(space, i, temperature, delta, proposal);
    for (let e = 0; e < S * S; e++) P[e]! += Pi[e]! / space.n;
  }
  return P;
}

/**
 * Systematic-scan transition matrix in node order: P_0 P_1 ⋯ P_{n−1} (one §3.3 sweep at fixed temperature).
 * @example
 * ```ts
 * const space = audit.stateSpace(3, [0, 1]);
 * const E = audit.energies(space, audit.interactionEnergy([[0, 1], [1, 2]]));
 * const P = audit.sweepTransitionMatrix(space, 1, { kind: "global", energy: E });
 * const pi = audit.boltzmann(E, 1);
 * [audit.stationarityError(P, pi), audit.detailedBalanceViolation(P, pi)]; // → [0, 0.0537]: stationary, not reversible
 * ```
 */
export function sweepTransitionMatrix(
  space: StateSpace,
  temperature: number,
  delta: DeltaRule,
  proposal: ProposalRule = "uniform",
): Float64Array {
  let P = siteTransitionMatrix(space, 0, temperature, delta, proposal);
  for (let i = 1; i < space.n; i++) P = matmul(P, siteTransitionMatrix(space, i, temperature, delta, proposal), space.size);
  return P;
}

/**
 * max_{a,b} |π_a P_ab − π_b P_ba| (0 iff P is reversible with respect to π).
 * @example
 * ```ts
 * const E = Float64Array.from([0, 1]);
 * const P = Float64Array.from([1 - Math.exp(-1), Math.exp(-1), 1, 0]); // Metropolis on two states, T = 1
 * audit.detailedBalanceViolation(P, audit.boltzmann(E, 1)); // → 5.6e-17: Metropolis is reversible
 * ```
 */
export function detailedBalanceViolation(P: Float64Array, pi: Float64Array): number {
  const S = pi.length;
  let m = 0;
  for (let a = 0; a < S; a++) for (let b = a + 1; b < S; b++) m = Math.max(m, Math.abs(pi[a]! * P[a * S + b]! - pi[b]! * P[b * S + a]!));
  return m;
}

/**
 * πP as a vector.
 * @example
 * ```ts
 * Array.from(audit.leftMultiply(Float64Array.from([1, 0]), Float64Array.from([0.5, 0.5, 0, 1]))); // → [0.5, 0.5]
 * ```
 */
export function leftMultiply(pi: Float64Array, P: Float64Array): Float64Array {
  const S = pi.length;
  const out = new Float64Array(S);
  for (let a = 0; a < S; a++) {
    const w = pi[a]!;
    if (w === 0) continue;
    for (let b = 0; b < S; b++) out[b]! += w * P[a * S + b]!;
  }
  return out;
}

/**
 * ‖πP − π‖₁ (0 iff π is stationary for P); total-variation distance is half of it.
 * @example
 * ```ts
 * audit.stationarityError(Float64Array.from([0.5, 0.5, 0, 1]), Float64Array.from([0.5, 0.5])); // → 0.5
 * ```
 */
export function stationarityError(P: Float64Array, pi: Float64Array): number {
  const next = leftMultiply(pi, P);
  let e = 0;
  for (let s = 0; s < pi.length; s++) e += Math.abs(next[s]! - pi[s]!);
  return e;
}

/**
 * max over rows of |Σ_b P_ab − 1| (a sanity check of a transition matrix).
 * @example
 * ```ts
 * audit.rowSumError(Float64Array.from([0.5, 0.5, 0.2, 0.7]), 2); // → 0.1 (row 1 sums to 0.9)
 * ```
 */
export function rowSumError(P: Float64Array, S: number): number {
  let m = 0;
  for (let a = 0; a < S; a++) {
    let r = 0;
    for (let b = 0; b < S; b++) r += P[a * S + b]!;
    m = Math.max(m, Math.abs(r - 1));
  }
  return m;
}

/**
 * States a with P_aa = 1 (absorbing).
 * @example
 * ```ts
 * audit.absorbingStates(Float64Array.from([0.5, 0.5, 0, 1]), 2); // → [1]
 * ```
 */
export function absorbingStates(P: Float64Array, S: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < S; a++) if (P[a * S + a] === 1) out.push(a);
  return out;
}

/**
 * The law after `steps` applications of P from `initial` (a probability vector).
 * @example
 * ```ts
 * Array.from(audit.evolve(audit.pointMass(2, 0), Float64Array.from([0.5, 0.5, 0, 1]), 3)); // → [0.125, 0.875]
 * ```
 */
export function evolve(initial: Float64Array, P: Float64Array, steps: number): Float64Array {
  let pi = initial;
  for (let t = 0; t < steps; t++) pi = leftMultiply(pi, P);
  return pi;
}

/**
 * The point mass at state s.
 * @example
 * ```ts
 * Array.from(audit.pointMass(3, 1)); // → [0, 1, 0]
 * ```
 */
export function pointMass(S: number, s: number): Float64Array {
  const v = new Float64Array(S);
  v[s] = 1;
  return v;
}

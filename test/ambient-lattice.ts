/**
 * Inputs for the ambient step's bitwise tests (test/unit/engine/simd-ambient, test/unit/ops/ambient-step): a
 * deterministic uniform stream and neighbour lists with degrees 0…7 (isolated nodes included), their couplings and
 * per-node constants drawn from `constant` (each test keeps its own range).
 */
import type { AmbientLattice } from "../src/engine/kernels/simd/simd-ambient";

/** A deterministic uniform stream for the tests' inputs (not the one under test). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** `n` nodes of `runs` runs: neighbour lists of degree i mod 8, unit or drawn couplings, then four per-node constants. */
export function ambientLattice(n: number, runs: number, unit: boolean, u: () => number, constant: () => number): AmbientLattice {
  const start = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i % 8; k++) cols.push(Math.floor(u() * n));
    start[i + 1] = cols.length;
  }
  const col = Int32Array.from(cols);
  const coupling = Float64Array.from(col, () => (unit ? 1 : 0.25 + u()));
  const node = () => Float64Array.from({ length: n }, constant);
  return { n, runs, start, col, coupling, unit, pairing: node(), diagonal: node(), cubic: node(), pullConstant: node() };
}

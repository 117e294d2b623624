/**
 * A quench: networks of Ising spins started from random spins and held below T_c, §2.1's "nodes align their spins"
 * on the 2D lattice: the figure ising-quench and notebook 03 run it here (claim p2.1-ising-alignment measures the
 * text's own update on the text's graph instead, studies/ising-isomorphism/spin-copy-runs).
 */
import type { Key } from "../../engine/random";
import { isingLattice } from "../../spin/ising/ising-system";
import { isingSampler } from "../../spin/ising/ising-sampler";
import { runIsing } from "../../spin/ising/ising-run";

/** A quench's parameters; the defaults are the claim's (16 networks of 16×16 at T = 1.5 < T_c, 600 sweeps). */
export interface QuenchOptions {
  /** Side L of the periodic L×L lattice. Default 16. */
  size?: number;
  /** Temperature held from the start. Default 1.5. */
  temperature?: number;
  /** Independent networks. Default 16. */
  replicas?: number;
  /** Metropolis checkerboard sweeps, burn-in included. Default 600. */
  sweeps?: number;
  /** Sweeps before the averaged part of the run (the final state does not depend on it). Default 500. */
  burnIn?: number;
}

/**
 * The final magnetisation m ∈ [−1, 1] of each of `replicas` periodic L×L Ising networks quenched from random spins
 * (a "hot" start) to `temperature`, the colour-parallel sampler's randomness drawn from `key`.
 *
 * @example
 * ```ts
 * await ready();
 * const m = isingQuench(key(300), { size: 8, replicas: 4, sweeps: 200, burnIn: 100 });
 * m.length; // → 4
 * m.every((v) => Math.abs(v) <= 1); // → true
 * ```
 */
export function isingQuench(key: Key, options: QuenchOptions = {}): number[] {
  const { size = 16, temperature = 1.5, replicas = 16, sweeps = 600, burnIn = 500 } = options;
  const quench = runIsing(isingSampler(isingLattice(size), [temperature], { replicas }), "hot", { steps: sweeps, burnIn }, key);
  return quench.results[0]!.finalMagnetization;
}

/**
 * Cost against N: one Langevin step on ring:N:10, d = 2, for N = 10³ … 10⁷, per path, with the memory-bandwidth
 * bound for reference. Produces rows (and CSV text) for the notebook's log–log figure.
 *
 * Bound: the bytes the fused step must move at least (`langevinStepBytes` in bench/bench-langevin: read x and write x′, 8Nd; the ring
 * lattice's stencil reads no index arrays), over the measured copy bandwidth B (bytes read + written per second).
 * The CSR baselines (SciPy, C) also read 4·nnz + 4(N + 1) bytes of indices. Paths whose cost would exceed a minute
 * per size are skipped at large N.
 */
import { stringify } from "csv-stringify/sync";
import { benchLangevin } from "./bench-langevin";
import { cLangevin, copyBandwidth, scipyLangevin } from "./baselines";
import { roundTo } from "../format";

export interface ScalingRow {
  path: string;
  n: number;
  edges: number;
  msPerStep: number;
}

export interface ScalingOptions {
  sizes?: number[];
  k?: number;
  dim?: number;
  backend?: string;
  /** Seed of every row (required: no seed is defaulted). */
  seed: number;
}

export const SCALING_SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];

/**
 * Time one Langevin step on ring:N:k (default k = 10, d = 2) for each N in `sizes` (default {@link SCALING_SIZES}) by
 * every path ({@link benchLangevin}, SciPy and the C loop where present) and add the fused step's memory-bandwidth
 * bound (its `minBytesPerStep` at the measured copy bandwidth, module comment). Rows in ms per step; `copyGBps` in GB/s.
 * It runs for minutes (no runnable example); from the command line:
 *
 * ```sh
 * npx emtd bench scaling --max-n 100000 --out scaling.csv   # rows as CSV (scalingCsv); --json for the object
 * ```
 */
export async function scalingRows(o: ScalingOptions): Promise<{ rows: ScalingRow[]; copyGBps: number; bandwidthSource: string }> {
  const sizes = o.sizes ?? SCALING_SIZES;
  const k = o.k ?? 10;
  const dim = o.dim ?? 2;
  const bw = copyBandwidth();
  const rows: ScalingRow[] = [];
  for (const n of sizes) {
    const edges = (n * k) / 2;
    const steps = Math.max(3, Math.min(50, Math.round(2e7 / (n * k))));
    const r = await benchLangevin({ graph: `ring:${n}:${k}`, dim, steps, backend: o.backend, seed: o.seed, fusedOnly: n > 1e5 });
    const add = (path: string, ms: unknown) => {
      if (typeof ms === "number") rows.push({ path, n, edges, msPerStep: ms });
    };
    add(`emtd fused (${r.backend})`, r.msPerStep);
    add(`emtd ula integrator (${r.backend})`, r.ulaMsPerStep);
    add(`emtd composite tfjs ops (${r.backend})`, r.compositeMsPerStep);
    add(`emtd generic autodiff (${r.backend})`, r.genericMsPerStep);
    add("plain JS typed-array loop", r.jsLoopMsPerStep);
    add("scipy sparse", scipyLangevin(n, k, dim, steps)?.msPerStep);
    add("C loop (cc -O2)", cLangevin(n, k, dim, steps)?.msPerStep);
    add("memory-bandwidth bound", roundTo((r.minBytesPerStep as number) / (bw.copyGBps * 1e6)));
  }
  return { rows, copyGBps: roundTo(bw.copyGBps), bandwidthSource: bw.source };
}

/**
 * Rows of {@link scalingRows} as CSV text with the header `path,n,edges,ms_per_step` (one line per path and N).
 *
 * @example
 * ```ts
 * scalingCsv([{ path: "C loop (cc -O2)", n: 1000, edges: 5000, msPerStep: 0.012 }]);
 * // → "path,n,edges,ms_per_step\nC loop (cc -O2),1000,5000,0.012\n"
 * ```
 */
export function scalingCsv(rows: ScalingRow[]): string {
  return stringify([["path", "n", "edges", "ms_per_step"], ...rows.map((r) => [r.path, r.n, r.edges, r.msPerStep])]);
}

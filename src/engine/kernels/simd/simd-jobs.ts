/**
 * The SIMD module's jobs on worker threads (pool.runShares): the fused Langevin step, the noisy descent, L·X, the
 * interaction's partials, the Ising colours, the consensus error and the copy sweep's lane groups, each on the worker's rows in the shared memory.
 */
import { registerJobs } from "../threads/worker-jobs";
import { FUSED_SCRATCH, fusedRows, JOB_FUSED } from "./simd-langevin";
import { JOB_NOISY, noisyRows } from "./simd-noisy-descent";
import { copyLaneShare, JOB_COPY_LANES } from "./simd-copy-lanes";
import {
  consensusShare,
  interactionShare,
  isingShare,
  JOB_SIMD_CONSENSUS,
  JOB_SIMD_INTERACTION,
  JOB_SIMD_ISING,
  JOB_SIMD_LAPLACIAN,
  laplacianShare,
} from "./simd-rows";

registerJobs([
  {
    kind: JOB_FUSED,
    run: ({ args: a, share, r0, r1 }) => {
      // args: n, h, rowPtr, col, deg, x, out, scratch, drift, sigma, key0, key1, g, step (simd-langevin.simdLangevin2)
      const rows = { n: a[0]!, h: a[1]!, rowPtr: a[2]!, col: a[3]!, deg: a[4]!, x: a[5]!, out: a[6]!, g: a[12]!, step: a[13]! };
      fusedRows(rows, a[7]! + FUSED_SCRATCH * share, r0, r1, a[8]!, a[9]!, [a[10]!, a[11]!]);
    },
  },
  {
    kind: JOB_NOISY,
    // args: channels, h, sigma, key0, key1, scratch, bytes per share, chunk rows (simd-noisy-descent)
    run: ({ args: a, share, r0, r1, x, g, out }) =>
      noisyRows(x, g, out, a[0]!, a[1]!, a[2]!, [a[3]!, a[4]!], r0, r1, a[5]! + a[6]! * share, a[7]!),
  },
  // args: descriptors, distances, cost terms, K, kernel (simd-copy-lanes); a share's rows are lane groups
  { kind: JOB_COPY_LANES, run: (j) => copyLaneShare(j.args, j.r0, j.r1) },
  { kind: JOB_SIMD_LAPLACIAN, run: (j) => laplacianShare(j.args, j.r0, j.r1) },
  { kind: JOB_SIMD_INTERACTION, run: (j) => interactionShare(j.args, j.r0, j.r1) },
  { kind: JOB_SIMD_ISING, run: (j) => isingShare(j.args, j.r0, j.r1) },
  {
    kind: JOB_SIMD_CONSENSUS,
    run: (j) => {
      consensusShare(j.args, j.r0, j.r1);
    },
  },
]);

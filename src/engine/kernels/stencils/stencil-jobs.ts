/**
 * The chunked stencils' jobs on worker threads (ring-stencil.stencilShares): the ring's and the torus's Langevin
 * step and L·X, each on the worker's rows of the staged field. The ring's step on a field staged in the SIMD
 * module's memory runs in place there (ring-direct), reporting its rows as it goes.
 */
import { registerJobs, type JobContext } from "../threads/worker-jobs";
import { simdExports } from "../simd/simd-module";
import { JOB_RING, JOB_RING_LAPLACIAN, ringLangevinRows, ringLaplacianRows, type StencilRows, widens } from "./ring-stencil";
import { directLangevinRows } from "./ring-direct";
import { JOB_TORUS, JOB_TORUS_LAPLACIAN, torusLangevinRows, torusLaplacianRows } from "./torus-stencil";

/** Runs a stencil's rows. args: n, h or L, scratch, bytes per share, chunk rows, drift or scale, sigma, key0, key1. */
function stencil(rows: (j: JobContext) => StencilRows): (j: JobContext) => void {
  return (j) => {
    const a = j.args;
    rows(j)(a[0]!, a[1]!, j.x, j.out, a[5]!, a[6]!, [a[7]!, a[8]!], j.r0, j.r1, a[2]! + a[3]! * j.share, a[4]!);
  };
}

/** The ring's fused step on the staged field in the module's memory: no window copied in, no result out. */
function moduleRingRows(j: JobContext): StencilRows {
  return (n, h, xs, os, drift, sigma, key, r0, r1, at, rowsMax) =>
    directLangevinRows(simdExports(), n, h, xs, os, drift, sigma, key, r0, r1, at, rowsMax, j.reportRows);
}

registerJobs([
  { kind: JOB_RING, run: stencil((j) => (j.inModule && widens(j.args[1]!) ? moduleRingRows(j) : ringLangevinRows)) },
  { kind: JOB_TORUS, run: stencil(() => torusLangevinRows) },
  { kind: JOB_RING_LAPLACIAN, run: stencil(() => ringLaplacianRows) },
  { kind: JOB_TORUS_LAPLACIAN, run: stencil(() => torusLaplacianRows) },
]);

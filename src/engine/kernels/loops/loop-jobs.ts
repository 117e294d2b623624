/**
 * The JavaScript loops' jobs on worker threads (pool.parallelRows and the Ising colours): L·X, the Langevin step
 * and one colour of the Ising checkerboard, each on the worker's rows of the shared arrays.
 */
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { registerJobs } from "../threads/worker-jobs";
import { JOB_ISING, JOB_LANGEVIN, JOB_LAPLACIAN } from "../threads/pool";
import { isingColourRows, isingThresholds, langevinRows, laplacianRows } from "./row-loops";

/** The Langevin step's noise block, per worker, grown to the widest field seen. */
let scratch = new Float32Array(0);
/** The Ising acceptance thresholds of the last β seen, per worker. */
let thresholdBeta = Number.NaN;
let threshold = new Int32Array(9);

registerJobs([
  { kind: JOB_LAPLACIAN, run: (j) => laplacianRows(j.plan!, j.x, j.channels, j.out, j.r0, j.r1, j.a) },
  {
    kind: JOB_LANGEVIN,
    run: (j) => {
      if (scratch.length < NOISE_BLOCK_ROWS * j.channels) scratch = new Float32Array(NOISE_BLOCK_ROWS * j.channels);
      langevinRows(j.plan!, j.x, j.channels, j.a, j.b, j.key, j.out, j.r0, j.r1, scratch);
    },
  },
  {
    kind: JOB_ISING,
    run: (j) => {
      if (j.a !== thresholdBeta) {
        thresholdBeta = j.a;
        threshold = isingThresholds(thresholdBeta);
      }
      return isingColourRows(j.lattice, j.channels, j.b, threshold, j.key, j.r0, j.r1);
    },
  },
]);

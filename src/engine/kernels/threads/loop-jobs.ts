/**
 * The JavaScript loops' jobs on worker threads (pool.parallelRows and pool.parallelIsingColour, the pool's own
 * strategy: a shared CSR plan or lattice, not a module's memory): L·X, the Langevin step and one colour of the Ising
 * checkerboard, each on the worker's rows of the shared arrays. Their kinds are declared here, beside their jobs.
 */
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { jobKind, registerJobs } from "./worker-jobs";
import { isingColourRows, isingThresholds, langevinRows, laplacianRows } from "../loops/row-loops";

/** L·X by the JavaScript loop (row-loops.laplacianRows). */
export const JOB_LAPLACIAN = jobKind(1, "laplacian");
/** The Langevin step by the JavaScript loop (row-loops.langevinRows). */
export const JOB_LANGEVIN = jobKind(3, "langevin");
/** One colour of the Ising checkerboard by the JavaScript loop (row-loops.isingColourRows). */
export const JOB_ISING = jobKind(4, "ising");

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
      // args: 1 and h where the step subtracts h·g (g staged beside x), else 0 (langevin-kernel writes both always).
      langevinRows(
        j.plan!,
        j.x,
        j.channels,
        j.a,
        j.b,
        j.key,
        j.out,
        j.r0,
        j.r1,
        scratch,
        j.args[0] === 1 ? { g: j.g, step: j.args[1]! } : null,
      );
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

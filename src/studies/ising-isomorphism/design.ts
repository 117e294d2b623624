/**
 * The Ising reading's designs (§2.1): the runs per arm of p2.1-ising-thermal-noise and p2.1-ising-alignment, planned
 * before the run. The claims (claims/section2-ising), figure nb03 and notebook 03 take them from here.
 */
import { equivalenceRuns } from "../../stats/equivalence";

/**
 * The runs per arm of p2.1-ising-alignment and figure nb03's bars (p2.1-ising-thermal-noise's before the twenty-ninth
 * edition): equivalence within ±0.1 at p = ½ and a true difference of 0, planned before the run (526).
 */
export const THERMAL_RUNS = equivalenceRuns(0.5, 0.1);

/**
 * p2.1-ising-thermal-noise's runs per arm (2102): equivalence within ±0.1 at p = ½ with power 0.9 at a true difference
 * of half the margin, 0.05. Re-planned after the twenty-ninth-edition referee: at 526 its (b) cell with 10 noisy
 * adversaries under the gossip kernel (a difference near 0.05) straddled ±0.1 in 3 of 20 replicates.
 */
export const THERMAL_NOISE_RUNS = equivalenceRuns(0.5, 0.1, 0.05);

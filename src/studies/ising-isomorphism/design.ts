/**
 * The Ising reading's designs (§2.1): the runs per arm of p2.1-ising-thermal-noise and p2.1-ising-alignment, planned
 * before the run. The claims (claims/section2-ising), figure nb03 and notebook 03 take them from here.
 */
import { equivalenceRuns } from "../../stats/equivalence";

/** p2.1-ising-thermal-noise's runs per arm: equivalence within ±0.1 at p = ½, planned before the run (526). */
export const THERMAL_RUNS = equivalenceRuns(0.5, 0.1);

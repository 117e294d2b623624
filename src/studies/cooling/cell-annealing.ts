/**
 * §2.2 step 3 on the text's landscape, one grid cell of p2.2-annealing at a time (moved from its claim's record,
 * claims/section2-annealing, so that the claim, notebook 06's figure and the notebook run this one function):
 * conflicting ledgers at the end of the mechanism's schedule, the same runs held at its starting temperature, and
 * the designed trap beside them (evidence).
 */
import { type Key } from "../../engine/random";
import { constant } from "../../dynamics/schedules";
import { twoCommunityProblem } from "../../spin/problem";
import { criticalDepth, energyTable } from "../../spin/exact-tables";
import { asEvidence } from "../../spin/designed";
import { type ProposalKernel, UPDATE_SWEEP_CAP } from "../../spin/update-kernels";
import { WS_LANDSCAPE } from "../../spin/ws-landscape";
import { type AnnealEnd, annealRuns, designedTrapConflicts } from "./annealing";
import { T0 } from "./cell-messages";
import type { CoolingCell } from "./cooling-cell";

/** §2.2 step 3 on the text's landscape: conflicting ledgers at the end of the text's schedule. */
export const ANNEAL_RUNS = 600;
/** Runs of the designed 8-spin trap, evidence beside the verdict. */
export const TRAP_RUNS = 200;

/**
 * The measurement of p2.2-annealing and of notebook 06's annealing figure: one cell's runs on the text's landscape
 * (studies/cooling/annealing) under the mechanism's schedule (given the ws landscape's d*, spin/ws-landscape), the
 * same runs (same key: same graphs, starts and draws) at the schedule's starting temperature held constant, the
 * quote's causal clause's control, and the designed trap beside it.
 */
export function coolingAnnealing(c: CoolingCell) {
  const kernel = c.kernel;
  const end = c.cell.end === "stop" ? "stop" : "horizon";
  const runsKey = c.key(`runs/${kernel}/${end}`),
    trapKey = c.key(`trap/${kernel}`);
  // A repair that replaces the kernel (symmetric) makes both kernel cells one experiment: computed once.
  return c.memo(`p2.2 annealing ${end} | ${c.mechanismKey}`, [runsKey, trapKey], () => annealingRuns(c, kernel, end, runsKey, trapKey));
}

function annealingRuns(c: CoolingCell, kernel: ProposalKernel, end: AnnealEnd, runsKey: Key, trapKey: Key) {
  const part = c.schedule;
  const cooled = () => part(T0, WS_LANDSCAPE);
  const horizon = cooled().horizon ?? UPDATE_SWEEP_CAP;
  const r = annealRuns(kernel, { nodes: 50, runs: ANNEAL_RUNS, horizon, end, schedule: cooled }, runsKey);
  const coldest = cooled().temperature(horizon - 1);
  const start = cooled().temperature(0);
  const uncooled = annealRuns(kernel, { nodes: 50, runs: ANNEAL_RUNS, horizon, end, schedule: () => constant(start) }, runsKey);
  // The trap's d* as trap-annealing's prepareProblem computes it (studies/traps: another group, not imported).
  const trapDepth = asEvidence(() => {
    const problem = twoCommunityProblem({ bridges: 2 });
    return criticalDepth(energyTable(problem), problem.n);
  });
  const trap = asEvidence(() =>
    designedTrapConflicts(kernel, { bridges: 2, runs: TRAP_RUNS, schedule: () => part(T0, { depth: trapDepth }) }, trapKey),
  );
  return { kernel, end, horizon, r, coldest, start, uncooled, trap, trapDepth };
}

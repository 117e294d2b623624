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
import { type AnnealEnd, type AnnealRunEnd, annealGraphEdges, annealRunEnds, annealRuns, designedTrapConflicts } from "./annealing";
import { T0 } from "./cell-messages";
import { runsOnDemand } from "../runs-on-demand";
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

/** One cell's runs as p2.2-annealing reads them look by look: its settings, and the first n runs of each arm on demand. */
export interface AnnealingLooks {
  kernel: ProposalKernel;
  end: AnnealEnd;
  horizon: number;
  coldest: number;
  start: number;
  /** The most edges of the plan's graphs (the Boltzmann floor's E), fixed before any run. */
  edges: number;
  /** The first n runs under the schedule, and held at its starting temperature (same key: same graphs, starts, draws). */
  cooled: (n: number) => readonly AnnealRunEnd[];
  uncooled: (n: number) => readonly AnnealRunEnd[];
  trap: ReturnType<typeof designedTrapConflicts>;
  trapDepth: number;
}

/** The looks of this process, by cell and mechanism (a kernel repair's two kernel cells share one), the oldest dropped. */
const looks = new Map<string, AnnealingLooks>();
const KEPT_LOOKS = 32;

/**
 * {@link coolingAnnealing}'s cell for a claim that decides look by look: the same runs (run r of each arm the same
 * as in the plan of {@link ANNEAL_RUNS}), measured only as far as its looks ask.
 */
export function coolingAnnealingLooks(c: CoolingCell): AnnealingLooks {
  const kernel = c.kernel;
  const end = c.cell.end === "stop" ? "stop" : "horizon";
  const runsKey = c.key(`runs/${kernel}/${end}`),
    trapKey = c.key(`trap/${kernel}`);
  const id = `${end}|${c.mechanismKey}|${runsKey.join(".")}|${trapKey.join(".")}`;
  let hit = looks.get(id);
  if (hit === undefined) {
    const part = c.schedule;
    const cooled = () => part(T0, WS_LANDSCAPE);
    const horizon = cooled().horizon ?? UPDATE_SWEEP_CAP;
    const start = cooled().temperature(0);
    const arm = (schedule: () => ReturnType<typeof cooled>) =>
      runsOnDemand((from, runs) => annealRunEnds(kernel, { nodes: 50, runs, horizon, end, schedule }, runsKey, from));
    const trapDepth = asEvidence(() => {
      const problem = twoCommunityProblem({ bridges: 2 });
      return criticalDepth(energyTable(problem), problem.n);
    });
    const trap = c.memo(`p2.2 annealing trap ${end} | ${c.mechanismKey}`, [trapKey], () =>
      asEvidence(() =>
        designedTrapConflicts(kernel, { bridges: 2, runs: TRAP_RUNS, schedule: () => part(T0, { depth: trapDepth }) }, trapKey),
      ),
    );
    hit = {
      kernel,
      end,
      horizon,
      coldest: cooled().temperature(horizon - 1),
      start,
      edges: annealGraphEdges(50, ANNEAL_RUNS, runsKey),
      cooled: arm(cooled),
      uncooled: arm(() => constant(start)),
      trap,
      trapDepth,
    };
    looks.set(id, hit);
    if (looks.size > KEPT_LOOKS) looks.delete(looks.keys().next().value!);
  }
  return hit;
}

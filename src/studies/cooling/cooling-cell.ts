/**
 * What one grid cell of a §2.2 claim hands the cooling study's cell experiments ({@link coolingMessages},
 * {@link coolingAnnealing}): its choices, its random streams, the mechanism's schedule and kernel, the mechanism's key
 * and the memo its runs are kept in. The claim's measure context seen from the floor below the claims, so that the
 * claim, notebook 06's figures and the notebook call the one experiment with the same inputs
 * (claims/machinery/study-cells `coolingCell` makes one from a context). Getters where the claim records the parts it
 * reads: an experiment reads the schedule or the kernel only where it runs them.
 */
import type { Schedule } from "../../dynamics/schedules";
import type { Key } from "../../engine/random";
import type { ProposalKernel } from "../../spin/update-kernels";

/** A schedule from a starting temperature, given the landscape's critical depth where known (a claim's schedule part). */
export type ScheduleFrom = (initial: number, landscape?: { readonly depth: number }) => Schedule & { readonly horizon?: number };

/** `compute()` kept under its name and streams (the claims' memo: once per process and per test run). */
export type Memo = <T>(what: string, streams: readonly Key[], compute: () => T) => T;

/** The inputs of one cell's experiment. */
export interface CoolingCell {
  /** The grid cell's choices by parameter ("update", "kernel", "end"). */
  readonly cell: Readonly<Record<string, unknown>>;
  /** The cell's random stream `name`. */
  key(name: string): Key;
  /** The mechanism's annealing schedule. */
  readonly schedule: ScheduleFrom;
  /** The proposal kernel of a copy cell (the mechanism's, or the cell's text kernel). */
  readonly kernel: ProposalKernel;
  /** The mechanism's key: a variant's runs are kept apart from the proposal's. */
  readonly mechanismKey: string;
  readonly memo: Memo;
}

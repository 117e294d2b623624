/**
 * A claim's measure context as a study's cell experiment takes it (studies stand a floor below the claims and know
 * no context): the cell, its streams, the mechanism's parts behind getters, so that a part is read (and recorded in
 * the claim's `uses`) only where the experiment runs it, and the claims' memo. The claim's record and its figure make
 * the inputs here, so both call the study's one function with the same inputs and read one run.
 */
import type { CoolingCell } from "../../studies/cooling/cooling-cell";
import { kernelIn } from "./mechanism";
import { memoised } from "./memo";
import type { MeasureContext } from "./types";

/** The inputs of a §2.2 cooling cell (studies/cooling) from claim `ctx`. */
export function coolingCell(ctx: MeasureContext): CoolingCell {
  return {
    cell: ctx.cell,
    key: (name) => ctx.key(name),
    get schedule() {
      return ctx.mechanism.schedule;
    },
    get kernel() {
      return kernelIn(ctx);
    },
    get mechanismKey() {
      return ctx.mechanism.key;
    },
    memo: memoised,
  };
}

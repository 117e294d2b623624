/**
 * A size claim's trend over N, checked cell by cell (VERDICTS.md §4: at least three decades of N in every cell, not
 * in the claim as a whole): what the registry asks of every cell of a claim that declares `sizes`.
 */
import { EmtdError } from "../../errors";
import { num } from "../../format";
import { cellLabel } from "./grid";
import type { Cell, Claim, Measurement, SizeTrend } from "./types";

const WHERE = "emtd/claims/registry";

/** The decades of N a size trend spans: log₁₀(max N / min N) (0 with fewer than two sizes). */
export function decadesOf(sizes: SizeTrend | undefined): number {
  const ns = sizes?.values.map((v) => v.n).filter((n) => n > 0) ?? [];
  return ns.length < 2 ? 0 : Math.log10(Math.max(...ns) / Math.min(...ns));
}

/** A size claim's trend spans at least this many decades of N in every cell (VERDICTS.md §4). */
export const SIZE_DECADES = 3;

/**
 * Checks one cell of a size claim (a claim with `sizes`): its measurement carries its own trend (`sizes`) over at
 * least three sizes spanning ≥ 3 decades of N (VERDICTS.md §4: the decades are counted per cell, not per claim).
 * Throws an {@link EmtdError} naming the claim and the cell.
 */
export function checkCellSizes(claim: Claim, cell: Cell, m: Measurement): void {
  if (claim.sizes === undefined) return;
  const where = `${WHERE}: claim ${claim.id}, cell ${cellLabel(cell)}`;
  if (!m.sizes) throw new EmtdError(`${where}: a size claim's cell must carry its own sizes (the trend over N it was decided on)`);
  const ns = m.sizes.values.map((v) => v.n);
  // A small tolerance: 10 → 10⁴ spans exactly 3 decades, which floating-point log10 may put a hair below.
  if (ns.length < 3 || decadesOf(m.sizes) < SIZE_DECADES - 1e-9)
    throw new EmtdError(
      `${where}: a size claim is measured over at least three decades of N in every cell (got N = ${ns.join(", ")}: ${num(decadesOf(m.sizes))} decades)`,
    );
}

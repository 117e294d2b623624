/**
 * Stability of a verdict over seeds (issue 20): a claim measured under K independent seed streams (replicate r uses
 * `measureContext(seed, r)`) reports how many replicates gave each verdict and the share of the modal one. The
 * record shown is replicate 0's (the registry's own seeds at `--seed 0`), so a one-replicate run keeps its numbers;
 * stability is what the other replicates add.
 */
import { EmtdError } from "../../errors";
import { measureClaims, type MeasureOptions } from "./measure";
import { verdictRecord, type CellRecord, type GridRecord, type RepairRecord, type VerdictRecord } from "./verdict-record";
import { VERDICTS, type FindingPart, type Stability, type Verdict } from "./types";
import type { Fingerprint } from "./fingerprint";
import { cellLabel } from "./grid";

/**
 * A verdict is "stable" when at least this share of the replicates agree on it. Why 0.9: each decision rule errs at
 * about α = 0.05 per replicate (95 % intervals, tests at 0.05), so a claim whose truth sits clearly on one side still
 * sees the odd dissenting replicate; with K = 20, ≥ 0.9 tolerates two dissents, and a rule erring at 5 % is flagged
 * unstable by chance with probability P(Bin(20, 0.05) ≥ 3) = 0.075, while a verdict that flips in a quarter of the
 * replicates goes unflagged with probability P(Bin(20, 0.25) ≤ 2) = 0.091 (0.035 at 0.3). The "≥ 90 % agree".
 */
export const STABLE_AGREEMENT = 0.9;

export type { Stability };

/** A repair's record with the stability of its verdict over the replicates (VERDICTS.md §7 with §6; sign-off N2). */
export type StableRepair = RepairRecord & { stability: Stability };

/**
 * A verdict record with the stability of its verdict over the replicates, and each repair's (a repair is measured with
 * the same rubric, its stability included); a recorded run's records carry their claim's fingerprint (./fingerprint).
 */
export type StableRecord = Omit<VerdictRecord, "repairs"> & { stability: Stability; repairs: StableRepair[]; fingerprint?: Fingerprint };

/**
 * The stability of a list of verdicts, one per replicate.
 *
 * @example
 * ```ts
 * const s = stabilityOf(["holds", "holds", "fails", "holds"]);
 * [s.counts.holds, s.agreement, s.stable]; // → [3, 0.75, false]
 * ```
 */
export function stabilityOf(verdicts: readonly Verdict[]): Stability {
  if (verdicts.length === 0) throw new EmtdError("emtd/claims/stability: no replicates to count (got an empty list)");
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const v of verdicts) {
    if (!(v in counts))
      throw new EmtdError(`emtd/claims/stability: unknown verdict ${JSON.stringify(v)} (accepted: ${VERDICTS.join(", ")})`);
    counts[v]++;
  }
  const modal = VERDICTS.reduce((best, v) => (counts[v] > counts[best] ? v : best), VERDICTS[0]!);
  const agreement = counts[modal] / verdicts.length;
  return { replicates: verdicts.length, counts, agreement, modal, stable: agreement >= STABLE_AGREEMENT };
}

/**
 * Replicate 0's records with the stability of each claim's verdict over all replicates, and of each of its repairs'
 * verdicts: `replicates[r]` holds the records of replicate r, the same claims (and repairs) in the same order in each.
 * Throws an {@link EmtdError} when they differ.
 *
 * @example
 * ```ts
 * const grid = { parameters: { n: { values: [1], why: ["one"] } } };
 * const repair = (verdict: string) => ({ name: "mala", verdict });
 * const r0 = [{ id: "a", verdict: "holds", grid, repairs: [repair("holds")] }];
 * const r1 = [{ id: "a", verdict: "fails", grid, repairs: [repair("holds")] }];
 * const [a] = withStability([r0, r1] as never);
 * a.stability.counts; // → { holds: 1, fails: 1, mixed: 0, inconclusive: 0, untestable: 0 }
 * a.repairs[0].stability.counts.holds; // → 2
 * ```
 */
export function withStability(replicates: ReadonlyArray<readonly VerdictRecord[]>): StableRecord[] {
  const first = replicates[0];
  if (!first) throw new EmtdError("emtd/claims/stability: no replicates to combine (got an empty list)");
  const ids = first.map((r) => r.id).join(",");
  replicates.forEach((records, r) => {
    if (records.map((x) => x.id).join(",") !== ids)
      throw new EmtdError(`emtd/claims/stability: replicate ${r} measured other claims than replicate 0 (${ids})`);
  });
  first.forEach((_, i) => {
    const problem = seedWithoutGrid(replicates.map((records) => records[i]!));
    if (problem) throw new EmtdError(`emtd/claims/stability: ${problem}`);
  });
  return first.map((record, i) => {
    const all = replicates.map((records) => records[i]!);
    const repairs = record.repairs.map((repair, j) => {
      const votes = all.map((r, k) => {
        const other = r.repairs[j];
        if (other?.name !== repair.name)
          throw new EmtdError(
            `emtd/claims/stability: claim ${record.id}: replicate ${k} measured other ` +
              `repairs than replicate 0 (${record.repairs.map((x) => x.name).join(", ")})`,
          );
        return other.verdict;
      });
      const grids = all.map((r) => r.repairs[j]!.grid);
      return {
        ...repair,
        finding: findingWithStability(
          repair.finding,
          all.map((r) => r.repairs[j]!.finding),
          grids,
        ),
        grid: { ...repair.grid, ...gridWithStability(grids) },
        stability: stabilityOf(votes),
      };
    });
    const grids = all.map((r) => r.grid);
    return {
      ...record,
      finding: findingWithStability(
        record.finding,
        all.map((r) => r.finding),
        grids,
      ),
      grid: {
        ...record.grid,
        ...gridWithStability(
          grids,
          all.map((r) => r.verdict),
        ),
      },
      repairs,
      stability: stabilityOf(all.map((r) => r.verdict)),
    };
  });
}

/**
 * Parts with their stability over the replicates (VERDICTS.md §6: the label's stability alone can hide parts that
 * move with the seed): part j of replicate 0 is found in each replicate by its statement (else at index j where the
 * replicate lists as many parts); a replicate whose finding lists no parts (an inconclusive conjunction) casts no vote,
 * so a part's `replicates` counts those that show it.
 */
function partsWithStability(parts: readonly FindingPart[], replicates: ReadonlyArray<readonly FindingPart[] | undefined>): FindingPart[] {
  return parts.map((part, j) => {
    const votes = replicates.flatMap((ps) => {
      const same = ps?.find((q) => q.statement === part.statement) ?? (ps?.length === parts.length ? ps[j] : undefined);
      return same ? [same.verdict] : [];
    });
    return { ...part, stability: stabilityOf(votes) };
  });
}

/**
 * A finding with each of its parts' stability over the replicates' findings (`replicates`, replicate 0's first); a
 * grid that is mixed lists its cells as parts, by label, and those are read from every replicate's cells (a replicate
 * whose grid is not mixed lists no parts).
 */
function findingWithStability<F extends { parts?: FindingPart[] }>(finding: F, replicates: readonly F[], grids: readonly GridRecord[]): F {
  if (!finding?.parts) return finding; // a partial record (an example's, a test's) has no finding to read
  const labelled = grids.map((g) => g.cells.map((c) => ({ statement: cellLabel(c.at), verdict: c.verdict })));
  const byCell = finding.parts.every((p) => labelled[0]!.some((c) => c.statement === p.statement));
  return { ...finding, parts: partsWithStability(finding.parts, byCell ? labelled : replicates.map((f) => f.parts)) };
}

/**
 * Every cell with its verdict's stability over the replicates, and each of its parts' (cells matched by position);
 * given the claim's `labels` (its verdict in each replicate), the key cell's {@link modalDraw} too.
 */
function gridWithStability(grids: readonly GridRecord[], labels?: readonly Verdict[]): Partial<Pick<GridRecord, "cells">> {
  if (!grids[0]?.cells) return {};
  const key = keyCell(grids[0].cells);
  return {
    cells: grids[0]!.cells.map((cell, i) => {
      const all = grids.map((g) => g.cells[i]!);
      const stability = stabilityOf(all.map((c) => c.verdict));
      return {
        ...cell,
        ...(cell.parts
          ? {
              parts: partsWithStability(
                cell.parts,
                all.map((c) => c.parts),
              ),
            }
          : {}),
        stability: { ...stability, ...(labels && cell === key ? modalDraw(all, labels, stability.modal) : {}) },
      };
    }),
  };
}

/** The cell a record's key number is from: the first that can come out both ways (./verdict-record headCell), else the first. */
export function keyCell<C extends { oneWay?: string }>(cells: readonly C[]): C | undefined {
  return cells.find((c) => c.oneWay === undefined) ?? cells[0];
}

/**
 * Where replicate 0's cell verdict or claim label is not the modal one, the first replicate where both are, with the
 * cell's headline there: the key number the table shows (thirty-fourth-edition referee: e-finality-diffuses' was
 * replicate 0's, whose key cell is not the modal one); nothing where replicate 0's are modal or no replicate is.
 */
function modalDraw(cells: readonly CellRecord[], labels: readonly Verdict[], modal: Verdict) {
  const label = stabilityOf(labels).modal;
  if (cells[0]!.verdict === modal && labels[0] === label) return {};
  const r = cells.findIndex((c, k) => c.verdict === modal && labels[k] === label);
  return r < 0 ? {} : { modalDraw: { replicate: r, headline: cells[r]!.headline } };
}

/**
 * The rubric's check on a claim's replicates (VERDICTS.md §3): a claim whose evidence changes with the seed draws
 * something at random (a graph, a field, runs), and every choice the text leaves open about it must be a declared
 * grid; an empty grid there is a problem, returned as one line (null when sound).
 *
 * @example
 * ```ts
 * seedWithoutGrid([{ id: "x", grid: { parameters: {} }, reading: { evidence: [{ name: "a", value: 1 }] } },
 *                  { id: "x", grid: { parameters: {} }, reading: { evidence: [{ name: "a", value: 2 }] } }] as never);
 * // → "claim x: its evidence depends on the seed but its grid is empty (declare the choices the text leaves open)"
 * ```
 */
export function seedWithoutGrid(replicates: readonly VerdictRecord[]): string | null {
  const first = replicates[0];
  if (!first || Object.keys(first.grid.parameters).length > 0) return null;
  const evidence = JSON.stringify(first.reading.evidence);
  if (replicates.every((r) => JSON.stringify(r.reading.evidence) === evidence)) return null;
  return `claim ${first.id}: its evidence depends on the seed but its grid is empty (declare the choices the text leaves open)`;
}

/** Records of a stability run measured in this process, with seconds per claim summed over the replicates. */
export interface ReplicatedRun {
  claims: StableRecord[];
  seconds: Record<string, number>;
}

/**
 * Measures the claims `ids` (all when omitted) under `replicates` seed streams in this process, one replicate after
 * the other, and returns replicate 0's records with their {@link Stability}. What `emtd verdicts --replicates K`
 * computes through the sweep engine, one task per claim × replicate; this in-process form serves tests and notebooks.
 *
 * @example
 * ```ts
 * const run = await measureReplicates(["p1.2-entropic-penalty"], { replicates: 3 });
 * run.claims[0].stability.replicates; // → 3
 * ```
 */
export async function measureReplicates(
  ids: readonly string[] | undefined,
  options: Omit<MeasureOptions, "replicate" | "cache"> & { replicates: number },
): Promise<ReplicatedRun> {
  const rounds: VerdictRecord[][] = [];
  const seconds: Record<string, number> = {};
  for (let replicate = 0; replicate < options.replicates; replicate++) {
    const measured = await measureClaims(ids, { ...options, replicate });
    for (const m of measured) seconds[m.claim.id] = (seconds[m.claim.id] ?? 0) + m.seconds;
    rounds.push(measured.map(verdictRecord));
  }
  return { claims: withStability(rounds), seconds };
}

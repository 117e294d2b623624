/**
 * The committed run's verdict table as Markdown: the README's summary and docs/verdicts.md's table, rendered from a
 * verdict run by `emtd verdicts --write-readme` (split from ./display, whose texts each row is made of).
 */
import * as path from "node:path";
import { COMMITTED_RUN, type VerdictRun } from "./committed";
import { STABLE_AGREEMENT, type StableRecord } from "./stability";
import { verdictOf } from "./decide";
import { BY_CONSTRUCTION_TEST } from "./findings";
import { rebaseLinks, VERDICT_MARKERS, VERDICT_PAGE, VERDICT_SUMMARY_MARKERS, type ReadmeMarkers } from "./readme";
import {
  labelCounts,
  movesWithSeed,
  repairsText,
  runGridText,
  runHeadlineText,
  runVerdictText,
  commitText,
  shownLabel,
  SHOWN_LABELS,
  stabilitySummary,
} from "./display";

const REFUTED = verdictOf("refuted");

function verdictMd(text: string): string {
  return text.startsWith(REFUTED.toUpperCase()) || text.startsWith(REFUTED) ? `**${text.toLowerCase()}**` : text;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * The README's verdict summary rendered from a verdict run: where it comes from, how many claims and how many stable,
 * then per verdict the number of claims and the first of them in the registry's order, and a link to the full table
 * ({@link verdictMarkdown}, in docs/verdicts.md). Internal: `emtd verdicts --write-readme` writes it (see
 * {@link verdictBlocks}), and test/integration/cli/claims.test.ts compares the README's block with it.
 */
export function verdictSummaryMarkdown(run: VerdictRun): string {
  const p = run.provenance;
  const stable = run.claims.filter((c) => c.stability.stable).length;
  const lines = [
    `${run.claims.length} claims of the proposal and the essay, each measured under ${p.replicates} seed stream${p.replicates === 1 ? "" : "s"} ` +
      `(${stable} of them stable: ≥ ${STABLE_AGREEMENT * 100} % of the streams agree), as committed in ` +
      `[${COMMITTED_RUN}](${COMMITTED_RUN}) (${commitText(run)}):`,
    ...movingText(run),
    "",
    "| verdict | claims | for example |",
    "|---|---|---|",
  ];
  for (const v of SHOWN_LABELS) {
    const these = run.claims.filter((c) => shownLabel(c) === v);
    if (v === "unstable" && these.length === 0) continue;
    const first = these[0];
    lines.push(`| ${v} | ${these.length} | ${first ? `\`${first.id}\`: ${cell(first.short)}` : "—"} |`);
  }
  // Where a hold rests on our model, and where its note derives the text's own mechanism, said beside the count by
  // the one test (sixth-edition referee: four of seven holds were our ambient model's; fifteenth: one test, both ways).
  // A hold whose cells evaluate cited closed forms is no measured prediction: said apart (thirty-fourth-edition referee).
  const holds = run.claims.filter((c) => shownLabel(c) === SHOWN_LABELS[0]);
  const setAside = holds.filter((c) => builtCells(c).length > 0);
  const cited = holds.filter((c) => builtCells(c).length === 0 && c.citedBound !== undefined);
  const derived = holds.filter((c) => builtCells(c).length === 0 && c.byConstruction !== null && c.citedBound === undefined);
  const ids = (cs: readonly StableRecord[]) => cs.map((c) => `\`${c.id}\``).join(", ");
  if (holds.length > 0)
    lines.push(
      "",
      `${setAside.length === 0 ? "None" : setAside.length} of the ${holds.length} holds ` +
        `${setAside.length <= 1 ? "has" : "have"} a cell set aside as by construction ` +
        `(our model, not the text, decides it: [the one test](${VERDICT_PAGE}#by-construction))${setAside.length > 0 ? `: ${ids(setAside)}` : ""}.` +
        (derived.length > 0
          ? ` The \`byConstruction\` note of ${derived.length === holds.length ? "each" : `the other ${derived.length}`} derives ` +
            `its outcome from the text's own mechanism (the primitives, protocols or decay the text names): a prediction ` +
            `the measurement checks, counted by that test: ${ids(derived)}.`
          : "") +
        citedText(cited, holds.length) +
        sharedRunsText(holds),
    );
  lines.push(
    "",
    `The full table, one row per claim with its grid, repairs, stability, key number and notebook: [${VERDICT_PAGE}](${VERDICT_PAGE}#the-table).`,
  );
  return lines.join("\n");
}

/**
 * The claims whose label is stable while a cell or a part moves with the seed, named (twelfth-edition referee: the
 * summary counted labels only).
 */
function movingText(run: VerdictRun): string[] {
  const moving = run.claims.filter((c) => c.stability.stable && movesWithSeed(c));
  if (moving.length === 0) return [];
  return [
    "",
    `Of the stable ones, ${moving.length} have a cell or a part whose verdict moves with ` +
      `the seed (fewer than ${STABLE_AGREEMENT * 100} % of the streams agree on it; the full ` +
      `table's stability column counts them): ${moving.map((c) => `\`${c.id}\``).join(", ")}.`,
  ];
}

/**
 * What `emtd verdicts --write-readme` writes from a verdict run: the summary in README.md and the full table in
 * docs/verdicts.md (its links made relative to docs/), each file (relative to the package root) with its markers.
 */
export function verdictBlocks(run: VerdictRun): Array<{ file: string; markers: ReadmeMarkers; block: string }> {
  return [
    { file: "README.md", markers: VERDICT_SUMMARY_MARKERS, block: verdictSummaryMarkdown(run) },
    { file: VERDICT_PAGE, markers: VERDICT_MARKERS, block: rebaseLinks(verdictMarkdown(run), path.posix.dirname(VERDICT_PAGE)) },
  ];
}

/**
 * The full verdict table (docs/verdicts.md; `--markdown` prints it) rendered from a verdict run: its provenance, then one row per claim with its verdict
 * (the grid's, with what it must carry), the grid, the repairs beside it, the stability over the run's replicates,
 * the key number and the notebook.
 *
 * @example
 * ```ts
 * const run = readCommittedRun();
 * if (run) verdictMarkdown(run).split("\n").find((l) => l.startsWith("| claim")); // → "| claim | § | in a few words | verdict | …"
 * ```
 */
export function verdictMarkdown(run: VerdictRun): string {
  const p = run.provenance;
  const counts = labelCounts(run.claims);
  const stable = run.claims.filter((c) => c.stability.stable).length;
  // The wall time is the last regeneration's (a refactor measures few claims); the task-seconds are every record's.
  const tasks = run.timing ? Object.values(run.timing.claims).reduce((a, x) => a + x, 0) : null;
  const seconds =
    p.seconds === null
      ? ""
      : ` · ${Math.round(p.seconds)} s wall for the last ` +
        `regeneration${tasks === null ? "" : `; ${Math.round(tasks)} task-seconds over every claim's replicates`}`;
  const lines = [
    `Measured by \`npm run readme\` (\`emtd verdicts --replicates ${p.replicates} --record\`, the run in [${COMMITTED_RUN}](${COMMITTED_RUN})): ` +
      `${commitText(run)} · emtd ${p.version} · backend ${p.backend} · Node ${p.node} · tfjs ${p.tfjs} · seed ${p.seed} · ` +
      `${p.replicates} replicate${p.replicates === 1 ? "" : "s"} per claim${seconds}.`,
    "",
    `**Stability** counts the verdicts of the ${p.replicates} replicates (independent seed streams; replicate 0 uses the ` +
      `registry's own seeds), *unstable* when fewer than ${STABLE_AGREEMENT * 100} % agree. A claim and each repair show ` +
      `the modal verdict over the replicates (replicate 0's, with what it carries, where it is the modal one), or ` +
      `*unstable* with its counts. "Cells stable" and "parts stable" count a cell or a part whose verdict agrees in ` +
      `${STABLE_AGREEMENT * 100} % of these ${p.replicates} replicates, all drawn from seed ${p.seed}'s streams: another ` +
      `seed's ${p.replicates} can count a cell near its margin otherwise, and the claim's own stability is the one ` +
      `the table is decided on. ${run.claims.length} claims: ${counts}; ${stable} stable.`,
    "",
    `| claim | § | in a few words | verdict | grid | repairs | stability (seed ${p.seed}'s ${p.replicates} streams) | key number | notebook |`,
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const c of run.claims) {
    const notebook = `[${c.notebook.replace(/^notebooks\//, "").replace(/\.ipynb$/, "")}](${c.notebook})`;
    const stability = stabilitySummary(c).replace(/^unstable/, "**unstable**");
    lines.push(
      `| \`${c.id}\` | ${c.section} | ${cell(c.short)} | ` +
        `${verdictMd(runVerdictText(c))}${c.citedBound ? CITED_MARK : ""}${sideBuilt(c) ? BY_CONSTRUCTION_MARK : ""}` +
        `${c.source === "essay" ? AMBIENT_MARK : ""} | ${cell(runGridText(c.grid))} | ` +
        `${cell(repairsText(c.repairs))} | ${stability} | ${cell(runHeadlineText(c))} | ${notebook} |`,
    );
  }
  return [...lines, ...byConstructionMarkdown(run), ...ambientMarkdown(run)].join("\n");
}

/**
 * The holds that rest on a cited bound (their records' `citedBound`: closed forms typed from the literature, no run
 * measured), named with the works; "" where none does.
 */
function citedText(cited: readonly StableRecord[], holds: number): string {
  if (cited.length === 0) return "";
  const list = cited.map((c) => `\`${c.id}\` (${c.citedBound})`).join(", ");
  return (
    ` ${cited.length} of the ${holds} holds ${cited.length === 1 ? "rests" : "rest"} on a cited bound, not on a simulation ` +
    `(closed forms typed from the literature, evaluated, no run measured): ${list}.`
  );
}

/** A row's verdict where it rests on cited closed forms, not on runs (its record's `citedBound`). */
const CITED_MARK = " (by the cited bounds)";

/** A row's link to its cells set aside as by construction ({@link byConstructionMarkdown}). */
const BY_CONSTRUCTION_MARK = " · [cells by construction](#by-construction)";

/** An essay row's link to what its verdict is about ({@link ambientMarkdown}). */
const AMBIENT_MARK = " · [on the lab's ambient model](#on-the-labs-ambient-model)";

/**
 * What every essay row's verdict is about (thirty-seventh-edition referee: say so in each e-* row): the lab's model of
 * the essay's mechanism, with the choices the essay leaves open, not the essay's words alone.
 */
function ambientMarkdown(run: VerdictRun): string[] {
  const essay = run.claims.filter((c) => c.source === "essay");
  if (essay.length === 0) return [];
  return [
    "",
    "#### On the lab's ambient model",
    "",
    `The ${essay.length} essay rows (marked *on the lab's ambient model*) are verdicts on the lab's ambient model ` +
      "(src/studies/ambient/simulate.ts), not on the essay's words alone: the essay states a mechanism, " +
      "'diffusion, decay, and replacement', but no dynamics, so the model makes it concrete as Langevin dynamics of " +
      "a value field on Watts–Strogatz networks with participation coupling κ, decay γ toward neutral, noise T and " +
      "holding wells of depth b = 1 weighted by participation. The choices the essay leaves open are gridded (T, γ, " +
      "κ/b and the degree, each row's grid column); the wells' depth is not: b = 1 sets the units, and the wells' " +
      "presence is the model's, so a part that rests on them (a value held against the noise) is a finding about " +
      "this model. Each record's `model` says what its runs simulate.",
  ];
}

/**
 * Holds that decide on one experiment (their records' `experiment`), said beside the count so that one measurement
 * read several ways is not read as several holds (sixteenth-edition referee: three essay holds are the detachment
 * runs); "" where no two holds share one.
 */
function sharedRunsText(holds: readonly StableRecord[]): string {
  const by = new Map<string, StableRecord[]>();
  for (const c of holds) if (c.experiment) by.set(c.experiment, [...(by.get(c.experiment) ?? []), c]);
  return [...by]
    .filter(([, cs]) => cs.length > 1)
    .map(
      ([experiment, cs]) =>
        ` ${cs.length} of the ${holds.length} holds decide on one experiment, ${experiment}, each reading it its own way: ` +
        `${cs.map((c) => `\`${c.id}\``).join(", ")}.`,
    )
    .join("");
}

/** The grid cells of a record marked by construction (evidence, not counted: ./findings markBuilt). */
export function builtCells(c: StableRecord): StableRecord["grid"]["cells"] {
  return c.grid.cells.filter((x) => x.byConstruction !== undefined);
}

const sideBuilt = (c: StableRecord): boolean => builtCells(c).length > 0;

function byConstructionMarkdown(run: VerdictRun): string[] {
  const built = run.claims.filter(sideBuilt);
  return [
    "",
    "#### By construction",
    "",
    BY_CONSTRUCTION_TEST,
    "",
    built.length === 0
      ? "No cell of the committed run is set aside by it."
      : `The cells it sets aside in the committed run (${built.length} claim${built.length === 1 ? "" : "s"}; their rows are marked *cells by construction*):`,
    ...(built.length === 0 ? [] : [""]),
    ...built.map((c) => {
      const cells = builtCells(c);
      const why = [...new Set(cells.map((x) => x.byConstruction!))].join("; ");
      return `- \`${c.id}\` (${runVerdictText(c)}): ${cells.length} of ${c.grid.cells.length} cells: ${why}`;
    }),
  ];
}

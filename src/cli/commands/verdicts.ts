/**
 * `emtd verdicts`: measure every claim of the proposal and the essay (or some, with --only) and print the verdicts.
 * JSON (issue 34, the second edition): `{ provenance: { commit, dirty, version, backend, node, tfjs, seed, replicates,
 * seconds }, claims: [{ id, source, section, quote, short, verdict, headline, reason, notebook, model, reading: {
 * statement, mechanism, evidence }, finding: { kind, text, parts?, mde?, margin?, runsToDecide?, runsAtObserved?,
 * totalRunsToDecide?, totalRunsAtObserved?, runsUnit?, p? }, decision: { rule, threshold, why }, grid: { parameters, cells: [{ at, verdict, finding, parts?,
 * headline, sizes? }], counts, agreement, testable, testableAgreement?, ruleEntries?, ruleAgreement?, decidedBy?, decidedByInWords? }, sizes?,
 * repairs: [{ name, variant, why, source, verdict, headline, evidence, finding, grid: { cells, counts, agreement,
 * testable, testableAgreement?, ruleEntries?, ruleAgreement?, decidedBy?, decidedByInWords? }, reference, stability }], byConstruction, review?,
 * uses, reference, stability: { replicates, counts, agreement, modal, stable } }], timing: { seconds, claims: { id:
 * seconds } } }` (the sign-off of issue 42 added `testable`, `testableAgreement`, `decidedByInWords`, `runsUnit` and
 * each repair's `stability`, renaming nothing; the twenty-ninth edition added `totalRunsToDecide` and `totalRunsAtObserved`); `verdict` is one of holds, fails,
 * mixed, inconclusive, untestable. Two runs of one checkout with one seed print the same bytes except `timing` and
 * `provenance.seconds` (null with --no-timing).
 *
 * One replicate (the default) measures its claims on `--workers` processes (one per core), heaviest first, or in this
 * process with --workers 1: the same records either way. `--replicates K` measures every claim under K seed streams
 * (replicate r uses `measureContext(id, seed, r)`) on the sweep engine: one task per claim × replicate, each an
 * `emtd run` of `{ command: "verdicts", only, replicate, seed }` in DIR/tasks/<id>/, on local worker processes or one
 * Slurm job array; the records shown are replicate 0's, with each verdict's stability over the K replicates.
 * `--record` writes the run to data/verdicts/verdicts.json (the committed run); `--markdown` prints the full verdict
 * table rendered from the run; `--write-readme` replaces it in the package's docs/verdicts.md and the summary of it in
 * README.md (each between its markers); `--from FILE` renders a saved run.
 *
 * `--variant FILE` (issue 21) measures a user's variant against the claims (`compareVariant`): JSON `{ variant: { file,
 * replaces, name }, claims: [{ id, short, uses, affected, proposal: { verdict, stability, headline, evidence,
 * secondsPerReplicate, messages, finding, grid: { cells, counts, agreement, decidedBy? } }, variant: { … } | null,
 * flips, changes: { cells: [{ cell, proposal, variant, parts }], sameCells, parts } | null, error }], run: { seed,
 * replicates, proposalFrom }, cost: { step: { graph, channels, proposalMs, variantMs, ratio, repeats,
 * ratioQuartiles, ratioRange } | null } }`; text: proposal and variant side by side, with the cells and parts that
 * differ under each claim, and the step cost as medians of interleaved repeats with their spread. A claim that throws
 * under the variant is an error row (`error`, its `variant` null) while the others are measured and reported; the
 * run then ends with exit 1 and one line on stderr naming the claims and the variant (issue 44). A file may export a
 * variant family; `--param name=value` sets its parameters. `--watch` decides the file again at each save, rows
 * printed as each claim is decided (../variant-watch, issue 73).
 */
import fs from "node:fs";
import os from "node:os";
import * as path from "node:path";
import { ready } from "../../engine/backend";
import { CLAIMS } from "../../claims/machinery/registry";
import { measureClaims } from "../../claims/machinery/measure";
import { verdictRecord, type VerdictRecord } from "../../claims/machinery/verdict-record";
import { coveredFiles, fingerprintOf, startCoverage, type Fingerprint } from "../../claims/machinery/fingerprint";
import { mergeRuns, planRecord, planText } from "../../claims/machinery/record-plan";
import { repairsText, stabilitySummary, runVerdictText, runHeadlineText, labelCounts } from "../../claims/machinery/display";
import { verdictBlocks, verdictMarkdown } from "../../claims/machinery/verdict-markdown";
import { replaceReadmeBlock } from "../../claims/machinery/readme";
import { codeIdentity, provenance } from "../../claims/machinery/provenance";
import { sameCellsRetallied, withRetalliedStabilities } from "../../claims/machinery/retally";
import { STABLE_AGREEMENT, withStability, type StableRecord } from "../../claims/machinery/stability";
import {
  COMMITTED_RUN,
  committedRunFile,
  readCommittedRun,
  readVerdictRun,
  sameMeasurement,
  sameNumbers,
  withStabilitiesOf,
  writeVerdictRun,
  type VerdictRun,
} from "../../claims/machinery/committed";
import { runReplicateSweep, type ReplicateSweep } from "../verdict-sweep";
import { measureInWorkers } from "../verdict-workers";
import { loadVariantFile, loadVariantWithSource } from "../variant-file";
import { CellCache } from "../../claims/machinery/cell-cache";
import { prefetchedText, prefetchVariantCells } from "../variant-cells";
import { countText, watchVariant, type WatchSummary } from "../variant-watch";
import { cellLine } from "../variant-decision";
import { compareVariant, comparisonText, type VariantComparison } from "../../claims/machinery/compare";
import { readBounded } from "../../files/bounded";
import { packageRoot, VERSION } from "../../package";
import { variantShape } from "../../claims/machinery/mechanism";
import { REPAIRS } from "../../claims/machinery/repairs";
import { progressReporter } from "../progress";
import { CommandFailed, type Command } from "../../command/command";
import { didYouMean, listEntries } from "../../command/options";
import { writeFileAtomic } from "../../files/atomic";

const summary =
  "Measure every claim of the proposal and the essay and print its verdict (holds, fails, mixed, inconclusive, untestable): its one faithful reading over the grid of the choices the text leaves open, the repairs beside it, the decision rule, and the verdict's stability over --replicates independent seed streams.";

/** The largest --seed: stream keys fold the seed in as a 32-bit word. */
const MAX_SEED = 0xffffffff;

const options: Command["options"] = {
  only: { kind: "string", placeholder: "id[,id…]", help: "measure only these claim ids (comma-separated)" },
  seed: {
    kind: "int",
    min: 0,
    max: MAX_SEED,
    default: 0,
    help: "offset of every random stream of every claim (each named stream s of claim c becomes fold(fold(key(fnv(c/s)), S), r)); 0 keeps the registry's own seeds, as in the committed run",
  },
  replicates: {
    kind: "int",
    min: 1,
    max: 1000,
    default: 1,
    help: `measure every claim under K independent seed streams (replicates r = 0…K−1) and report each verdict's stability: replicates per verdict, and the modal share (stable when ≥ ${STABLE_AGREEMENT}); K > 1 runs one task per claim × replicate on the sweep engine`,
  },
  replicate: {
    kind: "int",
    min: 0,
    max: MAX_SEED,
    help: "measure replicate r only, in this process (what each task of a --replicates run executes)",
  },
  workers: {
    kind: "int",
    min: 1,
    max: 1024,
    help: "processes at once, each measuring one claim (one replicate; 1 measures them in this process) or one claim × replicate task (--replicates K) at a time (default: one per core); with --variant FILE, processes measuring the variant's grid cells into the disk cell cache first, for this process to read (1: every cell measured here)",
  },
  executor: {
    kind: "choice",
    choices: ["local", "slurm"],
    default: "local",
    help: "where the tasks run: worker processes here, or one Slurm job array (sbatch/squeue on PATH; needs --out on a shared file system)",
  },
  out: {
    kind: "string",
    placeholder: "dir",
    help: "keep the tasks in DIR (DIR/tasks/<id>/result.json per claim × replicate): a rerun of the same commit resumes, skipping finished tasks; default a temporary directory, removed afterwards",
  },
  record: {
    kind: "flag",
    help: `write the run to ${COMMITTED_RUN} of the package (the committed run the README and notebooks read), claim by claim: only the claims whose fingerprint (the source files their measurement runs) changed, those named by --only and those it lacks are measured again, the others kept as committed`,
  },
  all: { kind: "flag", help: "with --record: measure every claim again, whatever the fingerprints say" },
  refactor: {
    kind: "flag",
    help: "with --record, after a change meant to move no number: each claim to measure again is measured at replicate 0 first; where that record equals the committed one, its committed replicates are kept under its new fingerprint (the log names them), and only the claims whose record moved are measured over every replicate",
  },
  fingerprint: {
    kind: "flag",
    help: "give each claim's record its fingerprint: the source files its measurement runs (replicate 0, found by V8's coverage) with their hashes; --record always does",
  },
  from: {
    kind: "string",
    placeholder: "file",
    help: "render a saved run (the JSON of --json or --record) or a saved variant comparison (of --variant FILE --json) instead of measuring",
  },
  markdown: { kind: "flag", help: "print the Markdown verdict table (docs/verdicts.md's, rendered from the run) instead of text" },
  "write-readme": {
    kind: "flag",
    help: "regenerate, from the run, the verdict summary of the package's README.md and the full table of its docs/verdicts.md (each between its markers)",
  },
  quiet: { kind: "flag", help: "no progress lines on stderr" },
  variant: {
    kind: "string",
    placeholder: "file|repair",
    // Made from the parts' and the repairs' own lists (claims/machinery/types PARTS, claims/machinery/repairs REPAIRS): never out of date.
    help: `a .ts or .js file (anywhere on disk, importing the library as "emtd") whose default export ${variantShape()} replaces parts of the mechanism (docs/prototyping.md says what each is; start from templates/my-variant.ts), or the name of a repair (${Object.keys(REPAIRS).join(", ")}): every claim that uses a replaced part is measured again under it, with the same seeds and replicates, beside the proposal's verdict; each claim's parts (\`uses\`) are listed in a second, from the committed run, by \`emtd verdicts --from data/verdicts/verdicts.json --json\` in the clone (node_modules/emtd/data/verdicts/verdicts.json in a folder that installed the package)`,
  },
  param: {
    kind: "string",
    multiple: true,
    placeholder: "name=value",
    help: "set a parameter of the variant family FILE exports (`{ name, parameters, variant(values) }`, docs/prototyping.md), repeatable; the others take their defaults; a value outside the parameter's range or choices is refused",
  },
  watch: {
    kind: "flag",
    help: "with --variant FILE: decide again each time FILE (or a file beside it) is saved, printing each claim's row as it is decided, fastest first; a broken save is one line and the watch goes on; a save during a measurement cancels it; rows already decided for the same contents and parameters are read from memory; Ctrl-C stops",
  },
};

type Values = Parameters<Command["run"]>[0];

/** The `--param name=value` texts given (none, one or several). */
const paramsOf = (values: Values): string[] =>
  values.param === undefined ? [] : ([] as string[]).concat(values.param as string | string[]);

function chosenIds(values: Values, fail: (message: string) => never): string[] {
  if (values.only === undefined) return CLAIMS.map((c) => c.id);
  const known = CLAIMS.map((c) => c.id);
  const { entries: ids, unknown } = listEntries(String(values.only), known);
  if (ids.length === 0 || unknown !== null) {
    fail(
      `emtd verdicts: --only must be claim ids from \`emtd verdicts\` (e.g. ${CLAIMS[0]!.id}; ${CLAIMS.length} known), comma-separated (got ${JSON.stringify(unknown ?? values.only)})${unknown === null ? "" : didYouMean(unknown, known)}`,
    );
  }
  return ids; // in the order given, each once
}

/** Options that make no sense together, refused with one line naming the argument. */
function checkCombinations(values: Values, fail: (message: string) => never): void {
  const replicates = values.replicates as number;
  if (values.replicate !== undefined) {
    if (replicates !== 1) fail(`emtd verdicts: --replicate (one task) must come without --replicates > 1 (got --replicates ${replicates})`);
    for (const other of ["out", "from", "record", "write-readme"] as const)
      if (values[other]) fail(`emtd verdicts: --replicate (one task) must come without --${other}`);
    if (values.executor !== "local")
      fail(`emtd verdicts: --replicate (one task) runs here: --executor must be local (got ${String(values.executor)})`);
  }
  if (values.from !== undefined) {
    for (const other of ["only", "out", "record"] as const)
      if (values[other]) fail(`emtd verdicts: --from (render a saved run) must come without --${other}`);
    if (replicates !== 1) fail(`emtd verdicts: --from (render a saved run) must come without --replicates (got ${replicates})`);
  }
  if (values.executor === "slurm" && (values.out === undefined || values.out === ""))
    fail("emtd verdicts: --executor slurm needs --out DIR, a directory the cluster's nodes share (got none)");
  if (values.out === "") fail('emtd verdicts: --out must be a directory path (got "")');
  if (values.all && !values.record) fail("emtd verdicts: --all (measure every claim again) goes with --record");
  if (values.refactor && !values.record) fail("emtd verdicts: --refactor (keep the records a change did not move) goes with --record");
  if (values.variant !== undefined) {
    for (const other of ["from", "record", "write-readme", "markdown", "out", "replicate"] as const)
      if (values[other] !== undefined && values[other] !== false)
        fail(`emtd verdicts: --variant (measured here, beside the proposal) must come without --${other}`);
    if (values.executor !== "local") fail(`emtd verdicts: --variant runs here: --executor must be local (got ${String(values.executor)})`);
  }
  for (const other of ["param", "watch"] as const)
    if (values[other] !== undefined && values[other] !== false && values.variant === undefined)
      fail(`emtd verdicts: --${other} goes with --variant FILE (got --${other} without it)`);
  if (values.watch && values.json) fail("emtd verdicts: --watch prints rows as they are decided: it must come without --json");
}

/** `--variant FILE`: the variant's claims measured beside the proposal's. */
async function compareHere(ids: string[], values: Values, fail: (message: string) => never): Promise<Record<string, unknown>> {
  const file = String(values.variant);
  const { variant, source, code } = loadVariantWithSource(file, fail, undefined, paramsOf(values));
  await ready();
  const started = performance.now();
  // The variant's cells measured first over the workers into the disk cache, then read here (./variant-cells).
  const prefetched =
    code === null
      ? null
      : await prefetchVariantCells(variant, code, paramsOf(values), {
          ids: values.only === undefined ? CLAIMS.map((c) => c.id) : ids,
          seed: values.seed as number,
          replicates: values.replicates as number,
          workers: (values.workers as number | undefined) ?? os.availableParallelism(),
          quiet: Boolean(values.quiet),
        });
  const cells = new CellCache();
  const comparison = await compareVariant(variant, {
    source,
    cells,
    only: values.only === undefined ? undefined : ids,
    replicates: values.replicates as number,
    seed: values.seed as number,
    file,
    onProgress: values.quiet ? undefined : (i, n, what) => process.stderr.write(`[${i + 1}/${n}] ${what}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  if (!values.quiet)
    process.stderr.write(
      `variant measured in ${seconds.toFixed(1)} s; ${prefetched && prefetched.workers > 0 ? `${prefetchedText(prefetched)}; then here: ` : ""}${cellLine({ ...cells.counts, dir: cells.dir })}\n`,
    );
  const result: Record<string, unknown> = { command: "verdicts", ...comparison, timing: { seconds } };
  // A claim that threw under the variant is an error row; every other claim was measured and is reported. The run
  // ran, so its outcome is a failure (exit 1, as a failed notebook cell), not refused input (exit 2, which a variant
  // file that fails its checks gets before anything runs): the report is printed whole, then one line names the
  // claims and the variant.
  const errors = comparison.claims.filter((c) => c.error !== null);
  if (errors.length > 0) {
    if (values["no-timing"]) delete result.timing;
    if (!values.json) process.stdout.write(comparisonText(comparison) + "\n");
    const which = errors.length === 1 ? `claim ${errors[0]!.id}` : `${errors.length} claims (${errors.map((c) => c.id).join(", ")})`;
    throw new CommandFailed(
      `emtd verdicts: ${which} could not be measured under the variant "${comparison.variant.name}" (${file}): ${errors[0]!.error}${errors.length > 1 ? " (the others' reasons are in their error rows)" : ""}; every other claim is reported`,
      { ...result, version: VERSION },
    );
  }
  return result;
}

/**
 * `--variant FILE --watch`: the file is loaded once here, so that bad input at the start (a missing file, a bad
 * `--param`) is refused with exit 2 as anywhere; then it is decided at each save until Ctrl-C (../variant-watch).
 */
async function watchHere(ids: string[], values: Values, fail: (message: string) => never): Promise<Record<string, unknown>> {
  const file = String(values.variant);
  if (Object.hasOwn(REPAIRS, file) && !fs.existsSync(file))
    fail(`emtd verdicts: --watch watches a file: --variant must be a .ts or .js file (got the repair ${file}, which no save changes)`);
  loadVariantFile(file, fail, undefined, paramsOf(values));
  const summary = await watchVariant({
    file: String(values.variant),
    params: paramsOf(values),
    only: values.only === undefined ? undefined : ids,
    seed: values.seed as number,
    replicates: values.replicates as number,
    quiet: values.quiet === true,
  });
  return { command: "verdicts", watch: summary };
}

/**
 * One replicate (r = --replicate, default 0): in this process with --workers 1 (or one claim), else on worker
 * processes, heaviest claims first (../verdict-workers); the same records either way.
 */
async function measureHere(ids: string[], values: Values): Promise<VerdictRun> {
  const seed = values.seed as number;
  const replicate = (values.replicate as number | undefined) ?? 0;
  const workers = (values.workers as number | undefined) ?? os.availableParallelism();
  const progress = values.quiet ? undefined : (i: number, n: number, id: string) => process.stderr.write(`[${i + 1}/${n}] ${id}\n`);
  const started = performance.now();
  let backend: string;
  let measured: Array<{ record: VerdictRecord; seconds: number }>;
  let fingerprint: Fingerprint | null = null;
  if (workers > 1 && ids.length > 1) {
    const run = await measureInWorkers(ids, { seed, replicate, workers, onStart: progress });
    backend = run.backends.join(",");
    measured = run.measured;
  } else {
    backend = await ready();
    // --fingerprint measures one claim here (verdicts()): coverage counts what ran since it started (../../claims/fingerprint).
    const coverage = values.fingerprint ? await startCoverage() : null;
    const claims = await measureClaims(ids, { seed, replicate, onProgress: progress && ((i, n, claim) => progress(i, n, claim.id)) });
    measured = claims.map((m) => ({ record: verdictRecord(m), seconds: m.seconds }));
    if (coverage) fingerprint = fingerprintOf(coveredFiles(await coverage.ran()));
  }
  const seconds = (performance.now() - started) / 1000;
  const claims = withStability([measured.map((m) => m.record)]);
  return {
    provenance: provenance({ backend, seed, replicates: 1, seconds }),
    claims: fingerprint ? claims.map((c) => ({ ...c, fingerprint: fingerprint! })) : claims,
    timing: { seconds, claims: Object.fromEntries(measured.map((m) => [m.record.id, m.seconds])) },
  };
}

/** The run on the sweep engine: K replicates, one task per claim × replicate. */
async function measureReplicates(ids: string[], values: Values, fail: (message: string) => never): Promise<VerdictRun> {
  const started = performance.now();
  const { rounds, seconds, backends } = await inSweepDirectory(values, fail, (sweep) =>
    sweep({ ids, first: 0, replicates: values.replicates as number, fingerprint: false }),
  );
  const total = (performance.now() - started) / 1000;
  return {
    provenance: provenance({
      backend: backends.join(","),
      seed: values.seed as number,
      replicates: values.replicates as number,
      seconds: total,
    }),
    claims: withStability(rounds),
    timing: { seconds: total, claims: seconds },
  };
}

/** One part of a stability run: replicates `first`…`replicates − 1` of `ids`. */
type SweepPart = (part: { ids: string[]; first: number; replicates: number; fingerprint: boolean }) => Promise<ReplicateSweep>;

/**
 * Runs `body` with the sweep of this command's options in --out (or a temporary directory, removed afterwards), its
 * progress on stderr unless --quiet.
 */
async function inSweepDirectory<T>(values: Values, fail: (message: string) => never, body: (sweep: SweepPart) => Promise<T>): Promise<T> {
  const out = values.out as string | undefined;
  let dir = "";
  try {
    dir = out ?? fs.mkdtempSync(path.join(os.tmpdir(), "emtd-verdicts-"));
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    fail(
      `emtd verdicts: --out must be a directory that can be created (got ${JSON.stringify(out)}: ${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const report = progressReporter("verdicts", { enabled: !values.quiet });
  try {
    return await body((part) =>
      runReplicateSweep({
        ...part,
        seed: values.seed as number,
        dir,
        executor: values.executor as "local" | "slurm",
        workers: (values.workers as number | undefined) ?? os.availableParallelism(),
        command: verdictsCommand,
        onProgress: (done, total) =>
          report(done, total, part.fingerprint ? "claims fingerprinted (replicate 0)" : "claim × replicate tasks"),
      }),
    );
  } finally {
    report.end();
    if (out === undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The records of `ids` over K replicates with their fingerprints: replicate 0 one claim per process under coverage
 * (../../claims/fingerprint), the others batched as any stability run.
 */
async function measureFingerprinted(
  ids: string[],
  values: Values,
  fail: (message: string) => never,
  measuredFirst?: ReplicateSweep,
): Promise<VerdictRun> {
  const started = performance.now();
  const replicates = values.replicates as number;
  const { first, rest } = await inSweepDirectory(values, fail, async (sweep) => ({
    first: measuredFirst ?? (await sweep({ ids, first: 0, replicates: 1, fingerprint: true })),
    rest: replicates > 1 ? await sweep({ ids, first: 1, replicates, fingerprint: false }) : null,
  }));
  const seconds = (performance.now() - started) / 1000;
  const fingerprints = new Map(first.rounds[0]!.map((r) => [r.id, (r as StableRecord).fingerprint]));
  const timing = Object.fromEntries(ids.map((id) => [id, (first.seconds[id] ?? 0) + (rest?.seconds[id] ?? 0)]));
  return {
    provenance: provenance({
      backend: [...new Set([...first.backends, ...(rest?.backends ?? [])])].sort().join(","),
      seed: values.seed as number,
      replicates,
      seconds,
    }),
    claims: withStability([...first.rounds, ...(rest?.rounds ?? [])]).map((c) => ({ ...c, fingerprint: fingerprints.get(c.id) })),
    timing: { seconds, claims: timing },
  };
}

async function verdicts(values: Values, fail: (message: string) => never): Promise<Record<string, unknown>> {
  checkCombinations(values, fail);
  const ids = chosenIds(values, fail);
  if (values.watch) return watchHere(ids, values, fail);
  if (values.variant !== undefined) return compareHere(ids, values, fail);
  if (values.fingerprint && (ids.length !== 1 || values.replicates !== 1))
    fail(
      `emtd verdicts: --fingerprint measures one claim in a process of its own (coverage sees what runs from its start): --only must name one claim, without --replicates (got ${ids.length} claims, ${String(values.replicates)} replicates)`,
    );
  let run: VerdictRun;
  if (values.from !== undefined) {
    const saved = readSaved(String(values.from));
    if (!("provenance" in saved)) {
      for (const other of ["markdown", "write-readme"] as const)
        if (values[other])
          fail(
            `emtd verdicts: --from a saved variant comparison renders as text or --json; --${other} takes a verdict run (got --${other})`,
          );
      return { ...saved, command: "verdicts" };
    }
    run = saved;
  } else if (values.record) run = await recordClaimByClaim(values.only === undefined ? [] : ids, values, fail);
  else if (values.replicates === 1 && values.out === undefined && values.executor === "local") run = await measureHere(ids, values);
  else run = await measureReplicates(ids, values, fail);
  if (values["no-timing"]) run.provenance.seconds = null;

  const markdown = verdictMarkdown(run);
  if (values.record) {
    writeVerdictRun(committedRunFile(), run);
    if (!values.quiet) process.stderr.write(`wrote the committed run ${COMMITTED_RUN}\n`);
  }
  if (values["write-readme"]) {
    // The summary in README.md and the full table in docs/verdicts.md.
    for (const { file, markers, block } of verdictBlocks(run)) {
      const where = path.join(packageRoot(), file);
      writeFileAtomic(where, replaceReadmeBlock(fs.readFileSync(where, "utf8"), block, markers));
      if (!values.quiet) process.stderr.write(`wrote the verdict block of ${where}\n`);
    }
  }
  if (!values.quiet && values.from === undefined) {
    const p = run.provenance;
    process.stderr.write(
      `${run.claims.length} claims × ${p.replicates} replicate${p.replicates === 1 ? "" : "s"} measured in ${(p.seconds ?? 0).toFixed(1)} s on ${p.backend}\n`,
    );
  }
  return { command: "verdicts", ...run, markdown: values.markdown ? markdown : undefined };
}

/**
 * What --from names: a verdict run (`emtd verdicts --json` or `--record`), or a variant comparison
 * (`emtd verdicts --variant FILE --json`), which is rendered again as it was measured.
 */
function readSaved(file: string): VerdictRun | VariantComparison {
  const naming = { where: "emtd verdicts", argument: "--from" };
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(readBounded(file, "verdict-run", naming));
  } catch {
    // not JSON: readVerdictRun says so in its own words
  }
  const shape = parsed as { variant?: unknown; claims?: unknown } | null;
  if (shape !== null && typeof shape === "object" && typeof shape.variant === "object" && Array.isArray(shape.claims))
    return parsed as VariantComparison;
  return readVerdictRun(file, naming);
}

/**
 * `--record`: the committed run measured again where its fingerprints say the code changed (./claims/record-plan),
 * every claim with its fingerprint, the rest kept; the log says which claims are measured and why.
 */
async function recordClaimByClaim(asked: string[], values: Values, fail: (message: string) => never): Promise<VerdictRun> {
  const committed = readCommittedRun();
  const all = CLAIMS.map((c) => c.id);
  const plan = planRecord(committed, all, {
    seed: values.seed as number,
    replicates: values.replicates as number,
    all: values.all === true,
    asked,
  });
  // Not progress: the log of what this recording measures and why (printed with --quiet too).
  process.stderr.write(`emtd verdicts --record: ${planText(plan)}\n`);
  if (plan.measure.length === 0 && committed !== null) return committed;
  const ids = plan.measure.map((m) => m.id);
  if (values.refactor && committed !== null) return recordRefactor(committed, ids, values, fail);
  return mergeRuns(committed, await measureFingerprinted(ids, values, fail), all);
}

/**
 * `--record --refactor`: replicate 0 of `ids` measured (with fingerprints) and compared with the committed records;
 * a claim whose record did not move keeps its committed replicates under its new fingerprint, the others are measured
 * over every replicate (their replicate 0 is not measured twice). The log names both. Where none moved, the run's
 * provenance and timing stay the committed run's: its numbers are still that run's.
 */
async function recordRefactor(committed: VerdictRun, ids: string[], values: Values, fail: (message: string) => never): Promise<VerdictRun> {
  const first = await inSweepDirectory(values, fail, (sweep) => sweep({ ids, first: 0, replicates: 1, fingerprint: true }));
  const now = new Map(first.rounds[0]!.map((r) => [r.id, r as StableRecord]));
  const unmoved = new Set(
    ids.filter((id) => {
      const before = committed.claims.find((c) => c.id === id);
      return before !== undefined && sameMeasurement(before, now.get(id)!);
    }),
  );
  // A record that moved only in its wording (the claim's text, its grid's reasons, a repair's note) keeps its committed
  // replicates' verdicts: no verdict depends on the wording, so measuring them again would repeat the same numbers.
  const reworded = new Set(
    ids.filter((id) => {
      const before = committed.claims.find((c) => c.id === id);
      return !unmoved.has(id) && before !== undefined && sameNumbers(before, now.get(id)!);
    }),
  );
  // A record that moved only in its tally (a derivation counted once, a new tally field, another cell as its key number)
  // with every cell as committed keeps its replicates where none could tally otherwise (./machinery/retally).
  const retallied = new Set(
    ids.filter((id) => {
      const before = committed.claims.find((c) => c.id === id);
      return !unmoved.has(id) && !reworded.has(id) && before !== undefined && sameCellsRetallied(before, now.get(id)!);
    }),
  );
  const moved = ids.filter((id) => !unmoved.has(id) && !reworded.has(id) && !retallied.has(id));
  process.stderr.write(
    `emtd verdicts --record --refactor: ${unmoved.size} of ${ids.length} measured equal to the committed record at replicate 0 (their ${String(committed.provenance.replicates)} committed replicates kept, fingerprints renewed); ${reworded.size === 0 ? "" : `${reworded.size} equal but for their wording, so their replicates kept under the new wording: ${[...reworded].join(", ")}; `}${retallied.size === 0 ? "" : `${retallied.size} equal in every cell and verdict, moved only in their tally, so their replicates kept under the new tally: ${[...retallied].join(", ")}; `}${moved.length === 0 ? "none moved" : `moved, so measured over every replicate: ${moved.join(", ")}`}\n`,
  );
  const keep = (c: StableRecord): StableRecord => {
    if (unmoved.has(c.id)) return { ...c, fingerprint: now.get(c.id)!.fingerprint };
    if (retallied.has(c.id)) return withRetalliedStabilities(now.get(c.id)!, c);
    return reworded.has(c.id) ? withStabilitiesOf(now.get(c.id)!, c) : c;
  };
  // The provenance names the code the fingerprints were renewed on beside the code that measured the numbers.
  const renewed = { ...codeIdentity(), claims: unmoved.size + reworded.size + retallied.size };
  const kept: VerdictRun = { ...committed, provenance: { ...committed.provenance, renewed }, claims: committed.claims.map(keep) };
  if (moved.length === 0) return kept; // the numbers and the timing are still the committed run's
  const sweep = { ...first, rounds: [first.rounds[0]!.filter((r) => moved.includes(r.id))] };
  const merged = mergeRuns(
    kept,
    await measureFingerprinted(moved, values, fail, sweep),
    CLAIMS.map((c) => c.id),
  );
  return { ...merged, provenance: { ...merged.provenance, renewed } };
}

function render(r: Record<string, unknown>): string {
  if (typeof r.markdown === "string") return r.markdown;
  if ("watch" in r) {
    const w = r.watch as WatchSummary;
    return `stopped watching ${w.file}: ${w.decisions} decisions; ${countText(w.readFromCache, w.cellsFromCache)} read from the cache, ${countText(w.measured, w.cellsMeasured)} measured`;
  }
  if ("variant" in r && r.variant) return comparisonText(r as unknown as VariantComparison);
  const claims = r.claims as StableRecord[];
  const replicates = (r.provenance as VerdictRun["provenance"]).replicates;
  const width = Math.max(...claims.map((c) => c.id.length));
  const counts = labelCounts(claims);
  const unstable = claims.filter((c) => !c.stability.stable).length;
  return [
    ...claims.map(
      (c) =>
        `${c.id.padEnd(width)}  ${runVerdictText(c).padEnd(12)}  ${runHeadlineText(c)}${c.repairs.length > 0 ? `  (${repairsText(c.repairs)})` : ""}${replicates > 1 ? `  [${stabilitySummary(c)}]` : ""}`,
    ),
    "",
    `${claims.length} claims: ${counts}${replicates > 1 ? `; over ${replicates} replicates, ${claims.length - unstable} stable, ${unstable} unstable` : ""}`,
  ].join("\n");
}

/** `emtd verdicts`; runnable from a config, so that each task of a stability run is an `emtd run` the sweep engine drives. */
// --watch runs until Ctrl-C and writes no result, so a run config (`emtd run`, a sweep's task) cannot ask for it.
export const verdictsCommand: Command = {
  name: "verdicts",
  summary,
  options,
  run: verdicts,
  render,
  runnable: true,
  outputOnly: ["watch"],
};

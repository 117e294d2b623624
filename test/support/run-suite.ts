/**
 * The runner of npm test and its tiers: `node dist/test/support/run-suite.js PATH...` runs every *.test.js under the
 * PATHs (folders or files) as node:test's runner does, one process per file, two files at a time, through the spec
 * reporter: one run, one closing summary that counts every test, then node's list of failing tests. After it, the
 * skipped tests with their reasons, the failing ones named again (so that the last lines name a failure), and the
 * command that installs what the skips lack. The exit status is 1 when a test failed, as `node --test`'s.
 *
 * Two files at a time only where they share nothing: a file that needs something two processes cannot use at once
 * declares it at its top (test/support/resources.ts), and holds it while it runs. The runner reads the declarations
 * and orders the files so that a file rarely waits for its resource while holding one of the two places: from the
 * durations this checkout measured last (node_modules/.cache/emtd/test-durations.json), else those of a clean-clone
 * run committed in test/support/test-durations.json, or a guess for a file neither knows.
 * EMTD_TEST_CONCURRENCY sets the number of places (default 2, the cores of this project's machines).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { cpuAccount, sampleMachine, type FileTimes } from "./cpu-account";
import { RESOURCES, type Resource } from "./resources";
import { MEASURE_CACHE_ENV, measurementTimes, repeatedExperiments, repeatedMeasurements } from "../../src/claims/machinery/measure-cache";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const DURATIONS = path.join(ROOT, "node_modules", ".cache", "emtd", "test-durations.json");
/** Seconds per file of a clean-clone run (.ci/run, 2026-12-02), for the order of a run that has not measured its own. */
const COMMITTED_DURATIONS = path.join(ROOT, "test", "support", "test-durations.json");

/** Every *.test.js under the paths, sorted (the order `node --test` would run them in). */
function testFiles(paths: string[]): string[] {
  const found = new Set<string>();
  const walk = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isFile()) found.add(path.resolve(p));
    else
      for (const entry of fs.readdirSync(p))
        if (entry.endsWith(".test.js") || fs.statSync(path.join(p, entry)).isDirectory()) walk(path.join(p, entry));
  };
  for (const p of paths) walk(p);
  return [...found].sort();
}

/** The resources a built test file declares: the arguments of its `resource(...)` call. */
export function declared(source: string): Resource[] {
  const call = /\bresource\)?\(((?:\s*"[\w-]+"\s*,?)+)\)/.exec(source);
  if (!call) return [];
  const names = [...call[1]!.matchAll(/"([\w-]+)"/g)].map((m) => m[1]!);
  for (const name of names) if (!Object.hasOwn(RESOURCES, name)) throw new Error(`unknown test resource "${name}"`);
  return names as Resource[];
}

interface Planned {
  file: string;
  resources: Resource[];
  seconds: number;
}

/**
 * The order to hand the runner, which starts files in that order as places free up: a simulation of that runner
 * that starts, whenever a place frees, the longest file whose resources are free then (else the one whose resources
 * free first). An exclusive file takes every place.
 */
export function plan(files: Planned[], places: number): string[] {
  const left = [...files].sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  const free = Array<number>(places).fill(0);
  const busyUntil = new Map<Resource, number>();
  const order: string[] = [];
  while (left.length > 0) {
    const place = free.indexOf(Math.min(...free));
    const at = free[place]!;
    const readyAt = (f: Planned) =>
      Math.max(
        f.resources.includes("exclusive") ? Math.max(...free) : at,
        ...f.resources.map((r) => (r === "exclusive" ? 0 : (busyUntil.get(r) ?? 0))),
      );
    const next = left.find((f) => readyAt(f) <= at) ?? left.reduce((best, f) => (readyAt(f) < readyAt(best) ? f : best));
    left.splice(left.indexOf(next), 1);
    const end = readyAt(next) + next.seconds;
    if (next.resources.includes("exclusive")) free.fill(end);
    else free[place] = end;
    for (const r of next.resources) busyUntil.set(r, end);
    order.push(next.file);
  }
  return order;
}

/** Seconds per file from the last runs here; a guess for the others (a declared resource means a long file). */
function durations(files: string[], resources: Map<string, Resource[]>): Map<string, number> {
  let measured: Record<string, number> = {};
  // This checkout's last run, else the committed durations of a CI run (a clean clone has no cache).
  for (const file of [DURATIONS, COMMITTED_DURATIONS]) {
    try {
      measured = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, number>;
      break;
    } catch {
      // none there
    }
  }
  const key = (file: string) => path.relative(ROOT, file);
  return new Map(
    files.map((f) => [f, measured[key(f)] ?? (resources.get(f)!.length > 0 ? 120 : key(f).includes("/integration/") ? 60 : 10)]),
  );
}

interface Outcome {
  file: string;
  name: string;
  reason?: string;
}

function relative(file: string | undefined): string {
  return file === undefined
    ? "(no file)"
    : path
        .relative(ROOT, file)
        .replace(/^dist\//, "")
        .replace(/\.js$/, ".ts");
}

async function main(paths: string[]): Promise<void> {
  const files = testFiles(paths);
  const resources = new Map(files.map((f) => [f, declared(fs.readFileSync(f, "utf8"))]));
  const seconds = durations(files, resources);
  const places = Number(process.env.EMTD_TEST_CONCURRENCY ?? 2);
  if (!Number.isInteger(places) || places < 1)
    throw new Error(`EMTD_TEST_CONCURRENCY must be a whole number ≥ 1 (got ${process.env.EMTD_TEST_CONCURRENCY})`);
  const order = plan(
    files.map((file) => ({ file, resources: resources.get(file)!, seconds: seconds.get(file)! })),
    places,
  );

  // Each file's process joins the suite before its code runs (suite-hook.ts): node:test's run() starts the files
  // with this process's execArgv, and the hook acts only in this process's children.
  process.env.EMTD_TEST_RUNNER = String(process.pid);
  const times = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emtd-test-times-")), "times.jsonl");
  process.env.EMTD_TEST_TIMES = times;
  process.execArgv.push("--require", path.join(__dirname, "suite-hook.js"));

  // One measurement per claim for the whole run: every file's process, and the notebooks' kernels, share this cache
  // (src/claims/machinery/measure-cache.ts); a directory given by the caller is kept (a developer reusing it across runs).
  const given = process.env[MEASURE_CACHE_ENV];
  const cache = given ?? fs.mkdtempSync(path.join(os.tmpdir(), "emtd-measure-cache-"));
  process.env[MEASURE_CACHE_ENV] = cache;

  const skipped: Outcome[] = [];
  const failed: Outcome[] = [];
  const machine = sampleMachine();
  const stream = run({ files: order, concurrency: places });
  stream.on("test:pass", (data) => {
    if (data.skip !== undefined && data.skip !== false)
      skipped.push({ file: relative(data.file), name: data.name, reason: data.skip === true ? "no reason given" : data.skip });
  });
  const lastFailure = new Map<string, number>(); // per file: the nesting of the failure named last
  stream.on("test:fail", (data) => {
    if (data.todo !== undefined && data.todo !== false) return;
    process.exitCode = 1;
    // A failing subtest fails its parents too, reported after it: the subtest is the one named.
    const file = relative(data.file);
    const last = lastFailure.get(file);
    lastFailure.set(file, data.nesting);
    if (last === undefined || last <= data.nesting) failed.push({ file, name: data.name });
  });
  for await (const chunk of stream.compose(new spec())) process.stdout.write(chunk as string);

  const out: string[] = [];
  const { measured, repeated } = repeatedMeasurements(cache);
  out.push(
    "",
    `ℹ claim measurements through the run's cache: ${measured} (claim × seed × replicate × mechanism), ${repeated.length === 0 ? "none twice" : `${repeated.length} more than once`}`,
  );
  for (const r of repeated) out.push(`  ✖ measured ${r.times} times: ${JSON.stringify(r.key)}, by ${r.by.join("; ")}`);
  const measuredTimes = measurementTimes(cache);
  if (measuredTimes.length > 0)
    out.push(
      `  they took ${measuredTimes.reduce((s, t) => s + (t.seconds || 0), 0).toFixed(0)} s; the longest: ${measuredTimes
        .slice(0, 5)
        .map(
          (t) =>
            `${t.claim}${t.mechanism === "proposal" ? "" : ` (${t.mechanism})`} ${t.seconds.toFixed(0)} s in ${relative(t.by.split(" ")[0])}`,
        )
        .join(", ")}`,
    );
  if (repeated.length > 0) process.exitCode = 1;
  // Experiments (a claim's runs a notebook's figure also draws) whose result JSON cannot carry are computed by each
  // process that asks: shown, with their seconds, not failed.
  const experiments = repeatedExperiments(cache);
  out.push(
    `ℹ experiments through the run's cache: ${experiments.computed} computed in ${experiments.seconds.toFixed(0)} s, ${experiments.repeated.length === 0 ? "none twice" : `${experiments.repeated.length} more than once`}`,
  );
  for (const r of experiments.repeated) out.push(`  ﹣ computed ${r.times} times in ${r.seconds.toFixed(1)} s: ${r.what}`);
  if (given === undefined) fs.rmSync(cache, { recursive: true, force: true });
  if (skipped.length > 0) {
    out.push("", `﹣ skipped tests (${skipped.length}):`);
    for (const s of skipped) out.push(`  ${s.file} › ${s.name}: ${s.reason}`);
    const missing = spawnSync("bash", [path.join(ROOT, "scripts", "system-packages.sh"), "--missing"], { encoding: "utf8" });
    const names = (missing.stdout ?? "").split("\n").filter((l) => l !== "");
    if (names.length > 0)
      out.push(`  missing Debian packages: ${names.join(" ")}; install them with: sudo bash scripts/system-packages.sh`);
  }
  if (failed.length > 0) {
    out.push("", `✖ failed tests (${failed.length}; node's report of each is above):`);
    for (const f of failed) out.push(`  ${f.file} › ${f.name}`);
  }
  const filesTimes = readTimes(times, files);
  out.push("", ...cpuAccount(machine.stop(), filesTimes, relative, places));
  process.stdout.write(`${out.join("\n")}\n`);
  saveDurations(filesTimes, path.dirname(times));
}

/** The lines the files' processes wrote at exit (suite-hook.ts), for the files of this run. */
function readTimes(times: string, files: string[]): FileTimes[] {
  const lines = fs.existsSync(times) ? fs.readFileSync(times, "utf8").split("\n") : [];
  return lines
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as FileTimes)
    .filter((t) => files.includes(t.file));
}

/** Each file's wall time, as its process measured it (suite-hook.ts writes a line at exit), for the next order. */
function saveDurations(times: FileTimes[], folder: string): void {
  let measured: Record<string, number> = {};
  try {
    measured = JSON.parse(fs.readFileSync(DURATIONS, "utf8")) as Record<string, number>;
  } catch {
    // first run
  }
  for (const { file, seconds } of times)
    if (!path.relative(ROOT, file).startsWith("..")) measured[path.relative(ROOT, file)] = Math.round(seconds * 10) / 10;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(DURATIONS), { recursive: true });
  fs.writeFileSync(DURATIONS, `${JSON.stringify(measured, null, 1)}\n`);
}

if (require.main === module) void main(process.argv.slice(2));

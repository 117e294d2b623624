/**
 * Issue 49's loop: the measurement cache (one measurement per claim, seed, replicate and mechanism across every
 * process sharing a directory, read back as measured), a claim's fingerprint (the files its measurement runs, found
 * by V8's coverage) and the plan of a recording run (only the claims whose fingerprint changed are measured again).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_DIR } from "../../support/dirs";
import { ready } from "../../../src/engine/backend";
import { CLAIMS } from "../../../src/claims/machinery/registry";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import {
  MEASURE_CACHE_ENV,
  MeasureCache,
  EXPERIMENTS,
  cachedExperiment,
  decodeEntry,
  encodeEntry,
  entryName,
  repeatedExperiments,
  repeatedMeasurements,
} from "../../../src/claims/machinery/measure-cache";
import { changedSince, coveredFiles, fingerprintOf } from "../../../src/claims/machinery/fingerprint";
import { mergeRuns, planRecord, planText } from "../../../src/claims/machinery/record-plan";
import { canonicalJson } from "../../../src/files/json";
import { readCommittedRun, type VerdictRun } from "../../../src/claims/machinery/committed";
import type { StableRecord } from "../../../src/claims/machinery/stability";

const CHEAP = ["p1.2-entropic-penalty", "p3.2-step2-basin"];

/** Runs `code` in a fresh Node process with the cache directory `dir`; resolves with its stdout. */
function child(code: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["-e", code], {
      env: { ...process.env, [MEASURE_CACHE_ENV]: dir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", (status) => (status === 0 ? resolve(out) : reject(new Error(`child exited ${status}`))));
  });
}

test("the cache: two processes asking for the same claims at once measure each once, and read the numbers measured without it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cache-test-"));
  try {
    const measure = JSON.stringify(path.join(TEST_DIR, "..", "src", "claims", "machinery", "measure.js"));
    const record = JSON.stringify(path.join(TEST_DIR, "..", "src", "claims", "machinery", "verdict-record.js"));
    const backend = JSON.stringify(path.join(TEST_DIR, "..", "src", "engine", "backend.js"));
    const code = `(async () => {
      await require(${backend}).ready({ backend: "wasm" });
      const m = await require(${measure}).measureClaims(${JSON.stringify(CHEAP)}, { cache: true });
      process.stdout.write(JSON.stringify(m.map((x) => ({ record: require(${record}).verdictRecord(x), audit: x.audit }))));
    })()`;
    const [a, b] = await Promise.all([child(code, dir), child(code, dir)]);
    assert.equal(a, b, "both processes read the same measurements");
    const { measured, repeated } = repeatedMeasurements(dir);
    assert.equal(measured, CHEAP.length, "one measurement per claim between the two processes");
    assert.deepEqual(repeated, []);
    await ready({ backend: "wasm" });
    const fresh = (await measureClaims(CHEAP)).map(verdictRecord);
    const cached = (JSON.parse(a) as Array<{ record: unknown; audit: { partsRead: string[]; tensorsLeaked: number } }>).map(
      (x) => x.record,
    );
    assert.equal(canonicalJson(cached), canonicalJson(JSON.parse(JSON.stringify(fresh))), "the cache changes no number");
    const audits = (JSON.parse(a) as Array<{ audit: { partsRead: string[]; tensorsLeaked: number } }>).map((x) => x.audit);
    assert.deepEqual(audits[0], { partsRead: ["entropic"], tensorsLeaked: 0 }, "the entry keeps what its measurement read and left");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the counter names a key measured twice", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cache-log-"));
  try {
    const line = (pid: number, by: string) =>
      JSON.stringify({ claim: "x", seed: 0, replicate: 0, mechanism: "proposal", repairs: true, code: "c", backend: "wasm", pid, by }) +
      "\n";
    fs.writeFileSync(path.join(dir, "measured.log"), line(1, "a.test.js") + line(2, "b.test.js"));
    assert.deepEqual(repeatedMeasurements(dir).repeated, [
      {
        key: { claim: "x", seed: 0, replicate: 0, mechanism: "proposal", repairs: true },
        times: 2,
        by: ["wasm: a.test.js", "wasm: b.test.js"],
      },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a lock created but not yet written is another process's, until it is too old to be", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cache-lock-"));
  try {
    const cache = new MeasureCache(dir);
    const key = { claim: "x", seed: 0, replicate: 0, mechanism: "proposal", repairs: true };
    const file = path.join(dir, `${entryName(key)}.lock`);
    fs.writeFileSync(file, ""); // what another process's O_EXCL create leaves before it writes its pid
    assert.equal(cache.lock(key), false, "a fresh empty lock is taken for a live writer's");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    assert.equal(cache.lock(key), true, "an old empty lock is a dead writer's: taken over");
    assert.equal(fs.readFileSync(file, "utf8"), String(process.pid));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an entry keeps non-finite numbers (JSON alone would make them null)", () => {
  const entry = { proposal: { x: [NaN, Infinity, -Infinity, 1.5] }, repairs: [], seconds: 1, audit: { tensorsLeaked: 0 } };
  assert.deepEqual(decodeEntry(encodeEntry(entry)), entry);
});

test("an experiment through the disk cache: computed once per directory, read back equal; a result JSON cannot carry is computed each time", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cache-experiment-"));
  const before = process.env[MEASURE_CACHE_ENV];
  let computed = 0;
  const experiment = () => (computed++, { curve: [0.5, NaN, Infinity], n: 3 });
  const typed = () => (computed++, { values: new Float64Array([1, 2]) });
  try {
    delete process.env[MEASURE_CACHE_ENV];
    cachedExperiment("planted", [[1, 2]], experiment);
    assert.equal(fs.existsSync(path.join(dir, EXPERIMENTS)), false);
    process.env[MEASURE_CACHE_ENV] = dir;
    const first = cachedExperiment("planted", [[1, 2]], experiment);
    const again = cachedExperiment("planted", [[1, 2]], experiment);
    assert.deepEqual(again, first);
    assert.equal(computed, 2, "once without the cache, once into it, then read");
    cachedExperiment("planted", [[1, 3]], experiment);
    assert.equal(computed, 3, "another stream is another entry");
    cachedExperiment("typed", [[1, 2]], typed);
    cachedExperiment("typed", [[1, 2]], typed);
    assert.equal(computed, 5, "a typed array does not survive JSON: not written");
    assert.equal(fs.readdirSync(path.join(dir, EXPERIMENTS)).length, 2);
    assert.deepEqual(
      repeatedExperiments(dir).repeated.map((r) => [r.what, r.times]),
      [["typed", 2]],
      "the log counts each computation: the typed one twice",
    );
  } finally {
    if (before === undefined) delete process.env[MEASURE_CACHE_ENV];
    else process.env[MEASURE_CACHE_ENV] = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an experiment two processes ask for at once is computed once: the second waits for the first's entry", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cache-experiment-lock-"));
  try {
    const cache = JSON.stringify(path.join(TEST_DIR, "..", "src", "claims", "machinery", "measure-cache.js"));
    // A second of work, so both ask while the first computes.
    const code = `{
      const { cachedExperiment } = require(${cache});
      const value = cachedExperiment("slow", [[7, 8]], () => {
        const until = Date.now() + 1000;
        while (Date.now() < until);
        return { pid: process.pid, curve: [0.25, 0.5] };
      });
      process.stdout.write(JSON.stringify(value));
    }`;
    const [a, b] = await Promise.all([child(code, dir), child(code, dir)]);
    assert.equal(a, b, "both read the one computation (the same pid inside)");
    const { computed, repeated } = repeatedExperiments(dir);
    assert.equal(computed, 1);
    assert.deepEqual(repeated, []);
    assert.deepEqual(
      fs.readdirSync(path.join(dir, EXPERIMENTS)).filter((f) => f.endsWith(".lock")),
      [],
      "the lock is released",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a claim's fingerprint covers the files its measurement runs, and names the one that changed", () => {
  // A process of its own, as `emtd verdicts --fingerprint` measures (coverage counts from the process's start).
  const { stdout } = spawnSync(
    process.execPath,
    [
      path.join(TEST_DIR, "..", "..", "bin", "emtd.js"),
      "verdicts",
      "--only",
      "p1.2-entropic-penalty",
      "--fingerprint",
      "--json",
      "--quiet",
    ],
    { encoding: "utf8" },
  );
  const files = Object.keys((JSON.parse(stdout) as { claims: StableRecord[] }).claims[0]!.fingerprint!.files);
  for (const f of ["src/claims/section1.ts", "src/claims/machinery/registry.ts", "src/claims/machinery/decide.ts", "package-lock.json"])
    assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  assert.ok(!files.includes("src/claims/section4-traps.ts"), "another section's claims are not this one's code");
  assert.ok(!files.some((f) => f.startsWith("src/jupyter/")), "the kernel is not this claim's code");
  // A module that ran nothing but was read (a WebAssembly text) brings the files its constants were built from.
  const wat = coveredFiles(["src/engine/kernels/simd/philox-blocks.ts"]);
  for (const f of ["src/engine/kernels/simd/philox-blocks-wat.ts", "src/engine/kernels/simd/copy-lanes-wat.ts"])
    assert.ok(wat.includes(f), `${f} in ${wat.join(", ")}`);

  // On a copy: a change to one covered file is named; the fingerprint of unchanged files stays.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-fingerprint-"));
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.copyFileSync(path.join(TEST_DIR, "..", "..", f), path.join(root, f));
    }
    const committed = fingerprintOf(files, root);
    assert.equal(changedSince(committed, root), null);
    // A comment or a re-wrapped line is not a change of code; a changed constant is.
    const decide = path.join(root, "src/claims/machinery/decide.ts");
    const text = fs.readFileSync(decide, "utf8");
    fs.writeFileSync(decide, `/** a corrected doc comment */\n${text.replace(/\n/g, "\n\n")}// a note\n`);
    assert.equal(changedSince(committed, root), null);
    fs.writeFileSync(decide, `${text}\nexport const planted = 1;\n`);
    assert.equal(changedSince(committed, root), "its file changed: src/claims/machinery/decide.ts");
    fs.rmSync(path.join(root, "src/claims/section1.ts"));
    assert.match(changedSince(committed, root)!, /^2 of its files changed: src\/claims\/machinery\/decide\.ts, src\/claims\/section1\.ts$/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  assert.equal(changedSince(undefined), "the committed run has no fingerprint for it");
});

test("a recording run measures only what changed, asked for or is missing; another seed or replicate count measures all", () => {
  const record = (id: string, sha256: string): StableRecord =>
    ({ id, fingerprint: { sha256, files: { "package-lock.json": "x" } } }) as unknown as StableRecord;
  const lock = fingerprintOf(["package-lock.json"]);
  const committed = {
    provenance: { seed: 0, replicates: 20 },
    claims: [record("a", lock.sha256), record("b", "stale"), record("c", lock.sha256)],
    timing: { seconds: 1, claims: { a: 1, b: 2, c: 3 } },
  } as unknown as VerdictRun;
  committed.claims[0]!.fingerprint = lock;
  committed.claims[2]!.fingerprint = lock;
  const plan = planRecord(committed, ["a", "b", "c", "d"], { seed: 0, replicates: 20, all: false, asked: ["c"] });
  assert.deepEqual(plan.keep, ["a"]);
  assert.deepEqual(
    plan.measure.map((m) => m.id),
    ["b", "c", "d"],
  );
  assert.match(planText(plan), /^measuring 3 claims: b \(its file changed: package-lock\.json\); c \(asked for with --only\); d \(not in/);
  for (const run of [
    { seed: 1, replicates: 20 },
    { seed: 0, replicates: 5 },
  ])
    assert.equal(planRecord(committed, ["a"], { ...run, all: false, asked: [] }).keep.length, 0);
  assert.equal(planRecord(committed, ["a"], { seed: 0, replicates: 20, all: true, asked: [] }).measure[0]!.why, "--all");

  const now = {
    provenance: { seed: 0, replicates: 20, commit: "new" },
    claims: [record("b", "new")],
    timing: { seconds: 5, claims: { b: 9 } },
  };
  const merged = mergeRuns(committed, now as unknown as VerdictRun, ["a", "b", "c"]);
  assert.deepEqual(
    merged.claims.map((c) => c.fingerprint!.sha256),
    [lock.sha256, "new", lock.sha256],
  );
  assert.deepEqual(merged.timing, { seconds: 5, claims: { a: 1, b: 9, c: 3 } });
});

test("the committed run is the code's: every claim's fingerprint in data/verdicts/verdicts.json matches the files as they are now (else `npm run readme`)", () => {
  const run = readCommittedRun();
  assert.ok(run, "a committed run");
  const stale = run.claims.map((c) => ({ id: c.id, why: changedSince(c.fingerprint) })).filter((c) => c.why !== null);
  assert.deepEqual(
    stale.map((c) => `${c.id}: ${c.why}`),
    [],
    "the committed run is older than these claims' code: run `npm run readme` (it measures only these)",
  );
  assert.deepEqual(
    run.claims.map((c) => c.id),
    CLAIMS.map((c) => c.id),
    "the committed run covers the registry",
  );
});

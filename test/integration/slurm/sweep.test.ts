/**
 * `emtd sweep`: the task order and content-addressed ids, config errors that name the JSON path, the local executor
 * (results equal to `emtd run` of each task's config; reruns skip; a lost result is recomputed alone; an interrupted
 * task resumes), and the Slurm executor on a real one-node cluster started here from Debian's slurm-wlm and munge,
 * whose results.csv must equal the local one byte for byte.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { commands } from "../../../src/cli/registry";
import { planSweep, taskId } from "../../../src/sweeps/plan";
import { readSweep, resultsCsv } from "../../../src/sweeps/results";
import { arrayRanges } from "../../../src/sweeps/slurm";
import { runConfig } from "../../../src/runs/run-config";
import { resource } from "../../support/resources";

resource("slurm");

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-sweep-"));
after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 5 }));

function emtd(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BASE = { command: "sample", graph: "ring:24:4", dim: 1, integrator: "ula", step: 0.05, steps: 1500, burnIn: 300 };
const SWEEP = { ...BASE, sweep: { temperature: [0.5, 2], seed: [3, 4, 5] } };

function writeConfig(name: string, config: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

test("tasks are the Cartesian product, last field fastest, with ids that depend on the config only", () => {
  const plan = planSweep(SWEEP, commands);
  assert.deepEqual(plan.fields, ["temperature", "seed"]);
  assert.deepEqual(
    plan.tasks.map((t) => [t.point.temperature, t.point.seed]),
    [
      [0.5, 3],
      [0.5, 4],
      [0.5, 5],
      [2, 3],
      [2, 4],
      [2, 5],
    ],
  );
  const reordered = planSweep({ ...BASE, sweep: { seed: [5, 4, 3], temperature: [2, 0.5] } }, commands);
  const ids = new Map(plan.tasks.map((t) => [JSON.stringify([t.point.temperature, t.point.seed]), t.id]));
  for (const t of reordered.tasks) assert.equal(t.id, ids.get(JSON.stringify([t.point.temperature, t.point.seed])));
  assert.equal(new Set(plan.tasks.map((t) => t.id)).size, 6);
  assert.equal(taskId({ ...plan.tasks[0]!.config, checkpointEvery: 10 }), plan.tasks[0]!.id, "checkpointEvery changes no number");
  assert.notEqual(taskId({ ...plan.tasks[0]!.config, steps: 1501 }), plan.tasks[0]!.id);
  assert.equal(arrayRanges([0, 1, 2, 5, 7, 8]), "0-2,5,7-8");
});

test("sweep config errors name the JSON path, the accepted range and the value", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ...BASE }, /\/sweep must be an object mapping config fields to non-empty arrays/],
    [{ ...BASE, sweep: { temperature: [] } }, /\/sweep\/temperature must be a non-empty array/],
    [{ ...BASE, sweep: { temperature: [1, -1] } }, /\/temperature must be a number in .* \(got -1\) \(from \/sweep\/temperature\/1\)/],
    [{ ...BASE, sweep: { tempreature: [1] } }, /\/sweep\/tempreature is not a field of a "sample" config/],
    [{ ...BASE, sweep: { seed: [1, 2, 1] } }, /\/sweep\/seed\/2 repeats an earlier value/],
    [{ ...SWEEP, slurm: { throttle: 0 } }, /\/slurm\/throttle must be an integer ≥ 1/],
    [{ ...SWEEP, slurm: { qos: "x" } }, /\/slurm\/qos is not a Slurm option/],
  ];
  for (const [config, pattern] of cases) assert.throws(() => planSweep(config, commands, "s.json"), pattern, JSON.stringify(config));
  const bad = emtd(["sweep", writeConfig("bad.json", { ...BASE, sweep: { dim: [0] } }), "--out", path.join(work, "bad")]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
  assert.match(bad.stderr, /\/dim must be an integer in \[1, 4096\] \(got 0\) \(from \/sweep\/dim\/0\)/);
  assert.equal(emtd(["sweep", writeConfig("ok.json", SWEEP)]).code, 2, "--out is required");
});

const localDir = path.join(work, "local");
const configFile = writeConfig("sweep.json", SWEEP);

test("local executor: every task's result equals `emtd run` of its config; reruns skip; a lost result is recomputed alone", () => {
  const first = emtd(["sweep", configFile, "--out", localDir, "--json", "--workers", "2"]);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.deepEqual([summary.tasks, summary.ran, summary.skipped, summary.executor], [6, 6, 0, "local"]);
  const csv = fs.readFileSync(path.join(localDir, "results.csv"), "utf8");
  const [header, ...rows] = csv.trim().split("\n");
  assert.equal(rows.length, 6);
  assert.match(header!, /^temperature,seed,.*meanEnergy,energyMcse,energyEss,acceptance/);

  // The same config through `emtd run`, alone, gives the task's result (timings aside).
  const plan = planSweep(SWEEP, commands);
  const task = plan.tasks[4]!;
  const alone = path.join(work, "alone");
  assert.equal(emtd(["run", writeConfig("task.json", task.config), "--out", alone, "--json"]).code, 0);
  const strip = (file: string) => {
    const { timing: _t, ...rest } = JSON.parse(fs.readFileSync(file, "utf8"));
    return rest;
  };
  assert.deepEqual(strip(path.join(localDir, "tasks", task.id, "result.json")), strip(path.join(alone, "result.json")));

  // Numbers at full precision: every cell reads back to the double in result.json.
  const rowsRead = readSweep(localDir);
  assert.equal(rowsRead[4]!.meanEnergy, strip(path.join(alone, "result.json")).meanEnergy);

  const again = JSON.parse(emtd(["sweep", configFile, "--out", localDir, "--json"]).stdout);
  assert.deepEqual([again.ran, again.skipped], [0, 6]);
  fs.rmSync(path.join(localDir, "tasks", plan.tasks[1]!.id, "result.json"));
  const repaired = JSON.parse(emtd(["sweep", configFile, "--out", localDir, "--json"]).stdout);
  assert.deepEqual([repaired.ran, repaired.skipped], [1, 5]);
  assert.equal(fs.readFileSync(path.join(localDir, "results.csv"), "utf8"), csv);
});

test("a task interrupted mid-way resumes from its checkpoint and ends with the uninterrupted numbers", async () => {
  const plan = planSweep(SWEEP, commands);
  const dir = path.join(work, "resume");
  const task = plan.tasks[2]!;
  const controller = new AbortController();
  // Stop the task after its first segment: it leaves a checkpoint and no result.
  await assert.rejects(
    runConfig({ ...task.config, checkpointEvery: 100 }, path.join(dir, "tasks", task.id), {
      commands,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done > 0) controller.abort();
      },
    }),
    /interrupted/,
  );
  assert.ok(fs.existsSync(path.join(dir, "tasks", task.id, "checkpoint.json")));
  assert.ok(!fs.existsSync(path.join(dir, "tasks", task.id, "result.json")));
  const resumed = emtd(["sweep", configFile, "--out", dir, "--json"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(fs.readFileSync(path.join(dir, "results.csv"), "utf8"), fs.readFileSync(path.join(localDir, "results.csv"), "utf8"));
});

test("results.csv: one row per complete task in task order, swept fields first", () => {
  const plan = planSweep({ ...BASE, sweep: { seed: [1, 2] } }, commands);
  const text = resultsCsv(plan, [{ meanEnergy: 0.1 + 0.2, acceptance: 1, seed: 9, label: "x" }, null]);
  assert.equal(text, "seed,meanEnergy,acceptance\n1,0.30000000000000004,1\n");
});

/** Debian's slurm-wlm and munge, and root: what a one-node cluster needs. */
function slurmUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "needs root to start slurmd";
  for (const tool of ["slurmctld", "slurmd", "sbatch", "munged"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} not installed (apt-get install slurm-wlm munge)`;
  }
  return null;
}

test(
  "Slurm executor: one job array on a real one-node cluster gives the local results byte for byte",
  { skip: slurmUnavailable() ?? false, timeout: 300_000 },
  () => {
    const cluster = path.join(work, "cluster");
    const script = path.join(ROOT, "scripts", "slurm", "local-cluster.sh");
    const started = spawnSync(script, ["start", cluster], { encoding: "utf8", timeout: 60_000 });
    assert.equal(started.status, 0, started.stderr);
    try {
      const env = { ...process.env, SLURM_CONF: path.join(cluster, "slurm.conf") };
      const dir = path.join(work, "slurm");
      const submitted = emtd(
        ["sweep", configFile, "--out", dir, "--executor", "slurm", "--throttle", "2", "--tasks-per-element", "2", "--json"],
        env,
      );
      assert.equal(submitted.code, 0, submitted.stderr);
      const summary = JSON.parse(submitted.stdout);
      assert.deepEqual([summary.executor, summary.tasks, summary.ran, summary.failed], ["slurm", 6, 6, 0]);
      assert.match(fs.readFileSync(path.join(dir, "slurm", "array.sbatch"), "utf8"), /#SBATCH --array=0-2%2/);
      assert.equal(fs.readFileSync(path.join(dir, "results.csv"), "utf8"), fs.readFileSync(path.join(localDir, "results.csv"), "utf8"));
      const rerun = JSON.parse(emtd(["sweep", configFile, "--out", dir, "--executor", "slurm", "--json"], env).stdout);
      assert.deepEqual([rerun.ran, rerun.skipped, rerun.jobId], [0, 6, null]);
    } finally {
      spawnSync(script, ["stop", cluster]);
    }
  },
);

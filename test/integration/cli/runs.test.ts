/**
 * `emtd run` and the resumable run loop: schema published and in step with the option specs, config errors that
 * name the JSON path, exact resume after SIGKILL at seeded random moments, Ctrl-C that saves and says how to
 * resume, and `run(…, { until, resume })` equal to an uninterrupted run with no tensor leak.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { commands } from "../../../src/cli/registry";
import { runConfigSchema, validateRunConfig } from "../../../src/runs/schema";
import {
  decodeIsingCheckpoint,
  decodeRunCheckpoint,
  encodeIsingCheckpoint,
  encodeRunCheckpoint,
  numberReplacer,
  numberReviver,
} from "../../../src/runs/encode";
import { isingSampler, type IsingCheckpoint } from "../../../src/spin/ising/ising-sampler";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { run, type RunCheckpoint } from "../../../src/dynamics/run";
import { mala, ula } from "../../../src/dynamics/gradient";
import { metropolis } from "../../../src/dynamics/metropolis";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { key } from "../../../src/engine/random";
import { onEachBackend } from "../../helpers";
import { runIsing } from "../../../src/spin/ising/ising-run";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "emtd-run-"));
}

test("the published schema is the one generated from the registered commands' option specs", () => {
  const published = JSON.parse(fs.readFileSync(path.join(ROOT, "schema/run-config.schema.json"), "utf8"));
  assert.deepEqual(published, runConfigSchema(commands), "regenerate with: npx emtd run --schema > schema/run-config.schema.json");
});

test("config validation names the JSON path, the accepted range and the value", () => {
  const cases: [unknown, RegExp][] = [
    [{ command: "sample", temperature: -1 }, /\/temperature must be a number in \[2\^-100, ∞\) \(got -1\)/],
    [{ command: "sample", burnIn: 2.5 }, /\/burnIn must be an integer in \[0, 1000000000\] \(got 2.5\)/],
    [{ command: "sample", integrator: "hmc" }, /\/integrator must be one of ula, mala, metropolis, gradient-flow \(got "hmc"\)/],
    [{ command: "sample", tempreature: 1 }, /\/tempreature is not a field of a "sample" config/],
    [{ command: "bench" }, /\/command must be one of sample, ising, reference/],
    [{ graph: "ring:10:2" }, /missing field "command"/],
    [{ command: "ising", checkpointEvery: 0 }, /\/checkpointEvery must be an integer in \[1, /],
    [[1, 2], /must be a JSON object/],
  ];
  for (const [config, pattern] of cases)
    assert.throws(() => validateRunConfig(config, commands, "c.json"), pattern, JSON.stringify(config));
  const ok = validateRunConfig(
    {
      command: "sample",
      graph: "ws:2000:10:0.1",
      dim: 2,
      temperature: 0.7,
      integrator: "mala",
      step: 0.005,
      steps: 60000,
      burnIn: 5000,
      seed: 11,
      checkpointEvery: 2000,
    },
    commands,
  );
  assert.equal(ok.command, "sample");
});

test("emtd run: bad configs and paths are one line on stderr, exit 2", () => {
  const dir = tmp();
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const cases: [string[], RegExp][] = [
    [
      [write("a.json", '{"command":"sample","dim":0}'), "--out", path.join(dir, "o")],
      /a\.json: \/dim must be an integer in \[1, 4096\] \(got 0\)/,
    ],
    [[write("b.json", "{oops"), "--out", path.join(dir, "o")], /CONFIG must be valid JSON/],
    [[path.join(dir, "missing.json"), "--out", path.join(dir, "o")], /CONFIG must be a readable JSON file .*ENOENT/],
    [[write("c.json", '{"command":"sample"}'), "--out", "/dev/null/x"], /--out must be a directory that can be created/],
    [[write("d.json", '{"command":"sample"}')], /--out must be a directory path/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd("run", ...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.equal(r.stdout, "");
  }
});

const CONFIG = {
  command: "sample",
  graph: "ring:60:4",
  dim: 2,
  temperature: 0.7,
  integrator: "mala",
  step: 0.02,
  steps: 6000,
  burnIn: 600,
  seed: 11,
  checkpointEvery: 150,
};

test("emtd run writes result.json equal byte for byte to the subcommand's --json, and a rerun does not recompute", () => {
  const dir = tmp();
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ ...CONFIG, steps: 600, burnIn: 100 }));
  const r = emtd("run", config, "--out", path.join(dir, "o"), "--no-timing", "--json");
  assert.equal(r.code, 0, r.stderr);
  const sample = emtd(
    "sample",
    "--graph",
    "ring:60:4",
    "--dim",
    "2",
    "--temperature",
    "0.7",
    "--step",
    "0.02",
    "--steps",
    "600",
    "--burn-in",
    "100",
    "--seed",
    "11",
    "--json",
    "--no-timing",
  );
  const written = fs.readFileSync(path.join(dir, "o/result.json"), "utf8");
  assert.equal(written, sample.stdout);
  assert.equal(r.stdout, sample.stdout);
  assert.equal(fs.existsSync(path.join(dir, "o/checkpoint.json")), false);
  const again = emtd("run", config, "--out", path.join(dir, "o"), "--no-timing");
  assert.equal(again.code, 0);
  assert.match(again.stderr, /already complete/);
  fs.writeFileSync(config, JSON.stringify({ ...CONFIG, steps: 600, burnIn: 100, seed: 12 }));
  const other = emtd("run", config, "--out", path.join(dir, "o"));
  assert.equal(other.code, 2);
  assert.match(other.stderr, /holds a result of a different config/);
});

/** A small seeded generator for the kill times (the test is reproducible; the kills land wherever they land). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function start(config: string, out: string) {
  const child = spawn(process.execPath, [BIN, "run", config, "--out", out, "--no-timing", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/** Wait until the checkpoint records more than `done` (or the result exists). */
async function waitForProgress(checkpoint: string, result: string, done: number, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until && !fs.existsSync(result)) {
    try {
      if (JSON.parse(fs.readFileSync(checkpoint, "utf8")).done > done) return;
    } catch {
      // not written yet (renames are atomic, so never a torn file)
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitFor(file: string, limitMs: number): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

const ISING_CONFIG = { command: "ising", size: 16, temperature: 2.2, sweeps: 3000, seed: 3, checkpointEvery: 100 };

const REFERENCE_CONFIG = { command: "reference", nodes: 200, runs: 600, seed: 3, checkpointEvery: 10 };

for (const [label, cfg, seed] of [
  ["sample", CONFIG, 13],
  ["ising", ISING_CONFIG, 17],
  ["reference", REFERENCE_CONFIG, 19],
] as const)
  test(`fault injection (${label}): SIGKILL at seeded random moments, then rerun: the result is byte-identical to an uninterrupted run`, async (t) => {
    const dir = tmp();
    const config = path.join(dir, "c.json");
    fs.writeFileSync(config, JSON.stringify(cfg));
    const clean = emtd("run", config, "--out", path.join(dir, "clean"), "--no-timing", "--json");
    assert.equal(clean.code, 0, clean.stderr);
    const expected = fs.readFileSync(path.join(dir, "clean/result.json"), "utf8");
    const random = lcg(seed);
    const out = path.join(dir, "killed");
    const resumedAt: number[] = [];
    for (let kill = 0; kill < 4; kill++) {
      const p = start(config, out);
      // The first kill lands during start-up (0–600 ms); the others 0–300 ms after the run saved a new checkpoint.
      if (kill > 0) await waitForProgress(path.join(out, "checkpoint.json"), path.join(out, "result.json"), resumedAt.at(-1) ?? 0, 30_000);
      await new Promise((r) => setTimeout(r, Math.floor(random() * (kill === 0 ? 600 : 300))));
      p.child.kill("SIGKILL");
      await p.exited;
      if (fs.existsSync(path.join(out, "result.json"))) break;
      const checkpoint = path.join(out, "checkpoint.json");
      if (fs.existsSync(checkpoint)) resumedAt.push(JSON.parse(fs.readFileSync(checkpoint, "utf8")).done);
    }
    const resumed = emtd("run", config, "--out", out, "--no-timing", "--json");
    assert.equal(resumed.code, 0, resumed.stderr);
    t.diagnostic(`killed runs left checkpoints at ${resumedAt.join(", ") || "none"}`);
    assert.equal(fs.readFileSync(path.join(out, "result.json"), "utf8"), expected, `killed with checkpoints at ${resumedAt.join(", ")}`);
    assert.equal(resumed.stdout, expected);
  });

test("Ctrl-C saves a checkpoint, exits 130 and says how to resume; resuming gives the uninterrupted numbers", async (t) => {
  const dir = tmp();
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ ...CONFIG, seed: 5, checkpointEvery: 100000 }));
  const clean = emtd("run", config, "--out", path.join(dir, "clean"), "--no-timing");
  assert.equal(clean.code, 0, clean.stderr);
  const out = path.join(dir, "int");
  const p = start(config, out);
  await waitFor(path.join(out, "config.json"), 20_000);
  await new Promise((r) => setTimeout(r, 300));
  p.child.kill("SIGINT");
  const code = await p.exited;
  if (code === 0) {
    t.diagnostic("the run finished before SIGINT arrived: nothing to resume");
    return;
  }
  assert.equal(code, 130, p.stderr());
  assert.match(p.stderr(), /interrupted at \d+ of 6000; checkpoint saved in .*checkpoint\.json; resume with: emtd run .*c\.json --out /);
  assert.ok(fs.existsSync(path.join(out, "checkpoint.json")));
  assert.equal(fs.existsSync(path.join(out, "result.json")), false);
  const resumed = emtd("run", config, "--out", out, "--no-timing");
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /resumed at \d+/);
  assert.equal(fs.readFileSync(path.join(out, "result.json"), "utf8"), fs.readFileSync(path.join(dir, "clean/result.json"), "utf8"));
});

test("Ctrl-C during a command that cannot checkpoint (reference --implementation tensor) ends the process at once, leaving no result", async () => {
  const dir = tmp();
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ command: "reference", implementation: "tensor", backend: "cpu", nodes: 300, runs: 400 }));
  const out = path.join(dir, "o");
  const p = start(config, out);
  await waitFor(path.join(out, "config.json"), 20_000);
  await new Promise((r) => setTimeout(r, 300));
  const sent = Date.now();
  p.child.kill("SIGINT");
  await p.exited;
  assert.ok(Date.now() - sent < 2000, `took ${Date.now() - sent} ms to stop`);
  assert.equal(p.child.signalCode ?? "exited", fs.existsSync(path.join(out, "result.json")) ? "exited" : "SIGINT");
  assert.equal(fs.existsSync(path.join(out, "checkpoint.json")), false);
});

test("an Ising run(…, { until, resume }) through an encoded checkpoint equals one uninterrupted run, with no tensor leak", async () => {
  await onEachBackend(() => {
    const before = tf.memory().numTensors;
    const sampler = () => isingSampler(isingLattice(6), [1.8, 2.6], { replicas: 2 });
    const settings = { steps: 90, burnIn: 20 };
    const whole = runIsing(sampler(), "hot", settings, key(5));
    let checkpoint: IsingCheckpoint | undefined;
    for (const until of [1, 19, 20, 21, 60]) {
      const part = runIsing(sampler(), "hot", { ...settings, ...(checkpoint ? { resume: checkpoint } : {}), until }, key(5));
      const text = JSON.stringify(encodeIsingCheckpoint(part.checkpoint!, 20));
      checkpoint = decodeIsingCheckpoint(JSON.parse(text));
    }
    const rest = runIsing(sampler(), "hot", { ...settings, resume: checkpoint! }, key(5));
    const strip = (r: typeof whole) =>
      r.results.map((x) => ({ ...x, series: { e: Array.from(x.series.energyPerSpin), m: Array.from(x.series.absMagnetization) } }));
    assert.deepEqual(strip(rest), strip(whole));
    assert.equal(tf.memory().numTensors, before);
  });
});

test("run(…, { until, resume }) through an encoded checkpoint equals one uninterrupted run, with no tensor leak", async () => {
  await onEachBackend(() => {
    const before = tf.memory().numTensors;
    const graph = graphs.ring(30, 4);
    const energy = interaction(graph);
    const integrators = [
      mala(energy, { step: 0.05, temperature: 0.5 }),
      ula(energy, { step: 0.05, temperature: 0.5 }),
      metropolis(energy, graph, { step: 0.5, temperature: 0.5 }),
    ];
    for (const integrator of integrators) {
      const initial = tf.zeros([graph.n, 2]) as tf.Tensor2D;
      const options = { steps: 120, burnIn: 40, adapt: true, recordEvery: 7 };
      const whole = run(integrator, initial, options, key(3));
      let checkpoint: RunCheckpoint | undefined;
      for (const until of [1, 25, 40, 41, 99]) {
        const part = run(integrator, initial, { ...options, resume: checkpoint, until }, key(3));
        part.final.dispose();
        // Through JSON text, as on disk.
        const text = JSON.stringify(encodeRunCheckpoint(part.checkpoint!, 40), numberReplacer);
        checkpoint = decodeRunCheckpoint(JSON.parse(text, numberReviver));
      }
      const rest = run(integrator, initial, { ...options, resume: checkpoint }, key(3));
      assert.equal(rest.checkpoint, undefined);
      assert.deepEqual(Array.from(rest.energies), Array.from(whole.energies), integrator.name);
      assert.deepEqual(rest.trace, whole.trace);
      assert.equal(rest.meanEnergy, whole.meanEnergy);
      assert.equal(rest.acceptance, whole.acceptance);
      assert.equal(rest.stepSize, whole.stepSize);
      assert.deepEqual(Array.from(rest.final.dataSync()), Array.from(whole.final.dataSync()));
      tf.dispose([rest.final, whole.final, initial]);
    }
    releaseGraph(graph);
    assert.equal(tf.memory().numTensors, before);
  });
});

test("one emtd run per --out: a second run on a busy directory is one line, exit 2; a lock left by a killed run is taken over", async () => {
  const dir = tmp();
  const long = path.join(dir, "long.json");
  fs.writeFileSync(long, JSON.stringify({ ...CONFIG, steps: 400000, checkpointEvery: 100000 }));
  const out = path.join(dir, "busy");
  const p = start(long, out);
  assert.ok(await waitFor(path.join(out, "config.json"), 20_000), p.stderr());
  const second = emtd("run", long, "--out", out, "--no-timing");
  assert.equal(second.code, 2, second.stderr);
  assert.equal(second.stderr.trim().split("\n").length, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`--out .*busy is in use by another emtd run \\(pid ${p.child.pid} on `));
  p.child.kill("SIGKILL");
  await p.exited;
  const stale = JSON.parse(fs.readFileSync(path.join(out, "run.lock"), "utf8"));
  assert.equal(stale.pid, p.child.pid); // SIGKILL leaves the lock behind

  // The killed run's lock does not block a run whose config finishes quickly in a directory holding it.
  const short = path.join(dir, "short.json");
  fs.writeFileSync(short, JSON.stringify({ ...CONFIG, steps: 300, burnIn: 50 }));
  const out2 = path.join(dir, "stale");
  fs.mkdirSync(out2);
  fs.writeFileSync(path.join(out2, "run.lock"), JSON.stringify(stale));
  const resumed = emtd("run", short, "--out", out2, "--no-timing");
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(fs.existsSync(path.join(out2, "result.json")));
  assert.equal(fs.existsSync(path.join(out2, "run.lock")), false, "released after the run");
});

/**
 * The numbers of the samplers, pinned while their faces are unified (issue 22): representative `emtd sample` (ula,
 * mala, metropolis, --chains 4), `emtd ising` and `emtd run` outputs, direct library `run` results (one chain, R chains,
 * the Ising sampler) and the checkpoint encodings of paused runs, captured before the refactor into
 * test/fixtures/face/. Same seeds, same numbers, bit for bit (JSON text of float64 values), `timing` and
 * `seconds` left out. Regenerate only on purpose: EMTD_WRITE_FIXTURES=1 node --test dist/test/integration/cli/face-fixtures.test.js.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { metropolis } from "../../../src/dynamics/metropolis";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala, ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { key, normal } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { isingLattice, isingGraph } from "../../../src/spin/ising/ising-system";
import { encodeIsingCheckpoint, encodeRunCheckpoint } from "../../../src/runs/encode";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { asChainsRun, asOneFieldRun } from "../../face-shapes";
import { runIsing } from "../../../src/spin/ising/ising-run";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");
const DIR = path.resolve(TEST_DIR, "../../test/fixtures/face");
const WRITE = process.env.EMTD_WRITE_FIXTURES === "1";

/** JSON text with typed arrays as arrays and without wall-clock fields. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (k, v: unknown) => {
      if (k === "timing" || k === "seconds") return undefined;
      if (v instanceof Float64Array || v instanceof Float32Array) return Array.from(v);
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      return v;
    },
    1,
  );
}

function pinned(name: string, value: unknown): void {
  const file = path.join(DIR, `${name}.json`);
  const text = canonical(value);
  if (WRITE) {
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(file, text + "\n");
    return;
  }
  assert.equal(text + "\n", fs.readFileSync(file, "utf8"), `${name}: differs from test/fixtures/face/${name}.json`);
}

function emtdJson(...args: string[]): unknown {
  // The cpu backend everywhere: the fixtures are one backend's numbers.
  const r = spawnSync(process.execPath, [BIN, ...args, "--backend", "cpu", "--json"], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const SAMPLE = ["sample", "--graph", "ring:30:4", "--dim", "2", "--steps", "400", "--seed", "3"];

test("emtd sample: ula, mala (given and adapted step), metropolis, --chains 4 give the pinned numbers", () => {
  pinned("sample-ula", emtdJson(...SAMPLE, "--integrator", "ula", "--step", "0.03"));
  pinned("sample-mala", emtdJson(...SAMPLE, "--integrator", "mala", "--step", "0.05"));
  pinned("sample-mala-adapt", emtdJson(...SAMPLE, "--integrator", "mala"));
  pinned("sample-metropolis", emtdJson(...SAMPLE, "--integrator", "metropolis"));
  pinned("sample-chains-mala", emtdJson(...SAMPLE, "--integrator", "mala", "--chains", "4", "--step", "0.05"));
  pinned("sample-chains-ula-adapt", emtdJson(...SAMPLE, "--integrator", "ula", "--chains", "4"));
});

test("emtd ising (lattice, graph, replicas) gives the pinned numbers", () => {
  pinned("ising-lattice", emtdJson("ising", "--size", "8", "--sweeps", "300", "--temperature", "2.5", "--seed", "4"));
  pinned(
    "ising-graph",
    emtdJson("ising", "--graph", "ring:40:4", "--sweeps", "300", "--temperature", "3", "--replicas", "2", "--seed", "5"),
  );
});

test("emtd run of sample and ising configs, checkpointing every few steps, gives the pinned results", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-face-"));
  for (const [name, config] of [
    [
      "run-sample",
      { command: "sample", graph: "ring:30:4", dim: 2, integrator: "mala", step: 0.05, steps: 400, seed: 6, checkpointEvery: 37 },
    ],
    ["run-ising", { command: "ising", size: 8, sweeps: 300, temperature: 2.5, seed: 7, checkpointEvery: 29 }],
  ] as const) {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...config, backend: "cpu" }));
    const r = spawnSync(process.execPath, [BIN, "run", file, "--out", path.join(dir, name), "--no-timing", "--json"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(r.status, 0, r.stderr);
    pinned(name, JSON.parse(r.stdout));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test("library run (one chain, R chains, the Ising sampler) and the encodings of their paused states give the pinned numbers", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(20, 4);
  const H = interaction(graph);
  const x0 = normal(key(1), [graph.n, 2]) as tf.Tensor2D;
  const result = (r: ReturnType<typeof run>) => {
    const final = r.final.dataSync();
    r.final.dispose();
    return asOneFieldRun(r, final);
  };
  pinned("lib-run-mala", result(run(mala(H, { step: 0.05, temperature: 0.8 }), x0, { steps: 300, burnIn: 60, recordEvery: 10 }, key(2))));
  pinned("lib-run-mala-adapt", result(run(mala(H, { step: 0.05 }), x0, { steps: 300, burnIn: 60, adapt: true, recordEvery: 25 }, key(3))));
  pinned("lib-run-ula", result(run(ula(H, { step: 0.03 }), x0, { steps: 200, burnIn: 20 }, key(4))));
  pinned("lib-run-metropolis", result(run(metropolis(H, graph, { step: 0.5, temperature: 1 }), x0, { steps: 100, burnIn: 10 }, key(5))));
  const paused = run(mala(H, { step: 0.05 }), x0, { steps: 300, burnIn: 60, until: 100 }, key(6));
  paused.final.dispose();
  pinned("lib-run-checkpoint", encodeRunCheckpoint(paused.checkpoint!, 60));
  pinned("lib-run-resumed", result(run(mala(H, { step: 0.05 }), x0, { steps: 300, burnIn: 60, resume: paused.checkpoint! }, key(6))));
  const energy = interactionChains(graph, 4);
  const y0 = normal(key(7), [graph.n, 8]) as tf.Tensor2D;
  for (const [name, integrator, adapt] of [
    ["lib-chains-mala", mala(energy, { step: 0.05 }), false],
    ["lib-chains-mala-adapt", mala(energy, { step: 0.05 }), true],
    ["lib-chains-ula", ula(energy, { step: 0.03 }), false],
  ] as const) {
    const r = run(integrator, y0, { steps: 200, burnIn: 40, adapt }, key(8));
    const final = r.final.dataSync();
    r.final.dispose();
    pinned(name, asChainsRun(r, final));
  }
  pinned("lib-ising-lattice", runIsing(isingSampler(isingLattice(8), [2, 3], { replicas: 2 }), "cold", { steps: 200 }, key(9)));
  pinned("lib-ising-tensor", runIsing(isingSampler(isingGraph(graph), [2.5]), "hot", { steps: 200 }, key(10)));
  const pausedIsing = runIsing(isingSampler(isingLattice(8), [2.2]), "cold", { steps: 200, until: 70 }, key(11));
  pinned("lib-ising-checkpoint", encodeIsingCheckpoint(pausedIsing.checkpoint!, 20));
  pinned(
    "lib-ising-resumed",
    runIsing(isingSampler(isingLattice(8), [2.2]), "cold", { steps: 200, resume: pausedIsing.checkpoint! }, key(11)),
  );
  tf.dispose([x0, y0]);
  releaseGraph(graph);
});

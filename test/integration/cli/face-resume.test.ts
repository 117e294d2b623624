/**
 * Checkpoints written before the samplers' faces were unified (issue 22) still resume to the same numbers:
 * test/fixtures/face/resume-{sample,ising}/ hold an `emtd run` directory (config.json, checkpoint.json) paused by the
 * code of that time, and lib-{run,ising}-checkpoint.json the library encodings of paused runs. Resuming each must
 * give the pinned uninterrupted results (run-*.json, lib-*-resumed.json) bit for bit. Issue 72's one generator moved
 * every draw once, and a checkpoint holds no generator state (the draws are counted by step), so the fixtures were
 * paused again by that code (`emtd run` stopped by Ctrl-C after its first checkpoint); the format is the same.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { run } from "../../../src/dynamics/run";
import { mala } from "../../../src/dynamics/gradient";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { key, normal } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import {
  decodeIsingCheckpoint,
  decodeRunCheckpoint,
  type EncodedIsingCheckpoint,
  type EncodedRunCheckpoint,
} from "../../../src/runs/encode";
import { asOneFieldRun } from "../../face-shapes";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { runIsing } from "../../../src/spin/ising/ising-run";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");
const DIR = path.resolve(TEST_DIR, "../../test/fixtures/face");

/** The canonical JSON text of test/integration/cli/face-fixtures.test.ts. */
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

const fixture = (name: string): string => fs.readFileSync(path.join(DIR, `${name}.json`), "utf8");

test("emtd run resumes a checkpoint.json written before the refactor to the uninterrupted numbers", () => {
  for (const [dir, pinned] of [
    ["resume-sample", "run-sample"],
    ["resume-ising", "run-ising"],
  ] as const) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-face-resume-"));
    for (const f of ["config.json", "checkpoint.json"]) fs.copyFileSync(path.join(DIR, dir, f), path.join(out, f));
    const r = spawnSync(process.execPath, [BIN, "run", path.join(out, "config.json"), "--out", out, "--no-timing", "--json"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(canonical(JSON.parse(r.stdout)) + "\n", fixture(pinned), `${dir}: resumed result differs from ${pinned}.json`);
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("library checkpoints encoded before the refactor decode and resume to the pinned results", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(20, 4);
  const x0 = normal(key(1), [graph.n, 2]) as tf.Tensor2D;
  const resume = decodeRunCheckpoint(JSON.parse(fixture("lib-run-checkpoint")) as EncodedRunCheckpoint);
  const r = run(mala(interaction(graph), { step: 0.05 }), x0, { steps: 300, burnIn: 60, resume }, key(6));
  const final = r.final.dataSync();
  tf.dispose([x0, r.final]);
  releaseGraph(graph);
  assert.equal(canonical(asOneFieldRun(r, final)) + "\n", fixture("lib-run-resumed"));
  const resumeIsing = decodeIsingCheckpoint(JSON.parse(fixture("lib-ising-checkpoint")) as EncodedIsingCheckpoint);
  const ising = runIsing(isingSampler(isingLattice(8), [2.2]), "cold", { steps: 200, resume: resumeIsing }, key(11));
  assert.equal(canonical(ising) + "\n", fixture("lib-ising-resumed"));
});

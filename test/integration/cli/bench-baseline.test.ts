import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { langevinStepBytes } from "../../../src/bench/bench-langevin";

// Shape of `emtd bench langevin --baseline scipy` only: speed is measured by the benchmarks, never asserted here.
const bin = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const emtd = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

test("emtd bench langevin --baseline scipy runs SciPy on the same graph and reports the bandwidth bound", () => {
  const r = emtd("bench", "langevin", "--graph", "ws:400:6:0.1", "--dim", "2", "--steps", "2", "--baseline", "scipy", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.stencil, false); // a rewired graph: CSR, its index arrays count
  assert.equal(out.minBytesPerStep, 8 * 400 * 2 + 4 * 2 * out.edges + 4 * 401);
  assert.ok(out.copyGBps > 0);
  assert.ok(Math.abs(out.bandwidthBoundMs - out.minBytesPerStep / (out.copyGBps * 1e6)) <= 0.01 * out.bandwidthBoundMs);
  assert.ok(Math.abs(out.fractionOfBandwidth - out.bandwidthBoundMs / out.msPerStep) <= 0.02 * out.fractionOfBandwidth);
  if (existsSync("/usr/bin/python3")) {
    assert.equal(typeof out.scipy, "object", "SciPy ran (python3-scipy is a Debian dependency of the checks)");
    assert.ok(out.scipyMsPerStep > 0 && out.scipyOverFused > 0);
  }
  const bad = emtd("bench", "langevin", "--baseline", "numpy");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--baseline/);
});

test("the ring lattice's bound counts x and x′ only (stencil); CSR graphs add columns and row pointers", () => {
  assert.equal(langevinStepBytes(100000, 1000000, 2, true), 1_600_000);
  assert.equal(langevinStepBytes(100000, 1000000, 2, false), 1_600_000 + 4_000_000 + 400_004);
  assert.equal(langevinStepBytes(10, 40, 3, false), 240 + 160 + 44);
});

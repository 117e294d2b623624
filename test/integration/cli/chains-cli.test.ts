import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// The shape of `emtd sample --chains` and `emtd bench langevin --chains` (speed is never asserted in tests).
const bin = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const emtd = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, EMTD_BACKEND: "cpu" } });

test("emtd sample --chains R keeps the contract's fields (pooled) and adds per-chain estimates; deterministic", () => {
  const args = ["sample", "--graph", "ring:20:4", "--integrator", "mala", "--chains", "3", "--steps", "200", "--step", "0.05", "--json"];
  const r = emtd(...args);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const field of ["meanEnergy", "energyMcse", "energyEss", "acceptance"]) assert.equal(typeof out[field], "number", field);
  assert.equal(out.chains, 3);
  assert.equal(out.perChain.length, 3);
  assert.equal(out.meanEnergy, out.pooled.meanEnergy);
  const mean = out.perChain.reduce((s: number, c: { meanEnergy: number }) => s + c.meanEnergy, 0) / 3;
  assert.ok(Math.abs(out.meanEnergy - mean) < 1e-9 * Math.abs(mean));
  const again = JSON.parse(emtd(...args).stdout);
  delete out.timing;
  delete again.timing;
  assert.deepEqual(again, out);
  const bad = emtd("sample", "--integrator", "gradient-flow", "--chains", "2");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--chains above 1 needs --integrator one of ula, mala, metropolis \(got gradient-flow\)/);
  assert.equal(
    bad.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("npm warn")).length,
    1,
  );
});

test("emtd bench langevin --integrator mala --chains R reports msPerStep for the batch beside one chain", () => {
  const r = emtd("bench", "langevin", "--graph", "ring:50:4", "--integrator", "mala", "--chains", "4", "--steps", "3", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.command, "bench langevin");
  assert.equal(out.chains, 4);
  assert.equal(out.integrator, "mala");
  for (const field of ["msPerStep", "oneChainMsPerStep", "batchOverOneChain"])
    assert.ok(typeof out[field] === "number" && out[field] > 0, field);
});

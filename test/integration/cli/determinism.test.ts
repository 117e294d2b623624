/** One seed, one byte sequence: `--json --no-timing` output is identical across processes, and records the version. */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RUNS: string[][] = [
  ["sample", "--graph", "ring:30:4", "--steps", "300", "--integrator", "mala"],
  ["sample", "--graph", "ws:40:4:0.2", "--steps", "60", "--integrator", "metropolis"],
  ["ising", "--size", "6", "--sweeps", "120"],
  ["reference", "--nodes", "30", "--runs", "5"],
  ["reference", "--nodes", "20", "--runs", "3", "--implementation", "tensor", "--backend", "cpu"],
];

test("same seed → byte-identical --json --no-timing; timing lives only in the timing object; version recorded", () => {
  for (const args of RUNS) {
    const a = emtd(...args, "--seed", "4", "--json", "--no-timing");
    const b = emtd(...args, "--seed", "4", "--json", "--no-timing");
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout, args.join(" "));
    const parsed = JSON.parse(a.stdout);
    assert.equal(parsed.version, VERSION);
    assert.equal("timing" in parsed, false);
    assert.equal(/"seconds"/.test(a.stdout), false, `${args[0]} leaks wall-clock seconds outside timing`);
    const timed = JSON.parse(emtd(...args, "--seed", "4", "--json").stdout);
    assert.equal(typeof timed.timing.seconds, "number");
    delete timed.timing;
    assert.deepEqual(timed, parsed);
  }
});

test("emtd --version prints package.json's version", () => {
  const r = emtd("--version");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${VERSION}\n`);
});

/**
 * Issue 13's failure list, each as a check: impossible sizes refused before allocating (with the estimate and the
 * limit), valid extreme input giving results instead of internal errors, options that were accepted and ignored
 * now refused, help that works the way users type it, and a user's own error after ready() reported as theirs.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { graphFromSpec } from "../../../src/graph/spec";
import { key } from "../../../src/engine/random";
import { ArgumentError, ResourceError } from "../../../src/errors";
import { onsagerEnergy, yangMagnetization, correlationLength } from "../../../src/spin/ising/ising-exact";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");

function emtd(...args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

function oneLine(r: { stderr: string }) {
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test("requests that cannot fit are refused before allocating, naming the estimate and the limit", () => {
  const cases: [string[], RegExp][] = [
    [["sample", "--graph", "complete:200000"], /at most 2\^24 = 16777216 edges for complete .*about 19999900000/],
    [
      // a structured ring reads no edge arrays: its budget is the field
      ["sample", "--graph", "ring:1000000000:2"],
      /a field of 1000000000×2 and 9000 kept energies needs about [\d.]+ GiB but the limit is [\d.]+ GiB/,
    ],
    [["sample", "--graph", "er:100000:0.5"], /at most 2\^24/],
    [["sample", "--graph", "torus:50000"], /at most 2147483647 nodes/],
    [
      ["sample", "--graph", "ring:10000000:2", "--dim", "4096"],
      /a field of 10000000×4096 and 9000 kept energies needs about .* GiB but the limit is/,
    ],
    [["ising", "--size", "4096", "--replicas", "4096"], /68719476736 spins .* needs about .* but the limit is/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    oneLine(r);
  }
  // The library refuses with typed errors carrying the numbers.
  assert.throws(
    () => graphFromSpec("ring:1000000000:2", key(0)),
    (e: unknown) => e instanceof ResourceError && e.estimateBytes > e.limitBytes,
  );
  assert.throws(() => graphFromSpec("complete:200000", key(0)), ArgumentError);
});

test("ising at T = 0.001 is a frozen lattice (e = −2, |m| = 1), not an elliptic-integral error", () => {
  for (const t of [1e-300, 1e-3, 0.01]) {
    assert.equal(onsagerEnergy(t), -2);
    assert.equal(yangMagnetization(t), 1);
    assert.ok(correlationLength(t) >= 0 && correlationLength(t) < 1e-2);
  }
  const r = emtd("ising", "--size", "8", "--temperature", "0.001", "--sweeps", "40", "--json");
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.energyPerSpin, -2);
  assert.equal(out.absMagnetization, 1);
  assert.equal(out.exact.onsagerEnergyPerSpin, -2);
});

test("ranges that follow from other options are stated correctly", () => {
  const r = emtd("ising", "--sweeps", "2");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--sweeps must be an integer in \[4, 1000000000\] \(got "2"\)/);
  const b = emtd("ising", "--sweeps", "10", "--burn-in", "8");
  assert.equal(b.code, 2);
  assert.match(b.stderr, /--burn-in must be an integer in \[0, 6\]/);
});

// notebooks --seed and run --seed are taken since issue 25 (test/integration/jupyter/parameters.test.ts).
test("options that would be ignored are refused: bench --no-timing", () => {
  for (const args of [["bench", "langevin", "--no-timing"]]) {
    const r = emtd(...args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, /unknown option --no-timing/);
    oneLine(r);
  }
});

test("help: `emtd help sample`, `-h` after a subcommand, one option per line, the default stated once", () => {
  const viaHelp = emtd("help", "sample");
  assert.equal(viaHelp.code, 0);
  assert.match(viaHelp.stdout, /^usage: emtd sample/);
  assert.equal(emtd("sample", "-h").stdout, viaHelp.stdout);
  assert.equal(emtd("sample", "--help").stdout, viaHelp.stdout);
  const bad = emtd("help", "frobnicate");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /emtd help: command must be one of/);
  for (const name of ["sample", "ising", "reference", "run", "bench", "notebooks"]) {
    const text = emtd("help", name).stdout;
    for (const line of text.split("\n").filter((l) => /^\s+--/.test(l))) {
      // "<a|b|c>description" would mean the value list ran into the description.
      assert.doesNotMatch(line, />[A-Za-z]/, `${name}: ${line}`);
      assert.ok((line.match(/\bdefault\b/g) ?? []).length <= 1, `${name}: default repeated: ${line}`);
    }
  }
});

test("a user's own error after `await ready()` is not reported as a tfjs-backend-wasm crash (exit 1, not 7)", () => {
  const script = `const { ready } = require(${JSON.stringify(path.join(ROOT, "dist/src/index.js"))});
    (async () => { await ready({ backend: "wasm" }); throw new Error("my own error"); })();`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /my own error/);
  assert.doesNotMatch(r.stderr, /tf-backend-wasm/);
});

test("progress: --progress reports on stderr for sample, ising and reference and leaves stdout's JSON unchanged; without it a pipe stays quiet", () => {
  for (const args of [
    ["sample", "--graph", "ring:30:4", "--steps", "600"],
    ["ising", "--size", "8", "--sweeps", "300"],
    ["reference", "--nodes", "40", "--runs", "30"],
  ]) {
    const quiet = emtd(...args, "--json", "--no-timing");
    const loud = emtd(...args, "--json", "--no-timing", "--progress");
    assert.equal(quiet.stderr, "", args.join(" "));
    assert.equal(loud.stdout, quiet.stdout, args.join(" "));
    assert.match(loud.stderr, new RegExp(`^emtd ${args[0]}: \\d+/\\d+ \\([\\d.]+ %\\)`, "m"));
  }
});

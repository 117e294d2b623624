import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("emtd sample --json prints one JSON object with the contract's fields", () => {
  const r = emtd(
    "sample",
    "--graph",
    "ring:20:4",
    "--dim",
    "1",
    "--temperature",
    "0.5",
    "--steps",
    "400",
    "--burn-in",
    "100",
    "--seed",
    "3",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const out = JSON.parse(r.stdout);
  for (const field of ["meanEnergy", "acceptance", "energyMcse", "step", "steps", "burnIn", "seed", "backend"])
    assert.ok(field in out, field);
  assert.equal(out.reference.equipartition, (19 * 0.5) / 2);
  assert.equal(r.stdout.trim().split("\n").length, 1);
  // Same seed, same numbers.
  assert.equal(
    JSON.parse(
      emtd(
        "sample",
        "--graph",
        "ring:20:4",
        "--dim",
        "1",
        "--temperature",
        "0.5",
        "--steps",
        "400",
        "--burn-in",
        "100",
        "--seed",
        "3",
        "--json",
      ).stdout,
    ).meanEnergy,
    out.meanEnergy,
  );
});

test("bad input: one line on stderr naming the argument and the accepted range, exit 2", () => {
  const cases: [string[], RegExp][] = [
    [["sample", "--dim", "0"], /--dim must be an integer in \[1, 4096\]/],
    [["sample", "--temperature", "-1"], /--temperature must be a number in \[2\^-100, ∞\)/],
    [["sample", "--integrator", "hmc"], /--integrator must be one of ula, mala, metropolis, gradient-flow/],
    [["sample", "--graph", "grid:5"], /graph must be one of ring:N:k/],
    [["sample", "--graph", "ring:10:3"], /k must be an even integer/],
    [["sample", "--steps", "10", "--burn-in", "10"], /--burn-in must be an integer in \[0, 6\]/],
    [["sample", "--seed", "1.5"], /--seed must be an integer/],
    [["sample", "--bogus"], /unknown option --bogus \(see emtd sample --help\)/],
    [["sample", "--backend", "gpu"], /--backend must be one of tensorflow, wasm, cpu/],
    [["frobnicate"], /command must be one of sample/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr, pattern, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
  }
});

test("EMTD_BACKEND selects the backend; an unknown one is a clear error", () => {
  const ok = spawnSync(process.execPath, [BIN, "sample", "--graph", "ring:10:2", "--steps", "20", "--json"], {
    encoding: "utf8",
    env: { ...process.env, EMTD_BACKEND: "cpu" },
  });
  assert.equal(JSON.parse(ok.stdout).backend, "cpu");
  const bad = spawnSync(process.execPath, [BIN, "sample", "--steps", "20"], {
    encoding: "utf8",
    env: { ...process.env, EMTD_BACKEND: "metal" },
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /backend must be one of tensorflow, wasm, cpu, webgpu \(got "metal"\)/);
});

test("--help lists every option with its default", () => {
  const r = emtd("sample", "--help");
  assert.equal(r.code, 0);
  for (const option of [
    "--graph",
    "--dim",
    "--temperature",
    "--integrator",
    "--step",
    "--steps",
    "--burn-in",
    "--seed",
    "--json",
    "--help",
  ]) {
    assert.ok(r.stdout.includes(option), option);
  }
});

test("docs/cli.md's first simulation, as written: MALA on ring:200:10 at T = 0.7 gives ⟨H⟩ ≈ 139.3 (equipartition) in under a minute", () => {
  const page = readFileSync(path.join(path.resolve(TEST_DIR, "../.."), "docs", "cli.md"), "utf8");
  const line = /^npx emtd (sample --graph ring:200:10 .*?)\s*(#.*)?$/m.exec(page);
  assert.ok(line, "docs/cli.md gives the first simulation in a sh block");
  const r = emtd(...line[1]!.split(/\s+/), "--json");
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const exact = 139.3;
  assert.ok(Math.abs(out.meanEnergy - exact) < 4 * out.energyMcse, `⟨H⟩ = ${out.meanEnergy} ± ${out.energyMcse}`);
  assert.ok(Math.abs(out.meanEnergy / exact - 1) < 0.03);
  assert.equal(out.step, 0.005);
  assert.equal(out.adapted, false);
});

import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { join } from "node:path";

// `emtd sample --chains R` diagnostics and `--target-mcse` (cli/sample-diagnostics), on small graphs with fixed seeds.
const bin = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const emtd = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, EMTD_BACKEND: "cpu" }, timeout: 300_000 });
const stderrLines = (s: string) =>
  s
    .trim()
    .split("\n")
    .filter((l) => l && !l.startsWith("npm warn"));

test("emtd sample --chains 4 --json reports R̂, bulk and tail ESS of H and of each channel's mean field, with warnings", () => {
  // The step adapts during burn-in (to ≈ 0.05, acceptance ≈ 0.57).
  const args = [
    "sample",
    "--graph",
    "ring:12:4",
    "--dim",
    "2",
    "--chains",
    "4",
    "--steps",
    "1500",
    "--burn-in",
    "300",
    "--seed",
    "1",
    "--json",
  ];
  const r = emtd(...args);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out.diagnostics), ["energy", "meanField0", "meanField1"]);
  for (const d of Object.values(out.diagnostics) as Record<string, number>[]) {
    for (const k of ["rhat", "essBulk", "essTail", "mean", "mcse"]) assert.ok(Number.isFinite(d[k]), k);
  }
  // The contract's fields are still there, with the pooled estimate.
  for (const field of ["meanEnergy", "energyMcse", "energyEss", "acceptance", "perChain", "pooled"]) assert.ok(field in out, field);
  assert.equal(out.steps, 1500);
  assert.equal(out.target, undefined);
  // H mixes here; the mean field cannot (H ignores a common shift) and the output says why.
  assert.ok(out.diagnostics.energy.rhat < 1.05, String(out.diagnostics.energy.rhat));
  assert.ok(out.diagnostics.meanField0.rhat > 1.01);
  assert.ok(out.warnings.some((w: string) => w.startsWith("meanField0: R̂ = ")));
  assert.ok(out.warnings.some((w: string) => w.startsWith("the mean-field warnings are expected here")));
  const again = JSON.parse(emtd(...args).stdout);
  delete out.timing;
  delete again.timing;
  assert.deepEqual(again, out);
  // Human output: the table.
  const text = emtd(...args.slice(0, -1)).stdout;
  assert.match(text, /R̂ {2}bulk ESS {2}tail ESS {2}\(4 chains; Vehtari et al\. 2021\)/);
  assert.match(text, /\n {2}energy +\d\.\d{3} +\d+ +\d+\n {2}meanField0 /);
});

test("emtd sample --chains 2 warns that 2 chains are too few; one chain reports no diagnostics", () => {
  const two = JSON.parse(
    emtd("sample", "--graph", "ring:12:4", "--dim", "1", "--chains", "2", "--steps", "300", "--step", "0.1", "--json").stdout,
  );
  assert.ok(two.warnings.some((w: string) => w.startsWith("only 2 chains: R̂ detects chains that disagree reliably from 4 chains on")));
  const one = JSON.parse(emtd("sample", "--graph", "ring:12:4", "--steps", "100", "--json").stdout);
  assert.equal(one.diagnostics, undefined);
});

test("emtd sample --target-mcse samples until the MCSE of ⟨H⟩ and R̂ meet it, with progress on stderr", () => {
  const r = emtd(
    ...["sample", "--graph", "ring:12:4", "--dim", "1", "--chains", "4", "--steps", "400", "--burn-in", "100", "--step", "0.1"],
    ...["--seed", "2", "--target-mcse", "0.08", "--progress", "--json"],
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.target.reached, true, JSON.stringify(out.target));
  assert.equal(out.target.mcse, 0.08);
  assert.equal(out.target.maxSteps, 4000); // 10 × --steps
  assert.ok(out.target.segments > 1 && out.steps === out.target.steps && out.steps > 400);
  assert.ok(out.energyMcse <= 0.08 && out.diagnostics.energy.mcse <= 0.08 && out.diagnostics.energy.rhat <= 1.01);
  // ⟨H⟩ within 3 MCSE of equipartition (N − 1)·d·T/2 = 5.5.
  assert.ok(Math.abs(out.meanEnergy - 5.5) < 3 * out.target.achievedMcse, `${out.meanEnergy} ± ${out.target.achievedMcse}`);
  const progress = stderrLines(r.stderr);
  assert.equal(progress.length, out.target.segments);
  assert.match(progress[0]!, /^emtd sample: 400\/4000 steps · ⟨H⟩ = \S+ ± \S+ \(target 0\.08\) · R̂ \d\.\d{4}; \d+ more steps$/);
  assert.match(progress.at(-1)!, new RegExp(`^emtd sample: ${out.steps}/4000 steps .*R̂ \\d\\.\\d{4}$`));
});

test("emtd sample --target-mcse stops at --max-steps and says so; bad values are one line and exit 2", () => {
  const base = ["sample", "--graph", "ring:12:4", "--dim", "1", "--chains", "4", "--steps", "200", "--step", "0.1"];
  const capped = emtd(...base, "--target-mcse", "0.0001", "--max-steps", "500", "--json");
  assert.equal(capped.status, 0, capped.stderr);
  const out = JSON.parse(capped.stdout);
  assert.equal(out.target.reached, false);
  assert.equal(out.steps, 500);
  assert.ok(out.warnings.some((w: string) => /^the target was not reached within --max-steps 500 steps: MCSE of ⟨H⟩ /.test(w)));
  const text = emtd(...base, "--target-mcse", "0.0001", "--max-steps", "500").stdout;
  assert.match(text, /target MCSE 0\.0001 of ⟨H⟩ NOT reached within --max-steps 500/);
  for (const [args, message] of [
    [["--target-mcse", "0"], /^emtd sample: --target-mcse must be a number in \(0, ∞\) \(got "0"\)$/],
    [["--target-mcse", "-1"], /--target-mcse must be a number in \(0, ∞\)/],
    [
      ["--target-mcse", "0.1", "--max-steps", "100"],
      /^emtd sample: --max-steps must be an integer in \[200, 1e9\], at least --steps \(got 100\)$/,
    ],
    [["--max-steps", "300"], /^emtd sample: --max-steps applies only with --target-mcse/],
    [["--target-mcse", "0.1", "--chains", "1"], /^emtd sample: --target-mcse needs --chains 2 or more/],
  ] as const) {
    const bad = emtd(...base, ...args);
    assert.equal(bad.status, 2, `${args.join(" ")}: ${bad.stderr}`);
    const lines = stderrLines(bad.stderr);
    assert.equal(lines.length, 1, bad.stderr);
    assert.match(lines[0]!, message);
  }
});

test("emtd run of a sample config with chains and targetMcse writes the diagnostics and the target", () => {
  const dir = fs.mkdtempSync(join(os.tmpdir(), "emtd-diagnostics-"));
  const config = join(dir, "config.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      command: "sample",
      graph: "ring:12:4",
      dim: 1,
      chains: 4,
      steps: 200,
      step: 0.1,
      targetMcse: 0.5,
      maxSteps: 400,
      seed: 3,
    }),
  );
  const r = emtd("run", config, "--out", join(dir, "out"), "--json");
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(fs.readFileSync(join(dir, "out", "result.json"), "utf8"));
  assert.equal(typeof result.diagnostics.energy.rhat, "number");
  assert.equal(result.target.mcse, 0.5);
  assert.equal(result.target.maxSteps, 400);
  fs.rmSync(dir, { recursive: true, force: true });
});

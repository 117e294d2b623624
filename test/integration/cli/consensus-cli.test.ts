import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("emtd consensus --json: the contract's fields, deterministic, plain consensus with --faulty 0", () => {
  const args = ["consensus", "--graph", "ring:30:4", "--faulty", "0", "--rule", "mean", "--tolerance", "1e-4", "--seed", "2", "--json"];
  const r = emtd(...args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout.trim().split("\n").length, 1);
  const out = JSON.parse(r.stdout);
  for (const field of [
    "honestMin",
    "honestMax",
    "honestSpread",
    "honestMean",
    "initialHonestMin",
    "initialHonestMax",
    "rounds",
    "converged",
    "faulty",
    "rule",
  ])
    assert.ok(field in out, field);
  assert.equal(out.faulty, 0);
  assert.equal(out.rule, "mean");
  assert.equal(out.converged, true);
  assert.ok(out.honestSpread < 1e-4);
  // Averaging conserves the mean: the consensus value is the initial mean.
  assert.ok(Math.abs(out.honestMean - out.initialHonestMean) < 1e-12);
  assert.ok(out.initialHonestMin >= 0 && out.initialHonestMax < 1);
  assert.equal(emtd(...args).stdout, r.stdout);
});

test("emtd consensus: a stubborn node captures averaging, W-MSR stays in the hull, Sybil identities are added", () => {
  const mean = JSON.parse(
    emtd(
      "consensus",
      "--graph",
      "complete:13",
      "--faulty",
      "3",
      "--fault",
      "stubborn",
      "--fault-value",
      "5",
      "--rule",
      "mean",
      "--tolerance",
      "0",
      "--rounds",
      "400",
      "--json",
    ).stdout,
  );
  assert.ok(Math.abs(mean.honestMean - 5) < 1e-9, String(mean.honestMean));
  const wmsr = JSON.parse(
    emtd("consensus", "--graph", "complete:13", "--faulty", "3", "--fault", "adversarial", "--rule", "wmsr", "--json").stdout,
  );
  assert.equal(wmsr.trim, 3);
  assert.ok(wmsr.honestMin >= wmsr.initialHonestMin && wmsr.honestMax <= wmsr.initialHonestMax);
  const sybil = JSON.parse(
    emtd("consensus", "--graph", "complete:10", "--faulty", "4", "--fault", "sybil", "--sybil-links", "2", "--rule", "median", "--json")
      .stdout,
  );
  assert.equal(sybil.nodes, 14);
  assert.equal(sybil.honest, 10);
});

test("emtd consensus bad input: one line naming the argument and the range, exit 2", () => {
  const cases: [string[], RegExp][] = [
    [["consensus", "--faulty", "13"], /--faulty must be an integer in \[0, 12\]/],
    [["consensus", "--faulty", "-1"], /--faulty must be an integer in \[0, 1000000\]/],
    [["consensus", "--fault", "byzantine"], /--fault must be one of stubborn, noise, adversarial, sybil/],
    [["consensus", "--rule", "vote"], /--rule must be one of mean, median, huber, trimmed, wmsr/],
    [["consensus", "--tolerance", "-1"], /--tolerance must be a number in \[0, ∞\)/],
    [["consensus", "--rounds", "1.5"], /--rounds must be an integer/],
    [["consensus", "--fault-value", "x"], /--fault-value must be a number/],
    [["consensus", "--graph", "grid:3"], /graph must be one of ring:N:k/],
    [["consensus", "--fault", "sybil", "--graph", "complete:5", "--sybil-links", "6"], /--sybil-links must be an integer in \[1, 5\]/],
    [["consensus", "--delta", "0"], /--delta must be a number in \(0, ∞\)/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr, pattern, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.equal(r.stdout, "");
  }
});

test("emtd consensus --help says which nodes are faulty", () => {
  const r = emtd("consensus", "--help");
  assert.equal(r.code, 0);
  assert.match(r.stdout, /faulty nodes are node ids 0 … F−1/);
  assert.match(r.stdout, /--trim/);
});

test("emtd consensus --help: every option's help is separated from its placeholder, even a long choice list", () => {
  const r = emtd("consensus", "--help");
  assert.equal(r.code, 0, r.stderr);
  const fault = r.stdout.split("\n").findIndex((l) => l.startsWith("  --fault <"));
  assert.ok(fault >= 0);
  assert.match(r.stdout.split("\n")[fault]!, /sybil>$/, "the placeholder ends its line");
  assert.match(r.stdout.split("\n")[fault + 1]!, /^ {40}stubborn: holds V/);
  for (const line of r.stdout.split("\n")) assert.doesNotMatch(line, />[A-Za-z]/, `glued: ${line}`);
});

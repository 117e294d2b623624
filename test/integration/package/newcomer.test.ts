/**
 * What confused a newcomer (issue 25, item 7), each checked where it is printed: ξ = ∞ at T_c rather than 4.5e15,
 * a consensus that did not converge says by how much, hopfield's time is labelled, `figures --help` lists the ids,
 * `run --help` names CONFIG, a spec string passed as a graph is named as such, and a program that forgot
 * `await ready()` is told so once (and gets no tfjs-node advert).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { correlationLength, CRITICAL_TEMPERATURE } from "../../../src/spin/ising/ising-exact";
import { interaction } from "../../../src/hamiltonian/interaction";
import { FIGURES } from "../../../src/figures/registry";
import { ArgumentError } from "../../../src/errors";
import type { Graph } from "../../../src/graph/graph";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("ξ at T_c is infinite, not the float64 rounding 4.5e15; emtd ising at its default temperature prints ξ = ∞", () => {
  assert.equal(correlationLength(CRITICAL_TEMPERATURE), Infinity);
  // Off T_c it stays finite and large, growing as |T − T_c|⁻¹ (ν = 1): ξ(T_c ± δ)·δ tends to a constant.
  for (const delta of [1e-3, 1e-6]) assert.ok(Number.isFinite(correlationLength(CRITICAL_TEMPERATURE + delta)));
  const r = emtd("ising", "--size", "8", "--sweeps", "50");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /ξ = ∞,/);
  assert.doesNotMatch(r.stdout, /4503599627370496/);
});

test("emtd consensus that did not converge says in how many rounds and by how much; converged names the tolerance", () => {
  const stuck = emtd("consensus", "--rounds", "3");
  assert.equal(stuck.code, 0, stuck.stderr);
  assert.match(stuck.stdout, /not converged in 3 rounds \(spread [\d.]+e-?\d+ ≥ tolerance 1e-6\)/);
  assert.doesNotMatch(stuck.stdout, /not converged \(spread </);
  assert.match(emtd("consensus").stdout, /^converged \(spread < 1e-6\)/m);
});

test("emtd hopfield labels its time; figures --help lists every figure id; run --help names CONFIG", () => {
  const h = emtd("hopfield", "--trials", "2");
  assert.match(h.stdout, /^wall time [\d.]+ s$/m);
  assert.doesNotMatch(emtd("hopfield", "--trials", "2", "--no-timing").stdout, /wall time/);
  const f = emtd("figures", "--help").stdout;
  for (const figure of FIGURES) assert.ok(f.includes(figure.id), figure.id);
  const run = emtd("run", "--help").stdout;
  assert.match(run, /^usage: emtd run CONFIG\.json --out DIR \[options\]/);
  assert.match(run, /^ {2}CONFIG\.json +path of the JSON config/m);
});

test("interaction(spec string) from plain JavaScript says a Graph was expected and how to make one", () => {
  assert.throws(
    () => interaction("ring:50:4" as unknown as Graph),
    (e: unknown) => e instanceof ArgumentError && /graph must be a Graph .*graphFromSpec\("ring:50:4", key\)/.test(e.message),
  );
  assert.throws(() => interaction(undefined as unknown as Graph), /graph must be a Graph/);
});

test("a program that forgets `await ready()` is told once on stderr, without tfjs's tfjs-node advert", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-noready-"));
  const file = path.join(dir, "forgot.js");
  fs.writeFileSync(
    file,
    [
      `const { key, split, graphFromSpec, interaction, mala, run, tf } = require(${JSON.stringify(path.join(ROOT, "dist/src/index.js"))});`,
      `const [a, b] = split(key(1));`,
      `const H = interaction(graphFromSpec("ring:20:2", a));`,
      `for (let i = 0; i < 2; i++) run(mala(H, { step: 0.05 }), tf.zeros([20, 1]), { steps: 20 }, b).final.dispose();`,
    ].join("\n"),
  );
  const r = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 120_000, env: { ...process.env, EMTD_BACKEND: "" } });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /tfjs-node/);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^emtd\/dynamics\/run: `await ready\(\)` was not called, so tfjs chose its cpu backend \(slow\)/);
  fs.rmSync(dir, { recursive: true });
});

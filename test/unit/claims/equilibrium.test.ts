/**
 * Equilibrium checked before a chain's mean decides a cell (issue 51 item 2): under a variant's own ℋ a second chain
 * starts at the variant's minimiser, and a cell whose two chains disagree (R̂ above its limit, or their means apart)
 * is inconclusive with why, never holds or fails; the proposal's chains are compared with the exact law instead, and
 * run as before.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, uniformSource } from "../../../src/engine/random";
import { defineTerm } from "../../../src/hamiltonian/term";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { repairMechanism } from "../../../src/claims/machinery/measure";
import { chainsDisagree } from "../../../src/claims/machinery/decide";
import { MEAN_GAP_LIMIT, minimiserFrom, ownLaw, RHAT_LIMIT, twoChainRhat, twoChains } from "../../../src/claims/machinery/equilibrium";

const quarticOnSite = defineTerm({ name: "quartic", energy: (psi) => tf.tidy(() => tf.mul(0.1, tf.sum(tf.pow(psi, 4))) as tf.Scalar) });

test("ownLaw: a variant that replaces the interaction or adds terms has its own law; the proposal and an integrator repair do not", () => {
  assert.equal(ownLaw(PROPOSAL), false);
  assert.equal(ownLaw(repairMechanism("mala")), false);
  assert.equal(ownLaw(mechanismOf({ name: "quartic", terms: () => [quarticOnSite] })), true);
});

test("twoChainRhat: two chains of one law agree; a chain stuck elsewhere is far above the limit (cut to the shorter chain)", () => {
  const u = uniformSource(key(5));
  const draws = (n: number, shift: number) => Array.from({ length: n }, () => shift + u() + u() + u());
  const agree = twoChainRhat(draws(3000, 0), draws(2500, 0));
  assert.ok(agree > 0.99 && agree < 1.01, `${agree}`);
  const apart = twoChainRhat(draws(3000, 0), draws(3000, 0.5));
  assert.ok(apart > RHAT_LIMIT, `${apart}`);
});

test("twoChains: chains of one law agree; chains whose means stand 6 standard errors apart disagree though their R̂ passes", () => {
  const u = uniformSource(key(6));
  // Sums of three uniforms: sd 0.5, so 20 000 draws put each mean's SE at 0.0035 and the gap's at 0.005.
  const draws = (n: number, shift: number) => Array.from({ length: n }, () => shift + u() + u() + u());
  const same = twoChains(draws(20_000, 0), draws(20_000, 0));
  assert.ok(same.agree && Math.abs(same.meanGap) < 3 && same.why === null, JSON.stringify(same));
  const apart = twoChains(draws(20_000, 0), draws(20_000, 0.03));
  assert.ok(apart.rhat <= RHAT_LIMIT, `R̂ alone would pass: ${apart.rhat}`);
  assert.ok(!apart.agree && Math.abs(apart.meanGap) > MEAN_GAP_LIMIT, JSON.stringify(apart));
  assert.match(apart.why!, /standard errors apart/);
  const stuck = twoChains(draws(3000, 0), draws(3000, 0.5));
  assert.ok(!stuck.agree && /^R̂ = /.test(stuck.why!), JSON.stringify(stuck));
});

test("minimiserFrom: the variant's minimiser from a disagreeing start (a descent to its gradient criterion)", async () => {
  await ready({ backend: "wasm" });
  const start = tf.tensor2d([
    [1.5, -0.5],
    [-2, 0.25],
    [0.75, 1],
  ]);
  const m = minimiserFrom(quarticOnSite, start);
  // 0.1·Σψ⁴ alone has its minimum at 0; its descent ends within a few 10⁻² of it (a quartic's flat bottom).
  assert.ok(
    (m.arraySync() as number[][]).flat().every((x) => Math.abs(x) < 0.1),
    JSON.stringify(m.arraySync()),
  );
  tf.dispose([start, m]);
});

test("minimiserFrom: the lowest of descents from the start and from consensus fields: the cubic + quartic's well, not its inflection at 0", async () => {
  await ready({ backend: "wasm" });
  // a·ψ³ + b·ψ⁴ per entry (issue 51: a = 0.05, b = 0.1): a descent from a disagreeing field stops near ψ = 0, where
  // ∇ℋ ∝ ψ²; the well is at ψ = −3a/4b = −0.375, where each entry holds −6.59·10⁻⁴.
  const cubicQuartic = defineTerm({
    name: "cubic-quartic",
    energy: (psi) => tf.tidy(() => tf.add(tf.mul(0.05, tf.sum(tf.pow(psi, 3))), tf.mul(0.1, tf.sum(tf.pow(psi, 4)))) as tf.Scalar),
  });
  const start = tf.tensor2d([
    [0.3, -0.2],
    [0.1, 0.25],
    [-0.15, 0.2],
  ]);
  const m = minimiserFrom(cubicQuartic, start);
  const values = (m.arraySync() as number[][]).flat();
  assert.ok(
    values.every((x) => Math.abs(x + 0.375) < 0.01),
    JSON.stringify(values),
  );
  tf.dispose([start, m]);
});

test("chainsDisagree: inconclusive with why, the estimate's MDE against the rule's margin, and no run count", () => {
  const r = chainsDisagree("x: the chains disagree (R̂ = 1.4 > 1.1)", [], { se: 0.1, margin: 0.3 });
  assert.equal(r.verdict, "inconclusive");
  assert.ok(Math.abs(r.finding.mde! - 0.28016) < 1e-4 && r.finding.margin === 0.3);
  assert.equal(r.finding.runsToDecide, undefined);
  assert.match(r.finding.text, /R̂ = 1\.4/);
});

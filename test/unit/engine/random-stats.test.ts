import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, seedOf, split, uniformSource } from "../../../src/engine/random";
import { autocorrelation, effectiveSampleSize, estimateMean } from "../../../src/stats/ess";
import { landauerJoulesPerBit } from "../../../src/analysis/gaussian-exact";
import { ArgumentError } from "../../../src/errors";

test("keys are deterministic, distinct under fold and split, and reject bad seeds", () => {
  assert.deepEqual(key(1), key(1));
  assert.notDeepEqual(key(1), key(2));
  const seen = new Set<number>();
  for (let t = 0; t < 20000; t++) seen.add(seedOf(fold(key(0), t)));
  assert.equal(seen.size, 20000);
  const [a, b] = split(key(3));
  assert.notDeepEqual(a, b);
  assert.ok(seedOf(key(Number.MAX_SAFE_INTEGER)) <= Number.MAX_SAFE_INTEGER);
  assert.throws(() => key(-1), ArgumentError);
  assert.throws(() => key(0.5), ArgumentError);
  const u = uniformSource(key(4));
  const v = uniformSource(key(4));
  for (let i = 0; i < 10; i++) assert.equal(u(), v());
});

test("uniform streams from different keys look independent (correlation within 4/√n)", () => {
  const n = 20000;
  const a = uniformSource(fold(key(9), 1));
  const b = uniformSource(fold(key(9), 2));
  let sab = 0;
  for (let i = 0; i < n; i++) sab += (a() - 0.5) * (b() - 0.5);
  const corr = sab / n / (1 / 12);
  assert.ok(Math.abs(corr) < 4 / Math.sqrt(n), `corr ${corr}`);
});

function ar1(phi: number, n: number, seed: number): Float64Array {
  const u = uniformSource(key(seed));
  const x = new Float64Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    prev = phi * prev + Math.sqrt(1 - phi * phi) * g;
    x[i] = prev;
  }
  return x;
}

test("ESS of an AR(1) chain matches n(1 − φ)/(1 + φ); autocorrelation matches φ^k", () => {
  for (const phi of [0, 0.5, 0.9]) {
    const n = 100000;
    const x = ar1(phi, n, 11);
    const expected = (n * (1 - phi)) / (1 + phi);
    const ess = effectiveSampleSize(x);
    assert.ok(Math.abs(ess / expected - 1) < 0.15, `φ=${phi}: ESS ${ess} vs ${expected}`);
    const rho = autocorrelation(x);
    for (const k of [1, 2, 5]) assert.ok(Math.abs(rho[k]! - phi ** k) < 0.02, `φ=${phi} ρ_${k} = ${rho[k]}`);
  }
});

test("MCSE covers the true mean at the nominal rate over independent AR(1) replicas", () => {
  let covered = 0;
  const replicas = 200;
  for (let r = 0; r < replicas; r++) {
    const { mean, mcse } = estimateMean(ar1(0.8, 4000, 1000 + r));
    if (Math.abs(mean) < 1.96 * mcse) covered++;
  }
  // 95% nominal coverage; binomial sd over 200 replicas is 1.5%; allow 4 sd.
  const rate = covered / replicas;
  assert.ok(Math.abs(rate - 0.95) < 4 * Math.sqrt((0.95 * 0.05) / replicas), `coverage ${rate}`);
});

test("Landauer's bound at 300 K is 2.87e-21 J per bit", () => {
  assert.ok(Math.abs(landauerJoulesPerBit(300) - 2.87e-21) < 0.005e-21);
});

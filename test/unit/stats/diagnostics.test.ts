/**
 * R̂ and ESS (src/stats/diagnostics) against exact cases from the formulas and against an independent implementation:
 * test/fixtures/diagnostics/reference.py, array code on numpy/scipy written from the equations of Vehtari et al. (2021)
 * (its docstring states the rule). Its output on the fixed draws (draws.json: AR(1), iid, antithetic, shifted, two
 * modes, Cauchy, ties, a stuck chain, a short odd pair; numpy default_rng(20211)) is committed as expected.json and
 * recomputed live when /usr/bin/python3 has numpy and scipy. When written, reference.py was also checked against
 * ArviZ 0.23.4's own `_rhat_rank`, `_ess_bulk`, `_ess_tail`, `_ess_mean`, `_mcse_mean` on these draws: largest
 * relative difference 4e−16.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  basicRhat,
  diagnose,
  essBulk,
  essMean,
  essQuantile,
  essTail,
  mcseMean,
  multiChainEss,
  rankNormalize,
  rhat,
  splitChains,
} from "../../../src/stats/diagnostics";
import { normalQuantile } from "../../../src/stats/tests";
import { ArgumentError } from "../../../src/errors";
import { key, uniformSource } from "../../../src/engine/random";

const DIR = join(TEST_DIR, "..", "..", "test", "fixtures", "diagnostics");
const PYTHON = "/usr/bin/python3";
type Sets = Record<string, number[][]>;
type Expected = Record<string, { rhat: number; essBulk: number; essTail: number; essMean: number; mcseMean: number }>;
const draws = JSON.parse(readFileSync(join(DIR, "draws.json"), "utf8")) as Sets;

function ours(x: number[][]) {
  return { rhat: rhat(x), essBulk: essBulk(x), essTail: essTail(x), essMean: essMean(x), mcseMean: mcseMean(x) };
}

function agree(expected: Expected, label: string): void {
  assert.deepEqual(Object.keys(expected).sort(), Object.keys(draws).sort());
  for (const [name, x] of Object.entries(draws)) {
    const got = ours(x);
    for (const [k, want] of Object.entries(expected[name]!)) {
      const value = got[k as keyof typeof got];
      assert.ok(
        Math.abs(value - want) <= 1e-6 * Math.abs(want),
        `${name}.${k}: ${value} vs ${label} ${want} (relative ${Math.abs(value - want) / Math.abs(want)})`,
      );
    }
  }
}

test("R̂, bulk/tail ESS, ESS and MCSE of the mean agree with the committed independent implementation to 1e-6", () => {
  agree(JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as Expected, "reference.py (committed)");
});

const havePython =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ["-c", "import numpy, scipy"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

test(
  "… and with reference.py run now on the same draws",
  { skip: havePython ? false : "Debian python3-numpy/python3-scipy not installed" },
  () => {
    const out = execFileSync(PYTHON, [join(DIR, "reference.py")], { input: readFileSync(join(DIR, "draws.json")), encoding: "utf8" });
    agree(JSON.parse(out) as Expected, "reference.py (live)");
  },
);

test("split: first and last ⌊n/2⌋ draws of each chain, the middle of an odd chain dropped", () => {
  assert.deepEqual(
    splitChains([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]).map((c) => Array.from(c)),
    [
      [1, 2],
      [6, 7],
      [4, 5],
      [9, 10],
    ],
  );
});

test("rank normalisation: Φ⁻¹((r − 3/8)/(S + 1/4)) with average ranks for ties", () => {
  const z = rankNormalize([
    [5, 1],
    [5, 9],
  ]);
  // S = 4; ranks: 1 → 1, the two 5s → 2.5, 9 → 4.
  const at = (r: number) => normalQuantile((r - 3 / 8) / 4.25);
  assert.deepEqual(
    z.map((c) => Array.from(c)),
    [
      [at(2.5), at(1)],
      [at(2.5), at(4)],
    ],
  );
});

test("R̂ from the formula: split halves holding the same values give B = 0, so R̂ = √((n' − 1)/n') exactly", () => {
  // Each chain's halves are permutations of one set, so every split chain has the same ranks' mean and variance,
  // folded or not.
  const x = [
    [3, 1, 2, 4, 2, 1, 4, 3],
    [1, 4, 3, 2, 4, 3, 2, 1],
  ];
  assert.ok(Math.abs(rhat(x) - Math.sqrt(3 / 4)) < 1e-12, String(rhat(x)));
  assert.equal(
    basicRhat([
      [1, 2, 3],
      [1, 2, 3],
    ]),
    Math.sqrt(2 / 3),
  );
  // B by hand: chains (0, 2) and (4, 6): W = 2, means 1 and 5 → B = 2·8 = 16, var⁺ = ½·2 + 16/2 = 9, R̂ = √(9/2).
  assert.equal(
    basicRhat([
      [0, 2],
      [4, 6],
    ]),
    Math.sqrt(9 / 2),
  );
});

test("R̂ is large for chains with shifted means and near 1 for mixed chains", () => {
  const u = uniformSource(key(1));
  const chains = Array.from({ length: 4 }, () => Array.from({ length: 1000 }, () => u()));
  const mixed = rhat(chains);
  // Independent draws: R̂ − 1 is O(1/n); Vehtari et al. set 1.01 so that mixed chains of this size pass.
  assert.ok(mixed < 1.01 && mixed > 0.99, String(mixed));
  const shifted = rhat(chains.map((c, m) => (m === 3 ? c.map((x) => x + 1) : c)));
  // One chain one whole range away: its split chains hold ranks no other has, R̂ far above 1.
  assert.ok(shifted > 1.5, String(shifted));
});

test("ESS from the formula: constant draws give S, antithetic ±1 draws hit the cap S·log₁₀ S", () => {
  assert.equal(
    multiChainEss([
      [2, 2, 2, 2],
      [2, 2, 2, 2],
    ]),
    8,
  );
  // Alternating chains: ρ̂_1 < −1, so the first pair P̂_0 ≤ 0 and τ̂ = −1 + ρ̂_0 = 0 → the cap.
  const alternating = [Array.from({ length: 8 }, (_, i) => (i % 2 ? -1 : 1)), Array.from({ length: 8 }, (_, i) => (i % 2 ? 1 : -1))];
  assert.ok(Math.abs(multiChainEss(alternating) - 16 * Math.log10(16)) < 1e-9);
  const constant = [
    [0.5, 0.5, 0.5, 0.5, 0.5],
    [0.5, 0.5, 0.5, 0.5, 0.5],
  ];
  assert.equal(essBulk(constant), 8); // split: 4 chains of 2
  assert.equal(essTail(constant), 8);
  assert.ok(Number.isNaN(rhat(constant))); // W = B = 0
});

test("ESS of AR(1) chains matches the exact τ = (1 + φ)/(1 − φ) within the estimator's standard error", () => {
  // x_t = φ x_{t−1} + e_t with uniform innovations: τ = (1 + φ)/(1 − φ) = 3 for φ = 0.5. Sokal's variance of τ̂ with a
  // window of M lags is ≈ 2(2M + 1)τ²/S; the initial sequence stops near M ≈ 10 here, so the relative SE of the ESS
  // is ≈ √(42/40000) ≈ 3.2 %: allow 5 SE.
  const u = uniformSource(key(7));
  const phi = 0.5;
  const chains = Array.from({ length: 4 }, () => {
    let x = 0;
    for (let i = 0; i < 100; i++) x = phi * x + u() - 0.5;
    return Array.from({ length: 10000 }, () => (x = phi * x + u() - 0.5));
  });
  const expected = 40000 / 3;
  for (const [name, value] of [
    ["mean", essMean(chains)],
    ["bulk", essBulk(chains)],
  ] as const) {
    assert.ok(Math.abs(value / expected - 1) < 5 * 0.032, `${name} ESS ${value} vs ${expected}`);
  }
});

test("quantile ESS checks p, tail ESS is the smaller of 5 % and 95 %", () => {
  const x = draws["ar1-0.9"]!;
  assert.equal(essTail(x), Math.min(essQuantile(x, 0.05), essQuantile(x, 0.95)));
  assert.throws(() => essQuantile(x, 1), ArgumentError);
});

test("bad shapes are ArgumentErrors naming the module and what is accepted", () => {
  assert.throws(() => rhat([[1, 2, 3, 4]]), /emtd\/stats\/diagnostics: draws must be chains × draws with at least 2 chains \(got 1\)/);
  assert.throws(() => essBulk([]), /at least 1 chain \(got 0\)/);
  assert.throws(
    () =>
      rhat([
        [1, 2, 3, 4],
        [1, 2, 3],
      ]),
    /chains of one length \(chain 0 has 4 draws\) \(got "chain 1 with 3"\)/,
  );
  assert.throws(() => essTail([[1, 2, 3]]), /chains of at least 4 draws \(got 3\)/);
  assert.throws(() => diagnose([[1, 2, 3, 4]]), ArgumentError);
});

test("non-finite draws give NaN, as ArviZ", () => {
  const x = [
    [1, 2, Number.NaN, 4],
    [1, 2, 3, 4],
  ];
  assert.ok(Number.isNaN(rhat(x)) && Number.isNaN(essBulk(x)) && Number.isNaN(essTail(x)));
});

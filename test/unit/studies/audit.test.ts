/**
 * Lemma 1 (§3.2) audited by exact enumeration (src/studies/lemma-audit/, src/spin/lemma/). Tolerances are rounding bounds: an entry of πP is a sum
 * of at most S products of numbers in [0, 1], so its error is below S·ε; over S entries ‖πP − π‖₁ < S²·ε, and
 * |π_a P_ab − π_b P_ba| < 4ε. Failures are asserted to be many orders of magnitude above those bounds.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as K from "../../../src/spin/lemma/transition-matrices";
import {
  doubleWell,
  exactGroundProbability,
  exactSpinAnneal,
  groundProbability,
  groundStateRate,
} from "../../../src/studies/lemma-audit/lemma-annealing";
import { energyTable, groundState } from "../../../src/spin/exact-tables";
import { twoCommunityProblem } from "../../../src/spin/problem";
import { increaseFraction, langevinEnergyPath, langevinFreeEnergy, normalSource } from "../../../src/studies/lemma-audit/lyapunov";
import { geometric, logarithmic } from "../../../src/dynamics/schedules";
import { fold, key, uniformSource } from "../../../src/engine/random";
import { ringLatticeEigenvalues } from "../../../src/graph/spectrum";

const EPS = Number.EPSILON;
// A 4-node graph with a triangle (not bipartite), values {0, 1, 2}: S = 81 states.
const edges = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [0, 2],
] as const;
const space = K.stateSpace(4, [0, 1, 2]);
const S = space.size;
const E = K.energies(space, K.interactionEnergy(edges));
const statTol = S * S * EPS;
const dbTol = 4 * EPS;

test("(a) symmetric proposal + the §3.3 acceptance, random scan: detailed balance and Boltzmann stationarity hold exactly", () => {
  for (const T of [0.3, 1, 5]) {
    const pi = K.boltzmann(E, T);
    const P = K.randomScanTransitionMatrix(space, T, { kind: "global", energy: E });
    assert.ok(K.rowSumError(P, S) < S * EPS);
    assert.ok(K.detailedBalanceViolation(P, pi) < dbTol, `T=${T}: ${K.detailedBalanceViolation(P, pi)}`);
    assert.ok(K.stationarityError(P, pi) < statTol, `T=${T}: ${K.stationarityError(P, pi)}`);
    // Not stationary for the wrong temperature: the check can fail.
    assert.ok(K.stationarityError(P, K.boltzmann(E, 2 * T)) > 1e-3);
  }
});

test("(a) the §3.3 sweep (node order) keeps Boltzmann but is NOT reversible: 'guarantees detailed balance' is false", () => {
  const T = 1;
  const pi = K.boltzmann(E, T);
  const P = K.sweepTransitionMatrix(space, T, { kind: "global", energy: E });
  assert.ok(K.stationarityError(P, pi) < statTol);
  assert.ok(K.detailedBalanceViolation(P, pi) > 1e-4, `violation ${K.detailedBalanceViolation(P, pi)}`);
});

test("(a) §3.3's local Hamiltonian with the ½ factor halves ΔH: the chain samples e^{−H/(2T)}, not e^{−H/T}", () => {
  const T = 1;
  const P = K.sweepTransitionMatrix(space, T, { kind: "local-half", edges });
  assert.ok(K.stationarityError(P, K.boltzmann(E, 2 * T)) < statTol);
  assert.ok(K.stationarityError(P, K.boltzmann(E, T)) > 0.1);
});

test("(b) the §3.3 proposal 'copy node 0' is not symmetric, Boltzmann is not stationary, consensus states absorb", () => {
  const T = 1;
  const delta = { kind: "local-half" as const, edges };
  // The proposal matrix itself (acceptance 1 at T = 1e300): some moves have no reverse move.
  const Q = K.siteTransitionMatrix(space, 1, 1e300, delta, "copy-node-0");
  let oneWay = 0;
  for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) if (a !== b && Q[a * S + b]! > 0 && Q[b * S + a] === 0) oneWay++;
  assert.ok(oneWay > 0);
  const P = K.sweepTransitionMatrix(space, T, delta, "copy-node-0");
  for (const temperature of [T, 2 * T, 10 * T]) assert.ok(K.stationarityError(P, K.boltzmann(E, temperature)) > 0.1);
  const absorbing = K.absorbingStates(P, S).map((s) => [...K.decode(space, s)].join(""));
  assert.deepEqual(absorbing.sort(), ["0000", "1111", "2222"]);
  // From any state the chain ends in consensus on NODE 0's value (node 0 never moves), whatever the energies say.
  for (let s = 0; s < S; s++) {
    const x = K.decode(space, s);
    const limit = K.evolve(K.pointMass(S, s), P, 400);
    const target = K.encode(space, [x[0]!, x[0]!, x[0]!, x[0]!]);
    assert.ok(Math.abs(limit[target]! - 1) < 1e-9, `from ${[...x].join("")}: ${limit[target]}`);
  }
});

test("(c) F is a Lyapunov function of the Langevin LAW (dF/dt ≤ 0, exact) but unbounded below; H along a noisy path is not monotone", () => {
  const n = 12;
  const lambdas = ringLatticeEigenvalues(n, 2);
  const T = 1;
  let previous = Infinity;
  for (const t of [0, 0.01, 0.1, 1, 10, 100, 1e4, 1e6]) {
    const f = langevinFreeEnergy(lambdas, T, 0.5, t);
    assert.ok(f.derivative <= 0);
    assert.ok(f.freeEnergy < previous);
    previous = f.freeEnergy;
    // Central difference of F agrees with the closed-form derivative.
    if (t > 0) {
      const h = t * 1e-5;
      const fd = (langevinFreeEnergy(lambdas, T, 0.5, t + h).freeEnergy - langevinFreeEnergy(lambdas, T, 0.5, t - h).freeEnergy) / (2 * h);
      assert.ok(Math.abs(fd - f.derivative) <= 1e-4 * Math.abs(f.derivative) + 1e-9, `t=${t}: ${fd} vs ${f.derivative}`);
    }
  }
  // The zero mode: F(t) ~ −(T/2) ln t → −∞; from t = 1e4 to 1e6 it drops by about (T/2)·ln 100.
  const drop = langevinFreeEnergy(lambdas, T, 0.5, 1e4).freeEnergy - langevinFreeEnergy(lambdas, T, 0.5, 1e6).freeEnergy;
  assert.ok(Math.abs(drop - 0.5 * Math.log(100)) < 1e-3, `drop ${drop}`);
  const ring = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const);
  const x0 = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
  const normal = normalSource(uniformSource(key(11)));
  const flow = langevinEnergyPath(n, ring, x0, { dt: 0.05, steps: 2000, temperature: 0, normal });
  assert.equal(increaseFraction(flow), 0);
  const noisy = langevinEnergyPath(n, ring, x0, { dt: 0.05, steps: 2000, temperature: T, normal });
  assert.ok(increaseFraction(noisy) > 0.3, `${increaseFraction(noisy)}`);
});

test("(d) annealing on a double well: the geometric schedule freezes (P(ground) ≈ 0.38 at any budget), logarithmic keeps improving", () => {
  const well = doubleWell({ wide: 4, barrier: 2, ground: 1.5 });
  const geo = () => geometric({ initial: 100, rate: 0.95 });
  const log = () => logarithmic({ c: 2 * well.depth });
  const g3 = exactGroundProbability(well, geo(), 1000);
  const g5 = exactGroundProbability(well, geo(), 100000);
  assert.ok(Math.abs(g3 - g5) < 1e-9, `${g3} vs ${g5}`);
  assert.ok(g3 < 0.5);
  const l4 = exactGroundProbability(well, log(), 10000);
  const l5 = exactGroundProbability(well, log(), 100000);
  assert.ok(l4 > g3 + 0.3 && l5 > l4, `${l4}, ${l5}`);
  assert.ok(
    l5 < groundProbability(well, (2 * well.depth) / Math.log(100000 + Math.E)) + 0.01,
    "cannot beat equilibrium at its final T by much",
  );
  // The sampler agrees with the exact law (binomial sd, 4σ).
  const runs = 2000;
  const mc = groundStateRate(well, geo, 1000, runs, (r) => uniformSource(fold(key(21), r)));
  assert.ok(Math.abs(mc - g3) < 4 * Math.sqrt((g3 * (1 - g3)) / runs), `MC ${mc} vs exact ${g3}`);
});

test("(d) two communities with a frustrated field: geometric cooling freezes into the split-brain state, logarithmic escapes", () => {
  const problem = twoCommunityProblem({ size: 4, bridges: 2, hA: 0.5, hB: 0.3 });
  const E = energyTable(problem);
  const ground = groundState(E);
  const split = (1 << 4) - 1; // A = +1, B = −1
  assert.equal(ground, 255); // all +1
  assert.ok(E[split]! > E[ground]!);
  const geo3 = exactSpinAnneal(problem, geometric({ initial: 100, rate: 0.95 }), 1000);
  const geo4 = exactSpinAnneal(problem, geometric({ initial: 100, rate: 0.95 }), 10000);
  assert.ok(
    Math.abs(geo3[ground]! - geo4[ground]!) < 1e-9 && Math.abs(geo3[split]! - geo4[split]!) < 1e-9,
    "geometric is frozen after 1000 steps",
  );
  assert.ok(geo4[split]! > 0.2, `P(split) = ${geo4[split]}`);
  const log4 = exactSpinAnneal(problem, logarithmic({ c: 8 }), 10000);
  assert.ok(log4[ground]! > geo4[ground]! + 0.2 && log4[split]! < geo4[split]! / 2, `log: ${log4[ground]}, ${log4[split]}`);
  assert.ok(Math.abs(log4.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

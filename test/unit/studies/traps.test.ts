import { test } from "node:test";
import assert from "node:assert/strict";
import { jStat } from "jstat";
import { key, fold } from "../../../src/engine/random";
import { randomFieldRing, spinGlass, type SpinProblem, twoCommunityProblem } from "../../../src/spin/problem";
import { barrierFrom, boltzmann, criticalDepth, energyTable, groundStates, isLocalMinimum } from "../../../src/spin/exact-tables";
import { prepareProblem, successCurve, temperingChain, temperatureLadder } from "../../../src/studies/traps/trap-annealing";
import { arrheniusFit, arrheniusLocalSlope, escapeTimes, exactEscapeTime } from "../../../src/studies/traps/escape";
import { pathIntegral, quantumEnergy, trotterEnergy } from "../../../src/studies/traps/quantum";
import { estimateMean } from "../../../src/stats/ess";

const SPLIT = 0b00001111; // community A = +1, community B = −1 in the default two-community problem

/** H(s) summed term by term for every state: the reference for the Gray-code table. */
function bruteForceEnergies(p: SpinProblem): Float64Array {
  return Float64Array.from({ length: 1 << p.n }, (_, s) => {
    const spin = (i: number) => ((s >> i) & 1 ? 1 : -1);
    let h = 0;
    for (const [i, j, J] of p.edges) h -= J * spin(i) * spin(j);
    for (let i = 0; i < p.n; i++) h -= p.field[i]! * spin(i);
    return h;
  });
}

test("energy tables match a term-by-term enumeration; d* is the largest barrier of a non-global local minimum", () => {
  for (const p of [twoCommunityProblem(), randomFieldRing(key(1), { n: 10 }), spinGlass(key(2), { n: 9 })]) {
    const E = energyTable(p);
    const reference = bruteForceEnergies(p);
    for (let s = 0; s < E.length; s++) assert.ok(Math.abs(E[s]! - reference[s]!) < 1e-9);
    const ground = groundStates(E).energy;
    let worst = 0;
    for (let s = 0; s < E.length; s++)
      if (E[s]! > ground + 1e-9 && isLocalMinimum(E, p.n, s)) worst = Math.max(worst, barrierFrom(E, p.n, s));
    assert.ok(Math.abs(criticalDepth(E, p.n) - worst) < 1e-9, `d* ${criticalDepth(E, p.n)} vs max barrier ${worst}`);
  }
  const E = energyTable(twoCommunityProblem());
  assert.ok(isLocalMinimum(E, 8, SPLIT), "the split state is a trap");
  assert.ok(E[SPLIT]! > groundStates(E).energy + 1);
});

/** χ² goodness of fit of counts to a law, pooling states with expected count < 5 into one bin. */
function chiSquarePValue(counts: Float64Array, law: Float64Array, total: number): number {
  let chi = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let s = 0; s < law.length; s++) {
    const expected = law[s]! * total;
    if (expected < 5) {
      pooledObserved += counts[s]!;
      pooledExpected += expected;
      continue;
    }
    chi += (counts[s]! - expected) ** 2 / expected;
    bins++;
  }
  if (pooledExpected > 0) {
    chi += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    bins++;
  }
  return 1 - jStat.chisquare.cdf(chi, bins - 1);
}

test("parallel tempering: each slot's law is Boltzmann at its temperature (χ² over independent chains)", () => {
  const prepared = prepareProblem(spinGlass(key(3), { n: 6 }));
  const ladder = temperatureLadder(0.7, 3, 3);
  const chains = 3000;
  const counts = ladder.map(() => new Float64Array(64));
  for (let c = 0; c < chains; c++) {
    const trace = temperingChain(prepared, ladder, 40, fold(key(4), c));
    trace.states[0]!.forEach((s, slot) => counts[slot]![s]!++);
  }
  ladder.forEach((T, slot) => {
    const p = chiSquarePValue(counts[slot]!, boltzmann(prepared.energies, T), chains);
    assert.ok(p > 1e-3, `slot ${slot} (T = ${T}): χ² p = ${p}`);
  });
  // The test has power: the coldest slot's histogram is rejected against the next temperature's law.
  assert.ok(chiSquarePValue(counts[0]!, boltzmann(prepared.energies, ladder[1]!), chains) < 1e-6);
});

test("logarithmic cooling beats the proposal's geometric cooling on the two-community trap at a large budget", () => {
  const prepared = prepareProblem(twoCommunityProblem());
  const runs = 400;
  const [geo] = successCurve(prepared, "geometric", [3000], runs, key(9));
  const [log] = successCurve(prepared, "logarithmic", [3000], runs, key(9));
  const se = Math.sqrt(geo!.se ** 2 + log!.se ** 2);
  assert.ok(log!.probability - geo!.probability > 3 * se, `log ${log!.probability} vs geometric ${geo!.probability} (SE ${se})`);
  assert.ok(geo!.probability < 1 - 3 * Math.max(geo!.se, 1 / runs), "geometric cooling freezes in a trap in some runs");
  // Deterministic: one seed, the same counts.
  assert.equal(successCurve(prepared, "geometric", [3000], runs, key(9))[0]!.successes, geo!.successes);
});

test("escape times: the sampler matches the exact first-passage time; Arrhenius slope → 1; no escape at T = 0", () => {
  const prepared = prepareProblem(twoCommunityProblem());
  const barrier = barrierFrom(prepared.energies, 8, SPLIT);
  const sampled = escapeTimes(prepared, SPLIT, 1, 1500, key(21));
  const exact = exactEscapeTime(prepared, SPLIT, 1);
  assert.equal(sampled.escaped, 1500);
  assert.ok(Math.abs(sampled.meanTime - exact) < 3 * sampled.se, `${sampled.meanTime} ± ${sampled.se} vs exact ${exact}`);

  const temperatures = [0.7, 0.8, 0.9, 1.0, 1.2, 1.4];
  const x = temperatures.map((T) => barrier / T);
  const samples = temperatures.map((T, i) => escapeTimes(prepared, SPLIT, T, 300, fold(key(22), i)));
  const fit = arrheniusFit(
    x,
    samples.map((s) => s.meanTime),
    samples.map((s) => s.se),
  );
  const exactFit = arrheniusFit(
    x,
    temperatures.map((T) => exactEscapeTime(prepared, SPLIT, T)),
  );
  assert.ok(Math.abs(fit.slope - exactFit.slope) < 3 * fit.se, `sampled slope ${fit.slope} ± ${fit.se} vs exact ${exactFit.slope}`);
  // The exact local slope d ln τ / d(ΔE/T) tends to 1 (Freidlin–Wentzell) as T → 0.
  const local = (xv: number) => arrheniusLocalSlope(prepared, SPLIT, barrier, xv);
  assert.ok(Math.abs(local(20) - 1) < 0.01, `local slope at ΔE/T = 20: ${local(20)}`);
  assert.ok(local(6) - 1 > 0.05, "at moderate ΔE/T the prefactor still depends on T");
  assert.equal(escapeTimes(prepared, SPLIT, 0, 20, key(23), 2000).escaped, 0);
});

test("path-integral Monte Carlo samples the Trotter law exactly; Trotter → the quantum value as P grows", () => {
  const prepared = prepareProblem(twoCommunityProblem({ size: 3, bridges: 1 }));
  for (const [field, temperature] of [
    [1, 1],
    [2, 0.3],
  ] as const) {
    const trace = pathIntegral(prepared, { field, temperature, slices: 8, sweeps: 20000 }, key(31));
    const estimate = estimateMean(trace.energy.subarray(2000));
    const exact8 = trotterEnergy(prepared, field, temperature, 8);
    assert.ok(
      Math.abs(estimate.mean - exact8) < 4 * estimate.mcse,
      `Γ=${field} T=${temperature}: PIMC ${estimate.mean} ± ${estimate.mcse} vs Trotter-8 ${exact8}`,
    );
    const exact = quantumEnergy(prepared, field, temperature);
    assert.ok(
      Math.abs(trotterEnergy(prepared, field, temperature, 256) - exact) < Math.abs(exact8 - exact) / 10,
      "Trotter error falls as P grows",
    );
  }
  // Γ → 0 is the classical Boltzmann average.
  const law = boltzmann(prepared.energies, 1);
  const classical = law.reduce((a, p, s) => a + p * prepared.energies[s]!, 0);
  assert.ok(Math.abs(quantumEnergy(prepared, 1e-9, 1) - classical) < 1e-9);
});

test("with a transverse field the split state is left at T = 0.1, where the classical chain never leaves it", () => {
  const prepared = prepareProblem(twoCommunityProblem());
  const quantum = Array.from(
    { length: 10 },
    (_, r) => pathIntegral(prepared, { field: 1.5, temperature: 0.1, slices: 32, sweeps: 200, start: SPLIT }, fold(key(32), r)).escapedAt,
  );
  assert.ok(
    quantum.every((t) => t > 0),
    String(quantum),
  );
  assert.equal(escapeTimes(prepared, SPLIT, 0.1, 10, key(33), 2000).escaped, 0);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { landauerJoulesPerBit } from "../../../src/analysis/gaussian-exact";
import { ringLatticeEigenvalues } from "../../../src/graph/spectrum";
import {
  fieldEntropyBitsRemoved,
  consensusEntropy,
  empiricalEntropyBits,
  energyLadder,
  entropyBits,
  JOULES_PER_NETWORK_BYTE,
  PBFT_MESSAGE_BYTES,
} from "../../../src/studies/joules/joule-accounting";
import { injectedConsensusProblem } from "../../../src/spin/problem";
import { uniformSource } from "../../../src/engine/random";

test("Landauer: k_B·300 K·ln 2 ≈ 2.87e-21 J per bit", () => {
  assert.ok(Math.abs(landauerJoulesPerBit(300) - 2.87e-21) < 0.005e-21, String(landauerJoulesPerBit(300)));
  assert.throws(() => landauerJoulesPerBit(0), /kelvin must be a finite number > 0/);
});

test("entropy estimators: exact on known laws; Miller–Madow plug-in recovers a uniform law's bits", () => {
  assert.equal(entropyBits([0.5, 0.5]), 1);
  assert.equal(entropyBits([1, 0, 0]), 0);
  // 4 bits, 20000 draws: the corrected plug-in is within a few thousandths of a bit of 4.
  const u = uniformSource(key(1));
  const draws = Float64Array.from({ length: 20000 }, () => Math.floor(u() * 16));
  assert.ok(Math.abs(empiricalEntropyBits(draws) - 4) < 0.01, String(empiricalEntropyBits(draws)));
  assert.equal(empiricalEntropyBits([3, 3, 3]), 0);
});

test("consensus removes almost n bits; beyond the freezing time more sweeps remove no more bits but cost more", () => {
  const p = injectedConsensusProblem({ n: 12 });
  const short = consensusEntropy(p, { sweeps: 200, runs: 300 }, key(5));
  const long = consensusEntropy(p, { sweeps: 2000, runs: 300 }, key(5));
  assert.equal(short.bitsBefore, 12);
  assert.ok(short.bitsRemoved > 10 && short.bitsRemoved <= 12, String(short.bitsRemoved));
  // Same keys: geometric cooling is at T ≤ 100·0.95^200 ≈ 3.5e-3 after 200 sweeps, where an uphill move (ΔH ≥ 2
  // here) has probability < e^{-500}: the runs are frozen and the final states identical.
  assert.equal(long.bitsRemoved, short.bitsRemoved);
  const a = energyLadder(short);
  const b = energyLadder(long);
  assert.ok(Math.abs(b.simulationJoules / a.simulationJoules - 10) < 1e-9);
  assert.equal(a.bftMessages, 2 * 12 * 11);
  assert.ok(Math.abs(a.bftJoules - 264 * PBFT_MESSAGE_BYTES * JOULES_PER_NETWORK_BYTE) < 1e-12);
  assert.ok(Math.abs(a.landauerJoules - short.bitsRemoved * landauerJoulesPerBit(300)) < 1e-30);
  assert.deepEqual(consensusEntropy(p, { sweeps: 200, runs: 300 }, key(5)), short);
});

test("the continuous field's entropy drop is (N − 1)·C/2·log₂(T_hot/T_cold) bits, set by the schedule alone", () => {
  const ev = ringLatticeEigenvalues(20, 4);
  assert.ok(Math.abs(fieldEntropyBitsRemoved(ev, 2, 100, 100 * 0.95 ** 200) - 19 * Math.log2(1 / 0.95 ** 200)) < 1e-9);
  assert.equal(fieldEntropyBitsRemoved(ev, 1, 3, 3), 0);
});

/**
 * The re-heating study of §4.2 (src/studies/traps/text-traps.ts): `isFrozen` says exactly when a sweep cannot move
 * the state, and `reheatEscapes`, which skips the sweeps it proves frozen, runs the same chain as the plain loop
 * (escape shares equal within their standard errors).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, split, uniformSource, type Key } from "../../../src/engine/random";
import { constant, geometric } from "../../../src/dynamics/schedules";
import { problemCsr, SPLIT_STATE, twoCommunityProblem } from "../../../src/spin/problem";
import { copiesAValue, isConsensus, updateSweep, type ProposalKernel } from "../../../src/spin/update-kernels";
import { isFrozen, loopEnds, reheatEscapeRuns, reheatEscapes, sumEscapes, type Trap } from "../../../src/studies/traps/text-traps";

const splitBrain = () => Int8Array.from({ length: 8 }, (_, i) => ((SPLIT_STATE >> i) & 1 ? 1 : -1));
const cliques = problemCsr(twoCommunityProblem({ hA: 0, hB: 0 }));

test("isFrozen: a trap is frozen where every uphill move's probability underflows, and not while one can be taken", () => {
  for (const kernel of ["node0", "neighbour", "symmetric"] as const) {
    assert.equal(isFrozen(kernel, cliques, splitBrain(), 0), true, `${kernel} at T = 0`);
    assert.equal(isFrozen(kernel, cliques, splitBrain(), 1e-3), true, `${kernel} at T = 0.001: e^{−2/T} = 0`);
    assert.equal(isFrozen(kernel, cliques, splitBrain(), 1), false, `${kernel} at T = 1: uphill moves can be taken`);
  }
  // A level move (ΔH = 0) is taken at any temperature, so a state that offers one is never frozen: on the ring
  // 0-1-2-3 with values + + − −, every node has one neighbour of each value.
  const ring = problemCsr({
    n: 4,
    edges: [
      [0, 1, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 0, 1],
    ],
    field: new Float64Array(4),
  });
  for (const kernel of ["node0", "neighbour", "symmetric"] as const)
    assert.equal(isFrozen(kernel, ring, Int8Array.from([1, 1, -1, -1]), 0), false, `${kernel}: level moves remain`);
});

/** The re-heated chain of `reheatEscapes`, written plainly: every sweep drawn, none skipped. */
function plainEscapes(kernel: ProposalKernel, traps: readonly Trap[], hot: number, rate: number, horizon: number, k: Key): number {
  let escaped = 0;
  traps.forEach((trap, r) => {
    const spin = Int8Array.from(trap.spin);
    const [moveKey, reheatKey] = split(fold(k, r), 2) as [Key, Key];
    const u = uniformSource(moveKey);
    const reheat = uniformSource(reheatKey);
    let clock = 1000;
    let current = geometric({ initial: 100, rate: 0.95 });
    let e = 0;
    for (let t = 0; t < horizon; t++) {
      if (reheat() < rate) {
        current = geometric({ initial: hot, rate: 0.95 });
        clock = 0;
      }
      if (copiesAValue(kernel) && isConsensus(spin)) break;
      e += updateSweep(kernel, trap.g, spin, current.temperature(clock++), u).deltaH;
      if (e < -1e-9) {
        escaped++;
        break;
      }
    }
  });
  return escaped;
}

test("reheatEscapes skips only frozen sweeps: its escape share equals the plain chain's within 4 standard errors", () => {
  // A low re-heat (T = 1), where escape is neither certain nor rare, so a wrong skip (freezing a chain that could
  // still move) would show; traps where a zero-temperature run of the neighbour rule stops on ws(50, 4, 0.1).
  const traps = loopEnds(
    "neighbour",
    50,
    () => constant(0),
    { runs: 2000, limit: 200, keepTraps: true, maxTraps: 200 },
    (name) => key(name === "graph" ? 71 : 72),
  ).traps;
  assert.equal(traps.length, 200);
  const o = { rate: 0.01, hot: 1, horizon: 1000, loopLimit: 1000 };
  const skipped = reheatEscapes("neighbour", traps, (T) => geometric({ initial: T, rate: 0.95 }), 100, o, key(73));
  const plain = plainEscapes("neighbour", traps, o.hot, o.rate, o.horizon, key(74));
  const p = (skipped.escaped + plain) / (2 * traps.length);
  const se = Math.sqrt((2 * p * (1 - p)) / traps.length);
  assert.ok(p > 0.5 && p < 0.98, `escape share ${p}: informative`);
  assert.ok(
    Math.abs(skipped.escaped - plain) / traps.length < 4 * se,
    `skipping ${skipped.escaped}/200 vs plain ${plain}/200 (SE of the difference ${se})`,
  );
});

test("reheatEscapes' hold: 0 is the chain without it, draw for draw; a re-heat held one interval escapes more often", () => {
  const traps = loopEnds(
    "neighbour",
    50,
    () => constant(0),
    { runs: 400, limit: 200, keepTraps: true, maxTraps: 60 },
    (name) => key(name === "graph" ? 81 : 82),
  ).traps;
  const cool = (T: number) => geometric({ initial: T, rate: 0.95 });
  const o = { rate: 0.01, hot: 1, horizon: 1000, loopLimit: 1000 };
  const none = reheatEscapes("neighbour", traps, cool, 100, o, key(83));
  assert.deepEqual(reheatEscapes("neighbour", traps, cool, 100, { ...o, hold: 0 }, key(83)), none);
  // Held at T = 1 for 1/r = 100 sweeps, a boundary node keeps trying its uphill copy (p ≤ e^{−2} each sweep).
  const held = reheatEscapes("neighbour", traps, cool, 100, { ...o, hold: 100 }, key(83));
  assert.ok(held.escaped > none.escaped, `held ${held.escaped} vs at once ${none.escaped} of ${traps.length}`);
});

test("reheatEscapeRuns: any range of runs is those runs of the whole (a cell decided look by look reads the plan's first runs)", () => {
  const traps = loopEnds(
    "neighbour",
    50,
    () => constant(0),
    { runs: 400, limit: 200, keepTraps: true, maxTraps: 40 },
    (name) => key(name === "graph" ? 91 : 92),
  ).traps;
  const cool = (T: number) => geometric({ initial: T, rate: 0.95 });
  const o = { rate: 0.01, hot: 1, horizon: 1000, loopLimit: 1000 };
  const whole = reheatEscapeRuns("neighbour", traps, cool, 100, o, key(93), 0, traps.length);
  const looks = [0, 10, 20, 30, traps.length];
  const byLooks = looks.slice(1).flatMap((to, i) => reheatEscapeRuns("neighbour", traps, cool, 100, o, key(93), looks[i]!, to));
  assert.deepEqual(byLooks, whole);
  assert.ok(whole.some((r) => r.escaped) && whole.some((r) => !r.escaped), "some runs escape and some do not: informative");
  assert.deepEqual(sumEscapes(whole), reheatEscapes("neighbour", traps, cool, 100, o, key(93)));
  assert.throws(() => reheatEscapeRuns("neighbour", traps, cool, 100, o, key(93), 5, traps.length + 1), /from, to/);
});

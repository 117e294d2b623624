import { test } from "node:test";
import assert from "node:assert/strict";
import { key, fold, uniformSource } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { graphFromEdgeList } from "../../../src/graph/direct";
import { isConnected } from "../../../src/graph/graph";
import { runFaultyConsensus, FAULT_KINDS } from "../../../src/studies/adversary/faulty-consensus";
import { updateNode } from "../../../src/studies/adversary/rules";
import { harmonicExtension } from "../../../src/studies/adversary/harmonic";
import { attachSybils } from "../../../src/studies/adversary/sybil";
import { withoutNodes } from "../../../src/studies/adversary/crash";
import { captureByStubborn } from "../../../src/studies/adversary/adversary-experiments";
import { damageRuns } from "../../../src/studies/adversary/damage-runs";
import { ArgumentError, EmtdError } from "../../../src/errors";

const P = { weight: 0.25, delta: 0.1, trim: 1 };
const scratch = new Float64Array(16);

test("rules on one node: W-MSR, trimmed mean, median, Huber and mean by hand", () => {
  assert.equal(updateNode("trimmed", 0.5, Float64Array.of(0.4, 0.6, 99), 3, P, scratch), (0.5 + 0.6) / 2);
  assert.equal(updateNode("median", 0.5, Float64Array.of(0.4, 0.6, 99), 3, P, scratch), (0.5 + 0.6) / 2);
  assert.equal(updateNode("mean", 0.5, Float64Array.of(0.4, 0.6, 99), 3, P, scratch), 0.5 - 0.25 * (0.1 - 0.1 - 98.5));
  assert.equal(updateNode("huber", 0.5, Float64Array.of(0.4, 0.6, 99), 3, P, scratch), 0.5 - 0.25 * (0.1 - 0.1 - 0.1));
  // Huber with a huge δ is the mean rule.
  const big = { ...P, delta: 1e9 };
  assert.equal(
    updateNode("huber", 0.3, Float64Array.of(0.1, 0.7), 2, big, scratch),
    updateNode("mean", 0.3, Float64Array.of(0.1, 0.7), 2, big, scratch),
  );
});

test("W-MSR drops only values beyond the own value: F = 1 with two values above keeps the nearer one", () => {
  // own 0.5; above: 0.6 and 99 → drop 99; below: 0.4 → drop it (F = 1 below too).
  // Nothing above own: the F smallest below are dropped only.
  assert.equal(updateNode("wmsr", 0.5, Float64Array.of(0.1, 0.2, 0.3), 3, P, scratch), (0.5 + 0.2 + 0.3) / 3);
  assert.equal(updateNode("wmsr", 0.5, Float64Array.of(0.4, 0.6, 99), 3, P, scratch), 0.55);
});

test("W-MSR keeps every honest node in the honest initial hull on K_n with n ≥ 4F+1, for every fault kind and many seeds", () => {
  for (const F of [1, 2, 3]) {
    for (const fault of FAULT_KINDS) {
      const n = 4 * F + 1;
      let escapes = 0;
      let unconverged = 0;
      const seeds = 25;
      for (let s = 0; s < seeds; s++) {
        const r = runFaultyConsensus(
          graphs.complete(n),
          {
            faulty: F,
            fault,
            faultValue: s % 2 === 0 ? 5 : -4,
            rule: "wmsr",
            trim: F,
            rounds: 500,
            tolerance: 1e-6,
            sybilLinks: 2,
          },
          fold(key(100 + F), s),
        );
        if (r.hullViolation > 0) escapes++;
        if (!r.converged) unconverged++;
      }
      // A guarantee, not a rate: 0 escapes out of 25 (a true escape rate of 10 % would give ≥ 1 with probability 0.93).
      assert.equal(escapes, 0, `F=${F} ${fault}: ${escapes}/${seeds} runs left the hull`);
      assert.equal(unconverged, 0, `F=${F} ${fault}: ${unconverged}/${seeds} runs did not converge`);
    }
  }
});

test("the hull check has teeth: averaging, and W-MSR with too small a parameter, leave the hull under an adversary", () => {
  for (let s = 0; s < 10; s++) {
    const mean = runFaultyConsensus(
      graphs.complete(13),
      {
        faulty: 3,
        fault: "adversarial",
        faultValue: 5,
        rule: "mean",
        rounds: 200,
        tolerance: 1e-6,
      },
      fold(key(7), s),
    );
    assert.ok(mean.hullViolation > 1, `seed ${s}: ${mean.hullViolation}`);
    const weak = runFaultyConsensus(
      graphs.complete(13),
      {
        faulty: 3,
        fault: "adversarial",
        faultValue: 5,
        rule: "wmsr",
        trim: 2,
        rounds: 200,
        tolerance: 1e-6,
      },
      fold(key(7), s),
    );
    assert.ok(weak.hullViolation > 0, `seed ${s}: W-MSR(2) against 3 adversaries stayed in the hull`);
  }
});

test("averaging is captured by stubborn nodes: the honest field equals the harmonic extension; one stubborn node takes everyone to its value", () => {
  for (const [name, graph] of [
    ["ring:30:4", graphs.ring(30, 4)],
    ["ws:40:4:0.2", graphs.ws(40, 4, 0.2, uniformSource(key(9)))],
  ] as const) {
    assert.ok(isConnected(graph));
    const two = captureByStubborn(graph, [-1, 2], 20_000, key(10));
    assert.ok(two.harmonicGap < 1e-8, `${name}: max |x − h| = ${two.harmonicGap}`);
    const one = captureByStubborn(graph, [3], 20_000, key(11));
    for (let i = 1; i < graph.n; i++) assert.ok(Math.abs(one.values[i]! - 3) < 1e-8, `${name}: node ${i} at ${one.values[i]}`);
  }
});

test("harmonic extension on a cycle with two boundary nodes is linear along both arcs", () => {
  const b = new Float64Array(8).fill(Number.NaN);
  b[0] = 0;
  b[4] = 1;
  const h = harmonicExtension(graphs.ring(8, 2), b);
  const expected = [0, 0.25, 0.5, 0.75, 1, 0.75, 0.5, 0.25];
  expected.forEach((v, i) => assert.ok(Math.abs(h[i]! - v) < 1e-12, `node ${i}: ${h[i]}`));
  assert.throws(
    () =>
      harmonicExtension(
        withoutNodes(graphs.ring(8, 2), [2, 6]),
        b.filter((_, i) => i !== 2 && i !== 6).map((v, i) => (i === 0 ? v : Number.NaN)),
      ),
    ArgumentError,
  );
});

test("Sybil identities: k new nodes with m links each to distinct original nodes; crash removal renumbers", () => {
  const base = graphs.complete(10);
  const g = attachSybils(base, 4, 3, "preferential", uniformSource(key(12)));
  assert.equal(g.n, 14);
  assert.equal(g.edgeCount, base.edgeCount + 12);
  for (let s = 10; s < 14; s++) assert.equal(g.degree[s], 3);
  const r = withoutNodes(graphs.ring(10, 2), [0, 5]);
  assert.equal(r.n, 8);
  assert.equal(r.edgeCount, 6);
});

test("one seed gives the same run twice; bad input is an ArgumentError; a divergent run throws", () => {
  const o = { faulty: 2, fault: "noise" as const, faultValue: 1, rule: "trimmed" as const, rounds: 50, tolerance: 0 };
  const k = key(13);
  const a = runFaultyConsensus(graphs.ring(20, 4), o, k);
  const b = runFaultyConsensus(graphs.ring(20, 4), o, k);
  assert.deepEqual(Array.from(a.values), Array.from(b.values));
  assert.throws(() => runFaultyConsensus(graphs.ring(20, 4), { ...o, faulty: 20 }, k), ArgumentError);
  assert.throws(
    () => runFaultyConsensus(graphs.ring(20, 4), { ...o, rule: "vote" as never }, k),
    /rule must be one of mean, median, huber, trimmed, wmsr/,
  );
  assert.throws(() => runFaultyConsensus(graphs.ring(20, 4), { ...o, faultValue: Number.NaN }, k), ArgumentError);
  assert.throws(
    () =>
      runFaultyConsensus(
        graphs.ring(20, 4),
        {
          ...o,
          fault: "stubborn",
          rule: "mean",
          faultValue: 1e308,
          initial: new Array(18).fill(-1e308),
        },
        k,
      ),
    (e: unknown) => e instanceof EmtdError && /diverged/.test((e as Error).message),
  );
});

test("edge weights are ignored by the rules: a ring with weights 0.1 converges like the unweighted ring (the step uses the neighbour count)", () => {
  const ring = graphs.ring(20, 4);
  const light = graphFromEdgeList(20, ring.src, ring.dst, new Float64Array(ring.src.length).fill(0.1), "ring:20:4 weights 0.1");
  const o = { faulty: 0, fault: "stubborn" as const, faultValue: 0, rule: "mean" as const, rounds: 5000, tolerance: 1e-6 };
  const k = key(31);
  const a = runFaultyConsensus(ring, o, k);
  const b = runFaultyConsensus(light, o, k);
  assert.ok(b.converged, "the weighted ring did not converge");
  assert.equal(b.rounds, a.rounds);
  assert.equal(b.weight, a.weight);
});

test("damageRuns: runs [first, first + runs) of one kind are the whole plan's runs (a cell decided look by look reads the plan's first runs)", () => {
  const stream = (name: string) => key(name === "graph" ? 1 : 2);
  const design = { runs: 4, rounds: 200 };
  const whole = damageRuns("ws", 1, "mean", stream, design);
  const lastTwo = damageRuns("ws", 1, "mean", stream, { ...design, first: 2, runs: 2, only: "corrupt" });
  assert.deepEqual(lastTwo.corrupt, whole.corrupt.slice(2));
  assert.deepEqual(lastTwo.crash, []);
  const firstOne = damageRuns("ws", 1, "mean", stream, { ...design, runs: 1, only: "crash" });
  assert.deepEqual(firstOne.crash, whole.crash.slice(0, 1));
  assert.deepEqual(firstOne.corrupt, []);
  assert.throws(() => damageRuns("ws", 1, "mean", stream, { ...design, first: -1 }), ArgumentError);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { graphFromSpec } from "../../../src/graph/spec";
import { fromGraphology } from "../../../src/graph/graph";
import { UndirectedGraph } from "graphology";
import {
  byzantineMessageBound,
  emtdDiffusion,
  hotstuffMessages,
  hotstuffWorstCase,
  metropolisGossip,
  metropolisGossipBySize,
  pbftMessages,
  pushGossip,
} from "../../../src/analysis/messages";
import { constant, geometric } from "../../../src/dynamics/schedules";
import type { Adjacency } from "../../../src/reference-port/smallworld";
import { UPDATE_SWEEP_CAP } from "../../../src/spin/update-kernels";
import { interaction } from "../../../src/hamiltonian/interaction";
import { anchor } from "../../../src/hamiltonian/variants";
import { powerLaw } from "../../../src/stats/regression";
import { sum } from "../../../src/hamiltonian/term";
import { gradientFlow } from "../../../src/dynamics/gradient";
import { disposeState } from "../../../src/dynamics/types";
import { ArgumentError } from "../../../src/errors";

const SIZES = [10, 30, 100, 300, 1000, 3000, 10000];

test("PBFT and HotStuff counts equal an explicit enumeration of their sends, and scale as n² and n", () => {
  for (const n of [4, 7, 10, 31]) {
    // PBFT normal case: replica 0 is the primary.
    let prePrepare = 0;
    let prepare = 0;
    let commit = 0;
    for (let to = 1; to < n; to++) prePrepare++;
    for (let from = 1; from < n; from++) for (let to = 0; to < n; to++) if (to !== from) prepare++;
    for (let from = 0; from < n; from++) for (let to = 0; to < n; to++) if (to !== from) commit++;
    const p = pbftMessages(n);
    assert.deepEqual([p.prePrepare, p.prepare, p.commit, p.messages], [prePrepare, prepare, commit, prePrepare + prepare + commit]);
    assert.equal(p.messages, 2 * n * (n - 1));
    // Basic HotStuff: leader 0; new-view, three vote phases (broadcast + votes back), decide.
    let hs = 0;
    for (let from = 1; from < n; from++) hs++; // new-view
    for (let phase = 0; phase < 3; phase++) {
      for (let to = 1; to < n; to++) hs++; // leader broadcast
      for (let from = 1; from < n; from++) hs++; // votes
    }
    for (let to = 1; to < n; to++) hs++; // decide
    assert.equal(hotstuffMessages(n).messages, hs);
  }
  const pbft = powerLaw(
    SIZES,
    SIZES.map((n) => pbftMessages(n).messages),
  );
  const hotstuff = powerLaw(
    SIZES,
    SIZES.map((n) => hotstuffMessages(n).messages),
  );
  assert.ok(Math.abs(pbft.slope - 2) < 0.05, `PBFT slope ${pbft.slope}`);
  assert.ok(Math.abs(hotstuff.slope - 1) < 0.02, `HotStuff slope ${hotstuff.slope}`);
  assert.throws(() => pbftMessages(3), ArgumentError);
});

test("push gossip: rounds track log₂ n + ln n (Pittel 1987) up to a bounded offset; messages ≈ n ln n", () => {
  // Pittel: rounds = log₂ n + ln n + O(1) in probability, and the O(1) term does not vanish (its law oscillates
  // with the fractional part of log₂ n), so the test is (a) the mean offset, with its standard error, lies in a
  // fixed band and (b) mean rounds grow with slope 1 against log₂ n + ln n. A push-pull or a log₂ n-only process
  // gives slope ≈ 0.6–0.7; a process that needs 2 log₂ n rounds gives ≈ 1.2.
  const runs = 200;
  const sizes = [100, 1000, 10000];
  const means: number[] = [];
  for (const n of sizes) {
    let s = 0;
    let s2 = 0;
    let messages = 0;
    for (let r = 0; r < runs; r++) {
      const g = pushGossip(n, fold(key(17), n * 1000 + r));
      s += g.rounds;
      s2 += g.rounds ** 2;
      messages += g.messages;
    }
    const mean = s / runs;
    const se = Math.sqrt((s2 / runs - mean * mean) / (runs - 1));
    const offset = mean - (Math.log2(n) + Math.log(n));
    assert.ok(offset - 3 * se > 0 && offset + 3 * se < 2, `n=${n}: offset ${offset} ± ${se}`);
    const perNodeLog = messages / runs / (n * Math.log(n));
    assert.ok(perNodeLog > 1 && perNodeLog < 1.5, `n=${n}: messages/(n ln n) = ${perNodeLog}`);
    means.push(mean);
  }
  const x = sizes.map((n) => Math.log2(n) + Math.log(n));
  const slope = (means[2]! - means[0]!) / (x[2]! - x[0]!);
  assert.ok(Math.abs(slope - 1) < 0.06, `slope ${slope}`);
});

test("EMTD diffusion: the typed-array recurrence is the library's gradient flow of interaction + anchor", async () => {
  await ready({ backend: "cpu" });
  const g = graphFromSpec("ws:24:4:0.2", key(5));
  const r = emtdDiffusion(g, { tolerance: 0.05 });
  assert.equal(r.messages, 2 * g.edgeCount * r.rounds);
  const flow = gradientFlow(sum(interaction(g), anchor(g.n, { nodes: [0], value: 1, strength: r.strength })), { step: r.step });
  const zeros = tf.zeros([g.n, 1]) as tf.Tensor2D;
  let state = flow.init(zeros);
  zeros.dispose();
  const worst = () => Math.max(...Array.from(state.position.dataSync(), (v) => Math.abs(v - 1)));
  for (let t = 0; t < r.rounds - 1; t++) [state] = flow.step(state, key(0));
  const before = worst();
  [state] = flow.step(state, key(0));
  const after = worst();
  disposeState(state);
  assert.ok(before > 0.05 * (1 - 1e-4) && after <= 0.05 * (1 + 1e-4), `at rounds−1: ${before}, at rounds: ${after}`);
});

test("EMTD diffusion on K_n matches the two-variable reduction; disconnected graphs are refused", () => {
  // By symmetry on K_n every non-source node has the same value y; with z the source:
  // (Lx)_i = y − z (i ≠ 0), (Lx)_0 = (n − 1)(z − y), so y' = y − 2h(y − z), z' = z − 2h((n − 1)(z − y) + s(z − 1)).
  for (const n of [5, 12, 40]) {
    const r = emtdDiffusion(graphs.complete(n), { tolerance: 1e-3 });
    const h = r.step;
    const s = r.strength;
    let y = 0;
    let z = 0;
    let rounds = 0;
    while (Math.max(Math.abs(y - 1), Math.abs(z - 1)) > 1e-3) {
      [y, z] = [y - 2 * h * (y - z), z - 2 * h * ((n - 1) * (z - y) + s * (z - 1))];
      rounds++;
    }
    assert.equal(r.rounds, rounds, `K_${n}`);
    assert.equal(r.messages, n * (n - 1) * rounds);
  }
  const g = new UndirectedGraph();
  ["a", "b", "c"].forEach((k) => g.addNode(k));
  g.addEdge("a", "b");
  assert.throws(() => emtdDiffusion(fromGraphology(g)), ArgumentError);
});

test("EMTD diffusion on a sparse small world needs rounds growing ~linearly in n (one pinned source)", () => {
  // One anchored node drains the disagreement of all n nodes through its few edges: the grounded Laplacian's
  // smallest eigenvalue is ~ D/n, so rounds ~ n ln(1/tol) and messages ~ 2E·n ~ n². A diffusion whose rounds grew
  // like log n (the gossip regime) would give a rounds slope near 0 here.
  const sizes = [30, 100, 300];
  const rounds = sizes.map((n) => emtdDiffusion(graphFromSpec(`ws:${n}:4:0.1`, key(2))).rounds);
  const fit = powerLaw(sizes, rounds);
  assert.ok(fit.slope > 0.8, `rounds slope ${fit.slope} (${rounds})`);
});

test("hotstuffWorstCase: (f + 8)(n − 1) with f faulty leaders; quadratic at f = ⌊(n − 1)/3⌋; f beyond (n − 1)/3 rejected", () => {
  assert.equal(hotstuffWorstCase(4, 0).messages, hotstuffMessages(4).messages);
  assert.equal(hotstuffWorstCase(100).messages, (33 + 8) * 99);
  assert.equal(hotstuffWorstCase(100).faultyLeaders, 33);
  // n = 1000 → 10⁴: the count grows by (3333 + 8)·9999 / ((333 + 8)·999) ≈ 98, nearly 10²
  const ratio = hotstuffWorstCase(10000).messages / hotstuffWorstCase(1000).messages;
  assert.ok(ratio > 95 && ratio < 100, String(ratio));
  assert.throws(() => hotstuffWorstCase(10, 4), ArgumentError);
});

test("byzantineMessageBound: n + t², t = ⌊(n − 1)/3⌋ by default", () => {
  assert.equal(byzantineMessageBound(100), 100 + 33 * 33);
  assert.equal(byzantineMessageBound(100, 0), 100);
  assert.throws(() => byzantineMessageBound(100, 34), ArgumentError);
});

/** K_n as neighbour lists (every other node, in order). */
function completeAdjacency(n: number): Adjacency {
  const rowPtr = Int32Array.from({ length: n + 1 }, (_, i) => i * (n - 1));
  const col = new Int32Array(n * (n - 1));
  for (let i = 0, a = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i) col[a++] = j;
  return { n, rowPtr, col };
}

/** A ring: neighbours i − 1 and i + 1. */
function ringAdjacency(n: number): Adjacency {
  const rowPtr = Int32Array.from({ length: n + 1 }, (_, i) => 2 * i);
  const col = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) [col[2 * i], col[2 * i + 1]] = [(i + n - 1) % n, (i + 1) % n];
  return { n, rowPtr, col };
}

const V = 3.14159;

test("metropolisGossip on K_n at a huge T is push gossip: the same law of rounds and pushes (every push taken)", () => {
  // At T = 10¹² a receiver's ΔE ≤ ½v²(n − 2) ≈ 300 is accepted with probability 1 − 3·10⁻¹⁰: the process is push
  // gossip on K_n (a uniform neighbour is a uniform other node). Its own draws differ, so the laws are compared:
  // mean rounds and mean pushes within 4 standard errors of the difference.
  const n = 64;
  const runs = 400;
  const stats = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, v: xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length };
  };
  const graph = completeAdjacency(n);
  const hot = Array.from({ length: runs }, (_, r) => metropolisGossip(n, { value: V, schedule: constant(1e12), graph }, fold(key(41), r)));
  const push = Array.from({ length: runs }, (_, r) => pushGossip(n, fold(key(42), r)));
  assert.ok(hot.every((g) => g.decided && g.holding === n && g.messages === g.pushes + g.reads));
  for (const [what, a, b] of [
    ["rounds", hot.map((g) => g.rounds), push.map((g) => g.rounds)],
    ["pushes", hot.map((g) => g.pushes), push.map((g) => g.messages)],
  ] as const) {
    const [x, y] = [stats([...a]), stats([...b])];
    const se = Math.sqrt(x.v + y.v);
    assert.ok(Math.abs(x.m - y.m) < 4 * se, `${what}: ${x.m} vs push gossip ${y.m} (se ${se})`);
  }
  // Every taken push was read by its receiver (n − 1 neighbours each) and n − 1 receivers took v.
  assert.ok(hot.every((g) => g.reads >= (n - 1) * (n - 1)));
});

test("metropolisGossip at T = 0: node 0 alone never delivers where every receiver has ≥ 3 neighbours; ties (ΔE = 0) are taken", () => {
  // On K_n a receiver has 1 neighbour on v and n − 2 on 0: ΔE = ½v²(n − 3) > 0, refused at T = 0 in every round, so
  // each round is one push and one read of n − 1 states, to the cap.
  const n = 12;
  const cap = 40;
  const g = metropolisGossip(n, { value: V, schedule: constant(0), graph: completeAdjacency(n), cap }, key(3));
  assert.deepEqual([g.decided, g.holding, g.rounds, g.pushes, g.reads, g.messages], [false, 1, cap, cap, cap * (n - 1), cap * n]);
  // On a ring a receiver has one neighbour on v and one on 0: ΔE = 0, which Metropolis accepts, so it delivers.
  const ring = metropolisGossip(30, { value: V, schedule: constant(0), graph: ringAdjacency(30) }, key(3));
  assert.ok(ring.decided && ring.holding === 30 && ring.rounds < UPDATE_SWEEP_CAP, JSON.stringify(ring));
});

test("metropolisGossip: deterministic in its key; by size, the first of the attempts that delivers", () => {
  const S = () => geometric({ initial: 100, rate: 0.95 });
  const a = metropolisGossip(200, { value: V, schedule: S() }, key(8));
  assert.deepEqual(metropolisGossip(200, { value: V, schedule: S() }, key(8)), a);
  assert.equal(a.messages, a.pushes + a.reads);
  assert.equal(a.decided, a.holding === 200);
  assert.ok(a.rounds <= UPDATE_SWEEP_CAP);
  // At T = 0 on ws(n, 4, 0.1) node 0's neighbours have ≥ 2 neighbours on 0 unless their degree is 2: no run delivers
  // to every node, so every attempt is tried and the size is not decided.
  const cold = metropolisGossipBySize([10, 100], { value: V, schedule: () => constant(0), attempts: 3 }, (n) => fold(key(9), n));
  assert.deepEqual(
    [cold.decided, cold.attempts],
    [
      [false, false],
      [3, 3],
    ],
  );
  assert.ok(cold.rounds.every((r) => r === UPDATE_SWEEP_CAP));
  const warm = metropolisGossipBySize([10, 100], { value: V, schedule: S, attempts: 3 }, (n) => fold(key(9), n));
  for (let i = 0; i < 2; i++) {
    const n = warm.sizes[i]!;
    const first = metropolisGossip(n, { value: V, schedule: S() }, fold(fold(key(9), n), warm.attempts[i]! - 1));
    assert.deepEqual([first.decided, first.messages], [warm.decided[i], warm.messages[i]], `n = ${n}: the attempt counted`);
  }
});

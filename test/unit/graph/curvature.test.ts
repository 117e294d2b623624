import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { UndirectedGraph } from "graphology";
import { ready } from "../../../src/engine/backend";
import { key, uniformSource } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { adjacencyCsr, fromGraphology, type Graph } from "../../../src/graph/graph";
import { formanCurvature, ollivierCurvature, walkMeasure, wasserstein1 } from "../../../src/graph/curvature";
import { consensusSpectrum, flowCurvature, ricciFlow, twoCommunities, withCouplings } from "../../../src/graph/ricci";
import { measureConsensus, ricciConsensus } from "../../../src/analysis/consensus-time";
import { ArgumentError } from "../../../src/errors";

const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol;

function fromEdgeList(n: number, edges: Array<[number, number, number?]>): Graph {
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  for (const [a, b, w] of edges) g.addEdge(String(a), String(b), { weight: w ?? 1 });
  return fromGraphology(g);
}

test("complete graphs: κ_α = 1 − |α − (1 − α)/(n − 1)|, Forman 6 − 2n, augmented Forman n", () => {
  // K_n: m_x and m_y agree on the n − 2 common neighbours; the only mismatch is at x and y themselves, where m_x
  // has α at x and (1−α)/(n−1) at y and m_y the reverse. The excess |α − (1−α)/(n−1)| moves across the edge (cost 1),
  // and f = 1_x + ½·1_{others} is 1-Lipschitz with ∫f dm_x − ∫f dm_y equal to that excess, so the plan is optimal.
  for (let n = 3; n <= 7; n++) {
    const g = graphs.complete(n);
    for (const alpha of [0, 0.2, 1 / n, 0.5, 0.9]) {
      const expected = 1 - Math.abs(alpha - (1 - alpha) / (n - 1));
      for (const k of ollivierCurvature(g, { alpha })) assert.ok(close(k, expected), `K_${n} α=${alpha}: ${k} vs ${expected}`);
    }
    // Forman: 4 − d_x − d_y = 4 − 2(n − 1); each edge lies in n − 2 triangles.
    for (const f of formanCurvature(g)) assert.equal(f, 6 - 2 * n);
    for (const f of formanCurvature(g, { augmented: true })) assert.equal(f, n);
  }
});

test("cycles C_n, n ≥ 6: κ_α = 0 for every α and Forman 0", () => {
  // On the path x−1, x, y = x+1, y+1 (a geodesic line when n ≥ 6) m_x = (β, α, β, 0), m_y = (0, β, α, β) with
  // β = (1−α)/2. On a line W₁ = Σ|F_x − F_y| over the CDFs: β + α + β = 1, so κ = 1 − 1 = 0.
  for (let n = 6; n <= 9; n++) {
    const g = graphs.ring(n, 2);
    for (const alpha of [0, 0.3, 0.5, 0.8])
      for (const k of ollivierCurvature(g, { alpha })) assert.ok(close(k, 0), `C_${n} α=${alpha}: ${k}`);
    for (const f of formanCurvature(g)) assert.equal(f, 0);
  }
});

test("trees: κ₀ = −2(1 − 1/d_x − 1/d_y)₊ (Jost & Liu 2014), Forman 4 − d_x − d_y, paths at any α", () => {
  // A spider and a caterpillar: degrees 1 to 4 on both ends of edges.
  const trees = [
    fromEdgeList(9, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 4],
      [1, 5],
      [2, 6],
      [6, 7],
      [6, 8],
    ]),
    fromEdgeList(10, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [1, 5],
      [1, 6],
      [2, 7],
      [3, 8],
      [3, 9],
    ]),
    graphs.complete(2),
  ];
  for (const tree of trees) {
    const kappa = ollivierCurvature(tree);
    const forman = formanCurvature(tree);
    for (let e = 0; e < tree.edgeCount; e++) {
      const dx = tree.degree[tree.src[e]!]!;
      const dy = tree.degree[tree.dst[e]!]!;
      assert.ok(
        close(kappa[e]!, -2 * Math.max(0, 1 - 1 / dx - 1 / dy)),
        `edge ${tree.src[e]}–${tree.dst[e]} (${dx}, ${dy}): κ = ${kappa[e]}`,
      );
      assert.equal(forman[e], 4 - dx - dy);
    }
  }
  // Path P_6 with idleness α: interior edges have κ = 0 (the cycle computation); the leaf edge x–y (d_y = 2) has
  // m_x = (α, 1−α, 0), m_y = ((1−α)/2, α, (1−α)/2) on x, y, z, so W₁ = |3α − 1|/2 + (1 − α)/2.
  const path = fromEdgeList(6, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
  ]);
  for (const alpha of [0, 0.25, 1 / 3, 0.5, 0.9]) {
    const k = ollivierCurvature(path, { alpha });
    const leaf = 1 - (Math.abs(3 * alpha - 1) / 2 + (1 - alpha) / 2);
    assert.ok(close(k[0]!, leaf) && close(k[4]!, leaf), `leaf α=${alpha}: ${k[0]} vs ${leaf}`);
    for (const e of [1, 2, 3]) assert.ok(close(k[e]!, 0), `interior α=${alpha}: ${k[e]}`);
  }
});

test("weighted graphs: on K_n the transport cost is the total variation; weighted Forman by hand", () => {
  // In K_n every two distinct nodes are at distance 1, so W₁ = TV(m_x, m_y) = ½ Σ_z |m_x(z) − m_y(z)|.
  const rng = uniformSource(key(3));
  const n = 6;
  const edges: Array<[number, number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, 0.2 + 2 * rng()]);
  const g = fromEdgeList(n, edges);
  const csr = adjacencyCsr(g);
  for (const alpha of [0, 0.4]) {
    const kappa = ollivierCurvature(g, { alpha });
    for (let e = 0; e < g.edgeCount; e++) {
      const mx = walkMeasure(g, g.src[e]!, alpha, csr);
      const my = walkMeasure(g, g.dst[e]!, alpha, csr);
      let tv = 0;
      for (let z = 0; z < n; z++) tv += Math.abs(mx.mass[mx.support.indexOf(z)]! - my.mass[my.support.indexOf(z)]!) / 2;
      assert.ok(close(kappa[e]!, 1 - tv), `edge ${e}: ${kappa[e]} vs ${1 - tv}`);
    }
  }
  const triangle = fromEdgeList(3, [
    [0, 1, 1],
    [0, 2, 4],
    [1, 2, 0.25],
  ]);
  const f = formanCurvature(triangle);
  assert.ok(close(f[0]!, 2 - Math.sqrt(1 / 4) - Math.sqrt(1 / 0.25))); // edge 0–1
  assert.throws(() => formanCurvature(triangle, { augmented: true }), ArgumentError);
});

test("the transport LP equals the CDF formula on a line for random measures", () => {
  const path = fromEdgeList(8, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [5, 6],
    [6, 7],
  ]);
  const csr = adjacencyCsr(path);
  const rng = uniformSource(key(9));
  for (let trial = 0; trial < 20; trial++) {
    const support = Int32Array.from([2, 3, 4, 5]); // pairwise within 3 hops
    const draw = () => {
      const m = Float64Array.from(support, () => rng());
      const s = m.reduce((a, b) => a + b, 0);
      return m.map((x) => x / s);
    };
    const a = draw();
    const b = draw();
    let cdf = 0;
    let expected = 0;
    for (let i = 0; i < support.length; i++) {
      cdf += a[i]! - b[i]!;
      expected += Math.abs(cdf);
    }
    const got = wasserstein1(csr, { support, mass: a }, { support, mass: b });
    assert.ok(close(got, expected, 1e-9), `trial ${trial}: ${got} vs ${expected}`);
  }
});

test('metric "length" with every length 1 is the hop curvature, bit for bit', () => {
  // Unit lengths: Dijkstra's distances are the hop distances and the uniform walk is the walk along J = 1.
  const ws = graphs.ws(30, 4, 0.1, uniformSource(key(4)));
  for (const g of [graphs.ring(8, 2), graphs.ring(12, 4), graphs.complete(6), ws, twoCommunities(5, 2)]) {
    for (const alpha of [0, 0.5, 0.8]) {
      assert.deepEqual(ollivierCurvature(g, { alpha, metric: "length" }), ollivierCurvature(g, { alpha }), `${g.label} α=${alpha}`);
    }
  }
});

test('metric "length": κ is scale-free (every length × c leaves it unchanged), and the lengths do matter', () => {
  const ws = graphs.ws(30, 4, 0.1, uniformSource(key(6)));
  const rng = uniformSource(key(7));
  const lengths = Float64Array.from(ws.weight, () => 0.2 + 3 * rng());
  const g = withCouplings(ws, lengths, "ws lengths");
  const kappa = ollivierCurvature(g, { alpha: 0.5, metric: "length" });
  for (const c of [0.01, 3.7, 1000]) {
    const scaled = ollivierCurvature(
      withCouplings(
        ws,
        lengths.map((l) => c * l),
        "scaled",
      ),
      { alpha: 0.5, metric: "length" },
    );
    for (let e = 0; e < g.edgeCount; e++) assert.ok(close(scaled[e]!, kappa[e]!, 1e-9), `c=${c} edge ${e}: ${scaled[e]} vs ${kappa[e]}`);
  }
  const hop = ollivierCurvature(ws, { alpha: 0.5 });
  assert.ok(
    kappa.some((k, e) => !close(k, hop[e]!, 1e-3)),
    "random lengths change κ",
  );
  assert.throws(
    () =>
      ollivierCurvature(
        withCouplings(
          ws,
          lengths.map((l, e) => (e === 3 ? 0 : l)),
          "zero",
        ),
        { metric: "length" },
      ),
    ArgumentError,
  );
});

test('metric "length" by hand: an edge longer than the path around it, and a shortest path beyond 3 hops', () => {
  // Nodes 0..3, lengths ℓ(0,1) = 3, ℓ(0,2) = ℓ(1,2) = ℓ(0,3) = 1: d(0,1) = 2 (via 2) < ℓ(0,1); d(3,1) = 3, d(3,2) = 2.
  // α = 0, walk uniform over neighbours. Edge 0–1: m_0 = ⅓ on 1, 2, 3; m_1 = ½ on 0, 2. Keep ⅓ at 2; move 3 → 0 (⅓,
  // cost 1), 1 → 0 (⅙, cost 2), 1 → 2 (⅙, cost 1): W₁ = ⅓ + ⅓ + ⅙ = 5/6. Optimal: f = (0, 2, 1, 1) on 0..3 is
  // 1-Lipschitz for d and ∫f dm_0 − ∫f dm_1 = 4/3 − 1/2 = 5/6. κ = 1 − (5/6)/2 = 7/12 (dividing by ℓ = 3 would give
  // 13/18; the direct edge as the 1 → 0 cost would give W₁ = 1).
  // Edge 0–2: m_2 = ½ on 0, 1; keep ⅓ at 1; 3 → 0 (⅓, 1), 2 → 0 (⅙, 1), 2 → 1 (⅙, 1): W₁ = 2/3, κ = 1/3.
  // Edge 0–3: m_3 = δ_0, W₁ = (d(1,0) + d(2,0) + d(3,0))/3 = 4/3, κ = −1/3. Edge 1–2: move ½ from 2 to 1, κ = ½.
  const g = fromEdgeList(4, [
    [0, 1, 3],
    [0, 2, 1],
    [1, 2, 1],
    [0, 3, 1],
  ]); // edge order (0,1), (0,2), (0,3), (1,2)
  const kappa = ollivierCurvature(g, { metric: "length" });
  [7 / 12, 1 / 3, -1 / 3, 1 / 2].forEach((k, e) => assert.ok(close(kappa[e]!, k), `edge ${e}: ${kappa[e]} vs ${k}`));
  // C_10 whose edge 0–9 has length 20: d(0,9) = 9 along 0–1–…–9, a path that leaves the 3-hop balls of 0 and 9. On
  // the supports {0, 1, 8, 9} d is the line metric at positions 0, 1, 8, 9. α = ½: m_0 = (½, ¼, 0, ¼), m_9 =
  // (¼, 0, ¼, ½) there; W₁ = ∫|F − G| = ¼·1 + ½·7 + ¼·1 = 4, κ(0,9) = 1 − 4/9 = 5/9 (α = 0: W₁ = ½ + ½ = 1, κ = 8/9).
  const ring = fromEdgeList(
    10,
    Array.from({ length: 10 }, (_, i): [number, number, number] => (i < 9 ? [i, i + 1, 1] : [0, 9, 20])),
  );
  const long = [...ring.src].findIndex((s, e) => s === 0 && ring.dst[e] === 9);
  assert.ok(close(ollivierCurvature(ring, { alpha: 0.5, metric: "length" })[long]!, 5 / 9));
  assert.ok(close(ollivierCurvature(ring, { metric: "length" })[long]!, 8 / 9));
});

test("Ricci flow on lengths: each step's κ is the current lengths' own, and the bridge lengthens against the cliques", () => {
  const g = twoCommunities(5, 1);
  const bridge = [...g.src].findIndex((s, e) => s === 0 && g.dst[e] === 5);
  const { graph, history } = ricciFlow(g, { steps: 5, epsilon: 0.1, alpha: 0.5, weights: "length" });
  for (let t = 1; t < history.length; t++) {
    const before = withCouplings(g, history[t - 1]!.coupling, `step ${t}`);
    const lengths = withCouplings(
      g,
      history[t - 1]!.coupling.map((j) => 1 / j),
      `lengths ${t}`,
    );
    assert.deepEqual(history[t]!.curvature, ollivierCurvature(lengths, { alpha: 0.5, metric: "length" }));
    assert.deepEqual(history[t]!.curvature, flowCurvature(before, { weights: "length" }));
    assert.notDeepEqual(history[t]!.curvature, ollivierCurvature(before, { alpha: 0.5 }), "not the hop metric of the couplings");
  }
  // The bridge's coupling falls, below every clique edge's, and its length grows against theirs step by step.
  assert.ok(graph.weight[bridge]! < 1, `bridge J = ${graph.weight[bridge]}`);
  let ratio = 1;
  for (const { coupling } of history) {
    const shortestClique = Math.min(...[...coupling].filter((_, e) => e !== bridge).map((j) => 1 / j));
    const next = 1 / coupling[bridge]! / shortestClique;
    assert.ok(next > ratio, `bridge / clique length ${next} after ${ratio}`);
    ratio = next;
  }
  // The coupling reading is unchanged: the hop metric with the walk along J.
  const coupled = ricciFlow(g, { steps: 2, epsilon: 0.1, alpha: 0.5, weights: "coupling" }).history;
  assert.deepEqual(coupled[1]!.curvature, ollivierCurvature(withCouplings(g, coupled[0]!.coupling, "c"), { alpha: 0.5 }));
});

test("Ricci flow: conserves Σ J, leaves edge-transitive graphs uniform, strengthens or weakens bridges by reading", () => {
  for (const g of [graphs.complete(5), graphs.ring(8, 2)]) {
    const { graph } = ricciFlow(g, { steps: 3, epsilon: 0.2 });
    for (const w of graph.weight) assert.ok(close(w, 1, 1e-12));
  }
  const g = twoCommunities(5, 1);
  const bridge = [...g.src].findIndex((s, e) => s === 0 && g.dst[e] === 5);
  const kappa = ollivierCurvature(g, { alpha: 0.5 });
  assert.ok(kappa[bridge]! < 0, `bridge κ = ${kappa[bridge]}`);
  assert.ok(kappa.every((k, e) => e === bridge || k > kappa[bridge]!));
  const total = g.weight.reduce((s, x) => s + x, 0);
  for (const weights of ["coupling", "length"] as const) {
    const { graph, history } = ricciFlow(g, { steps: 5, epsilon: 0.1, weights });
    assert.equal(history.length, 5);
    assert.ok(
      close(
        graph.weight.reduce((s, x) => s + x, 0),
        total,
        1e-9,
      ),
    );
    const gained = graph.weight[bridge]! > 1;
    assert.equal(gained, weights === "coupling", `${weights}: bridge J = ${graph.weight[bridge]}`);
  }
  assert.throws(() => ricciFlow(g, { epsilon: 0.9 }), ArgumentError);
});

test("consensus time under gradient flow matches ln(1/r)/(4λ₂), and the flow's effect on it is measured", async () => {
  await ready({ backend: "wasm" });
  const g = twoCommunities(5, 1);
  const reduction = 1e-3;
  // Start on the community indicator (close to the Fiedler vector), so the slowest mode dominates from the start.
  const initial = Array.from({ length: g.n }, (_, i) => (i < 5 ? 1 : -1));
  const before = tf.memory().numTensors;
  const m = measureConsensus(g, key(0), { initial, reduction });
  assert.equal(tf.memory().numTensors, before);
  const spectrum = consensusSpectrum(g, reduction);
  assert.ok(Math.abs(m.time / spectrum.predictedTime - 1) < 0.05, `measured ${m.time} vs predicted ${spectrum.predictedTime}`);
  const up = ricciConsensus(g, { steps: 5, epsilon: 0.1, weights: "coupling" }, key(0), { initial, reduction });
  const down = ricciConsensus(g, { steps: 5, epsilon: 0.1, weights: "length" }, key(0), { initial, reduction });
  // Same Σ J; which way the time moves follows λ₂ of the flowed graph.
  assert.ok(up.after.fiedler > up.before.fiedler && up.speedup < 1, `coupling reading: speedup ${up.speedup}`);
  assert.ok(down.after.fiedler < down.before.fiedler && down.speedup > 1, `length reading: speedup ${down.speedup}`);
  assert.ok(up.after.errorAtHorizon < reduction && down.after.errorAtHorizon > reduction);
});

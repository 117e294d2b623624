import { test } from "node:test";
import assert from "node:assert/strict";
import { UndirectedGraph, MultiGraph } from "graphology";
import erdosRenyi from "graphology-generators/random/erdos-renyi";
import completeGenerator from "graphology-generators/classic/complete";
import { key, uniformSource } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { fromGraphology, isConnected, componentCount } from "../../../src/graph/graph";
import { graphs } from "../../../src/graph/generators";
import { colourClasses, isProperColouring } from "../../../src/graph/coloring";
import { lanczosRitzValues, laplacianEigenvalues, ringLatticeEigenvalues, spectralSummary } from "../../../src/graph/spectrum";
import { ArgumentError } from "../../../src/errors";
import { maxAbsDiff } from "../../helpers";

const k0 = key(7);

test("ring lattice: n·k/2 edges, every degree k, eigenvalues match the closed form", () => {
  const g = graphFromSpec("ring:40:6", k0);
  assert.equal(g.edgeCount, 120);
  assert.ok(g.degree.every((d) => d === 6));
  assert.ok(maxAbsDiff(laplacianEigenvalues(g), ringLatticeEigenvalues(40, 6)) < 1e-9);
});

test("Watts–Strogatz keeps the edge count, equals the ring at p = 0 and rewires about p·E edges", () => {
  const ring = graphFromSpec("ring:300:4", k0);
  const ws0 = graphFromSpec("ws:300:4:0", k0);
  assert.deepEqual([...ws0.src], [...ring.src]);
  assert.deepEqual([...ws0.dst], [...ring.dst]);
  const ringEdges = new Set([...ring.src].map((s, e) => `${s}-${ring.dst[e]}`));
  let rewired = 0;
  const trials = 20;
  for (let s = 0; s < trials; s++) {
    const ws = graphFromSpec("ws:300:4:0.1", key(100 + s));
    assert.equal(ws.edgeCount, 600);
    for (let e = 0; e < ws.edgeCount; e++) if (!ringEdges.has(`${ws.src[e]}-${ws.dst[e]}`)) rewired++;
  }
  // Each of the 600 edges is rewired with probability 0.1 (a few land back on a lattice edge: ≲ 1%).
  const mean = rewired / trials;
  const sd = Math.sqrt((600 * 0.1 * 0.9) / trials);
  assert.ok(Math.abs(mean - 60) < 4 * sd + 1, `mean rewired ${mean}`);
});

test("Erdős–Rényi has binomial edge count; BA has m(n − m − 1) + m edges and a hub", () => {
  const counts = Array.from({ length: 10 }, (_, s) => graphFromSpec("er:200:0.05", key(s)).edgeCount);
  const expected = (0.05 * (200 * 199)) / 2;
  const mean = counts.reduce((a, b) => a + b) / counts.length;
  const sd = Math.sqrt((expected * 0.95) / counts.length);
  assert.ok(Math.abs(mean - expected) < 4 * sd, `mean edges ${mean} vs ${expected}`);
  const ba = graphFromSpec("ba:500:3", k0);
  assert.equal(ba.edgeCount, 3 * (500 - 3 - 1) + 3);
  assert.ok(isConnected(ba));
  assert.ok(Math.max(...ba.degree) > 30, "preferential attachment grows hubs");
});

test("torus and complete graphs have their exact spectra", () => {
  const t = graphFromSpec("torus:6", k0);
  assert.equal(t.edgeCount, 72);
  const ev = laplacianEigenvalues(t);
  const exact: number[] = [];
  for (let a = 0; a < 6; a++)
    for (let b = 0; b < 6; b++) exact.push(4 - 2 * Math.cos((2 * Math.PI * a) / 6) - 2 * Math.cos((2 * Math.PI * b) / 6));
  exact.sort((x, y) => x - y);
  assert.ok(maxAbsDiff(ev, exact) < 1e-9);
  const c = laplacianEigenvalues(graphFromSpec("complete:9", k0));
  assert.ok(Math.abs(c[0]!) < 1e-9 && c.slice(1).every((l) => Math.abs(l - 9) < 1e-9));
});

test("Lanczos recovers λ₂ and λ_max of the dense spectrum", () => {
  for (const spec of ["ws:400:6:0.2", "ba:400:2", "torus:20"]) {
    const g = graphFromSpec(spec, k0);
    const dense = laplacianEigenvalues(g);
    const ritz = lanczosRitzValues(g, 300);
    assert.ok(Math.abs(ritz[0]! - dense[1]!) < 1e-6 * dense[dense.length - 1]!, `${spec} λ₂ ${ritz[0]} vs ${dense[1]}`);
    assert.ok(Math.abs(ritz[ritz.length - 1]! - dense[dense.length - 1]!) < 1e-6 * dense[dense.length - 1]!, `${spec} λmax`);
    assert.equal(spectralSummary(g).method, "dense");
  }
});

test("colourings are proper; bipartite graphs get two colours", () => {
  assert.equal(colourClasses(graphFromSpec("torus:8", k0)).length, 2);
  for (const spec of ["torus:7", "ring:51:4", "ws:200:6:0.3", "er:100:0.1", "ba:200:3", "complete:12"]) {
    const g = graphFromSpec(spec, k0);
    const classes = colourClasses(g);
    assert.ok(isProperColouring(g, classes), spec);
    if (spec === "complete:12") assert.equal(classes.length, 12);
  }
});

test("graphology graphs: weights become J_ij, parallel edges merge, self-loops are rejected", () => {
  const g = new MultiGraph();
  g.mergeNode("a");
  g.mergeNode("b");
  g.mergeNode("c");
  g.addEdge("a", "b", { weight: 2 });
  g.addEdge("b", "a", { weight: 0.5 });
  g.addEdge("b", "c");
  const packed = fromGraphology(g);
  assert.equal(packed.edgeCount, 2);
  assert.deepEqual([...packed.weight], [2.5, 1]);
  assert.equal(packed.unitWeights, false);
  assert.deepEqual(packed.keys, ["a", "b", "c"]);
  const loop = new UndirectedGraph({ allowSelfLoops: true });
  loop.mergeNode("x");
  loop.addEdge("x", "x");
  assert.throws(() => fromGraphology(loop), ArgumentError);
  const islands = fromGraphology(new UndirectedGraph());
  assert.equal(componentCount(islands), 0);
});

test("bad specs name the argument and the accepted forms", () => {
  for (const spec of ["ring:10", "ring:10:3", "ws:10:4:1.5", "er:x:0.1", "grid:4", "torus:2", "ba:3:3"]) {
    assert.throws(
      () => graphFromSpec(spec, k0),
      (e: unknown) => e instanceof ArgumentError && /must be/.test((e as Error).message),
      spec,
    );
  }
});

test("random generators are reproducible from the key", () => {
  const a = graphs.ws(100, 4, 0.3, () => 0.5);
  assert.equal(a.edgeCount, 200);
  const g1 = graphFromSpec("ws:200:4:0.3", key(3));
  const g2 = graphFromSpec("ws:200:4:0.3", key(3));
  const g3 = graphFromSpec("ws:200:4:0.3", key(4));
  assert.deepEqual([...g1.dst], [...g2.dst]);
  assert.notDeepEqual([...g1.dst], [...g3.dst]);
});

test("one builder per family draws the graphs of the graphology generators it replaced, at the same stream", () => {
  const same = (a: ReturnType<typeof graphs.er>, b: ReturnType<typeof graphs.er>, what: string) => {
    assert.equal(a.n, b.n, what);
    assert.deepEqual([a.src, a.dst, a.weight, a.degree], [b.src, b.dst, b.weight, b.degree], what);
  };
  for (let seed = 0; seed < 12; seed++) {
    for (const [n, p] of [
      [1, 0.5],
      [20, 0.2],
      [57, 0.05],
      [80, 1],
      [30, 0],
    ] as const) {
      const sparse = erdosRenyi.sparse(UndirectedGraph, { order: n, probability: p, rng: uniformSource(key(seed)) });
      same(graphs.er(n, p, uniformSource(key(seed))), fromGraphology(sparse), `er:${n}:${p} seed ${seed}`);
    }
  }
  for (const n of [2, 5, 31]) same(graphs.complete(n), fromGraphology(completeGenerator(UndirectedGraph, n)), `complete:${n}`);
  // er:N:p checks N as the graphology builder did.
  assert.throws(() => graphFromSpec("er:0:0.5", k0), ArgumentError);
});

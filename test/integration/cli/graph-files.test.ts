/** Graphs from files: graphology JSON, GEXF, GraphML and edge lists read back to the same packed graph. */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { UndirectedGraph } from "graphology";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { graphFromFile } from "../../../src/graph/files";
import { ArgumentError } from "../../../src/errors";
import type { Graph } from "../../../src/graph/graph";

const dir = mkdtempSync(path.join(tmpdir(), "emtd-graph-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const root = path.resolve(TEST_DIR, "..", "..");

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A weighted Watts–Strogatz graph: the reference every format must reproduce edge for edge. */
function reference(): { graph: Graph; weights: Map<string, number> } {
  const base = graphFromSpec("ws:40:4:0.3", key(5));
  const g = new UndirectedGraph();
  for (let i = 0; i < base.n; i++) g.addNode(String(i));
  const weights = new Map<string, number>();
  for (let e = 0; e < base.edgeCount; e++) {
    const w = 1 + (e % 3) * 0.5;
    g.addEdge(String(base.src[e]), String(base.dst[e]), { weight: w });
    weights.set(`${base.src[e]}-${base.dst[e]}`, w);
  }
  return { graph: { ...base, graphology: g }, weights };
}

function assertSameGraph(read: Graph, expected: Graph, weights: Map<string, number>): void {
  assert.equal(read.n, expected.n);
  assert.equal(read.edgeCount, expected.edgeCount);
  for (let e = 0; e < read.edgeCount; e++) {
    const a = Number(read.keys[read.src[e]!]);
    const b = Number(read.keys[read.dst[e]!]);
    const id = `${Math.min(a, b)}-${Math.max(a, b)}`;
    assert.equal(read.weight[e], weights.get(id), `edge ${id}`);
  }
}

test("an edge list, graphology JSON, GEXF and GraphML each read back the same weighted graph", () => {
  const { graph, weights } = reference();
  const g = graph.graphology as UndirectedGraph;
  const edgeLines = ["# source target weight", ...g.mapEdges((_e, attrs, s, t) => `${s} ${t} ${attrs.weight}`)];
  const files = [write("g.txt", edgeLines.join("\n") + "\n"), write("g.json", JSON.stringify(g.export()))];

  const gexf = require("graphology-gexf") as { write(graph: unknown): string };
  files.push(write("g.gexf", gexf.write(g)));
  const nodes = g.mapNodes((n) => `<node id="${n}"/>`).join("");
  const edges = g.mapEdges((_e, attrs, s, t) => `<edge source="${s}" target="${t}"><data key="w">${attrs.weight}</data></edge>`).join("\n");
  files.push(
    write(
      "g.graphml",
      `<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="w" for="edge" attr.name="weight" attr.type="double"/>\n<graph edgedefault="undirected">${nodes}\n${edges}</graph></graphml>`,
    ),
  );
  for (const file of files) assertSameGraph(graphFromFile(file), graph, weights);
  assertSameGraph(graphFromSpec(`file:${files[0]}`, key(0)), graph, weights);
});

test("malformed files are typed errors naming the file and the line or element at fault", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["bad.txt", "a b\nb c 1 extra\n", /bad\.txt line 2 must be SOURCE TARGET \[WEIGHT\]/],
    ["weight.txt", "a b\nb c -3\n", /line 2 weight must be a finite number ≥ 0 \(got "-3"\)/],
    ["loop.txt", "a a\n", /line 1 must be an edge between two different nodes/],
    ["bad.json", "{ nodes: [] }", /bad\.json must be valid JSON/],
    [
      "edges.json",
      JSON.stringify({ nodes: [{ key: "a" }], edges: [{ source: "a" }] }),
      /edges\.json: edges\[0\] must be an object with source and target/,
    ],
    ["bad.gexf", '<gexf><graph><nodes><node id="a"/></nodes></graph', /bad\.gexf must be a well-formed GEXF document \(got ".*line 1/],
    [
      "dangling.graphml",
      '<graphml><graph>\n<node id="a"/>\n<edge source="a" target="q"/></graph></graphml>',
      /<edge source="a" target="q"> \(line 3\) must be an edge between declared nodes/,
    ],
    ["wrong.graphml", "<gexf/>", /must be a GraphML document \(root element <graphml>\)/],
  ];
  for (const [name, text, pattern] of cases) {
    const file = write(name, text);
    assert.throws(
      () => graphFromFile(file),
      (error: unknown) => error instanceof ArgumentError && pattern.test(error.message),
      name,
    );
  }
  assert.throws(() => graphFromFile(path.join(dir, "missing.txt")), /missing\.txt: does not exist/);
});

test("`emtd sample --graph file:PATH` runs on a file and refuses a bad one with one line and exit 2", () => {
  const file = write("ring.txt", Array.from({ length: 12 }, (_, i) => `${i} ${(i + 1) % 12}`).join("\n"));
  const cli = path.join(root, "bin", "emtd.js");
  const ok = spawnSync(
    process.execPath,
    [
      cli,
      "sample",
      "--graph",
      `file:${file}`,
      "--dim",
      "1",
      "--temperature",
      "1",
      "--integrator",
      "ula",
      "--step",
      "0.05",
      "--steps",
      "400",
      "--burn-in",
      "100",
      "--json",
    ],
    { encoding: "utf8" },
  );
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(Number.isFinite(JSON.parse(ok.stdout).meanEnergy));
  const bad = write("bad-cli.txt", "0 1 2 3\n");
  const refused = spawnSync(process.execPath, [cli, "sample", "--graph", `file:${bad}`], { encoding: "utf8" });
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr.trim().split("\n").length, 1, refused.stderr);
  assert.match(refused.stderr, /bad-cli\.txt line 1/);
});

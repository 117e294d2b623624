/**
 * Property: `emtd sample|consensus|ising --graph file:PATH` on any graph file (edge list, graphology JSON, GEXF,
 * GraphML: a small valid graph, the same text cut or changed, a line past the cap, a graph with no edge, entity
 * bombs and external entities, a device, a FIFO, a directory) ends in exit 0, 1 or 2 with one line, in this process.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { hostileText } from "./arbitraries";
import { runInProcess, scratch, settle } from "./harness";
import { assertKept, type Runs } from "./invariants";
import { SPECIAL_KINDS, specialPath, type SpecialKind } from "./special-files";

type Edge = [number, number, number | null];

/** A small graph: n nodes and edges between them (weights sometimes given), sometimes none. */
const graph = fc
  .integer({ min: 1, max: 10 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null })), {
        maxLength: 14,
      }),
    ),
  )
  .map(([n, edges]) => ({ n, edges: edges.filter(([a, b]) => a !== b) as Edge[] }));

const xmlEdges = (edges: Edge[]) =>
  edges.map(([a, b, w], i) => `<edge id="e${i}" source="n${a}" target="n${b}"${w === null ? "" : ` weight="${w}"`}/>`).join("\n");

/** The graph written in each format. */
function write(format: string, g: { n: number; edges: Edge[] }): string {
  const ids = Array.from({ length: g.n }, (_, i) => `n${i}`);
  switch (format) {
    case "json":
      return JSON.stringify({
        nodes: ids.map((key) => ({ key })),
        edges: g.edges.map(([a, b, w]) => ({ source: `n${a}`, target: `n${b}`, ...(w === null ? {} : { attributes: { weight: w } }) })),
      });
    case "gexf":
      return `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected"><nodes>${ids.map((id) => `<node id="${id}" label="${id}"/>`).join("")}</nodes><edges>${xmlEdges(g.edges)}</edges></graph></gexf>`;
    case "graphml":
      return `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="weight" for="edge" attr.name="weight" attr.type="double"/><graph edgedefault="undirected">${ids.map((id) => `<node id="${id}"/>`).join("")}${g.edges.map(([a, b, w], i) => `<edge id="e${i}" source="n${a}" target="n${b}">${w === null ? "" : `<data key="weight">${w}</data>`}</edge>`).join("")}</graph></graphml>`;
    default:
      return `# ${g.n} nodes\n${ids.join("\n")}\n${g.edges.map(([a, b, w]) => `n${a} n${b}${w === null ? "" : ` ${w}`}`).join("\n")}\n`;
  }
}

const ENTITY_BOMB = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;

/** A change to the text: cut it, insert hostile text, append a line past the cap, prepend a DOCTYPE attack. */
const mutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  { arbitrary: fc.constant((t: string) => t), weight: 3 },
  fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))),
  fc.tuple(fc.nat(), hostileText).map(
    ([at, h]) =>
      (t: string) =>
        t.slice(0, at % (t.length + 1)) + h + t.slice(at % (t.length + 1)),
  ),
  fc.constant((t: string) => `${t}\nn0 ${"x".repeat(70 * 1024)}\n`),
  fc.constant(() => "z".repeat(100 * 1024)),
  fc.constant((t: string) => t.replace(/^(<\?xml[^>]*\?>)?/, `${ENTITY_BOMB}`).replace(/"n0"/, '"&d;"')),
  fc.constant((t: string) => t.replace(/^(<\?xml[^>]*\?>)?/, `${XXE}`).replace(/label="n0"/, 'label="&xxe;"')),
  fc.constant((t: string) => t.replace(/\n/g, "\r\n")),
  fc.constant((t: string) => `\uFEFF${t}`),
);

type GraphFile = { kind: "text"; format: string; text: string } | { kind: "special"; which: SpecialKind; format: string };

const graphFile: fc.Arbitrary<GraphFile> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom("txt", "json", "gexf", "graphml"), graph, mutation)
      .map(([format, g, change]) => ({ kind: "text" as const, format, text: change(write(format, g)) })),
    weight: 8,
  },
  fc
    .tuple(fc.constantFrom(...SPECIAL_KINDS), fc.constantFrom("txt", "json", "graphml"))
    .map(([which, format]) => ({ kind: "special" as const, which, format })),
);

/** The command that reads the file, with small sizes. */
const reader = fc.constantFrom(
  (spec: string) => ["sample", "--graph", spec, "--steps", "30", "--dim", "1"],
  (spec: string) => ["consensus", "--graph", spec, "--rounds", "20"],
  (spec: string) => ["ising", "--graph", spec, "--sweeps", "10"],
);

let counter = 0;

export function graphFileArbitrary() {
  return fc.tuple(graphFile, reader);
}

/** Write `file` in `dir`; its path. */
export function placeGraph(dir: string, file: GraphFile): string {
  const name = `graph-${counter++}.${file.format}`;
  if (file.kind === "special") return specialPath(dir, name, file.which);
  const target = path.join(dir, name);
  writeFileSync(target, file.text);
  return target;
}

export function graphFileProperty(dir: string) {
  return fc.asyncProperty(graphFileArbitrary(), async ([file, command]) => {
    const argv = command(`file:${placeGraph(dir, file)}`);
    assertKept(
      await runInProcess(argv),
      `emtd ${argv.join(" ").slice(0, 200)} (${file.kind === "text" ? JSON.stringify(file.text.slice(0, 200)) : file.which})`,
    );
  });
}

/** Run the graph-file property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case). */
export async function checkGraphFiles(runs: Runs): Promise<void> {
  await settle();
  const { dir, remove } = scratch("graphs");
  try {
    await fc.assert(graphFileProperty(dir), runs);
  } finally {
    remove();
  }
}

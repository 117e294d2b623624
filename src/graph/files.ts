/**
 * Graphs from the files people have: graphology's serialised JSON, GEXF and GraphML (parsed by graphology's own
 * packages), and plain edge lists. The format is chosen by the file's extension (`.json`, `.gexf`, `.graphml`; anything
 * else is read as an edge list). Every malformed file is an {@link ArgumentError} naming the file and the line (edge
 * lists) or the element (XML, JSON) at fault.
 */
import * as path from "node:path";
import type { DOMParser as XmlParser } from "@xmldom/xmldom";
import Graph from "graphology";
import type { AbstractGraph } from "graphology-types";
import { ArgumentError } from "../errors";
import { checkFits, graphBytes } from "../engine/budget";
import { readBounded } from "../files/bounded";
import { checkGraphText } from "./file-budget";
import { fromGraphology, type Graph as PackedGraph } from "./graph";

const WHERE = "emtd/graph/files";

/** The formats {@link graphFromFile} reads, by extension. */
export const GRAPH_FILE_FORMATS = "graphology JSON (.json), GEXF (.gexf), GraphML (.graphml) or an edge list (any other extension)";

export type GraphFileFormat = "json" | "gexf" | "graphml" | "edgelist";

/**
 * The format of a graph file, from its extension (case-insensitive; anything unknown is an edge list).
 *
 * @example
 * ```ts
 * [graphFileFormat("net.graphml"), graphFileFormat("g.JSON"), graphFileFormat("edges.csv")]; // → ["graphml", "json", "edgelist"]
 * ```
 */
export function graphFileFormat(file: string): GraphFileFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".gexf") return "gexf";
  if (extension === ".graphml" || extension === ".xml") return "graphml";
  return "edgelist";
}

/**
 * Read a graph file and pack it. Node indices follow the file's node order; J_ij is the edge attribute `weight`
 * (default 1), and edges between the same pair are merged by summing their weights. The file is read within a byte
 * budget (and an edge list within a line cap; files/bounded: devices and FIFOs are refused), and what its parse will
 * cost is estimated from the text and refused when it cannot fit (graph/file-budget), before graphology builds it.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * writeFileSync("/tmp/triangle.txt", "# a triangle\na b\nb c 2\nc a\n");
 * const g = graphFromFile("/tmp/triangle.txt");   // 3 nodes, 3 edges, J_bc = 2
 * ```
 */
export function graphFromFile(file: string, options: { format?: GraphFileFormat } = {}): PackedGraph {
  const format = options.format ?? graphFileFormat(file);
  const text = readBounded(file, format === "edgelist" ? "edge-list" : "graph", { where: WHERE, argument: "graph" });
  checkGraphText(text, format, file);
  const graph = parseGraph(text, format, file);
  if (graph.order === 0) throw new ArgumentError(WHERE, "graph", "a file with at least one node", file);
  return fromGraphology(graph, { label: `file:${path.basename(file)}` });
}

/**
 * Parse graph text in one of the supported formats into an undirected graphology graph. `name` is used in errors.
 *
 * @example
 * ```ts
 * const g = parseGraph(JSON.stringify({ nodes: [{ key: "x" }, { key: "y" }], edges: [{ source: "x", target: "y" }] }), "json");
 * [g.order, g.size]; // → [2, 1]
 * ```
 */
export function parseGraph(text: string, format: GraphFileFormat, name = "graph"): AbstractGraph {
  switch (format) {
    case "json":
      return parseGraphologyJson(text, name);
    case "gexf":
    case "graphml":
      return parseXml(text, format, name);
    default:
      return parseEdgeList(text, name);
  }
}

/**
 * An edge list: one edge per line, `SOURCE TARGET [WEIGHT]`, separated by spaces, tabs or commas; `#` and `%` start
 * comments; a line with a single token declares an isolated node.
 *
 * @example
 * ```ts
 * const g = parseEdgeList("# a triangle\na b\nb c 2\nc a\nd\n"); // d is isolated
 * [g.order, g.size]; // → [4, 3]
 * fromGraphology(g).weight; // → Float64Array [1, 1, 2] (J_bc = 2, in packed (src, dst) order)
 * ```
 */
export function parseEdgeList(text: string, name = "edge list"): AbstractGraph {
  const graph = new Graph({ type: "undirected", multi: true, allowSelfLoops: true });
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/[#%].*$/, "").trim();
    if (line === "") return;
    const fields = line.split(/[\s,]+/);
    const at = `${name} line ${index + 1}`;
    if (fields.length > 3) throw new ArgumentError(WHERE, at, "SOURCE TARGET [WEIGHT] or a single node id", raw.trim());
    const [source, target, weightText] = fields as [string, string | undefined, string | undefined];
    graph.mergeNode(source);
    if (target === undefined) return;
    if (source === target) throw new ArgumentError(WHERE, at, "an edge between two different nodes (no self-loops)", raw.trim());
    graph.mergeNode(target);
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!Number.isFinite(weight) || weight < 0) throw new ArgumentError(WHERE, `${at} weight`, "a finite number ≥ 0", weightText);
    graph.addEdge(source, target, { weight });
  });
  return graph;
}

/** graphology's serialisation format (`graph.export()`): `{ attributes?, options?, nodes: [{ key }], edges: [{ source, target, attributes? }] }`. */
function parseGraphologyJson(text: string, name: string): AbstractGraph {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ArgumentError(WHERE, name, "valid JSON in graphology's serialisation format", (error as Error).message);
  }
  const record = data as { nodes?: unknown; edges?: unknown };
  if (typeof data !== "object" || data === null || !Array.isArray(record.nodes)) {
    throw new ArgumentError(
      WHERE,
      `${name}: "nodes"`,
      "an array of { key } objects (graphology's serialisation format)",
      typeof data === "object" ? "missing" : data,
    );
  }
  if (record.edges !== undefined && !Array.isArray(record.edges))
    throw new ArgumentError(WHERE, `${name}: "edges"`, "an array of { source, target } objects", record.edges);
  record.nodes.forEach((node, i) => {
    if (typeof node !== "object" || node === null || !("key" in node))
      throw new ArgumentError(WHERE, `${name}: nodes[${i}]`, "an object with a key", node);
  });
  ((record.edges ?? []) as unknown[]).forEach((edge, i) => {
    const e = edge as { source?: unknown; target?: unknown };
    if (typeof edge !== "object" || edge === null || e.source === undefined || e.target === undefined) {
      throw new ArgumentError(WHERE, `${name}: edges[${i}]`, "an object with source and target", edge);
    }
  });
  // The counts are known now: refuse a graph graphology cannot hold before it builds one.
  const { bytes, heapBytes } = graphBytes(record.nodes.length, ((record.edges ?? []) as unknown[]).length, true);
  checkFits(WHERE, `graph ${name} (${record.nodes.length} nodes, ${((record.edges ?? []) as unknown[]).length} edges)`, bytes, heapBytes);
  const graph = new Graph({ multi: true, type: "mixed" });
  try {
    graph.import(data as Parameters<typeof graph.import>[0]);
  } catch (error) {
    throw new ArgumentError(WHERE, name, "a graph in graphology's serialisation format", (error as Error).message);
  }
  return graph;
}

/**
 * GEXF and GraphML through graphology-gexf / graphology-graphml. The XML is parsed here first with @xmldom/xmldom (the
 * parser those packages use in Node) so that the first syntax error is reported with its line and column instead of
 * being logged to the console.
 */
function parseXml(text: string, format: "gexf" | "graphml", name: string): AbstractGraph {
  const label = format === "gexf" ? "GEXF" : "GraphML";
  const problems: string[] = [];
  const note = (message: string) =>
    problems.push(
      message
        .replace(/\s+/g, " ")
        .replace(/@#\[line:(\d+),col:(\d+)\]/, "at line $1, column $2")
        .trim(),
    );
  // Loaded on first use (XML files only): it is start-up time for every command otherwise.
  const { DOMParser } = require("@xmldom/xmldom") as { DOMParser: typeof XmlParser };
  const document = new DOMParser({ locator: {}, errorHandler: { warning: note, error: note, fatalError: note } }).parseFromString(
    text,
    "text/xml",
  );
  if (problems.length > 0) throw new ArgumentError(WHERE, name, `a well-formed ${label} document`, problems[0]);
  const rootName = format === "gexf" ? "gexf" : "graphml";
  if (document.documentElement?.nodeName !== rootName) {
    throw new ArgumentError(
      WHERE,
      name,
      `a ${label} document (root element <${rootName}>)`,
      `<${document.documentElement?.nodeName ?? "nothing"}>`,
    );
  }
  const missing = danglingEdge(document);
  if (missing)
    throw new ArgumentError(
      WHERE,
      `${name}: ${missing.element}`,
      "an edge between declared nodes",
      `target or source "${missing.node}" has no <node>`,
    );

  const parser = (format === "gexf" ? require("graphology-gexf") : require("graphology-graphml")) as {
    parse(GraphClass: typeof Graph, source: unknown, options?: { addMissingNodes?: boolean }): AbstractGraph;
  };
  try {
    return parser.parse(Graph, document, { addMissingNodes: false });
  } catch (error) {
    const message = (error as Error).message;
    // graphology's parsers throw TypeErrors on missing elements; name the element the format requires instead.
    const got =
      error instanceof TypeError
        ? `a missing or misplaced element (${format === "gexf" ? "<graph>, <nodes> or <edges>" : "<graph>, <node> or <edge>"})`
        : message;
    throw new ArgumentError(WHERE, name, `a valid ${label} document`, got);
  }
}

/** The first `<edge>` whose source or target is not a declared `<node id>`, described as it appears in the file. */
function danglingEdge(document: Document): { element: string; node: string } | null {
  const ids = new Set<string>();
  const nodes = document.getElementsByTagName("node");
  for (let i = 0; i < nodes.length; i++) ids.add(nodes.item(i)!.getAttribute("id") ?? "");
  const edges = document.getElementsByTagName("edge");
  for (let i = 0; i < edges.length; i++) {
    const edge = edges.item(i)!;
    for (const end of ["source", "target"]) {
      const id = edge.getAttribute(end) ?? "";
      if (!ids.has(id)) {
        const line = (edge as unknown as { lineNumber?: number }).lineNumber;
        return {
          element: `<edge source="${edge.getAttribute("source")}" target="${edge.getAttribute("target")}">${line ? ` (line ${line})` : ""}`,
          node: id,
        };
      }
    }
  }
  return null;
}

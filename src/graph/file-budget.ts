/**
 * What a graph file will cost before it is parsed (issue 38): counted from its text and checked against this
 * machine's memory and node's heap (engine/budget), so that a file too large for either is refused with the
 * estimate instead of ending the process out of memory halfway through graphology. The costs per item were
 * measured on node 20 with 2·10⁵-edge files (heap and RSS after parsing and packing, rounded up).
 */
import { checkFits, GRAPHOLOGY_HEAP_PER_NODE, GRAPHOLOGY_MAX_EDGES, graphBytes } from "../engine/budget";
import { ResourceError } from "../errors";

/** An edge-list line as a graphology multigraph edge with its `{ weight }` object, then packed: 930–1046 B measured. */
export const EDGE_LIST_HEAP_PER_LINE = 1100;
/** One XML element as xmldom's DOM node and its share of graphology's graph: 3175–3306 B measured. */
export const XML_HEAP_PER_ELEMENT = 3300;
/** JSON.parse's objects per byte of graphology JSON: 1.39 measured. */
export const JSON_HEAP_PER_BYTE = 1.5;

/** Lines holding anything but blanks and comments (an upper bound on an edge list's edges). */
function dataLines(text: string): number {
  let count = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 35 || c === 37) break; // # and % start a comment
      if (c > 32) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

/** Distinct node ids of an edge list, counted only as far as `limit` (a Set holds at most 2²⁴). */
function distinctNodes(text: string, limit: number): number {
  const seen = new Set<string>();
  for (const raw of text.split("\n")) {
    for (const token of raw
      .replace(/[#%].*$/, "")
      .trim()
      .split(/[\s,]+/)
      .slice(0, 2)) {
      if (token === "") continue;
      seen.add(token);
      if (seen.size > limit) return seen.size;
    }
  }
  return seen.size;
}

/** Opening tags (`<` then a letter): an upper bound on the elements xmldom builds. */
function elements(text: string): number {
  let count = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    const c = text.charCodeAt(at + 1) | 0x20;
    if (c >= 97 && c <= 122) count++;
  }
  return count;
}

/**
 * Refuse a graph text whose parse would not fit, before parsing it: a {@link ResourceError} with the estimate and
 * the limit. `format` is graph/files' (`json`, `gexf`, `graphml`, `edgelist`); `name` is the file, as messages name it.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * checkGraphText("a b\nb c\n", "edgelist", "edges.txt"); // fits: returns nothing
 * ```
 */
export function checkGraphText(text: string, format: "json" | "gexf" | "graphml" | "edgelist", name: string): void {
  const where = "emtd/graph/files";
  if (format === "json") {
    checkFits(where, `graph file ${name} (${text.length} bytes of JSON)`, 0, text.length * JSON_HEAP_PER_BYTE);
    return;
  }
  if (format !== "edgelist") {
    const count = elements(text);
    checkFits(where, `graph file ${name} (${count} XML elements)`, 0, count * XML_HEAP_PER_ELEMENT);
    return;
  }
  const lines = dataLines(text);
  if (lines > GRAPHOLOGY_MAX_EDGES) throw tooManyEdges(where, name, lines);
  const check = (nodes: number) => {
    const packed = graphBytes(nodes, lines, false).bytes;
    checkFits(
      where,
      `graph file ${name} (${lines} edge lines, ${nodes} nodes)`,
      packed,
      lines * EDGE_LIST_HEAP_PER_LINE + nodes * GRAPHOLOGY_HEAP_PER_NODE,
    );
  };
  try {
    check(2 * lines); // every line two new nodes: the most there can be
  } catch (error) {
    if (!(error instanceof ResourceError)) throw error;
    check(distinctNodes(text, GRAPHOLOGY_MAX_EDGES)); // the real count, for a file near the limit
  }
}

function tooManyEdges(where: string, name: string, lines: number): ResourceError {
  return new ResourceError(
    where,
    `graph file ${name} (${lines} edge lines; graphology keeps edges in a Map of at most 2^24 entries)`,
    lines * EDGE_LIST_HEAP_PER_LINE,
    GRAPHOLOGY_MAX_EDGES * EDGE_LIST_HEAP_PER_LINE,
    "2^24 edges",
  );
}

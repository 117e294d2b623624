/**
 * Proper colourings for colour-parallel updates: nodes of one colour share no edge, so their local energy changes
 * are independent and can be applied at once. Bipartite graphs (even tori, even rings with k = 2) get the
 * 2-colouring by breadth-first search; others a greedy largest-degree-first (Welsh–Powell) colouring.
 */
import { type Graph, neighbours } from "./graph";

/**
 * Colour classes of a proper colouring: arrays of node indices, ascending within each class (no edge inside a
 * class, so the sites of one class can be updated at once).
 *
 * @example
 * ```ts
 * colourClasses(torusGraph(4)).length; // → 2 (the checkerboard)
 * colourClasses(ringGraph(5, 2)).map((c) => Array.from(c)); // → [[0, 2], [1, 3], [4]] (an odd ring needs 3)
 * ```
 */
export function colourClasses(graph: Graph): Int32Array[] {
  const adj = neighbours(graph);
  const colour = bipartition(graph.n, adj) ?? greedy(graph, adj);
  const count = colour.reduce((m, c) => Math.max(m, c), -1) + 1;
  const classes: number[][] = Array.from({ length: count }, () => []);
  colour.forEach((c, i) => classes[c]!.push(i));
  return classes.map((c) => Int32Array.from(c));
}

function bipartition(n: number, adj: Int32Array[]): Int32Array | null {
  const colour = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (colour[s] !== -1) continue;
    colour[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      for (const v of adj[u]!) {
        if (colour[v] === -1) {
          colour[v] = 1 - colour[u]!;
          queue[tail++] = v;
        } else if (colour[v] === colour[u]) return null;
      }
    }
  }
  return colour;
}

function greedy(graph: Graph, adj: Int32Array[]): Int32Array {
  const order = Array.from({ length: graph.n }, (_, i) => i).sort((a, b) => adj[b]!.length - adj[a]!.length || a - b);
  const colour = new Int32Array(graph.n).fill(-1);
  const used = new Uint8Array(graph.n + 1);
  for (const u of order) {
    for (const v of adj[u]!) if (colour[v]! >= 0) used[colour[v]!] = 1;
    let c = 0;
    while (used[c]) c++;
    colour[u] = c;
    for (const v of adj[u]!) if (colour[v]! >= 0) used[colour[v]!] = 0;
  }
  return colour;
}

/**
 * True when no edge joins two nodes of the same class and every node has exactly one class.
 *
 * @example
 * ```ts
 * const torus = torusGraph(4);
 * isProperColouring(torus, colourClasses(torus)); // → true
 * isProperColouring(torus, [Int32Array.from({ length: 16 }, (_, i) => i)]); // → false (one class holds every edge)
 * ```
 */
export function isProperColouring(graph: Graph, classes: Int32Array[]): boolean {
  const colour = new Int32Array(graph.n).fill(-1);
  for (let c = 0; c < classes.length; c++) {
    for (const i of classes[c]!) {
      if (colour[i] !== -1) return false;
      colour[i] = c;
    }
  }
  if (colour.some((c) => c === -1)) return false;
  for (let e = 0; e < graph.edgeCount; e++) if (colour[graph.src[e]!] === colour[graph.dst[e]!]) return false;
  return true;
}

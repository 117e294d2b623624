/**
 * A fast Watts–Strogatz sampler for the reference runs: the same algorithm and the same consumption of the random
 * stream as the library's {@link wattsStrogatz} (networkx's rewiring), on plain neighbour arrays instead of a
 * graphology graph (≈ 100× faster at N = 1000, where building the graph dominated a run). test/reference.test.ts
 * checks that both give the same edge set for the same stream.
 */
import { check } from "../errors";

/** Neighbour lists in compressed-sparse-row form: the neighbours of i are col[rowPtr[i] .. rowPtr[i+1]). */
export interface Adjacency {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/**
 * `nx.watts_strogatz_graph(n, k, p)` semantics: ring lattice (k/2 neighbours each side); for j = 1..k/2 and each
 * node u in order, with probability p replace edge (u, u+j) by (u, w), w uniform among nodes other than u and not
 * already joined to u (skipped when u is joined to everyone). Neighbour order within a row is unspecified.
 */
export function wattsStrogatzAdjacency(n: number, k: number, p: number, rng: () => number): Adjacency {
  const where = "emtd/reference/ws";
  check.integer(where, "n", n, 3);
  check.integer(where, "k", k, 2, n - 1);
  check.probability(where, "p", p);
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let j = 1; j <= k / 2; j++) {
    for (let i = 0; i < n; i++) {
      adj[i]!.push((i + j) % n);
      adj[(i + j) % n]!.push(i);
    }
  }
  const remove = (a: number, b: number) => {
    const row = adj[a]!;
    row.splice(row.indexOf(b), 1);
  };
  for (let j = 1; j <= k / 2; j++) {
    for (let u = 0; u < n; u++) {
      if (rng() >= p) continue;
      const v = (u + j) % n;
      const row = adj[u]!;
      let w = Math.floor(rng() * n);
      let ok = true;
      while (w === u || row.includes(w)) {
        if (row.length >= n - 1) {
          ok = false;
          break;
        }
        w = Math.floor(rng() * n);
      }
      if (ok) {
        remove(u, v);
        remove(v, u);
        row.push(w);
        adj[w]!.push(u);
      }
    }
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i]! + adj[i]!.length;
  const col = new Int32Array(rowPtr[n]!);
  for (let i = 0; i < n; i++) col.set(adj[i]!, rowPtr[i]!);
  return { n, rowPtr, col };
}

/** The neighbour lists of an {@link Adjacency} as subarrays (views, no copy). */
export function adjacencyLists(a: Adjacency): Int32Array[] {
  return Array.from({ length: a.n }, (_, i) => a.col.subarray(a.rowPtr[i]!, a.rowPtr[i + 1]!));
}

/** Edges that are not edges of the ring lattice with k/2 neighbours per side (≈ p·n·k/2 for Watts–Strogatz). */
export function rewiredEdgeCount(a: Adjacency, k: number): number {
  let count = 0;
  for (let i = 0; i < a.n; i++) {
    for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) {
      const j = a.col[e]!;
      if (j <= i) continue; // each undirected edge once
      const gap = Math.min(j - i, a.n - (j - i));
      if (gap > k / 2) count++;
    }
  }
  return count;
}

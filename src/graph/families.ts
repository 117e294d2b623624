/**
 * The graph families of the scale study, one member per size: ring lattice ring:N:4, torus L×L (N = L²),
 * Watts–Strogatz ws:N:4:0.1, Erdős–Rényi with p = 3·ln N / N (connected with probability ≈ 1 − 1/N²),
 * Barabási–Albert ba:N:2, complete K_N (edge by edge up to {@link COMPLETE_EDGE_LIMIT} nodes); and the closed-form
 * Laplacian spectra of the ring, torus and complete graph.
 */
import { type Key, uniformSource } from "../engine/random";
import { check } from "../errors";
import { barabasiAlbertDirect, completeDirect, erdosRenyiDirect, ringGraph, torusGraph, wattsStrogatzGraph } from "./direct";
import type { Graph } from "./graph";
import { ringLatticeEigenvalues } from "./spectrum";

export const SCALE_FAMILIES = ["ring", "torus", "ws", "er", "ba", "complete"] as const;
export type ScaleFamily = (typeof SCALE_FAMILIES)[number];

const WHERE = "emtd/graph/families";

/** Largest complete graph built edge by edge; above it K_N runs through its closed-form Laplacian L x = N x − (Σx)·1. */
export const COMPLETE_EDGE_LIMIT = 2000;

/** A family member: the graph (null for K_N above {@link COMPLETE_EDGE_LIMIT}) and its size and largest degree. */
export interface FamilyMember {
  family: ScaleFamily;
  spec: string;
  n: number;
  maxDegree: number;
  edges: number;
  graph: Graph | null;
}

/**
 * The family's graph with about `n` nodes (the torus rounds √n). Random families draw from `key`.
 *
 * @example
 * ```ts
 * const torus = familyMember("torus", 50, key(1)); // √50 rounds to 7
 * [torus.spec, torus.n, torus.maxDegree, torus.edges]; // → ["torus:7", 49, 4, 98]
 * const ws = familyMember("ws", 32, key(1));
 * [ws.spec, ws.maxDegree, ws.edges]; // → ["ws:32:4:0.1", 5, 64]
 * releaseGraph(torus.graph!);
 * releaseGraph(ws.graph!);
 * ```
 */
export function familyMember(family: ScaleFamily, n: number, key: Key): FamilyMember {
  check.oneOf(WHERE, "family", family, SCALE_FAMILIES);
  check.integer(WHERE, "n", n, 5);
  const rng = uniformSource(key);
  let graph: Graph | null;
  let spec: string;
  switch (family) {
    case "ring":
      spec = `ring:${n}:4`;
      graph = ringGraph(n, 4);
      break;
    case "torus": {
      const L = Math.max(3, Math.round(Math.sqrt(n)));
      spec = `torus:${L}`;
      graph = torusGraph(L);
      break;
    }
    case "ws":
      spec = `ws:${n}:4:0.1`;
      graph = wattsStrogatzGraph(n, 4, 0.1, rng);
      break;
    case "er": {
      const p = Math.min(1, (3 * Math.log(n)) / n);
      spec = `er:${n}:${p.toPrecision(4)}`;
      graph = erdosRenyiDirect(n, p, rng, spec);
      break;
    }
    case "ba":
      spec = `ba:${n}:2`;
      graph = barabasiAlbertDirect(n, 2, rng);
      break;
    default:
      spec = `complete:${n}`;
      graph = n <= COMPLETE_EDGE_LIMIT ? completeDirect(n) : null;
  }
  if (graph === null) return { family, spec, n, maxDegree: n - 1, edges: (n * (n - 1)) / 2, graph };
  let maxDegree = 0;
  for (let i = 0; i < graph.n; i++) maxDegree = Math.max(maxDegree, graph.degree[i]!);
  return { family, spec, n: graph.n, maxDegree, edges: graph.edgeCount, graph };
}

/**
 * Non-zero Laplacian eigenvalues in closed form where the family has one (ring, torus, complete), else null.
 *
 * @example
 * ```ts
 * Array.from(closedFormSpectrum(familyMember("complete", 6, key(1)))!); // → [6, 6, 6, 6, 6] (K_N: N, N − 1 times)
 * closedFormSpectrum(familyMember("ws", 16, key(1))); // → null (no closed form)
 * ```
 */
export function closedFormSpectrum(member: FamilyMember): Float64Array | null {
  const n = member.n;
  if (member.family === "ring") return ringLatticeEigenvalues(n, 4).slice(1);
  if (member.family === "complete") return new Float64Array(n - 1).fill(n);
  if (member.family === "torus") {
    const L = Math.round(Math.sqrt(n));
    const out = new Float64Array(n - 1);
    let k = 0;
    for (let r = 0; r < L; r++)
      for (let c = 0; c < L; c++) {
        if (r === 0 && c === 0) continue;
        out[k++] = 2 * (1 - Math.cos((2 * Math.PI * r) / L)) + 2 * (1 - Math.cos((2 * Math.PI * c) / L));
      }
    return out.sort();
  }
  return null;
}

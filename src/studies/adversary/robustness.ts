/**
 * r-robustness (LeBlanc, Zhang, Koutsoukos & Sundaram 2013), the precondition of W-MSR's guarantee: W-MSR with
 * parameter F reaches agreement inside the honest hull against F-total malicious nodes on every (2F + 1)-robust
 * graph (and against F-local Byzantine nodes on (F + 1, F + 1)-robust ones). Deciding r-robustness is coNP-hard in
 * general, so this module does what a claim needs: it checks one pair of sets as a witness against it, and gives the
 * known robustness of the complete graph.
 */
import { check } from "../../errors";
import { neighbours, type Graph } from "../../graph/graph";

const WHERE = "emtd/adversary/robustness";

/**
 * True when the disjoint node sets `s1`, `s2` witness that `graph` is NOT (r, s)-robust: no node of s1 has r
 * neighbours outside s1, none of s2 has r outside s2 (so fewer than s nodes of the union have, for any s ≥ 1). A
 * graph is r-robust when no such pair exists; one witness proves it is not r-robust (hence not (r, s)-robust).
 *
 * @example
 * ```ts
 * const ring = ringGraph(40, 4); // each node linked to 2 on each side
 * const arc = Array.from({ length: 20 }, (_, i) => i);
 * notRobustWitness(ring, arc, arc.map((i) => i + 20), 3); // → true: an arc's end nodes have 2 neighbours outside
 * ```
 */
export function notRobustWitness(graph: Graph, s1: readonly number[], s2: readonly number[], r: number): boolean {
  check.integer(WHERE, "r", r, 1);
  const side = new Int8Array(graph.n);
  for (const i of s1) side[check.integer(WHERE, "s1[]", i, 0, graph.n - 1)] = 1;
  for (const i of s2) {
    check.integer(WHERE, "s2[]", i, 0, graph.n - 1);
    if (side[i] === 1) return false; // not disjoint: no witness
    side[i] = 2;
  }
  if (s1.length === 0 || s2.length === 0) return false;
  const lists = neighbours(graph);
  for (let i = 0; i < graph.n; i++) {
    if (side[i] === 0) continue;
    let outside = 0;
    for (const j of lists[i]!) if (side[j] !== side[i]) outside++;
    if (outside >= r) return false;
  }
  return true;
}

/**
 * The robustness of K_n: ⌈n/2⌉ (LeBlanc et al. 2013, Lemma 5): K_n is r-robust exactly for r ≤ ⌈n/2⌉.
 *
 * @example
 * ```ts
 * completeRobustness(13); // → 7: 2·3 + 1, so W-MSR with F = 3 has its guarantee on K_13
 * ```
 */
export function completeRobustness(n: number): number {
  return Math.ceil(check.integer(WHERE, "n", n, 1) / 2);
}

/**
 * §3.3's graph as a spin problem, for the studies that anneal it as spins (studies/traps, studies/cooling): here,
 * beside the port's rewiring it draws from, because spin's core imports only the layers below it.
 */
import { checkKey, uniformSource, type Key } from "../engine/random";
import type { SpinProblem } from "../spin/problem";
import { wattsStrogatzAdjacency } from "./smallworld";

/**
 * The §3.3 graph `nx.watts_strogatz_graph(n, k=4, p=0.1)` (the library's port of networkx's rewiring) as a spin
 * problem: J = 1 on every edge (§3.3's ½‖s_i − s_j‖² on two values), the injected value as a field `signal` on node 0
 * (0: the interaction energy alone).
 *
 * @example
 * ```ts
 * wsSpinProblem(50, key(1)).edges.length; // → 100 (N·k/2 edges)
 * ```
 */
export function wsSpinProblem(n: number, graphKey: Key, signal = 0): SpinProblem {
  checkKey("emtd/reference-port/spin-problem", "graphKey", graphKey);
  const a = wattsStrogatzAdjacency(n, 4, 0.1, uniformSource(graphKey));
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) if (a.col[e]! > i) edges.push([i, a.col[e]!, 1]);
  const field = new Float64Array(n);
  field[0] = signal;
  return { n, edges, field };
}

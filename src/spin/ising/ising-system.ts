/**
 * Ising systems: where the spins live and how a spin feels its neighbours. The spin state is one float32 tensor of
 * shape [N, R]: node-major, one column per independent chain (replica), so R chains (possibly at R temperatures)
 * advance in the same tensor ops. Spins are exactly ±1 and every sum below is an integer (or a sum of weights), so
 * float32 is exact for N < 2^24 on unit couplings.
 *
 * - {@link isingLattice}: the L×L square lattice with periodic boundaries, node index r·L + c. For even L its
 *   local field is four rolls of the [L, L, R] spin array (no index tensors) and its colouring is the checkerboard;
 *   for odd L the torus is not bipartite and it falls back to {@link isingGraph} on the torus (three colours).
 * - {@link isingGraph}: any {@link Graph}, couplings J_ij from its weights, local field A·s by the library's
 *   sparse adjacency product, colour classes from {@link colourClasses}.
 *
 * H(s) = −Σ_⟨ij⟩ J_ij s_i s_j (each undirected edge once), k_B = 1.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../../errors";
import { colourClasses } from "../../graph/coloring";
import { graphs } from "../../graph/generators";
import type { Graph } from "../../graph/graph";
import { adjacencyProduct } from "../../ops/adjacency";

export interface IsingSystem {
  /** Number of spins N. */
  readonly n: number;
  /** Number of bonds (undirected edges). */
  readonly bonds: number;
  /** e.g. `lattice:32` or `graph(ring:20:4)`. */
  readonly label: string;
  /** Side L for square lattices, null for general graphs. */
  readonly size: number | null;
  /** Proper colour classes: spins of one class share no bond, so they may flip together. */
  readonly colours: readonly Int32Array[];
  /** The graph, for general systems and odd lattices (null for the roll-based even lattice). */
  readonly graph: Graph | null;
  /** Local fields h_i = Σ_j J_ij s_j, [N, R], for spins [N, R]. Caller disposes. */
  localField(spins: tf.Tensor2D): tf.Tensor2D;
}

const WHERE = "emtd/ising";

/** x rolled by `shift` along `axis` of a rank-3 tensor: out[i] = x[(i − shift) mod L]. */
function roll(x: tf.Tensor3D, shift: 1 | -1, axis: 0 | 1): tf.Tensor3D {
  const length = x.shape[axis];
  const cut = shift === 1 ? length - 1 : 1;
  const begin = [0, 0, 0];
  const headSize = [-1, -1, -1];
  headSize[axis] = cut;
  const tailBegin = [0, 0, 0];
  tailBegin[axis] = cut;
  const head = tf.slice(x, begin, headSize);
  const tail = tf.slice(x, tailBegin, [-1, -1, -1]);
  return tf.concat([tail, head], axis) as tf.Tensor3D;
}

/**
 * The L×L periodic square lattice (L ≥ 3), J = 1. Even L: checkerboard colouring ((r + c) mod 2) and a roll-based
 * local field; odd L: the torus graph (see the module comment).
 *
 * @example
 * ```ts
 * const system = isingLattice(4);
 * [system.n, system.bonds, system.colours.length]; // → [16, 32, 2]
 * ```
 */
export function isingLattice(size: number): IsingSystem {
  const L = check.integer(WHERE, "size", size, 3, 4096);
  if (L % 2 === 1) return { ...isingGraph(graphs.torus(L)), label: `lattice:${L}`, size: L };
  const n = L * L;
  const even: number[] = [];
  const odd: number[] = [];
  for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) ((r + c) % 2 === 0 ? even : odd).push(r * L + c);
  return {
    n,
    bonds: 2 * n,
    label: `lattice:${L}`,
    size: L,
    colours: [Int32Array.from(even), Int32Array.from(odd)],
    graph: null,
    localField: (spins) =>
      tf.tidy(() => {
        const replicas = spins.shape[1];
        const s = tf.reshape(spins, [L, L, replicas]) as tf.Tensor3D;
        const h = tf.addN([roll(s, 1, 0), roll(s, -1, 0), roll(s, 1, 1), roll(s, -1, 1)]);
        return tf.reshape(h, [n, replicas]) as tf.Tensor2D;
      }),
  };
}

/**
 * The Ising model on any graph, couplings J_ij = the graph's edge weights; colour classes from a proper colouring.
 *
 * @example
 * ```ts
 * const graph = ringGraph(6, 2);
 * const system = isingGraph(graph);
 * [system.n, system.bonds, system.label]; // → [6, 6, "graph(ring:6:2)"]
 * releaseGraph(graph); // its cached tensors, once spins have been evaluated on it
 * ```
 */
export function isingGraph(graph: Graph): IsingSystem {
  check.integer(WHERE, "graph.n", graph.n, 1);
  return {
    n: graph.n,
    bonds: graph.edgeCount,
    label: `graph(${graph.label})`,
    size: null,
    colours: colourClasses(graph),
    graph,
    localField: (spins) => adjacencyProduct(spins, graph),
  };
}

/**
 * H(s) = −Σ_⟨ij⟩ J_ij s_i s_j per column, computed as −½ Σ_i s_i h_i; spins [N, R] of ±1, result [R]. Caller
 * disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(6, 2);
 * const spins = tf.tensor2d([[1, 1], [1, -1], [1, 1], [1, -1], [1, 1], [1, -1]]); // column 0 aligned, column 1 alternating
 * const h = isingEnergy(isingGraph(graph), spins);
 * await h.data(); // → [-6, 6] (ground state and most frustrated state of the 6-ring)
 * tf.dispose([spins, h]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function isingEnergy(system: IsingSystem, spins: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(tf.sum(tf.mul(spins, system.localField(spins)), 0), -0.5) as tf.Tensor1D);
}

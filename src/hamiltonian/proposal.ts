/**
 * The system Hamiltonian of Definition 1.2 exactly as written:
 *
 *   H(Ψ) = Σ_⟨ij⟩ J_ij ‖T_i − T_j‖² + λ Σ_i ∇²S_i + μ ∫ρ(x) dx
 *
 * With the defaults the second term is identically zero and the third a constant (see entropy.ts, cost.ts), so
 * the dynamics are those of the interaction term alone; `systemHamiltonian` keeps all three so that this is seen.
 */
import type { Graph } from "../graph/graph";
import { type Density, computationalCost } from "./cost";
import { entropicPenalty } from "./entropy";
import { interaction } from "./interaction";
import type { Columns } from "./columns";
import { sum, type Term } from "./term";

export interface SystemHamiltonianOptions {
  coupling?: number;
  lambda?: number;
  mu?: number;
  density?: Density;
  epsilon?: number;
  columns?: Columns;
}

/**
 * H(Ψ) = Σ_⟨ij⟩ J_ij ‖T_i − T_j‖² + λ Σ_i ∇²S_i + μ ∫ρ(x) dx (Definition 1.2, module comment) as one term over Ψ [N, C];
 * energies in units of the coupling. Its methods return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(systemHamiltonian(graph), psi); // → 16 (12 + 0 + μN with μ = 1, N = 4)
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function systemHamiltonian(graph: Graph, options: SystemHamiltonianOptions = {}): Term {
  const columns = options.columns;
  return sum(
    interaction(graph, { coupling: options.coupling ?? 1, columns }),
    entropicPenalty(graph, { lambda: options.lambda ?? 1, epsilon: options.epsilon ?? 1e-6, columns }),
    computationalCost({ mu: options.mu ?? 1, ...(options.density ? { density: options.density } : {}), columns }),
  );
}

/**
 * Repairs (VERDICTS.md §7): what would make a failing claim true, as named variants measured by the same rubric,
 * seeds, grids and replicates as the proposal, and shown beside the verdict ("fails; holds with logarithmic
 * cooling"). Each replaces exactly one part of the mechanism; a claim lists the repairs that bear on it
 * (`Claim.repairs`) and reads the replaced part from `ctx.mechanism`, so a repair is measured, never asserted.
 * What the first edition called the "strongest reading" of a claim is one of these.
 */
import { ArgumentError } from "../errors";
import { logarithmic } from "../dynamics/schedules";
import { mala } from "../dynamics/gradient";
import { localEntropy } from "../hamiltonian/entropy";
import { anchor } from "../hamiltonian/variants";
import type { Variant } from "./types";

/**
 * The named repairs:
 * - `logarithmic-cooling`: Hajek's T_t = c/ln(t + e) with T₀ = c the claim's own starting temperature, in place of
 *   the proposal's geometric ×0.95 (the only schedules that guarantee the ground state; Geman & Geman 1984).
 * - `mala`: Metropolis-adjusted Langevin in place of the plain noisy gradient descent (ULA): removes the step-size bias.
 * - `inverse-ricci-flow`: the Ricci flow equation run on the couplings J instead of the lengths (curvature-raising
 *   on bridges): what speeds consensus up, and not the text's Ricci flow.
 * - `entropy-sum`: λΣS_i added to the Hamiltonian (λ = 1), the entropic penalty without the ∇² that makes the
 *   text's term vanish identically.
 * - `w-msr`: the W-MSR trimmed update (LeBlanc et al. 2013) in place of averaging, for the adversarial claims.
 * - `symmetric-kernel`: a symmetric proposal (a uniformly drawn value) in place of §3.3's copy-a-neighbour proposal,
 *   so that the Metropolis acceptance yields detailed balance.
 * - `pinned-injection`: the injecting node 0 held at the injected value v = 1 by an anchor s(x₀ − 1)² (s = its
 *   degree) added to the Hamiltonian: the library's §2.2 protocol, a boundary condition the text never states (for
 *   claims that inject v = 1 at node 0).
 */
export const REPAIRS: Readonly<Record<string, Variant>> = Object.freeze({
  "logarithmic-cooling": { name: "logarithmic cooling", schedule: (initial: number) => logarithmic({ c: initial }) },
  mala: { name: "MALA", integrator: (energy, options) => mala(energy, options) },
  "inverse-ricci-flow": { name: "inverse Ricci flow (flow on J)", ricci: "coupling" },
  "entropy-sum": { name: "λΣS_i (no ∇²)", terms: (graph) => [localEntropy(graph)] },
  "w-msr": { name: "W-MSR", rule: "wmsr" },
  "symmetric-kernel": { name: "symmetric proposal kernel", kernel: "symmetric" },
  "pinned-injection": {
    name: "injecting node pinned (anchor)",
    terms: (graph) => [anchor(graph.n, { nodes: [0], value: 1, strength: graph.degree[0]! })],
  },
} satisfies Record<string, Variant>);

/** The repair with this name; throws an {@link ArgumentError} listing the names otherwise. */
export function repairByName(name: string): Variant {
  const v = REPAIRS[name];
  if (!v) throw new ArgumentError("emtd/claims/repairs", "repair", `one of ${Object.keys(REPAIRS).join(", ")}`, name);
  return v;
}

/**
 * Definition 1.2's third term, μ∫ρ(x)dx, as the grid of the claims whose sentence turns on it: the text leaves the
 * density ρ open, so its two readings (and μ, where ρ is a field's density) are grid values, one standard for the
 * claims that grid them (p1.2-computational-cost, p1.3-free-energy-argmin, p3.2-step2-basin; the twenty-sixth-edition
 * referee: the mass reading is the text's own term, not a repair).
 */
import { computationalCost, massDensity } from "../hamiltonian/cost";
import type { Term } from "../hamiltonian/term";
import type { GridParameter, MeasureContext } from "./machinery/types";

/** ρ: the density as written (1 per node), or §2.1's "data as mass" (‖ψ_i‖²). */
export const COST_DENSITY: GridParameter = Object.freeze({
  values: ["1", "mass"],
  why: [
    "the density as written: ρ(x) = 1 per node (the text gives no ρ), μ∫ρ = μN",
    "ρ = ‖ψ_i‖², §2.1's 'data as mass' (the only density of the field the text suggests)",
  ],
});

/** μ, the cost term's Lagrange multiplier (the text gives no value). */
export const COST_MULTIPLIERS = [0.05, 0.5] as const;
const MULTIPLIER_WHY = ["a small multiplier (a twentieth of the coupling J = 1)", "a multiplier of the coupling's order"];

/** μ as a grid parameter over every cell (p1.2, where ρ = 1 is measured as a cost μN too). */
export const COST_MULTIPLIER: GridParameter = Object.freeze({ values: COST_MULTIPLIERS, why: MULTIPLIER_WHY });

/**
 * μ only where ρ = ‖ψ‖²: with ρ = 1 the term is the constant μN, which changes no difference of ℋ and no dynamics, so
 * a μ there would only duplicate a cell.
 */
export const MASS_MULTIPLIER: GridParameter = Object.freeze({ values: COST_MULTIPLIERS, why: MULTIPLIER_WHY, when: { rho: ["mass"] } });

/** The cost term's multiplier in this cell: μ where ρ = ‖ψ‖², 0 where ρ = 1 (the constant μN moves nothing). */
export function massMultiplier(ctx: MeasureContext): number {
  return ctx.cell.rho === "mass" ? Number(ctx.cell.mu) : 0;
}

/** The cost term this cell adds to ℋ: μΣ‖ψ_i‖² where ρ = ‖ψ‖², none where ρ = 1 (the constant μN is left out). */
export function costTermsOf(ctx: MeasureContext): Term[] {
  const mu = massMultiplier(ctx);
  return mu === 0 ? [] : [computationalCost({ mu, density: massDensity })];
}

/** The cell's reading of the term, in words, for its headline. */
export function costText(ctx: MeasureContext): string {
  return ctx.cell.rho === "mass" ? `μ∫ρ = ${ctx.cell.mu}·Σ‖ψ_i‖²` : "μ∫ρ = μN (ρ = 1, a constant)";
}

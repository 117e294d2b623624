/**
 * The fix `emtd sample` names when MALA's chain is stuck (nothing accepted for 200 steps), and why that step: the
 * closed forms of analysis/mala-acceptance say where the chain stalls.
 *
 * - The step is at or above the stable bound 1/λ_max: the proposal overshoots every stiff mode. Use a quarter of
 *   the bound (the default step), or the equilibrium step below if smaller.
 * - At equilibrium MALA accepts about 2Φ(−√(h³·d·tr L³)) (Roberts & Rosenthal 1998): when that is below the
 *   acceptance band's floor, the step is too large for this many dimensions wherever the chain is; name the step
 *   at which it is 0.574, MALA's optimum.
 * - Otherwise the chain stalled where it started, at the mode x = 0, where MALA accepts about exp(−2h²·d·tr L²)
 *   (Christensen, Roberts & Rosenthal 2005) and the burn-in's warm-up (its first half ramps the step up) was too
 *   short to leave it: name a longer burn-in, or the step that accepts half the proposals at the mode.
 *
 * The step named is always below the one that failed (rounded down to two digits); when a closed form would not
 * give one, half the failed step.
 */
import type { Graph } from "../graph/graph";
import { laplacianTraces, malaAtEquilibrium, malaAtMode } from "../analysis/mala-acceptance";
import { acceptanceBand } from "../dynamics/warnings";

/** x rounded down to two significant digits (a hint's step must not exceed the bound it was derived from). */
export function roundDown(x: number): number {
  const scale = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.floor(x / scale) * scale).toPrecision(2));
}

/** A stuck chain's diagnosis: the step to use and why. */
export interface StuckHint {
  /** Where it stalled: above the stable bound, too large at equilibrium, or at the mode it started from. */
  cause: "above-bound" | "equilibrium" | "mode";
  /** A step below the failed one. */
  step: number;
  /** The closed-form acceptances at the failed step. */
  acceptanceAtMode: number;
  acceptanceAtEquilibrium: number;
  /** One clause: the fix and why it is that step. */
  text: string;
}

/**
 * The hint for MALA stuck at step `h` on `graph` with `dim` channels, given the stable bound 1/λ_max (module
 * comment). On ring:20000:10, d = 2, h = 0.005 (bound 1/λ_max ≈ 0.075): cause "equilibrium", step 0.0018 (MALA
 * accepts about 0.011 there at equilibrium, 0.574 at h = 0.0018).
 */
export function stuckHint(graph: Graph, dim: number, h: number, bound: number): StuckHint {
  const traces = laplacianTraces(graph);
  const eq = malaAtEquilibrium(traces, dim, h);
  const mode = malaAtMode(traces, dim, h);
  const floor = acceptanceBand("mala")!.low;
  const below = (candidate: number) => roundDown(candidate < h ? candidate : h / 2);
  const at = { acceptanceAtMode: mode.acceptance, acceptanceAtEquilibrium: eq.acceptance };
  const p = (x: number) => x.toPrecision(2);
  if (h >= bound) {
    const step = below(Math.min(bound / 4, eq.step));
    return {
      cause: "above-bound",
      step,
      ...at,
      text: `use --step ${step} or smaller, or omit --step to adapt during burn-in (h = ${h} is at or above the stable bound 1/λ_max = ${p(bound)}, where the proposal overshoots the stiffest modes; ${step} is at most a quarter of it)`,
    };
  }
  if (eq.acceptance < floor) {
    const step = below(eq.step);
    return {
      cause: "equilibrium",
      step,
      ...at,
      text: `use --step ${step} or smaller: at equilibrium MALA accepts about 2Φ(−√(h³·d·tr L³)) here (Roberts & Rosenthal 1998), ${p(eq.acceptance)} at h = ${h} and 0.574 (its optimum) at h = ${p(eq.step)}; or omit --step to adapt during burn-in`,
    };
  }
  const step = below(mode.step);
  return {
    cause: "mode",
    step,
    ...at,
    // One line of at most 300 characters with the command's prefix (issue 38): the reasons are in the module comment.
    text: `it stalled at the mode x = 0, where MALA accepts exp(−2h²·d·tr L²) = ${p(mode.acceptance)} (${p(eq.acceptance)} at equilibrium): use --step ${step} or smaller (half accepted there), or a longer --burn-in, or omit --step`,
  };
}

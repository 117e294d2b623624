/**
 * What a claim's reference assumes of ℋ, checked numerically on a mechanism before the claim is compared with it
 * (issue 51 item 1). p1.3-free-energy-argmin reads ⟨ℋ⟩ → 0 as T → 0 as reaching consensus: that assumes ℋ ≥ 0 with
 * its infimum 0 reached at consensus and nowhere else (the proposal's Σ J_ij‖ψ_i − ψ_j‖²). An added on-site
 * a·ψ³ + b·ψ⁴ breaks it (a well below 0 at ψ_i = −3a/4b on every node), and a chain that never reaches the well then
 * "confirms" a limit the claim cannot read. The check: ℋ over consensus fields (every node the same value, eight
 * directions × magnitudes 10⁻³…10²) and at the ends of gradient descents (backtracking, to a gradient-norm criterion)
 * from fixed fields and from the lowest consensus field, on ring:12:4 with two channels (the claim's). Deterministic:
 * the fields are formulas, not draws.
 */
import * as tf from "@tensorflow/tfjs";
import { graphs } from "../../graph/generators";
import { releaseGraph } from "../../ops/tensors";
import { energyAndGradient, energyValue, type Term } from "../../hamiltonian/term";
import { hamiltonianOf } from "./mechanism";
import type { Mechanism } from "./types";

/** The lowest ℋ the check found, where, and whether the assumption "ℋ ≥ 0, zero only at consensus" held. */
export interface NonNegativity {
  /** The lowest ℋ found (−Infinity when a descent ran away: ℋ unbounded below). */
  lowest: number;
  /** Where, in words ("consensus ψ_i = (−0.398, 0) on every node", "the end of a descent from …"). */
  where: string;
  /** The tolerance below 0 that float32 sums allow: 10⁻⁵·max(1, ℋ at the unit test field). */
  tolerance: number;
  /** A descent ended at ℋ ≈ 0 away from consensus (a zero of ℋ that is not an agreement), in words; else null. */
  zeroOffConsensus: string | null;
  /** lowest ≥ −tolerance and no zero off consensus. */
  holds: boolean;
}

const DIRECTIONS = Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)] as const);
const MAGNITUDES = Array.from({ length: 26 }, (_, k) => 10 ** (-3 + k / 5));
/** Descents stop when ‖∇ℋ‖ ≤ this·max(1, |ℋ|), or after {@link DESCENT_STEPS} accepted steps. */
const GRADIENT_TOLERANCE = 1e-5;
const DESCENT_STEPS = 400;

const checked = new Map<string, NonNegativity>();

const fmt = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(3));

/** Σ_i ‖ψ_i − ψ̄‖² of a field given row by row. */
function spread(values: number[][]): number {
  const mean = [0, 1].map((c) => values.reduce((s, v) => s + v[c]!, 0) / values.length);
  return values.reduce((s, v) => s + (v[0]! - mean[0]!) ** 2 + (v[1]! - mean[1]!) ** 2, 0);
}

/**
 * Gradient descent with backtracking (Armijo: halve the step until ℋ falls by ≥ ½·h·‖∇ℋ‖², double it after a success)
 * from `start` until ‖∇ℋ‖ ≤ {@link GRADIENT_TOLERANCE}·max(1, |ℋ|) or {@link DESCENT_STEPS} steps; a non-finite ℋ
 * ends it (unbounded below, or a NaN the variant's pre-check would name). Returns the end field and its ℋ.
 */
export function descend(H: Term, start: number[][]): { field: number[][]; energy: number } {
  let field = start;
  let step = 0.1;
  const at = (f: number[][]) => tf.tidy(() => energyValue(H, tf.tensor2d(f)));
  for (let t = 0; t < DESCENT_STEPS; t++) {
    const psi = tf.tensor2d(field);
    const { energy, gradient } = energyAndGradient(H, psi);
    const e = energy.dataSync()[0]!;
    const g = gradient.arraySync() as number[][];
    tf.dispose([psi, energy, gradient]);
    if (!Number.isFinite(e)) return { field, energy: e };
    const norm2 = g.reduce((s, row) => s + row.reduce((r, x) => r + x * x, 0), 0);
    if (!Number.isFinite(norm2)) return { field, energy: Number.NaN };
    if (Math.sqrt(norm2) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(e))) return { field, energy: e };
    let moved = false;
    for (let halvings = 0; halvings < 60 && !moved; halvings++) {
      const next = field.map((row, i) => row.map((x, c) => x - step * g[i]![c]!));
      const en = at(next);
      if (en === Number.NEGATIVE_INFINITY || (Number.isFinite(en) && en <= e - 0.5 * step * norm2)) {
        field = next;
        moved = true;
        if (!Number.isFinite(en)) return { field, energy: en };
        step *= 2;
      } else step /= 2;
    }
    if (!moved) return { field, energy: e }; // no step lowers ℋ in float32: a minimum to its precision
  }
  return { field, energy: at(field) };
}

/**
 * A descent that stopped short of consensus on a flat bottom (a quartic coupling's ℋ ∝ δ⁴ leaves a gradient below
 * the criterion while the disagreement is still visible) rather than on a zero off consensus: along the ray from the
 * field's consensus (its mean) through the end, ℋ is no higher at the consensus and grows beyond the end (at twice the
 * disagreement, by more than the tolerance). A zero off consensus fails one of the two: ℋ ≡ 0 does not grow, and a
 * ring of zeros (Σ(δ² − c)²) is higher at the consensus.
 */
function stillApproachingConsensus(H: Term, field: number[][], energy: number, tolerance: number): boolean {
  const mean = [0, 1].map((c) => field.reduce((s, v) => s + v[c]!, 0) / field.length);
  const along = (t: number) => field.map((row) => row.map((x, c) => mean[c]! + t * (x - mean[c]!)));
  const at = (f: number[][]) => tf.tidy(() => energyValue(H, tf.tensor2d(f)));
  return at(along(0)) <= energy + tolerance && at(along(2)) > energy + tolerance;
}

/**
 * Whether `mechanism`'s ℋ is ≥ 0 with its zero at consensus only, as far as consensus fields and descents find (see
 * the module comment). Kept per mechanism key.
 *
 * @example
 * ```ts
 * nonNegativity(PROPOSAL).holds; // → true: Σ J_ij‖ψ_i − ψ_j‖² ≥ 0, zero at consensus
 * ```
 */
export function nonNegativity(mechanism: Mechanism): NonNegativity {
  const known = checked.get(mechanism.key);
  if (known) return known;
  const graph = graphs.ring(12, 4);
  try {
    const H = hamiltonianOf(mechanism, graph);
    const n = graph.n;
    const unitField = Array.from({ length: n }, (_, i) => [Math.sin(2.3 * i) * (1 + i / n), Math.cos(0.7 * i + 1)]);
    const scale = tf.tidy(() => energyValue(H, tf.tensor2d(unitField)));
    const tolerance = 1e-5 * Math.max(1, Math.abs(scale));
    let lowest = Number.POSITIVE_INFINITY;
    let where = "";
    let best: number[][] = unitField;
    const see = (e: number, field: number[][], place: string) => {
      if (Number.isNaN(e) || e < lowest) {
        lowest = Number.isNaN(e) ? Number.NEGATIVE_INFINITY : e;
        where = place;
        best = field;
      }
    };
    for (const [u, v] of DIRECTIONS)
      for (const m of MAGNITUDES) {
        const field = Array.from({ length: n }, () => [m * u, m * v]);
        see(
          tf.tidy(() => energyValue(H, tf.tensor2d(field))),
          field,
          `the consensus ψ_i = (${fmt(m * u)}, ${fmt(m * v)}) on every node`,
        );
      }
    const starts: Array<[string, number[][]]> = [
      ["the lowest consensus field", best],
      ...[0.3, 1, 3].map((s): [string, number[][]] => [`the test field ×${s}`, unitField.map((row) => row.map((x) => s * x))]),
    ];
    let zeroOffConsensus: string | null = null;
    for (const [name, start] of starts) {
      const end = descend(H, start);
      see(end.energy, end.field, `the end of a gradient descent from ${name}`);
      const off = spread(end.field);
      if (
        Number.isFinite(end.energy) &&
        Math.abs(end.energy) <= tolerance &&
        off > 1e-3 * Math.max(spread(start), 1e-6) &&
        !stillApproachingConsensus(H, end.field, end.energy, tolerance)
      )
        zeroOffConsensus = `a descent from ${name} ends at ℋ = ${fmt(end.energy)} with Σ‖ψ_i − ψ̄‖² = ${fmt(off)} (not a consensus)`;
    }
    const out: NonNegativity = { lowest, where, tolerance, zeroOffConsensus, holds: lowest >= -tolerance && zeroOffConsensus === null };
    checked.set(mechanism.key, out);
    return out;
  } finally {
    releaseGraph(graph);
  }
}

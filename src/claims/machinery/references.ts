/**
 * What each claim's verdict is compared with (issue 44 item 1), the machinery apart from the records (issue 74 item 2):
 * every claim's record declares its own `reference` (and its `cellScopes`, where some cells read fewer parts), from
 * which `referenceOf(claim, mechanism)` computes the `reference` of every record (`emtd verdicts --json`, a repair's,
 * a variant's side). A reference is one of:
 * - `exact`: a value computed exactly for the mechanism measured (autodiff, exact matrices, exhaustive checks);
 * - `closed-form`: a formula's value (equipartition, Landauer's kT ln 2, a hash's 2d/3);
 * - `baseline`: the same measurement at the setting the claim contrasts (before the flow, N = 16, age 30);
 * - `control`: the same measurement with the claimed cause removed (no noise, no adversary, μ = 0);
 * - `threshold`: a fixed number from the text or a standard (½, a rate of 0.95, an exponent of 0);
 * - `none`: no observable decides the claim (its verdict is untestable);
 * - `not-comparable`: the reference is a closed form of the proposal's Hamiltonian that the variant's replaced part
 *   invalidates, and none is computed for the variant: the claim then says so instead of a verdict.
 *
 * A declaration says how a variant's reference follows: recomputed for the variant's own parts (`variant`), or valid
 * only while the parts it is a closed form of keep a property (`proposalOnly`, checked on the variant's parts).
 * Cells that do not read every part their claim uses say so too (the record's `cellScopes`, from the scopes here):
 * under a variant replacing one they do not read, they are not comparable, cell by cell ({@link cellReferenceOf}).
 * Where only an id is at hand, the claim is the registry's (`claimById`): the records import this module, so it
 * imports no record.
 */
import * as tf from "@tensorflow/tfjs";
import { graphs } from "../../graph/generators";
import { releaseGraph } from "../../ops/tensors";
import { energyValue } from "../../hamiltonian/term";
import { hamiltonianOf, PROPOSAL } from "./mechanism";
import { pinsInjection } from "./repairs";
import type { Cell, CellScope, Claim, ClaimReference, Mechanism, Part, ReferenceDeclaration, ReferenceKind } from "./types";

export type { CellScope, ClaimReference, ReferenceDeclaration, ReferenceKind };

export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  "exact",
  "closed-form",
  "baseline",
  "control",
  "threshold",
  "none",
  "not-comparable",
];

/**
 * The degree k of a Hamiltonian homogeneous in the field (ℋ(sψ) = s^k·ℋ(ψ)), or null when it is not: read from ℋ at
 * a fixed, varied test field on ring:12:4 (one channel) scaled by 10⁻², 1 and 10², the two decades' slopes agreeing
 * within 10⁻² (float32). Every quadratic coupling has k = 2; a Huber coupling is quadratic in small and linear in
 * large disagreements, so not homogeneous. Deterministic: the field is a formula, not a draw.
 *
 * @example
 * ```ts
 * homogeneousDegree(PROPOSAL); // → 2 (to float32 rounding)
 * homogeneousDegree(mechanismOf({ name: "huber", interaction: (g, o) => huberCoupling(g, { delta: 0.5, ...o }) })); // → null
 * ```
 */
export function homogeneousDegree(mechanism: Mechanism): number | null {
  const graph = graphs.ring(12, 4);
  const H = hamiltonianOf(mechanism, graph);
  const values = Array.from({ length: graph.n }, (_, i) => Math.sin(2.3 * i) * (1 + i / graph.n));
  const at = (s: number): number => {
    const psi = tf.tensor2d(
      values.map((v) => [s * v]),
      [graph.n, 1],
    );
    const e = energyValue(H, psi);
    psi.dispose();
    return e;
  };
  const [small, one, large] = [at(1e-2), at(1), at(1e2)];
  releaseGraph(graph);
  if (![small, one, large].every((e) => Number.isFinite(e) && e > 0)) return null;
  const [kSmall, kLarge] = [Math.log(one / small) / Math.log(100), Math.log(large / one) / Math.log(100)];
  return Math.abs(kSmall - kLarge) < 1e-2 ? (kSmall + kLarge) / 2 : null;
}

/** The essay's A/neutral boundary as a claim's threshold, with what it is a boundary of. */
export const HALF = (what: string): ReferenceDeclaration => ({ kind: "threshold", text: `½, the A/neutral boundary: ${what}` });

/**
 * True when `claim`'s reference is recomputed for `mechanism`'s own parts (it replaces a part the declaration's
 * `variant` follows): the claim then reads the observable that reference is of (p1.3-langevin's ⟨½ψ·∇ℋ⟩).
 *
 * @example
 * ```ts
 * followsVariant(claimById("p1.3-langevin"), PROPOSAL); // → false: ⟨ℋ⟩ against equipartition
 * ```
 */
export function followsVariant(claim: Pick<Claim, "reference">, mechanism: Mechanism): boolean {
  const parts = claim.reference?.variant?.parts ?? [];
  return parts.some((p) => mechanism.replaced.includes(p));
}

/**
 * What `claim`'s verdict is compared with under `mechanism` (the proposal's, a repair's or a user's variant):
 * the declared reference (kind `none` for a claim made outside the registry, which declares none); a variant
 * replacing a part it follows gets the reference recomputed for its own parts; a variant replacing a part it is a
 * closed form of gets it only when its parts keep the property the closed form needs, else `not-comparable` with why.
 *
 * @example
 * ```ts
 * referenceOf(claimById("p1.3-langevin"), PROPOSAL).text; // → "equipartition (N−1)dT/2 of the proposal's quadratic ℋ: …"
 * // An added term (the anchor of the pinned-injection repair) makes ℋ inhomogeneous in the field: R = 1 no longer applies.
 * referenceOf(claimById("p2.1-ising-energy"), repairMechanism("pinned-injection")).kind; // → "not-comparable"
 * ```
 */
export function referenceOf(claim: Pick<Claim, "reference">, mechanism: Mechanism): ClaimReference {
  const declared = claim.reference;
  // A claim made outside the registry (a test's planted claim) declares none; every registered claim does (tested).
  if (!declared) return { kind: "none", text: "none declared: a registered claim's record declares its reference" };
  const replaces = (parts: readonly Part[]) => parts.some((p) => mechanism.replaced.includes(p));
  if (declared.variant && followsVariant(claim, mechanism)) return { kind: declared.variant.kind, text: declared.variant.text };
  if (declared.proposalOnly && replaces(declared.proposalOnly.parts)) {
    const held = declared.proposalOnly.holds(mechanism);
    if (held && "text" in held) return { kind: declared.kind, text: held.text };
    return {
      kind: "not-comparable",
      text:
        `not comparable under this variant (it replaces ` +
        `${mechanism.replaced.filter((p) => declared.proposalOnly!.parts.includes(p)).join(", ")}): ` +
        `${declared.proposalOnly.why}${held ? `: ${held.broken}` : ""}`,
    };
  }
  return { kind: declared.kind, text: declared.text };
}

const energyParts = new Map<string, { interaction: boolean; terms: boolean }>();

/**
 * Whether a mechanism's interaction is the proposal's and its added terms add nothing, read numerically as
 * {@link homogeneousDegree} reads ℋ: on ring:12:4 with two channels, at three fixed fields (no draw) scaled by 10⁻², 1
 * and 10², the interaction's energy within 10⁻⁴ (relative) of the proposal's, and the terms' energy within 10⁻⁴ of
 * the interaction's of 0. A cell whose update writes the proposal's energy into itself (§3.3's copy update) applies
 * such a variant exactly: a hand-written re-implementation of the proposal's interaction is the proposal's there (the
 * variant law of test/integration/cli/variants.test.ts). Kept per mechanism key.
 *
 * @example
 * ```ts
 * proposalEnergyParts(PROPOSAL); // → { interaction: true, terms: true }
 * proposalEnergyParts(repairMechanism("pinned-injection")); // → { interaction: true, terms: false }: the anchor adds energy
 * ```
 */
export function proposalEnergyParts(mechanism: Mechanism): { interaction: boolean; terms: boolean } {
  const known = energyParts.get(mechanism.key);
  if (known) return known;
  const graph = graphs.ring(12, 4);
  const fields = [1e-2, 1, 1e2].map((s) =>
    tf.tensor2d(
      Array.from({ length: graph.n }, (_, i) => [s * Math.sin(2.3 * i) * (1 + i / graph.n), s * Math.cos(0.7 * i + 1)]),
      [graph.n, 2],
    ),
  );
  try {
    const mine = mechanism.interaction(graph, { coupling: 1 });
    const theirs = PROPOSAL.interaction(graph, { coupling: 1 });
    const extra = mechanism.terms(graph);
    let interaction = true,
      terms = true;
    for (const psi of fields) {
      const [a, b] = [energyValue(mine, psi), energyValue(theirs, psi)];
      if (!(Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b)))) interaction = false;
      const added = extra.reduce((sum, t) => sum + energyValue(t, psi), 0);
      if (!(Math.abs(added) <= 1e-4 * Math.abs(b))) terms = false;
    }
    const out = { interaction, terms };
    energyParts.set(mechanism.key, out);
    return out;
  } finally {
    for (const psi of fields) psi.dispose();
    releaseGraph(graph);
  }
}

/**
 * What an update that decides on the ledgers' own energy applies of a variant: the proposal's own coupling and no
 * added term, and with `pin` (an update that injects at node 0) the pinned-injection anchor in its discrete form.
 */
function ledgerEnergyApplies({ pin }: { pin: boolean }): CellScope["applies"] {
  return {
    interaction: (m) => proposalEnergyParts(m).interaction,
    terms: (m) => (pin && pinsInjection(m)) || proposalEnergyParts(m).terms,
  };
}

/**
 * §3.3's copy cells of the §2.2 claims that also run the flow: their update decides on the ledgers' own energy, not
 * on the mechanism's ℋ, and knows one added term, the pinned-injection anchor, as a pin.
 */
export const COPY_CELLS: CellScope = {
  where: { update: ["copy"] },
  unread: ["interaction", "terms"],
  why:
    "§3.3's copy update decides by Metropolis on its own energy, the ledgers' ½Σ_j‖x_i " +
    "− x_j‖² (the proposal's interaction at J = 1, no added term), written into the " +
    "update; it applies no other coupling and no added term save the pinned-injection " +
    "anchor, whose discrete form is a pin (node 0 takes the injected value and keeps it, " +
    "skipped by every sweep), so its numbers under this variant would be the proposal's",
  applies: ledgerEnergyApplies({ pin: true }),
};

/**
 * p2.2-crystallisation's split-start copy cells (sign-off N3): the same update from p4.1-scale-invariance's two-ledger
 * split, where no node is injected, so not even the pinned-injection anchor has a form there.
 */
export const SPLIT_CELLS: CellScope = {
  where: { update: ["copy"], start: ["split"] },
  unread: ["interaction", "terms"],
  why:
    "§3.3's copy update from the two-ledger split (half the nodes on each ledger, as in p4.1-scale-invariance) " +
    "decides by Metropolis on the ledgers' own ½Σ_j‖x_i − x_j‖², written into the update, and " +
    "injects nothing for an anchor to hold, so its numbers under this variant would be the proposal's",
  applies: ledgerEnergyApplies({ pin: false }),
};

/**
 * p2.2-diffusion-propagates' gossip cell: the §3.1 chart's push gossip decides by Metropolis on the ledgers' own
 * energy, like the copy update, and no holder ever drops the pushed value, so a pin changes nothing there.
 */
export const GOSSIP_CELLS: CellScope = {
  where: { update: ["gossip"] },
  unread: ["interaction", "terms"],
  why:
    "the §3.1 chart's push gossip decides by Metropolis on the ledgers' own ½Σ_j‖x_i − x_j‖² " +
    "(the proposal's interaction at J = 1, no added term), written into the update; it applies no " +
    "other coupling and no added term save the pinned-injection anchor, which it already is (no " +
    "holder drops the pushed value), so its numbers under this variant would be the proposal's",
  applies: ledgerEnergyApplies({ pin: true }),
};

/**
 * The copy cells of the claims whose flow cell starts from conflicting ledgers (twelfth-edition referee, defect 1):
 * the update decides on the ledgers' own energy and injects nothing, so no added term has a form there.
 */
export const LEDGER_COPY_CELLS: CellScope = {
  where: { update: ["copy"] },
  unread: ["interaction", "terms"],
  why:
    "§3.3's copy update from conflicting ledgers decides by Metropolis on the ledgers' own ½Σ_j‖x_i " +
    "− x_j‖² (the proposal's interaction at J = 1, no added term), written into the update, and " +
    "injects nothing for an anchor to hold, so its numbers under this variant would be the proposal's",
  applies: ledgerEnergyApplies({ pin: false }),
};

/**
 * Null when `claim`'s `cell` measures `mechanism` (its reference is the claim's, {@link referenceOf}); a
 * `not-comparable` reference with why when the mechanism replaces a part the cell does not read and cannot apply
 * (its `cellScopes`): the registry then records the cell untestable with that reason, not the proposal's numbers.
 *
 * @example
 * ```ts
 * const huber = mechanismOf({ name: "huber", interaction: (g, o) => huberCoupling(g, { delta: 0.5, ...o }) });
 * cellReferenceOf(claimById("p2.2-crystallisation"), { update: "copy", kernel: "node0", start: "injection" }, huber)?.kind; // → "not-comparable"
 * cellReferenceOf(claimById("p2.2-crystallisation"), { update: "flow" }, huber); // → null: the flow runs the variant's ℋ
 * const propagates = claimById("p2.2-diffusion-propagates");
 * cellReferenceOf(propagates, { update: "copy", kernel: "node0" }, repairMechanism("pinned-injection")); // → null: pinned
 * ```
 */
export function cellReferenceOf(claim: Pick<Claim, "cellScopes">, cell: Cell, mechanism: Mechanism): ClaimReference | null {
  const apart = unappliedIn(claim, cell, mechanism);
  return (
    apart && {
      kind: "not-comparable",
      text: `not comparable under this variant (it replaces ${apart.parts.join(", ")}, which this cell does not read): ${apart.why}`,
    }
  );
}

/** The parts `mechanism` replaces that `claim`'s `cell` does not read nor apply (its `cellScopes`), with why; or null. */
function unappliedIn(claim: Pick<Claim, "cellScopes">, cell: Cell, mechanism: Mechanism): { parts: Part[]; why: string } | null {
  for (const scope of claim.cellScopes ?? []) {
    if (!Object.entries(scope.where).every(([k, values]) => k in cell && values.includes(cell[k]!))) continue;
    const parts = scope.unread.filter(
      (p) => mechanism.replaced.includes(p) && mechanism[p] !== PROPOSAL[p] && !(scope.applies?.[p]?.(mechanism) ?? false),
    );
    if (parts.length > 0) return { parts, why: scope.why };
  }
  return null;
}

/**
 * Why a user's variant keeps the proposal's measurement of `claim`'s `cell` (issue 51 item 7), or null: where the
 * cell is apart ({@link cellReferenceOf}) and reads none of the parts the variant replaces (each is a part the claim
 * does not use, its `uses`, or one the cell does not read nor apply), its numbers under the variant are the proposal's,
 * so the variant's grid takes the proposal's cell, marked as kept, and its verdict is read over the whole grid. A cell
 * that reads some replaced part (a variant replacing the kernel too) stays not comparable. Named repairs keep the
 * untestable cell (their committed numbers).
 */
export function keptCellOf(claim: Pick<Claim, "cellScopes" | "uses">, cell: Cell, mechanism: Mechanism): string | null {
  const apart = unappliedIn(claim, cell, mechanism);
  if (apart === null) return null;
  const read = mechanism.replaced.filter((p) => mechanism[p] !== PROPOSAL[p] && claim.uses.includes(p) && !apart.parts.includes(p));
  return read.length > 0 ? null : `kept: the cell reads none of the replaced parts (${apart.parts.join(", ")}): ${apart.why}`;
}

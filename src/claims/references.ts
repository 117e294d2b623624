/**
 * What each claim's verdict is compared with (issue 44 item 1): one declaration per claim, here and nowhere else, from
 * which `referenceOf(id, mechanism)` computes the `reference` of every record (`emtd verdicts --json`, a repair's, a
 * variant's side). A reference is one of:
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
 * Cells that do not read every part their claim uses say so too ({@link CELL_SCOPES}): under a variant replacing one
 * they do not read, they are not comparable, cell by cell ({@link cellReferenceOf}).
 */
import * as tf from "@tensorflow/tfjs";
import { graphs } from "../graph/generators";
import { releaseGraph } from "../ops/tensors";
import { energyValue } from "../hamiltonian/term";
import { hamiltonianOf, PROPOSAL } from "./machinery/mechanism";
import { pinsInjection } from "./machinery/repairs";
import type { Cell, GridValue, Mechanism, Part } from "./machinery/types";

/** What a claim's verdict is compared with, by kind (see the module's comment). */
export type ReferenceKind = "exact" | "closed-form" | "baseline" | "control" | "threshold" | "none" | "not-comparable";
export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  "exact",
  "closed-form",
  "baseline",
  "control",
  "threshold",
  "none",
  "not-comparable",
];

/** A record's `reference`: its kind and, in words, what the verdict was compared with under the mechanism measured. */
export interface ClaimReference {
  kind: ReferenceKind;
  text: string;
}

/** A claim's reference under the proposal, and how it follows under a variant. */
export interface ReferenceDeclaration {
  kind: Exclude<ReferenceKind, "not-comparable">;
  text: string;
  /** A variant replacing one of `parts` is compared with a reference recomputed for its own parts, said here. */
  variant?: { parts: readonly Part[]; kind: Exclude<ReferenceKind, "not-comparable">; text: string };
  /**
   * The reference is a closed form of the proposal's `parts`, valid for a variant replacing one of them only when
   * `holds(mechanism)` says its parts keep the property the closed form needs (then `text` says so); otherwise the
   * claim is not comparable under the variant, and `why` says why, followed by the number that broke it (`broken`)
   * where the check found one.
   */
  proposalOnly?: {
    parts: readonly Part[];
    why: string;
    holds: (mechanism: Mechanism) => { text: string } | { broken: string } | null;
  };
}

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

const HALF = (what: string): ReferenceDeclaration => ({ kind: "threshold", text: `½, the A/neutral boundary: ${what}` });

/** Every claim's reference, by id (a unit test checks that every claim of the registry has one, and no other). */
export const REFERENCES: Readonly<Record<string, ReferenceDeclaration>> = {
  "p1.1-state-tensor": {
    kind: "exact",
    text: "complex arithmetic computed directly (relative error < 10⁻⁵), and the same state under a common phase",
  },
  "p1.2-interaction-energy": {
    kind: "exact",
    text: "the mechanism's own interaction: ℋ(ℓ) for the latency part; its edge sum and its energy differentiated by autodiff beside it",
    variant: {
      parts: ["interaction"],
      kind: "exact",
      text:
        "the variant's own interaction: ℋ(ℓ) for the latency part, beside it its energy " +
        "differentiated by autodiff (the check of its gradient), no number of the proposal's coupling",
    },
  },
  "p1.2-entropic-penalty": {
    kind: "exact",
    text: "the mechanism's own entropic term, at the field and at the field ×2 (every S_i rises by d·ln 2 exactly) and along its own gradient",
  },
  "p1.2-computational-cost": { kind: "control", text: "the same deterministic dynamics without the cost term (μ = 0)" },
  "p1.3-langevin": {
    kind: "closed-form",
    text: "equipartition (N−1)dT/2 of the proposal's quadratic ℋ: the Boltzmann value of ⟨ℋ⟩ ULA is asserted to sample",
    variant: {
      parts: ["interaction", "terms"],
      kind: "closed-form",
      text:
        "generalised equipartition of the variant's own ℋ: ⟨½ψ·∇ℋ⟩ = (confined modes)·dT/2 with " +
        "∇ℋ by autodiff, an identity of every smooth ℋ's Boltzmann law, so the claim reads " +
        "⟨½ψ·∇ℋ⟩ for the variant (= ℋ on a quadratic); not the quadratic's equipartition of ⟨ℋ⟩",
    },
  },
  "p1.3-free-energy-argmin": {
    kind: "exact",
    text:
      "Z < ∞ along the reading's direction: ℋ flat along the common shift leaves 𝓕 " +
      "without a minimiser (exact, no sign of ℋ assumed); the settling part reads two chains' " +
      "R̂ (≤ 1.1, ./equilibrium), from a disagreeing field and from ℋ's own minimiser",
  },
  "p2.1-ising-energy": {
    kind: "closed-form",
    text:
      "R = 1: the proposal's quadratic ℋ has ⟨ℋ⟩/T the same at every T (ψ → √T·ψ), a " +
      "law without a transition; beside it the Ising image's ⟨|m|⟩ on the same graph",
    proposalOnly: {
      parts: ["interaction", "terms"],
      why:
        "R = 1 is the no-transition value only of a Hamiltonian homogeneous in the field (ψ → T^{1/k}·ψ " +
        "makes ⟨ℋ⟩/T constant); the variant's ℋ is not (checked at three scales of a test field), so its ⟨ℋ⟩/T " +
        "changes with T without any ordering transition, and no no-transition value of R is computed for it",
      holds: (m) => {
        const k = homogeneousDegree(m);
        return k === null
          ? null
          : {
              text:
                `R = 1: the variant's ℋ is homogeneous of degree ${k.toFixed(2)} (checked ` +
                `at three scales of a test field), so ⟨ℋ⟩/T is the same at every T (ψ → ` +
                `T^{1/k}·ψ), a law without a transition; beside it the Ising image's ⟨|m|⟩`,
            };
      },
    },
  },
  "p2.1-ising-alignment": {
    kind: "threshold",
    text:
      "0.95 of the runs ending aligned (all but 5 %), and more often than the same " +
      "runs with the energy off by more than 0.1 (the first editions' ½ is gone)",
  },
  "p2.1-ising-thermal-noise": {
    kind: "control",
    text:
      "the same update quenched at T = 0, one quench per kernel: (a) against the " +
      "schedule's noise, runs frozen split; (b) against the quench with the cell's adversaries, " +
      "runs frozen with the honest nodes split (the ½ of the third edition is gone)",
  },
  "p2.1-ricci-flow": {
    kind: "baseline",
    text: "the same graphs before the flow: consensus time (on the mechanism's interaction) and curvature spread, after/before",
  },
  "p2.1-merkle-immutability": { kind: "threshold", text: "zero: every tampering rejected and every untampered proof accepted" },
  "p2.1-merkle-as-mass": { kind: "closed-form", text: "the exact mean ‖Δχ‖² = 2d/3 of an unrelated change (uniform hash coordinates)" },
  "p2.1-merkle-diffusion": {
    kind: "threshold",
    text: "zero violations: every node's end value within 10⁻⁴ of a candidate ledger's root (the ledgers', not ℋ's), Wilson bound below 0.05",
  },
  "p2.2-bft-quadratic": { kind: "threshold", text: "exponent 1.5 against the protocols' closed-form message counts" },
  "p2.2-diffusion-messages": { kind: "threshold", text: "exponent 1.5 of the fitted message count over N" },
  "p2.2-crystallisation": { kind: "threshold", text: "0.95 of the runs ending in consensus" },
  "p2.2-annealing": { kind: "threshold", text: "0.05 of the runs ending in conflict" },
  "p2.2-diffusion-propagates": { kind: "threshold", text: "0.95 of the runs ending with every node on the injected value" },
  "p3.1-verify-signature-merkle": { kind: "threshold", text: "zero violations in every part (Wilson bound below 0.05)" },
  "p3.1-finality-threshold": { kind: "threshold", text: "zero unsafe runs in every arrival case (Wilson bound below 0.05)" },
  "p3.2-step1-second-law": {
    kind: "closed-form",
    text: "the exact closed forms of dS/dt and dF/dt of the proposal's quadratic ℋ at every start and time (the claim reads no part of a variant)",
  },
  "p3.2-step2-basin": {
    kind: "closed-form",
    text: "the stationary ⟨ℋ⟩ = (N − c)T/2 of the proposal's quadratic ℋ from its exact spectrum (the claim reads no part of a variant)",
  },
  "p3.2-step4-detailed-balance": {
    kind: "exact",
    text: "the Boltzmann law π ∝ e^(−ℋ/2T) on the exact 81-state matrices (detailed balance: 0)",
  },
  "p3.2-step5-boltzmann": { kind: "exact", text: "the Boltzmann law on the exact sweep matrix (‖πP − π‖₁ = 0) and irreducibility" },
  "p3.2-ground-state": { kind: "threshold", text: "0.05 of the runs ending outside consensus" },
  "p3.3-heat-equation": { kind: "threshold", text: "zero runs ending with every node exactly on the signal (none under a heat equation)" },
  "p3.3-simulated-annealing": {
    kind: "threshold",
    text: "0.95 of the runs cooling below the landscape's smallest uphill energy change ½s² = 4.93",
  },
  "p4.1-self-healing": { kind: "baseline", text: "the uncorrupted run: the honest nodes alone, from the same starts, under the same rule" },
  "p4.1-antifragility": { kind: "control", text: "the same runs without noisy nodes (the honest spread at k = 0)" },
  "p4.1-routes-around-damage": { kind: "threshold", text: "0.9 of the runs reaching agreement with validity" },
  "p4.1-scale-invariance": {
    kind: "baseline",
    text: "N = 10: τ(10⁹)/τ(10) < 10 from the fitted trend; in a copy cell also the share of runs ending on one value, within ±0.25 of N = 10's",
  },
  "p4.2-metastable-risk": { kind: "threshold", text: "0.01 of the runs ending in a non-consensus local minimum" },
  "p4.2-reheating-escapes": {
    kind: "threshold",
    text: "0.95 of the trapped runs escaping within the cell's horizon (10/r or 100/r sweeps)",
  },
  "p4.2-quantum-tunnelling": { kind: "threshold", text: "0.05 of the runs escaping the split brain at T = 0 (tunnelling survives T → 0)" },
  "p4.3-landauer": { kind: "closed-form", text: "Landauer's limit kT ln 2 per bit (ratio 1 within ±0.05)" },
  "p4.3-energy-reduces-entropy": { kind: "baseline", text: "the heat per bit at N = 16 (ratio at N = 128 within 0.80–1.25)" },
  "p4.3-proof-of-physics": { kind: "none", text: "no observable: the sentence states no property a measurement could meet or miss" },
  "p4.4-hebbian": { kind: "threshold", text: "1 pattern recalled per learning (the recall overlap threshold from m_AGS(P/N))" },
  "p4.4-neuromorphic-substrate": { kind: "none", text: "no observable: a modal claim about a future use" },
  "e-finality-diffuses": { kind: "baseline", text: "p_H at age 30 against age 2 (a fall beyond ±0.1)" },
  "e-detached-dissolve": HALF("the detached node's end value"),
  "e-identity-participation": HALF("the node's value before and after detaching"),
  "e-not-stolen-hoarded": {
    kind: "control",
    text:
      "½ for the leaver's end value; the field's holding, with the leaver and with " +
      "a thief, against the same runs with node 0 staying and no thief (within ±0.05)",
  },
  "e-value-circulates": HALF("the node's value in and out of circulation"),
  "e-scale-thickens": { kind: "baseline", text: "the held share at N = 16 (a change within ±0.1 is none)" },
  "e-sybil": { kind: "control", text: "P(displaced) with one identity (equal within ±0.1)" },
  "e-persistence": { kind: "threshold", text: "½: the network holding A at every record, more often than not" },
  "e-double-spend": { kind: "threshold", text: "0.05 of the runs still split at the horizon" },
  "e-no-byzantine": { kind: "control", text: "the same runs without the adversary (within ±0.1)" },
};

/**
 * True when claim `id`'s reference is recomputed for `mechanism`'s own parts (it replaces a part the declaration's
 * `variant` follows): the claim then reads the observable that reference is of (p1.3-langevin's ⟨½ψ·∇ℋ⟩).
 *
 * @example
 * ```ts
 * followsVariant("p1.3-langevin", PROPOSAL); // → false: ⟨ℋ⟩ against equipartition
 * ```
 */
export function followsVariant(id: string, mechanism: Mechanism): boolean {
  const parts = REFERENCES[id]?.variant?.parts ?? [];
  return parts.some((p) => mechanism.replaced.includes(p));
}

/**
 * What claim `id`'s verdict is compared with under `mechanism` (the proposal's, a repair's or a user's variant):
 * the declared reference (kind `none` for a claim made outside the registry, which declares none); a variant
 * replacing a part it follows gets the reference recomputed for its own parts; a variant replacing a part it is a
 * closed form of gets it only when its parts keep the property the closed form needs, else `not-comparable` with why.
 *
 * @example
 * ```ts
 * referenceOf("p1.3-langevin", PROPOSAL).text; // → "equipartition (N−1)dT/2 of the proposal's quadratic ℋ: …"
 * // An added term (the anchor of the pinned-injection repair) makes ℋ inhomogeneous in the field: R = 1 no longer applies.
 * referenceOf("p2.1-ising-energy", repairMechanism("pinned-injection")).kind; // → "not-comparable"
 * ```
 */
export function referenceOf(id: string, mechanism: Mechanism): ClaimReference {
  const declared = REFERENCES[id];
  // A claim made outside the registry (a test's planted claim) declares none; every registered claim does (tested).
  if (!declared) return { kind: "none", text: "none declared: src/claims/references.ts declares the registered claims' references" };
  const replaces = (parts: readonly Part[]) => parts.some((p) => mechanism.replaced.includes(p));
  if (declared.variant && followsVariant(id, mechanism)) return { kind: declared.variant.kind, text: declared.variant.text };
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
 * Cells that do not read every part their claim uses (sign-off N1): under a variant replacing a part such a cell does
 * not read, its numbers would be the proposal's shown as the variant's, so it is not comparable (the registry
 * records it untestable with this reason instead of measuring it), unless it applies that part in a form it knows.
 */
export interface CellScope {
  /** The cells it covers: those whose parameters take one of these values. */
  where: Readonly<Record<string, readonly GridValue[]>>;
  /** Parts of the claim's `uses` these cells do not read as a variant gives them. */
  unread: readonly Part[];
  /** Why, in words. */
  why: string;
  /** Parts among `unread` the cells still apply for some variants, in a form they know: true for those. */
  applies?: Partial<Record<Part, (mechanism: Mechanism) => boolean>>;
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
const COPY_CELLS: CellScope = {
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
const SPLIT_CELLS: CellScope = {
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
const GOSSIP_CELLS: CellScope = {
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
const LEDGER_COPY_CELLS: CellScope = {
  where: { update: ["copy"] },
  unread: ["interaction", "terms"],
  why:
    "§3.3's copy update from conflicting ledgers decides by Metropolis on the ledgers' own ½Σ_j‖x_i " +
    "− x_j‖² (the proposal's interaction at J = 1, no added term), written into the update, and " +
    "injects nothing for an anchor to hold, so its numbers under this variant would be the proposal's",
  applies: ledgerEnergyApplies({ pin: false }),
};

/** The cells of each claim that read fewer parts than the claim uses (a unit test checks them against `uses`). */
export const CELL_SCOPES: Readonly<Record<string, readonly CellScope[]>> = {
  "p2.2-crystallisation": [SPLIT_CELLS, { ...COPY_CELLS, where: { update: ["copy"], start: ["injection"] } }],
  "p2.2-diffusion-propagates": [COPY_CELLS, GOSSIP_CELLS],
  "p2.2-annealing": [LEDGER_COPY_CELLS],
  "p3.2-ground-state": [LEDGER_COPY_CELLS],
  "p4.2-metastable-risk": [LEDGER_COPY_CELLS],
};

/**
 * Null when claim `id`'s `cell` measures `mechanism` (its reference is the claim's, {@link referenceOf}); a
 * `not-comparable` reference with why when the mechanism replaces a part the cell does not read and cannot apply
 * ({@link CELL_SCOPES}): the registry then records the cell untestable with that reason, not the proposal's numbers.
 *
 * @example
 * ```ts
 * const huber = mechanismOf({ name: "huber", interaction: (g, o) => huberCoupling(g, { delta: 0.5, ...o }) });
 * cellReferenceOf("p2.2-crystallisation", { update: "copy", kernel: "node0", start: "injection" }, huber)?.kind; // → "not-comparable"
 * cellReferenceOf("p2.2-crystallisation", { update: "flow" }, huber); // → null: the flow runs the variant's ℋ
 * cellReferenceOf("p2.2-diffusion-propagates", { update: "copy", kernel: "node0" }, repairMechanism("pinned-injection")); // → null: pinned
 * ```
 */
export function cellReferenceOf(id: string, cell: Cell, mechanism: Mechanism): ClaimReference | null {
  const apart = unappliedIn(id, cell, mechanism);
  return (
    apart && {
      kind: "not-comparable",
      text: `not comparable under this variant (it replaces ${apart.parts.join(", ")}, which this cell does not read): ${apart.why}`,
    }
  );
}

/** The parts `mechanism` replaces that claim `id`'s `cell` does not read nor apply ({@link CELL_SCOPES}), with why; or null. */
function unappliedIn(id: string, cell: Cell, mechanism: Mechanism): { parts: Part[]; why: string } | null {
  for (const scope of CELL_SCOPES[id] ?? []) {
    if (!Object.entries(scope.where).every(([k, values]) => k in cell && values.includes(cell[k]!))) continue;
    const parts = scope.unread.filter(
      (p) => mechanism.replaced.includes(p) && mechanism[p] !== PROPOSAL[p] && !(scope.applies?.[p]?.(mechanism) ?? false),
    );
    if (parts.length > 0) return { parts, why: scope.why };
  }
  return null;
}

/**
 * Why a user's variant keeps the proposal's measurement of claim `id`'s `cell` (issue 51 item 7), or null: where the
 * cell is apart ({@link cellReferenceOf}) and reads none of the parts the variant replaces (each is a part the claim
 * does not use, `uses`, or one the cell does not read nor apply), its numbers under the variant are the proposal's,
 * so the variant's grid takes the proposal's cell, marked as kept, and its verdict is read over the whole grid. A cell
 * that reads some replaced part (a variant replacing the kernel too) stays not comparable. Named repairs keep the
 * untestable cell (their committed numbers).
 */
export function keptCellOf(id: string, cell: Cell, mechanism: Mechanism, uses: readonly Part[]): string | null {
  const apart = unappliedIn(id, cell, mechanism);
  if (apart === null) return null;
  const read = mechanism.replaced.filter((p) => mechanism[p] !== PROPOSAL[p] && uses.includes(p) && !apart.parts.includes(p));
  return read.length > 0 ? null : `kept: the cell reads none of the replaced parts (${apart.parts.join(", ")}): ${apart.why}`;
}

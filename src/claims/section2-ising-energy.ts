/**
 * The first claim of the proposal's §2.1 Ising reading, p2.1-ising-energy: the mechanism's field law against the Ising
 * transition on the same graph (the study src/studies/ising-isomorphism/field-transition). Split from ./section2-ising
 * (which keeps the quote and the copy-and-accept claims) to stay under 600 lines.
 */
import { ready } from "../engine/backend";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { fieldTransition } from "../studies/ising-isomorphism/field-transition";
import { difference, estimateEvidence, undecidable } from "./machinery/decide";
import { evidence, num, pm } from "./machinery/evidence";
import { hamiltonianOf } from "./machinery/mechanism";
import { homogeneousDegree, referenceOf } from "./machinery/references";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";
import { ISING_NOTEBOOK, ISING_QUOTE } from "./section2-ising";

/** "Isomorphic to the Ising model": the mechanism's field law against the Ising transition on the same graph. */
export const isingEnergyClaim: Claim = {
  id: "p2.1-ising-energy",
  source: "proposal",
  section: "2.1",
  quote: ISING_QUOTE,
  short: "the mechanism is isomorphic to the Ising model",
  notebook: ISING_NOTEBOOK,
  model:
    "The cell's graph (a 16×16 torus or a random ws(256, 4, 0.1) per replicate), one channel. " +
    "The field: the mechanism's Langevin integrator (ULA, h = 0.25/max D, 2000 steps, 500 " +
    "burn-in, from Ψ = 0) on the mechanism's ℋ at T_net = 2 and 10, i.e. at T_Ising = T_net/2 " +
    "= 1 and 5 (on ±1 states ℋ_int = 2E + 2ℋ_Ising, so e^{−ℋ/T_net} is the Ising weight " +
    "at T_net/2); beside it the Ising image on the same graph (Metropolis, hot start, 300 " +
    "sweeps), ordered at T_Ising = 1 and disordered at 5. One study, fieldTransition " +
    "(src/studies/ising-isomorphism), for the claim, figure ising-field-transition and notebook 03.",
  reading: {
    statement:
      "The consensus mechanism is isomorphic to the Ising model of ferromagnetism: its law at " +
      "T_net (the Boltzmann law its Langevin dynamics sample) has the Ising model's ordering " +
      "transition, so its disagreement per unit T_net changes across T_c, as the Ising image's does.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "difference R − 1 > 0 with TOST both ways, R = (⟨ℋ⟩/T)(T = 10) / (⟨ℋ⟩/T)(T = 2); under a variant " +
      "whose ℋ is not homogeneous in the field, undecidable (R = 1 is no reference for it: its reference declaration)",
    threshold:
      "R − 1 > 0 by its 95 % interval (difference's margin rule, margin 0.1); refuted by the opposite sign or when within ±0.1 (TOST)",
    why:
      "ℋ_int is the quote's 'magnetic energy (disagreement)'; across the same two " +
      "temperatures the Ising image goes from ordered (⟨|m|⟩ ≈ 1) to disordered (≈ 0.1) " +
      "and its disagreement per unit T grows about a hundredfold (Onsager, torus), so a " +
      "10 % change is far below any transition; 2000 steps give an MDE of about 0.01.",
  },
  grid: {
    graph: {
      values: ["torus:16", "ws:256:4:0.1"],
      why: [
        "the square lattice of the Ising model of ferromagnetism, where T_c = 2.269 is exact (Onsager)",
        "the proposal's own network family (§3.3: nx.watts_strogatz_graph(k = 4, p = 0.1)), at the torus's N, drawn per replicate",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "ℋ_int is quadratic, so its Boltzmann law (and ULA's) is Gaussian with variance " +
    "∝ T: ⟨ℋ⟩/T is the same at every T and R = 1 exactly, a Gaussian free field has no " +
    "phase transition; the measurement runs the mechanism's integrator to show it. " +
    ("On ±1 states (s_i − s_j)² = 2 − 2s_is_j makes ℋ_int = 2E + 2ℋ_Ising, an identity of algebra: " +
      "shown in the evidence (the library's two energies agree), not a part of the verdict. ") +
    ("No two-valued cell: on ±1 ledgers the text's update is the copy rule, whose " +
      "stationary law is not the Boltzmann law: under a copy rule a consensus proposes nothing, so both consensus " +
      "states are absorbing and a chain held at any T > 0 ends in one of them, where a Boltzmann law at T > 0 weights " +
      "every state (p3.2-step4-detailed-balance and p3.2-step5-boltzmann " +
      "measure it), so such a cell would test the copy kernel's law rather than an " +
      "isomorphism of ℋ's; whether ±1 ledgers order is p2.1-ising-alignment's question."),
  review:
    "Review 2: 'p2.1-ising-energy's holding part is an algebraic identity' (mixed as a soft landing). " +
    "Fixed: the ±1 identity is no longer a part (evidence and byConstruction only); the claim's one " +
    "reading is the isomorphism of the mechanism's law with the Ising model's, measured as the transition " +
    "across T_c, decided by that one measured finding. (Review 1: 'isomorphic' had been reduced to the " +
    "identity; the transition part answered it.) Internal review 3: 'the two-valued landscape is not a " +
    "cell; add it or say why not'. Answered in byConstruction: on ±1 ledgers the update is the copy rule, " +
    "whose law is not Boltzmann (p3.2 steps 4–5), so the cell would measure the kernel, not ℋ. Issue " +
    "44: under a Huber coupling the claim was decided against R = 1, the no-transition value of a quadratic " +
    "ℋ only. Fixed: its reference (its record's declaration) is R = 1 only for an ℋ homogeneous in the field " +
    "(checked on the variant's ℋ); otherwise it is not comparable under the variant and untestable, with " +
    "the numbers as evidence. Ninth-edition referee (#6): 'no cell for the §3.3 copy update on ±1 ledgers'. " +
    "Answered by the written argument in byConstruction (no two-valued cell): copy chains absorb in " +
    "consensus and have no Boltzmann law, so a copy cell measures the kernel, not an isomorphism of ℋ.",
  uses: ["interaction", "terms", "integrator"],
  reference: {
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
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const graph = graphFromSpec(String(ctx.cell.graph), ctx.key("graph"));
    const t = fieldTransition((name) => ctx.key(name), {
      graph,
      energy: hamiltonianOf(ctx.mechanism, graph),
      interaction: ctx.mechanism.interaction(graph, { coupling: 1 }),
      integrator: ctx.mechanism.integrator,
    });
    releaseGraph(graph);
    const [lo, hi] = t.energyPerT as [{ value: number; se: number }, { value: number; se: number }];
    const [mLo, mHi] = t.isingAbsMagnetization as [{ value: number; se: number }, { value: number; se: number }];
    const R = hi.value / lo.value;
    const se = R * Math.hypot(hi.se / hi.value, lo.se / lo.value);
    // R = 1 is the no-transition value of a field-homogeneous ℋ only: under a variant whose ℋ is not, the claim has
    // no reference and is not decided against the proposal's number (issue 44 item 1); the numbers stay as evidence.
    const reference = referenceOf(isingEnergyClaim, ctx.mechanism);
    const comparable = reference.kind !== "not-comparable";
    const numbers = [
      estimateEvidence("⟨ℋ⟩/T_net at T_net = 2 (T_Ising = 1)", lo),
      estimateEvidence("⟨ℋ⟩/T_net at T_net = 10 (T_Ising = 5)", hi),
      estimateEvidence("R = ratio of ⟨ℋ⟩/T_net across T_c", { value: R, se }, comparable ? { reference: 1 } : {}),
      estimateEvidence("Ising image ⟨|m|⟩ at T_Ising = 1", mLo),
      estimateEvidence("Ising image ⟨|m|⟩ at T_Ising = 5", mHi),
      evidence("by construction (not decided): max |ℋ_int − (2E + 2ℋ_Ising)| over 34 ±1 states", t.identityGap, { reference: 0 }),
    ];
    if (!comparable)
      return {
        result: undecidable(reference.text, numbers),
        headline: `not comparable under this variant: the field's ⟨ℋ⟩/T changes ×${pm(R, se)} across T_c, with no no-transition value to compare it with`,
        reason:
          "The variant's ℋ is not homogeneous in the field, so its ⟨ℋ⟩/T may change with T without " +
          "any ordering transition: the proposal's R = 1 is no reference for it, and none is computed.",
      };
    const result = difference({ value: R - 1, se }, "positive", 0.1, "the field's disagreement per unit T_net changes across T_c", numbers);
    return {
      result,
      headline: `across T_c the Ising image's ⟨|m|⟩ falls ${num(mLo.value)} → ${num(mHi.value)}, the field's ⟨ℋ⟩/T changes ×${pm(R, se)} (no transition: 1)`,
      reason:
        "The mechanism's state is a continuous field, whose Boltzmann law is Gaussian: " +
        "its disagreement grows in proportion to T_net on both sides of the Ising " +
        "T_c, with no ordering transition, so its law is not the Ising model's. " +
        "Only its energy restricted to ±1 states is an Ising energy (algebra, in the evidence), and the mechanism does not restrict its state to ±1. " +
        "Where the text's update does act on ±1 ledgers it is the copy rule, under which a consensus is absorbing (no proposal " +
        "differs from a node's value), so a chain held at any T > 0 ends on one of the two consensus states, " +
        "where a Boltzmann law at T > 0 weights every state.",
    };
  },
};

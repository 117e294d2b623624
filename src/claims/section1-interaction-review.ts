/**
 * p1.2-interaction-energy's review (src/claims/section1 interactionEnergy): every referee's point on it and the house's
 * answer, in order, kept beside the claim so that its record file stays one screen of mechanism.
 */
export const INTERACTION_ENERGY_REVIEW =
  "Review 3 (minor): 'the README's short label says \"penalises " +
  "disagreement — fails\" though the failing part is latency'. Fixed: the short " +
  'label names both clauses, "ℋ penalises disagreement and latency". ' +
  ("Review: the strongest reading drops 'latency'; the latency part is fact(false, …), " +
    "typed by hand. Fixed: one reading, the quote's conjunction; the latency part is measured " +
    "(ℋ on one field with the links' latency doubled, in both readings of where latency could " +
    "enter) and decided by the rule, and the conjunction is mixed by the rule, not by us. ") +
  ("Review 2 (issue 42, mixed means measured parts; the pattern the referee named in p2.1-ising-energy): " +
    "the holding part, 'penalises disagreement', is an identity of algebra (a sum of squares) checked " +
    "for the implementation, and made the claim mixed. Fixed: it is shown beside the verdict (evidence, " +
    "byConstruction), not a part; the conjunction is decided by its measured part, latency, which fails in " +
    "both cells, so 'A and B' fails. The experiment is the study interactionPenalties (src/studies/hamiltonian). " +
    "Issue 44 (a new user's second try; the audit of every claim whose cells were fact() readings): " +
    "a variant whose coupling rises as J falls would hold in the coupling cell and fail in the absent " +
    "one, a grid of fact() cells the registry refuses as a mixed. Fixed: the latency part is a difference " +
    "of exact numbers with its typical float32 rounding as its SE and the tolerance as its margin; the " +
    "proposal's cells are unchanged (2 fails: a change of 0 is within rounding, −385 the opposite sign).") +
  " Seventeenth-edition referee (2026-11-29): 'holding algebra of the text's ℋ (disagreement) is set aside as never " +
  "a part, while failing algebra of the same ℋ is counted, here (latency) and in four sibling claims … the " +
  "conjunction is mixed, not fails'. Fixed: both clauses are measured parts of Definition 1.2's own ℋ, counted " +
  "under the one by-construction test (disagreement: the least rise along s, beyond the rounding margin); the " +
  "label is the conjunction's, mixed (fails → mixed). Nineteenth-edition referee (2026-11-30): 'its only holding " +
  "part is an identity of algebra of Definition 1.2 … §2 says a part of a mixed verdict is \"never a parameter's value " +
  "or an identity of algebra\" … faithful label: fails'. Fixed: the rubric's own words decide between the two " +
  "editions: the disagreement clause is marked by construction (an identity of algebra, evidence beside the verdict, " +
  "its numbers unchanged), the one by-construction test says so, and the conjunction is decided by latency (mixed → fails). " +
  "Thirty-sixth-edition referee (2026-12-02): 'the algebra rule is applied to the holding clause only … both clauses " +
  'are algebra of one definition; count both (mixed) or set both aside (untestable, as for p1.1); "fails" comes ' +
  "from neither rule applied evenly'. Done: one rule for both (findings BY_CONSTRUCTION_TEST): each clause has an " +
  "observable, ℋ's response, measured on the text's own ℋ and counted holding or failing alike, as p1.2-entropic-" +
  "penalty's failing algebra is; untestable would say no observable decides it, which is not so here. Both clauses " +
  "are parts, their numbers unchanged (fails → mixed).";

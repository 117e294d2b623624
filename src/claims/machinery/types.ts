/**
 * A claim of the proposal or the essay as data, second edition (issue 34; the rubric is shared/VERDICTS.md): the
 * sentence quoted, ONE reading of it (the faithful one: the text's own mechanism, charity on wording only), the
 * decision rule with its threshold and why, the grid of every choice the text leaves open (each value with its
 * reason), the sizes a size claim is measured at, the repairs (named variants that would make a failing claim true,
 * measured by the same rubric and shown beside the verdict), and where our model makes the outcome what it is by
 * construction.
 *
 * `measure(ctx)` measures the claim in ONE cell of its grid (`ctx.cell`); the registry runs every cell and the
 * grid's verdict is the claim's. Verdicts are never typed as text: a reading comes from a rule of `./decide`
 * (which brands what it returns; the registry refuses anything else). Randomness comes only from `ctx.key(name)`,
 * named streams, so `--seed` and every replicate change every stream, the random graph included.
 */
import type { Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import type { Term } from "../../hamiltonian/term";
import type { Schedule } from "../../dynamics/schedules";
import type { Integrator } from "../../dynamics/types";
import { RULES, type RuleName } from "../../studies/adversary/rules";
import { PROPOSAL_KERNELS, type ProposalKernel } from "../../spin/update-kernels";

/** The five verdicts (VERDICTS.md §2), one meaning each. */
export type Verdict = "holds" | "fails" | "mixed" | "inconclusive" | "untestable";
export const VERDICTS: readonly Verdict[] = ["holds", "fails", "mixed", "inconclusive", "untestable"];

/** What a rule found; maps one-to-one onto a verdict (supported → holds, refuted → fails, undecidable → untestable). */
export type FindingKind = "supported" | "refuted" | "mixed" | "inconclusive" | "undecidable";
export const FINDING_KINDS: readonly FindingKind[] = ["supported", "refuted", "mixed", "inconclusive", "undecidable"];

/** One part of a conjunction or one case of a list, with its own verdict (a `mixed` finding lists them). */
export interface FindingPart {
  statement: string;
  verdict: Verdict;
  /**
   * Why the part can come out one way only (one arm alone rules the other outcome out: ./decide `rates`), where
   * it can. The part still counts, as the text states it; the record says so (VERDICTS.md §5; ninth-edition referee #8).
   */
  oneWay?: string;
  /**
   * Why our model decides the part (Finding `byConstruction`): evidence, holding or failing, not counted (VERDICTS.md §3, §6).
   */
  byConstruction?: string;
  /** The part's verdicts over the replicates of a stability run that show it (./stability withStability). */
  stability?: Stability;
}

/** How the replicates of one claim (or one cell, or one part) voted (./stability stabilityOf). */
export interface Stability {
  /** Replicates measured (K), or, for a part, the replicates whose finding shows it. */
  replicates: number;
  /** Replicates giving each verdict (the five keys always present). */
  counts: Record<Verdict, number>;
  /** Share of the replicates giving the modal verdict. */
  agreement: number;
  /** The modal verdict (ties go to the first in `VERDICTS` order: holds, fails, mixed, inconclusive, untestable). */
  modal: Verdict;
  /** `agreement ≥ STABLE_AGREEMENT` (./stability). */
  stable: boolean;
}

/** A rule's finding: its kind, the numbers in words, and what an inconclusive or mixed finding must carry. */
export interface Finding {
  kind: FindingKind;
  /** How the rule decided, with the numbers (e.g. "P(ground) 0.38 [0.33, 0.43] vs 0.95: below"). */
  text: string;
  /** `mixed`: every part with its own verdict. */
  parts?: FindingPart[];
  /** `inconclusive`: the minimum detectable effect at 80 % power and α = 0.05, in the units of `margin`. */
  mde?: number;
  /** `inconclusive`: the effect (or equivalence margin) the test had to resolve; 0 for a threshold test, which sets none. */
  margin?: number;
  /** `inconclusive`: the runs that would decide (MDE below the margin at 80 % power), when the rule can say. */
  runsToDecide?: number;
  /**
   * `inconclusive` (a difference or two rates against a margin): the runs at which the observed difference, were it
   * the true one, would be decided by the rule (its 95 % interval beyond the margin for support, or TOST within it),
   * at SE ∝ 1/√n. Unlike `runsToDecide` (power against a margin-sized effect) it reads the effect seen; absent when
   * the observed difference sits on the margin.
   */
  runsAtObserved?: number;
  /**
   * `inconclusive`: the runs a user would launch in all, every arm counted (VERDICTS.md §5), that would decide: the
   * rule's arms × `runsToDecide`. `runsToDecide` keeps its definition, the runs of one arm.
   */
  totalRunsToDecide?: number;
  /**
   * `inconclusive`: the runs in all, every arm counted, at which the observed difference, were it the true one, would
   * be decided on the 95 % interval the rule decides on (beyond the margin, or within it), at SE ∝ 1/√n: the rule's
   * arms × n·(1.96·SE/gap)². `runsAtObserved` keeps its definition (one arm, TOST's 1.645 within the margin); this is
   * the number the tables quote (twenty-ninth-edition referee). A design that decides on its own last bound (a
   * sequential cell) counts at that bound.
   */
  totalRunsAtObserved?: number;
  /**
   * What `runsToDecide`, `runsAtObserved` and their totals count where it is not runs: "sizes" for a trend fitted over sizes (the
   * fit's points), so the number is never read as runs (sign-off N6). Absent: runs.
   */
  runsUnit?: string;
  /** The p-value of the decisive test, where there is one (Holm reads it across a claim's cases). */
  p?: number;
  /** A threshold test (decide.ts `beyond`, `rateBeyond`): the threshold the estimate is compared with. */
  threshold?: number;
  /**
   * A threshold test that is inconclusive: the observed distance |estimate − threshold|. No margin is fixed in
   * advance there, so `margin` is 0 (until the fifth edition it held this distance).
   */
  distance?: number;
  /**
   * Why this reading can come out one way only (one arm of a directional rate test whose level alone rules support
   * out, ./decide `rates`; both arms of a ratio above 1/ratio, `ratesRatioEqual`). It still decides, as a part or a cell, and
   * says so (./findings markOneWay: one rule for cells and parts; eleventh-edition referee).
   */
  oneWay?: string;
  /**
   * Why our model, not the text, decides this reading (the one test: ./findings markBuilt): VERDICTS.md §3 and §6
   * make such a cell or part evidence, holding or failing alike: it counts toward no 90 % and gives no mixed grid or
   * conjunction a side.
   */
  byConstruction?: string; /**
   * The derivation from the text's own rule that gives this cell's outcome, where one does (./findings markDerived):
   * the grid counts the cells one derivation gives as one (./grid-rule oncePerDerivation), each still measured.
   */
  derivedFrom?: string;
}

/** The parts of the mechanism a claim may build; a variant (a user's, or a repair) replaces some of them. */
export type Part = "interaction" | "entropic" | "terms" | "rule" | "schedule" | "integrator" | "ricci" | "kernel";
export const PARTS: readonly Part[] = ["interaction", "entropic", "terms", "rule", "schedule", "integrator", "ricci", "kernel"];

/**
 * Each part as a variant writes it, and what it is (the proposal's in brackets): the one list the `emtd verdicts
 * --variant` help, the variant checks and the docs are made from or checked against (README, templates/my-variant.ts
 * and notebook 18 name every part; a test reads them).
 *
 * @example
 * ```ts
 * Object.keys(PART_DOCS).length === PARTS.length; // → true
 * PART_DOCS.rule; // → "rule: the §4.1 consensus update rule, one of mean, median, huber, trimmed, wmsr (the proposal's: mean)"
 * ```
 */
export const PART_DOCS: Readonly<Record<Part, string>> = Object.freeze({
  interaction:
    "interaction(graph, { coupling }) → Term: the coupling term Σ_⟨ij⟩ J·J_ij‖ψ_i − ψ_j‖² over the " +
    "field ψ [N, C]; honour the edge weights J_ij and act on every channel (the proposal's: interaction)",
  entropic:
    "entropic(graph, { laplacian, lambda }) → Term: Definition 1.2's entropic penalty λΣ_i∇²S_i, " +
    "the one part the claim about the penalty measures (the proposal's: the written term)",
  terms:
    "terms(graph) → Term[]: terms added to the interaction wherever a claim builds the " +
    "Hamiltonian it runs, never scored as one of ℋ's named terms (the proposal's: none)",
  rule: `rule: the §4.1 consensus update rule, one of ${RULES.join(", ")} (the proposal's: mean)`,
  schedule: "schedule(initial) → Schedule: the annealing schedule from a starting temperature (the proposal's: geometric, T ← 0.95·T)",
  integrator:
    "integrator(energy, { step, temperature }) → Integrator: the Langevin integrator run at T > 0 (the proposal's: ULA, its 'stochastic gradient descent')",
  ricci:
    'ricci: what the §2.1 Ricci flow evolves, "length" (the edge weight as a length) ' +
    'or "coupling" (the same equation on J, an inverse flow) (the proposal\'s: "length")',
  kernel:
    `kernel: the proposal kernel of the §3.2–§3.3 Metropolis step, one of ` +
    `${PROPOSAL_KERNELS.map((k) => `"${k}"`).join(", ")} for every cell ` +
    `(the proposal's: the text's two rules, node0 and neighbour, as a grid)`,
});

/** The coupling term of Definition 1.2 on a graph, with the global coupling J. */
export type InteractionPart = (graph: Graph, options: { coupling: number }) => Term;
/**
 * Definition 1.2's entropic penalty λΣ_i∇²S_i on a graph, with the graph Laplacian ∇² the claim's cell reads
 * (the combinatorial −L or the random-walk D⁻¹A − I) and the multiplier λ. The proposal's is the written term.
 */
export type EntropicPart = (graph: Graph, options: { laplacian: "combinatorial" | "random-walk"; lambda: number }) => Term;
/** Terms added to the interaction where a claim builds the Hamiltonian it runs (never read as one of ℋ's named terms). */
export type TermsPart = (graph: Graph) => Term[];
/** What a claim knows of the landscape it anneals, for a schedule that depends on it (Hajek's c = d*). */
export interface Landscape {
  /** Hajek's critical depth d*: the largest depth of a non-global local minimum, in the claim's energy units. */
  readonly depth: number;
}
/**
 * The annealing schedule from a starting temperature, given the landscape where the claim knows it; `horizon` is
 * the number of steps the schedule is meant to run, where it states one. A stated horizon is run to, in place of
 * §3.3's 1000-sweep cap and its quiet-sweep stop, by p2.1-ising-alignment and p2.2-crystallisation (every run),
 * p2.2-annealing (its end = horizon cells; its end = stop cells measure the stop) and p3.2-ground-state (its loop and
 * continuation); Hajek's guarantee is a statement about T at the horizon (fifth-edition referee).
 */
export type SchedulePart = (initial: number, landscape?: Landscape) => Schedule & { readonly horizon?: number };
/** The Langevin integrator factory run at T > 0. */
export type IntegratorPart = (energy: Term, options: { step: number; temperature: number }) => Integrator;
/**
 * What the §2.1 Ricci flow evolves: the edge weight as a length (the Riemannian metric; the text's "Ricci flow",
 * dw/dt = −κw stretches negatively curved bridges) or as the coupling J (the same equation on J, an inverse flow).
 */
export type RicciPart = "length" | "coupling";
/**
 * The proposal kernel of the §3.2–§3.3 Metropolis step: "text" (the proposal's: the grid cell's rule, "node0" for
 * §3.3's code or "neighbour" for the pull gossip; src/claims/machinery/mechanism.ts `kernelIn`), one of those two fixed
 * for every cell, or "symmetric" (a uniformly drawn value, the textbook symmetric proposal: a repair).
 */
export type KernelPart = ProposalKernel | "text";

/**
 * A variant: a name and the parts it replaces (the rest stay the proposal's). The default export of a
 * `--variant FILE`, an object in a notebook, or a named repair of `./repairs`.
 */
export interface Variant {
  name: string;
  interaction?: InteractionPart;
  entropic?: EntropicPart;
  terms?: TermsPart;
  rule?: RuleName;
  schedule?: SchedulePart;
  integrator?: IntegratorPart;
  ricci?: RicciPart;
  kernel?: KernelPart;
}

/**
 * One parameter of a {@link VariantFamily}: a numeric range (a slider: `min`, `max`, an optional `step`) or a list of
 * choices (a dropdown), and the value it takes when none is given.
 */
export type FamilyParameter =
  | { readonly min: number; readonly max: number; readonly step?: number; readonly default: number }
  | { readonly choices: readonly (number | string)[]; readonly default: number | string };

/** The values a family's parameters take: a number for a range, one of the choices for a list. */
export type FamilyValues<S extends Record<string, FamilyParameter>> = { [K in keyof S]: ParameterValue<S[K]> };
/** One parameter's value (distributed over a union of parameter kinds). */
type ParameterValue<P> = P extends { readonly choices: readonly (infer C)[] } ? C : number;

/**
 * A variant family: a function from named parameters to a {@link Variant}, with each parameter's range or choices and
 * default. What `emtd verdicts --variant FILE --param name=value` (and `--watch`) reads from a file's default export,
 * and what a notebook's explorer draws sliders for. `variant` is written as a method so that a family whose values
 * are typed narrowly (`{ delta: number }`) is still a `VariantFamily`.
 *
 * @example
 * ```ts
 * const family = variantFamily({
 *   name: "huber coupling",
 *   parameters: { delta: { min: 0.1, max: 5, step: 0.1, default: 1 }, rule: { choices: ["mean", "median"], default: "mean" } },
 *   variant: ({ delta }) => ({ name: `huber δ=${delta}`, interaction: (graph, { coupling }) => huberCoupling(graph, { delta, coupling }) }),
 * });
 * variantOf(family, { delta: 2 }).name; // → "huber δ=2"
 * ```
 */
export interface VariantFamily<S extends Record<string, FamilyParameter> = Record<string, FamilyParameter>> {
  readonly name: string;
  readonly parameters: S;
  variant(values: FamilyValues<S>): Variant;
}

/** Every part a claim may read (./mechanism says what each is concretely), with the parts replaced and a key. */
export interface Mechanism {
  readonly interaction: InteractionPart;
  readonly entropic: EntropicPart;
  readonly terms: TermsPart;
  readonly rule: RuleName;
  readonly schedule: SchedulePart;
  readonly integrator: IntegratorPart;
  readonly ricci: RicciPart;
  readonly kernel: KernelPart;
  /** The parts a variant replaced ([] for the proposal). */
  readonly replaced: readonly Part[];
  /** "proposal", or a key unique to one variant in this process (memoised experiments are kept per key). */
  readonly key: string;
  /** The variant's name, or "proposal". */
  readonly name: string;
}

/** One measured number behind a verdict, with its uncertainty where it is an estimate. */
export interface Evidence {
  /** What was measured, in a few words (e.g. "⟨H⟩ / equipartition"). */
  name: string;
  value: number;
  /** One standard error (Monte-Carlo or binomial), when the number is an estimate. */
  uncertainty?: number;
  /** A 95 % interval, when the number is an estimate (Wilson for rates, t or bootstrap otherwise). */
  interval?: [number, number];
  /** The exact or baseline value it is compared with, when there is one. */
  reference?: number;
  unit?: string;
}

/** A rule's outcome: the verdict, the finding, and the numbers the decision read. Made only by ./decide. */
export interface Reading {
  verdict: Verdict;
  finding: Finding;
  evidence: Evidence[];
}

/** A value of a grid parameter. */
export type GridValue = number | string;

/** One open choice of the text: the values measured, each with its reason (same order). */
export interface GridParameter {
  values: readonly GridValue[];
  why: readonly string[];
  /**
   * The cells this parameter applies to: only those whose named parameters take one of the listed values (e.g. the
   * proposal kernel only where `update` is "copy"). Elsewhere the cell has no value for it, so a choice that does
   * not apply never duplicates a cell. Absent: every cell.
   */
  when?: Readonly<Record<string, readonly GridValue[]>>;
  /**
   * The part of the mechanism this choice belongs to (the kernel grid's "kernel", the Laplacian of the entropic term's
   * "entropic"): a variant that replaces the part drops the parameter (and those nested under it), so its cells are
   * not measured twice with a value that no longer applies. Absent: the choice stays under every variant.
   */
  part?: Part;
}

/**
 * The grid of a claim: every choice the text leaves open. The first value of each parameter is the headline cell
 * (the text's own setting where it gives one, else the most natural reading, said in its reason). `{}`: one cell.
 */
export type Grid = Readonly<Record<string, GridParameter>>;

/** One cell: a value for each grid parameter. */
export type Cell = Readonly<Record<string, GridValue>>;

/** A size claim's trend: y = a·N^b fitted on log–log axes (t quantiles on n − 2 degrees of freedom). */
export interface SizeTrend {
  /** What is fitted against N, in words (e.g. "consensus time (rounds)"). */
  quantity: string;
  /** The sizes measured and the values at them (same order). */
  values: Array<{ n: number; value: number }>;
  /** The fitted exponent b with its 95 % t interval and degrees of freedom. */
  trend: { exponent: number; interval: [number, number]; df: number };
  /** The value at the text's own size (10⁹) from the fit, with its 95 % prediction interval. */
  extrapolated?: { n: number; value: number; interval: [number, number] };
}

/** A measurement of one cell: the rule's reading, the key number in a phrase, the mechanism in a sentence. */
export interface Measurement {
  result: Reading;
  /** The key number in one short phrase, with its interval where it has one. */
  headline: string;
  /** Why, in one or two sentences: the mechanism the numbers show. */
  reason: string;
  /**
   * Size claims: this cell's trend over N. Every cell of a size claim carries its own, over ≥ 3 decades of N (the
   * registry checks each cell; VERDICTS.md §4); the headline cell's is the record's top-level `sizes`.
   */
  sizes?: SizeTrend;
  /** Under a user's variant: the proposal's measurement of this cell, kept because it reads no replaced part (why). */
  kept?: string;
  /** Under a user's variant: why this cell is not comparable (untestable, not measured as the variant's). */
  notComparable?: string;
  /** A cell decided look by look (./sequential-cell): where its tests stopped and the runs they used. */
  sequential?: SequentialStop;
}

/**
 * Where a cell decided by the group-sequential design stopped (./sequential-cell): over its tests on runs (one, or
 * one per case of a list of cases), the last look any of them reached and the runs they used of the runs planned.
 */
export interface SequentialStop {
  /** The planned looks of each test. */
  looks: number;
  /** The last look any of the cell's tests reached, 1-based (`looks`: one reached the maximum). */
  look: number;
  /** Runs used, over the cell's tests. */
  runs: number;
  /** Runs planned (the fixed design's), over the cell's tests. */
  maxRuns: number;
  /** Each test: what it tested, the look it stopped at, the runs it used and planned, and its decision. */
  tests: Array<{ statement: string; look: number; runs: number; maxRuns: number; decision: "for" | "against" | "undecided" }>;
}

/** The seeds, grid cell and mechanism of one measurement. */
export interface MeasureContext {
  /**
   * The claim's random stream `name` (one per independent experiment, e.g. "graph", "field", "runs"): a key derived
   * from the claim's id, the name, `--seed` and the replicate, so every replicate draws its own graph.
   */
  key(name: string): Key;
  /** The `--seed` offset (0 by default). */
  readonly seed: number;
  /** The replicate index of a stability run (0 for a single run). */
  readonly replicate: number;
  /** The grid cell measured (one value per parameter of `claim.grid`). */
  readonly cell: Cell;
  /** The parts of the mechanism the claim builds (the proposal's unless a variant replaced some; ./mechanism). */
  readonly mechanism: Mechanism;
}

/** A repair: what would make the claim true, as a named variant of ./repairs measured by the same rubric. */
export interface RepairSpec {
  /** The repair's name in ./repairs (REPAIRS), e.g. "logarithmic-cooling". */
  variant: string;
  /** Why this is the repair a fair reader would try (the old "strongest reading" it replaces, if any). */
  why: string;
  /**
   * Where a single-part repair is outside the theorem it stands for (logarithmic cooling under the copy kernels,
   * a symmetric kernel under geometric cooling): in a few words, said in the repair column beside its verdict.
   */
  outsideTheorem?: string;
  /**
   * Where a repair in its theorem's setting is measured short of what the theorem promises (a stop before its
   * horizon, a finite horizon for an asymptotic guarantee): in a few words, said in the repair column beside its verdict.
   */
  shortOfTheorem?: string;
  /**
   * Where a repair holds by its theorem for any system of its kind, not by a property of EMTD (the second law for any
   * annealer in detailed balance): in a few words, said in the repair column beside its verdict (VERDICTS.md §6,
   * declared; the repair is measured and decided like any other).
   */
  byTheorem?: string;
}

export interface Claim {
  /** Stable id: `p<section>-<slug>` for the proposal (e.g. `p4.1-self-healing`), `e-<slug>` for the essay. */
  id: string;
  source: "proposal" | "essay";
  /** Proposal section (`1.1` … `4.4`); for the essay, the heading's short name (e.g. `in-the-air`). */
  section: string;
  /** The sentence quoted verbatim from the document. */
  quote: string;
  /** The claim in a few words, for tables. */
  short: string;
  /** The notebook that shows it, relative to the repository root. */
  notebook: string;
  /** The model measured: graph, sizes, dynamics, what is pinned or free, in one or two sentences. */
  model: string;
  /** The one faithful reading: what the quote asserts, about whose mechanism. */
  reading: { statement: string; mechanism: "proposal" | "essay" };
  /** The decision rule, its threshold, and why that threshold (a reason from the text or a standard). */
  decision: { rule: string; threshold: string; why: string };
  /** Every choice the text leaves open, as a grid (`{}` only when the measurement has no open choice). */
  grid: Grid;
  /** Size claims: the sizes of the trend (≥ 3 decades; VERDICTS.md §4); every cell's measurement carries its own `sizes`. */
  sizes?: readonly number[];
  /** Repairs shown beside the verdict ([] when none is meaningful). */
  repairs: readonly RepairSpec[];
  /** Where our model, not the text, makes the outcome what it is (the argument or ablation); null where nothing does. */
  byConstruction: string | null;
  /** The referee review's row for this claim (shared/review/verdicts-2026-11-24.md) and how it is answered. */
  review?: string;
  /**
   * The runs it decides on, named, where other claims decide on the same runs (each reads them its own way): the
   * README says which holds are one measurement (sixteenth-edition referee: three essay holds are one experiment).
   */
  experiment?: string;
  /**
   * Where its cells evaluate bounds or counts typed from the literature and run no simulation: the works cited. Its
   * verdict rests on them, and the README and the table say so (thirty-fourth-edition referee: no run measures them).
   */
  citedBound?: string;
  /** Exactly the parts of `ctx.mechanism` the measurement reads ([] when none: a variant leaves the claim unaffected). */
  uses: readonly Part[];
  /** What its verdict is compared with, and how that follows under a variant (every registered claim declares one). */
  reference?: ReferenceDeclaration;
  /** Its cells that read fewer parts than `uses` (each a scope of ./references), where it has any. */
  cellScopes?: readonly CellScope[];
  /** Measures one grid cell. Deterministic for one context; disposes every tensor it makes. */
  measure(ctx: MeasureContext): Promise<Measurement>;
}

/** What a claim's verdict is compared with, by kind (see ./references' comment: what each kind means). */
export type ReferenceKind = "exact" | "closed-form" | "baseline" | "control" | "threshold" | "none" | "not-comparable";

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

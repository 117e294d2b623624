/**
 * A claim of the proposal or the essay as data, in one record shape (issue 20): the sentence quoted, two readings of
 * it (the literal one and the strongest reasonable one), the model it is measured on, the decision rule with its
 * threshold and why that threshold, a statement where our model makes the claim true by construction, and the
 * parts of the mechanism it builds (which a user's variant may replace). `measure(ctx)` computes both readings'
 * verdicts from library functions; the headline verdict is the strongest reading's.
 *
 * Verdicts are never typed as text: a reading's verdict comes from a decision rule of `./decide` applied to
 * measured numbers with their uncertainty. Randomness comes only from `ctx.key(stream)`, so `--seed` and the
 * replicates of a stability run change every stream of every claim.
 */
import type { Key } from "../engine/random";
import type { Graph } from "../graph/graph";
import type { Term } from "../hamiltonian/term";
import type { Schedule } from "../dynamics/schedules";
import type { Integrator } from "../dynamics/types";
import type { RuleName } from "../adversary/rules";

/** What a measurement says about a claim. */
export type Verdict = "holds" | "fails" | "partly" | "untestable";
export const VERDICTS: readonly Verdict[] = ["holds", "fails", "partly", "untestable"];

/** The parts of the proposal's mechanism a claim may build; a variant (issue 21) replaces some of them. */
export type Part = "interaction" | "terms" | "rule" | "schedule" | "integrator";
export const PARTS: readonly Part[] = ["interaction", "terms", "rule", "schedule", "integrator"];

/** The coupling term of Definition 1.2 on a graph, with the global coupling J. */
export type InteractionPart = (graph: Graph, options: { coupling: number }) => Term;
/** Terms added to the interaction where a claim builds the Hamiltonian it runs. */
export type TermsPart = (graph: Graph) => Term[];
/** The annealing schedule from a starting temperature. */
export type SchedulePart = (initial: number) => Schedule;
/** The Langevin integrator factory run at T > 0. */
export type IntegratorPart = (energy: Term, options: { step: number; temperature: number }) => Integrator;

/**
 * A user's variant: a name and the parts it replaces (the rest stay the proposal's). The default export of a
 * `--variant FILE`, or an object in a notebook.
 */
export interface Variant {
  name: string;
  interaction?: InteractionPart;
  terms?: TermsPart;
  rule?: RuleName;
  schedule?: SchedulePart;
  integrator?: IntegratorPart;
}

/** Every part a claim may read (see ./mechanism for what each is concretely), with the parts replaced and a key that tells two mechanisms' results apart. */
export interface Mechanism {
  readonly interaction: InteractionPart;
  readonly terms: TermsPart;
  readonly rule: RuleName;
  readonly schedule: SchedulePart;
  readonly integrator: IntegratorPart;
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
  /** A 95 % interval, when the number is an estimate (Wilson for rates, normal from the SE otherwise). */
  interval?: [number, number];
  /** The exact or baseline value it is compared with, when there is one. */
  reference?: number;
  unit?: string;
}

/** A reading's outcome: its verdict, the rule's finding in words, and the numbers the decision read. */
export interface Reading {
  verdict: Verdict;
  /** How the rule decided, with the numbers (e.g. "P(ground) 0.38 [0.33, 0.43] vs 0.52 [0.47, 0.57]: z = −3.9"). */
  finding: string;
  evidence: Evidence[];
}

/** The verdict of one size on a claim's grid of N (claims about size report the verdict as a function of N). */
export interface SizePoint {
  n: number;
  verdict: Verdict;
  finding: string;
}

export interface Measurement {
  readings: { literal: Reading; strongest: Reading };
  /** The key number in one short phrase, with its interval where it has one. */
  headline: string;
  /** Why, in one or two sentences: the mechanism the numbers show. */
  reason: string;
  /** For claims about size: the strongest reading's verdict at each N of the declared grid. */
  bySize?: SizePoint[];
}

/** The seeds of one measurement. */
export interface MeasureContext {
  /**
   * The claim's random stream `stream` (a small integer the claim chooses, one per independent experiment):
   * `key(stream)` at seed 0, replicate 0 (so the default run keeps its numbers), otherwise
   * `fold(fold(key(stream), seed), replicate)`.
   */
  key(stream: number): Key;
  /** The `--seed` offset (0 by default). */
  readonly seed: number;
  /** The replicate index of a stability run (0 for a single run). */
  readonly replicate: number;
  /** The parts of the mechanism the claim builds (the proposal's unless a variant replaced some; ./mechanism). */
  readonly mechanism: Mechanism;
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
  /** The notebook that shows it, relative to the repository root (e.g. `notebooks/11-adversaries.ipynb`). */
  notebook: string;
  /** The model measured: graph, sizes, dynamics, what is pinned or free, in one or two sentences. */
  model: string;
  /** Where our model makes the claim true by construction, what in it does so; null where nothing does. */
  byConstruction: string | null;
  /** Exactly the parts of `ctx.mechanism` the measurement reads ([] when none: a variant leaves the claim unaffected). */
  uses: readonly Part[];
  /** What each reading asserts, in our words. */
  readings: { literal: string; strongest: string };
  /** The decision rule of the strongest reading, its threshold, and why that threshold. */
  decision: { rule: string; threshold: string; why: string };
  /** For claims about size: the grid of N the verdict is reported on. */
  sizes?: readonly number[];
  /** Computes both readings. Deterministic for one context; disposes every tensor it makes. */
  measure(ctx: MeasureContext): Promise<Measurement>;
}

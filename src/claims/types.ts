/**
 * A claim of the proposal or the essay as data: where it is made, the sentence quoted, the notebook that shows it,
 * and a `measure()` that computes its verdict from library functions. Verdicts are never typed as text: `measure`
 * derives them from numbers it computes (with fixed seeds, so two runs agree).
 */

/** What a measurement says about a claim. `untestable` carries the reason in {@link Measurement.reason}. */
export type Verdict = "holds" | "fails" | "partly" | "untestable";
export const VERDICTS: readonly Verdict[] = ["holds", "fails", "partly", "untestable"];

/** One measured number behind a verdict, with its standard error where it has one. */
export interface Evidence {
  /** What was measured, in a few words (e.g. "⟨H⟩ / equipartition"). */
  name: string;
  value: number;
  /** One standard error (Monte-Carlo or binomial), when the number is an estimate. */
  uncertainty?: number;
  /** The exact or baseline value it is compared with, when there is one. */
  reference?: number;
  unit?: string;
}

export interface Measurement {
  verdict: Verdict;
  /** The key number in one short phrase, built from the evidence (e.g. "captured: honest mean 0.98 ± 0.01 → 1"). */
  headline: string;
  evidence: Evidence[];
  /** Why, in one or two sentences: the mechanism the numbers show, or why the claim cannot be made measurable. */
  reason: string;
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
  /** Computes the verdict. Deterministic; a few seconds at most on one core; disposes every tensor it makes. */
  measure(): Promise<Measurement>;
}

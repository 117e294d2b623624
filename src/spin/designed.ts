/**
 * Designed landscapes, noted where they are built (VERDICTS.md §1: no deciding cell of a claim adds a field or a
 * designed landscape to the text's ℋ). A spin problem with a field on any node, one built to hold a trap (two
 * cliques, a random-field ring, a spin glass) and the audits' double well each note themselves as they are made
 * ready to run ({@link noteDesigned}). A claim's measurement (claims/machinery/measure `measureGrid`) watches each cell
 * ({@link watchDesigned}) and refuses one that built such a landscape outside {@link asEvidence}: a designed
 * landscape may stand beside a verdict, never under it. A field a variant adds (a repair's anchor) is the variant's
 * declared part, not the claim's landscape, and is not noted.
 */

interface Watch {
  /** What was built outside evidence, in words. */
  deciding: string[];
  /** What was built inside evidence, in words. */
  beside: string[];
}

let watch: Watch | null = null;
let evidenceDepth = 0;

/** Note a designed landscape being built (`what`, in words, each kept once); seen only inside {@link watchDesigned}. */
export function noteDesigned(what: string): void {
  if (watch === null) return;
  const list = evidenceDepth > 0 ? watch.beside : watch.deciding;
  if (!list.includes(what)) list.push(what);
}

/**
 * Run `build`, whose designed landscapes are evidence beside a verdict (they never decide one), as in
 * `asEvidence(() => prepareProblem(twoCommunityProblem()))`. Synchronous on purpose: the scope must end where the code
 * that builds the evidence ends. (test/unit/claims/designed-landscape.test.ts shows it at work.)
 */
export function asEvidence<T>(build: () => T): T {
  evidenceDepth++;
  try {
    const value = build();
    if (value instanceof Promise) throw new Error("emtd/spin/designed: asEvidence takes a synchronous function");
    return value;
  } finally {
    evidenceDepth--;
  }
}

/**
 * Run `measure` and return what it built: the designed landscapes outside evidence (`deciding`) and inside it
 * (`beside`). One watch at a time (cells are measured one after another in a process). Watching
 * `problemCsr(twoCommunityProblem())` gives `deciding` = ["two 4-cliques joined by 2 bridges (fields +0.5/−0.3)",
 * "a field on 8 of 8 spins"].
 */
export async function watchDesigned<T>(measure: () => Promise<T>): Promise<{ value: T; deciding: string[]; beside: string[] }> {
  if (watch !== null) throw new Error("emtd/spin/designed: a designed-landscape watch is already open");
  const mine: Watch = { deciding: [], beside: [] };
  watch = mine;
  try {
    const value = await measure();
    return { value, ...mine };
  } finally {
    watch = null;
  }
}

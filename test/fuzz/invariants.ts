/**
 * The invariants every input surface keeps (issue 38), as one checker the property suites and the planted-defect
 * tests share: a run of `emtd` ends with exit 0, 2 (bad input: exactly one line on stderr, at most 300 characters,
 * no stack trace) or 1 (a run that failed loudly, e.g. a divergence: its last line the same way, never an "internal
 * error"); nothing else (no abort, no signal); and its memory stays under {@link MEMORY_BOUND}.
 */

/** What one run of `emtd` left: exit code, output, and (when measured) peak resident memory and seconds. */
export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  rssBytes?: number;
  seconds?: number;
}

/** How many cases a property runs and from which seed; `path` replays one case fast-check reported. */
export interface Runs {
  numRuns: number;
  seed: number;
  path?: string;
}

/** The longest error line (characters). */
export const LINE_LIMIT = 300;
/** The stated memory bound of a run: 1 GiB resident (the "under 1 GB"; a node process with tfjs idles near 0.25). */
export const MEMORY_BOUND = 2 ** 30;

const STACK_FRAME = /^\s+at\s.+(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

/**
 * What is wrong with `outcome`, one sentence per broken invariant; empty when it keeps them all.
 *
 * @example
 * ```ts
 * problems({ code: 2, stdout: "", stderr: "emtd sample: --dim must be an integer in [1, 4096] (got \"0\")\n" }); // → []
 * problems({ code: 134, stdout: "", stderr: "terminate called after throwing an instance of 'std::bad_alloc'\n" }); // → ["exit 134: …"]
 * ```
 */
export function problems(outcome: Outcome, memoryBound = MEMORY_BOUND): string[] {
  const out: string[] = [];
  const err = lines(outcome.stderr);
  const last = err[err.length - 1] ?? "";
  if (outcome.code !== 0 && outcome.code !== 1 && outcome.code !== 2) out.push(`exit ${String(outcome.code)}: only 0, 1 or 2 are allowed`);
  if (outcome.code === 2 && err.length !== 1) out.push(`exit 2 with ${err.length} lines on stderr, not one`);
  if (outcome.code !== 0 && err.length === 0) out.push(`exit ${String(outcome.code)} with nothing on stderr`);
  if (outcome.code !== 0 && Array.from(last).length > LINE_LIMIT)
    out.push(`error line of ${Array.from(last).length} characters (limit ${LINE_LIMIT})`);
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(last)) out.push("control characters in the error line");
  const internal = err.find((line) => /: internal error: /.test(line));
  if (internal !== undefined) out.push(`internal error: ${internal.slice(0, 200)}`);
  if (STACK_FRAME.test(outcome.stderr)) out.push("a stack trace on stderr");
  if (outcome.rssBytes !== undefined && outcome.rssBytes > memoryBound)
    out.push(`peak memory ${(outcome.rssBytes / 2 ** 20).toFixed(0)} MiB above the bound ${(memoryBound / 2 ** 20).toFixed(0)} MiB`);
  return out;
}

/** Throws with every broken invariant and the outcome's stderr, for `fc.assert` to shrink on. */
export function assertKept(outcome: Outcome, context: string, memoryBound = MEMORY_BOUND): void {
  const found = problems(outcome, memoryBound);
  if (found.length > 0) throw new Error(`${context}: ${found.join("; ")}\nstderr: ${outcome.stderr.slice(0, 600)}`);
}

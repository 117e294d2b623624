/** The timing of a result in human-readable command output (numbers print through src/format.ts). */
import { fixed } from "../format";

/** ", 1.2 s" from a result's `timing` object, or nothing when it was left out (--no-timing). */
export function timingText(r: Record<string, unknown>): string {
  const t = r.timing as { seconds?: number } | undefined;
  return t?.seconds === undefined ? "" : `, ${fixed(t.seconds, 1)} s`;
}

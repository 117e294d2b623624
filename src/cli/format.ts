/** Number formatting for human-readable command output. */
/** ", 1.2 s" from a result's `timing` object, or nothing when it was left out (--no-timing). */
export function timingText(r: Record<string, unknown>): string {
  const t = r.timing as { seconds?: number } | undefined;
  return t?.seconds === undefined ? "" : `, ${fmt(t.seconds, 1)} s`;
}

/**
 * `value` with `digits` decimals when it is a number, else as a string (human-readable command output). Internal.
 */
export function fmt(value: unknown, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : String(value);
}

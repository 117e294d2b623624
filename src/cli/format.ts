/** Number formatting for human-readable command output. */
export function fmt(value: unknown, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : String(value);
}

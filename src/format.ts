/**
 * Numbers as text, in one place: the claims' headlines and findings, table cells, the CLI's lines and the
 * benchmarks' rounded fields all print through these, so one number reads the same everywhere it is shown.
 * Internal to the package (not re-exported by `emtd`); test/format.test.ts pins the strings.
 */

/**
 * A number with `digits` significant digits, in exponent form for magnitudes below 10⁻³ or from 10⁶ up; whole numbers
 * below `wholeBelow` in magnitude print whole (a table cell passes 1e15). Not finite: `String(value)`.
 * `num(0.123456)` is "0.123", `num(42)` "42", `num(2.5e-5)` "2.50e-5", `num(3e6, 5, 1e15)` "3000000".
 */
export function num(value: number, digits = 3, wholeBelow = 1e6): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < wholeBelow) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return value.toExponential(digits - 1);
  return String(roundTo(value, digits));
}

/**
 * "value ± se": the value with `digits` significant digits, its standard error with two:
 * `pm(0.51234, 0.0123)` is "0.512 ± 0.012".
 */
export function pm(value: number, se: number, digits = 3): string {
  return `${num(value, digits)} ± ${num(se, 2)}`;
}

/**
 * `value` with `digits` decimals when it is a number, else as a string (a field of a result object read back):
 * `fixed(1.23456)` is "1.23", `fixed("n/a")` "n/a".
 */
export function fixed(value: unknown, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : String(value);
}

/**
 * `x` rounded to `digits` significant digits, as a number (a result field that should not claim more precision
 * than was measured): `roundTo(123.456)` is 123, `roundTo(0.000123456, 2)` 0.00012.
 */
export function roundTo(x: number, digits = 3): number {
  return Number(x.toPrecision(digits));
}

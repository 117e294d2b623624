/**
 * Numbers as text, in one place (and, below, the values and lines of messages): the claims' headlines and findings, table cells, the CLI's lines and the
 * benchmarks' rounded fields all print through these, so one number reads the same everywhere it is shown.
 * Internal to the package (not re-exported by `emtd`); test/unit/format/format.test.ts pins the strings.
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
 * Ten to the power `log10` as text, its exponent through {@link num}: `powerOfTen(-3.2)` is "10^-3.2"; an exponent of
 * a million or more in magnitude is written out, `powerOfTen(-1.56e20)` "10^(-1.56 × 10^20)" (not "10^-1.56e+20").
 */
export function powerOfTen(log10: number): string {
  if (!Number.isFinite(log10) || Math.abs(log10) < 1e6) return `10^${num(log10)}`;
  const [mantissa, exponent] = log10.toExponential(2).split("e");
  return `10^(${mantissa} × 10^${Number(exponent)})`;
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

// ---- messages: one line, values cut, controls escaped (issue 38) ---------------------------------------------------

/** The longest value (in characters) a message echoes before cutting it; its full length is shown instead. */
export const ECHO_MAX = 100;
/** The longest message line (in characters) the CLI prints on stderr. */
export const LINE_MAX = 300;

// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides and isolates: any of
// them can break a line or reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character written as an escape (`\n`, `\t`, `\u001b`, …), so it cannot break a line.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * escapeControls("a\nb\u001b[31m"); // → "a\\nb\\u001b[31m"
 * ```
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** The first `max` code points of `text` (a surrogate pair is never split). */
function head(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join("");
}

const length = (text: string): number => Array.from(text).length;

/**
 * A value as a message echoes it: strings quoted, controls escaped, and anything longer than `max` characters cut in
 * the middle (its start and its end stay: a path's file name, a reason after it), with its length shown, so that a
 * 10 000-character argument cannot become a 10 000-character line.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * echo("mala"); // → '"mala"'
 * echo("x".repeat(10000)); // → '"xxxx…xxxx" (10000 chars)': its first 60 and last 40 characters
 * echo({ a: [1, 2] }); // → '{"a":[1,2]}'
 * echo(0.1 + 0.2); // → "0.30000000000000004" (a number as given)
 * ```
 */
export function echo(value: unknown, max = ECHO_MAX): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value); // exactly as given
  let text: string;
  if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  const cut = length(text) > max;
  // Strings as JSON writes them (quoted, C0 controls escaped), then the controls JSON leaves as they are.
  const show = (part: string) => {
    const escaped = escapeControls(typeof value === "string" ? JSON.stringify(part) : part);
    return typeof value === "string" ? escaped.slice(1, -1) : escaped;
  };
  const quote = typeof value === "string" ? '"' : "";
  if (!cut) return `${quote}${show(text)}${quote}`;
  const points = Array.from(text);
  const tail = Math.floor(max * 0.4);
  const middle = `${show(points.slice(0, max - tail).join(""))}…${show(points.slice(points.length - tail).join(""))}`;
  return `${quote}${middle}${quote} (${points.length} chars)`;
}

/**
 * A number as a range or a message states it: powers of two from 2^20 away from 1 as `2^e` (2⁻¹⁰⁰ is `2^-100`,
 * not 7.888609052210118e-31), ±∞ as `∞`, other whole numbers whole, anything else in its shortest form (at most 6
 * significant digits when that is longer than 12 characters).
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * [readableNumber(2 ** -100), readableNumber(1e9), readableNumber(0.1), readableNumber(1 / 3)]; // → ["2^-100", "1000000000", "0.1", "0.333333"]
 * ```
 */
export function readableNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const e = x === 0 ? 0 : Math.round(Math.log2(Math.abs(x)));
  if (Math.abs(e) >= 20 && 2 ** e === Math.abs(x)) return `${x < 0 ? "-" : ""}2^${e}`;
  const plain = String(x);
  if (Number.isInteger(x)) return plain;
  return plain.length <= 12 ? plain : String(Number(x.toPrecision(6)));
}

/**
 * One message as one line of at most `max` characters: the first non-empty line of `message`, controls escaped,
 * quoted values longer than {@link ECHO_MAX} cut (length shown), and, if it is still too long, the middle cut so that
 * the start (who and what) and a closing `(got …)` stay. How `emtd` prints every error (cli/main).
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * oneLine(`emtd sample: --integrator must be one of ula, mala (got "${"x".repeat(10000)}")`).length <= 300; // → true
 * ```
 */
export function oneLine(message: string, max = LINE_MAX): string {
  const first = message.split(/\r?\n|\r/).find((line) => line.trim() !== "") ?? "";
  let line = escapeControls(first.trim());
  line = line.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => {
    // Judged by the string it stands for (escapes decoded); an echo already cut is ECHO_MAX + 1 long ("…").
    let value = inner;
    try {
      value = JSON.parse(`"${inner}"`) as string;
    } catch {
      // not a JSON string body (a quote inside prose): cut as it is
    }
    return length(value) <= ECHO_MAX + 1 ? whole : echo(value);
  });
  if (length(line) <= max) return line;
  const got = /\s\(got [^]*\)$/.exec(line)?.[0] ?? "";
  const tail = length(got) <= max / 3 ? got : "";
  return `${head(line, max - length(tail) - 1).trimEnd()}…${tail}`;
}

/**
 * Hostile input as fast-check arbitraries: text a user (or an attacker) might hand any surface: very long values,
 * control characters and terminal escapes, numbers at and past their limits, JSON of the wrong shape.
 */
import fc from "fast-check";
import type { OptionSpec } from "../../src/command/options";

/** Text that has broken one-line messages before: long runs, newlines, escapes, bidi overrides, odd numbers. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  fc.constantFrom(
    "",
    " ",
    "-1",
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "1e-400",
    "0x10",
    "1_000",
    " 5",
    "5 ",
    "9007199254740993",
    "--json",
    "a\nb",
    "\u001b[31mred\u001b[0m",
    "\u202eevil",
    "line\r\noverwrite",
    "\u0000",
    "{}",
    "[]",
    "null",
    "file:",
    "file:/dev/zero",
    "ring:10",
    "ring:-1:2",
  ),
  fc.tuple(fc.constantFrom("x", "é", "😀", "\n", "\\", '"', "9"), fc.integer({ min: 200, max: 12_000 })).map(([c, n]) => c.repeat(n)),
);

/**
 * An option's value in text: in range, at the bounds, past them, or not a number at all; `inRange` only the first
 * (small when `small`: a run stays short).
 */
export function optionValue(spec: OptionSpec, small: boolean, inRange = false): fc.Arbitrary<string> {
  switch (spec.kind) {
    case "int": {
      const top = small ? Math.min(spec.max ?? Number.MAX_SAFE_INTEGER, spec.min + 12) : (spec.max ?? Number.MAX_SAFE_INTEGER);
      if (inRange) return fc.integer({ min: spec.min, max: top }).map(String);
      return fc.oneof(
        { arbitrary: fc.integer({ min: spec.min, max: top }).map(String), weight: 4 },
        fc.integer({ min: -1000, max: spec.min - 1 }).map(String),
        ...(spec.max !== undefined ? [fc.constant(String(spec.max + 1))] : []),
        fc.constantFrom("1.5", "1e3", "0x1f", "+3"),
        hostileText,
      );
    }
    case "number": {
      const lo = spec.min ?? -1e6;
      const hi = small ? Math.min(spec.max ?? lo + 10, lo + 10) : (spec.max ?? 1e12);
      if (inRange)
        return fc
          .double({ min: lo, max: hi, noNaN: true })
          .filter((v) => !(spec.exclusiveMin && v === lo))
          .map(String);
      return fc.oneof(
        { arbitrary: fc.double({ min: lo, max: hi, noNaN: true }).map(String), weight: 4 },
        ...(spec.min !== undefined ? [fc.constant(String(spec.min - 1)), fc.constant(String(spec.min))] : []),
        ...(spec.max !== undefined ? [fc.constant(String(spec.max * 2 + 1))] : []),
        hostileText,
      );
    }
    case "choice":
      return inRange ? fc.constantFrom(...spec.choices) : fc.oneof({ arbitrary: fc.constantFrom(...spec.choices), weight: 4 }, hostileText);
    default:
      return hostileText;
  }
}

/** Whether the option parser (command/options) refuses `text` for `spec`: the same rules, written out again. */
export function refused(spec: OptionSpec, text: string): boolean {
  const v = Number(text);
  switch (spec.kind) {
    case "int":
      return !/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < spec.min || (spec.max !== undefined && v > spec.max);
    case "number": {
      if (text.trim() === "" || !Number.isFinite(v)) return true;
      const low = spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min);
      return low || (spec.max !== undefined && v > spec.max);
    }
    case "choice":
      return !spec.choices.includes(text);
    default:
      return false;
  }
}

/** An option value that the parser must refuse (for int, number and choice options). */
export function invalidValue(spec: OptionSpec): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom("", "x", "NaN", "1.5e400", "-99999999"), hostileText).filter((t) => refused(spec, t));
}

/** Any JSON value, nested a little: the wrong shape for whatever expects an object. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom(null, [], {}, 0, -1, 1e308, true, "x".repeat(5000)),
);

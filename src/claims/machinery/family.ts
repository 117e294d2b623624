/**
 * Variant families (issue 73): a function from named parameters to a variant, each parameter a range or a list of
 * choices with its default. The command line sets them (`emtd verdicts --variant FILE --param delta=2`), a notebook's
 * explorer draws them as sliders; both turn values into a variant here, checked against the ranges the family states.
 */
import { ArgumentError } from "../../errors";
import type { FamilyParameter, FamilyValues, Variant, VariantFamily } from "./types";

const WHERE = "emtd/claims/variantOf";

/**
 * The family as written, its parameters checked (each a range with min ≤ default ≤ max, or choices holding the
 * default); for TypeScript, the values `variant` receives are typed from the parameters (a number for a range, the
 * choices' type for a list).
 *
 * @example
 * ```ts
 * const f = variantFamily({ name: "quartic", parameters: { a: { min: 0, max: 1, default: 0.1 } }, variant: ({ a }) => ({ name: `a=${a}`, rule: "mean" }) });
 * familyDefaults(f); // → { a: 0.1 }
 * ```
 */
export function variantFamily<S extends Record<string, FamilyParameter>>(family: VariantFamily<S>): VariantFamily<S> {
  checkFamily(family, "emtd/claims/variantFamily", "family");
  return family;
}

/** True when `value` has the shape of a family: a `parameters` object and a `variant` function. */
export function isVariantFamily(value: unknown): value is VariantFamily {
  if (typeof value !== "object" || value === null) return false;
  const f = value as { parameters?: unknown; variant?: unknown };
  return typeof f.variant === "function" && typeof f.parameters === "object" && f.parameters !== null;
}

/** Throws an {@link ArgumentError} naming the first parameter whose range, choices or default are not usable. */
export function checkFamily(family: VariantFamily, where: string, argument: string): void {
  if (typeof family.name !== "string" || family.name === "")
    throw new ArgumentError(where, `${argument}.name`, "a non-empty string", family.name);
  for (const [name, p] of Object.entries(family.parameters)) {
    const at = `${argument}.parameters.${name}`;
    if ("choices" in p) {
      if (!Array.isArray(p.choices) || p.choices.length === 0)
        throw new ArgumentError(where, `${at}.choices`, "a non-empty array of numbers or strings", p.choices);
      if (!p.choices.includes(p.default)) throw new ArgumentError(where, `${at}.default`, `one of ${choicesText(p.choices)}`, p.default);
    } else {
      const { min, max } = p as { min: unknown; max: unknown };
      if (typeof min !== "number" || typeof max !== "number" || !Number.isFinite(min) || !Number.isFinite(max) || min > max)
        throw new ArgumentError(where, at, "a range { min, max, default } of finite numbers with min ≤ max, or { choices, default }", p);
      if (typeof p.default !== "number" || !(p.default >= min && p.default <= max))
        throw new ArgumentError(where, `${at}.default`, `a number in [${min}, ${max}]`, p.default);
    }
  }
}

/** Each parameter's default. */
export function familyDefaults<S extends Record<string, FamilyParameter>>(family: VariantFamily<S>): FamilyValues<S> {
  return Object.fromEntries(Object.entries(family.parameters).map(([k, p]) => [k, p.default])) as FamilyValues<S>;
}

/** What a parameter accepts, in words: `a number in [0.1, 5]` or `one of "mean", "median"`. */
export function acceptedText(p: FamilyParameter): string {
  return "choices" in p ? `one of ${choicesText(p.choices)}` : `a number in [${p.min}, ${p.max}]`;
}

const choicesText = (choices: readonly (number | string)[]) => choices.map((c) => JSON.stringify(c)).join(", ");

/**
 * The family's variant at `values` (the defaults for the parameters not given). Throws an {@link ArgumentError} naming
 * the parameter and what it accepts for an unknown name, a number outside its range or a value not among its choices.
 *
 * @example
 * ```ts
 * const f = variantFamily({
 *   name: "rule",
 *   parameters: { rule: { choices: ["mean", "median"], default: "mean" } },
 *   variant: ({ rule }) => ({ name: rule, rule }),
 * });
 * variantOf(f, { rule: "median" }).rule; // → "median"
 * ```
 */
export function variantOf<S extends Record<string, FamilyParameter>>(
  family: VariantFamily<S>,
  values: Partial<FamilyValues<S>> = {},
  where = WHERE,
  argument = "values",
): Variant {
  const chosen = { ...familyDefaults(family) } as Record<string, number | string>;
  for (const [name, value] of Object.entries(values as Record<string, number | string | undefined>)) {
    if (value === undefined) continue;
    const p = (family.parameters as Record<string, FamilyParameter>)[name];
    if (p === undefined)
      throw new ArgumentError(
        where,
        `${argument}.${name}`,
        `a parameter of ${family.name} (${Object.keys(family.parameters).join(", ") || "none"})`,
        name,
      );
    const ok = "choices" in p ? p.choices.includes(value) : typeof value === "number" && value >= p.min && value <= p.max;
    if (!ok) throw new ArgumentError(where, `${argument}.${name}`, acceptedText(p), value);
    chosen[name] = value;
  }
  return family.variant(chosen as FamilyValues<S>);
}

/**
 * `name=value` texts (the command line's `--param`) as the family's values: a range's value read as a number, a
 * choice's matched by its text. Throws an {@link ArgumentError} naming `argument` and what it accepts.
 */
export function parseFamilyValues(
  family: VariantFamily,
  pairs: readonly string[],
  where: string,
  argument: string,
): Record<string, number | string> {
  const values: Record<string, number | string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const name = at < 0 ? "" : pair.slice(0, at).trim();
    if (at <= 0)
      throw new ArgumentError(
        where,
        argument,
        `name=value with a parameter of ${family.name} (${Object.keys(family.parameters).join(", ")})`,
        pair,
      );
    const p = family.parameters[name];
    if (p === undefined)
      throw new ArgumentError(
        where,
        `${argument} ${name}`,
        `a parameter of ${family.name} (${Object.keys(family.parameters).join(", ") || "none"})`,
        name,
      );
    const text = pair.slice(at + 1).trim();
    const value = "choices" in p ? p.choices.find((c) => String(c) === text) : text === "" ? NaN : Number(text);
    const ok = "choices" in p ? value !== undefined : Number.isFinite(value) && (value as number) >= p.min && (value as number) <= p.max;
    if (!ok) throw new ArgumentError(where, `${argument} ${name}`, acceptedText(p), text);
    values[name] = value!;
  }
  return values;
}

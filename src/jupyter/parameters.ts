/**
 * A notebook's parameters, papermill's convention: the code cell tagged `parameters` declares the defaults, one
 * `const NAME = LITERAL;` per line; a run may set any of them (and only them) to a value of the default's type.
 * The checks live here so that a bad `--param` is refused before any kernel starts.
 */
import { ArgumentError } from "../errors";
import { type Notebook, PARAMETERS_TAG, sourceText } from "./notebook";

/** What a parameter's default is, and so what a new value must be. */
export type ParameterType = "number" | "boolean" | "string" | "array" | "object";

export interface ParameterDefault {
  value: unknown;
  type: ParameterType;
}

const DECLARATION = /^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/;

function typeOf(value: unknown): ParameterType | null {
  if (Array.isArray(value)) return "array";
  if (value === null) return null;
  const t = typeof value;
  return t === "number" || t === "boolean" || t === "string" || t === "object" ? t : null;
}

/**
 * The defaults declared in the notebook's cell tagged `parameters`, by name, or null when it has no such cell.
 * A line declares a parameter when it is `const NAME = LITERAL;` with a JSON literal (a number, true/false, a
 * double-quoted string, an array or object in JSON); other lines (comments, computed values) are not parameters.
 *
 * @example
 * ```ts
 * const cell = { cell_type: "code", source: "const N = 30; // nodes\nconst T = 0.5;\nconst graph = `ring:${N}`;", metadata: { tags: ["parameters"] }, execution_count: null, outputs: [] };
 * parameterDefaults({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] });
 * // → { N: { value: 30, type: "number" }, T: { value: 0.5, type: "number" } }
 * ```
 */
export function parameterDefaults(notebook: Notebook): Record<string, ParameterDefault> | null {
  const cell = notebook.cells.find(
    (c) => c.cell_type === "code" && Array.isArray(c.metadata.tags) && (c.metadata.tags as string[]).includes(PARAMETERS_TAG),
  );
  if (!cell) return null;
  const defaults: Record<string, ParameterDefault> = {};
  for (const line of sourceText(cell).split("\n")) {
    const m = DECLARATION.exec(line);
    if (!m) continue;
    let value: unknown;
    try {
      value = JSON.parse(m[2]!);
    } catch {
      continue; // computed from other parameters: not settable on its own
    }
    const type = typeOf(value);
    if (type) defaults[m[1]!] = { value, type };
  }
  return defaults;
}

/** The accepted values of a parameter in words, as error messages state them. */
export function describeParameter(type: ParameterType): string {
  return type === "number"
    ? "a finite number"
    : type === "boolean"
      ? "true or false"
      : type === "string"
        ? "any text"
        : type === "array"
          ? "a JSON array"
          : "a JSON object";
}

/**
 * `raw` read as a value of the default's type; throws an {@link ArgumentError} naming the parameter and what it
 * accepts. Text for a string parameter may be JSON-quoted or bare.
 *
 * @example
 * ```ts
 * parseParameterValue("T", { value: 0.5, type: "number" }, "1.5"); // → 1.5
 * parseParameterValue("label", { value: "a", type: "string" }, "hi there"); // → "hi there"
 * try {
 *   parseParameterValue("T", { value: 0.5, type: "number" }, "hot");
 * } catch (e) {
 *   console.log((e as Error).name); // → ArgumentError
 * }
 * ```
 */
export function parseParameterValue(name: string, spec: ParameterDefault, raw: string, where = "parseParameterValue"): unknown {
  const fail = (): never => {
    throw new ArgumentError(
      where,
      `--param ${name}`,
      `${describeParameter(spec.type)} (its default is ${JSON.stringify(spec.value)})`,
      raw,
    );
  };
  const text = raw.trim();
  if (spec.type === "number") {
    const v = Number(text);
    return text === "" || !Number.isFinite(v) ? fail() : v;
  }
  if (spec.type === "boolean") return text === "true" ? true : text === "false" ? false : fail();
  if (spec.type === "string") {
    if (text.startsWith('"')) {
      try {
        const v: unknown = JSON.parse(text);
        if (typeof v === "string") return v;
      } catch {
        // not a JSON string: the text itself
      }
    }
    return raw;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return fail();
  }
  return typeOf(v) === spec.type ? v : fail();
}

/**
 * Split `NAME=VALUE` arguments (one per `--param`, or several joined by commas) into pairs. A comma starts a new
 * pair only when a `NAME=` follows it, so `label=a,b` keeps its comma. Throws an {@link ArgumentError} for a pair
 * that is not `NAME=VALUE` with a JavaScript identifier and a non-empty value.
 *
 * @example
 * ```ts
 * parameterPairs(["T=0.5", "N=400,label=a,b"]); // → [["T", "0.5"], ["N", "400"], ["label", "a,b"]]
 * ```
 */
export function parameterPairs(args: readonly string[], where = "parameterPairs"): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const arg of args) {
    for (const pair of arg.split(/,(?=\s*[A-Za-z_$][\w$]*\s*=)/)) {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair.trim() : pair.slice(0, eq).trim();
      const raw = eq < 0 ? "" : pair.slice(eq + 1).trim();
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || raw === "")
        throw new ArgumentError(where, "--param", "NAME=VALUE pairs, NAME a JavaScript identifier and VALUE not empty", pair);
      pairs.push([name, raw]);
    }
  }
  return pairs;
}

/**
 * The parameters to inject into `notebook`, each checked against its declared default: a name the parameters cell
 * does not declare, or a value not of the default's type, throws an {@link ArgumentError} naming it and what is
 * accepted. Throws too when the notebook has no cell tagged `parameters`.
 *
 * @example
 * ```ts
 * const cell = { cell_type: "code", source: "const seed = 0;\nconst T = 0.5;", metadata: { tags: ["parameters"] }, execution_count: null, outputs: [] };
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
 * checkParameters(nb, [["T", "2"], ["seed", "3"]]); // → { T: 2, seed: 3 }
 * ```
 */
export function checkParameters(
  notebook: Notebook,
  pairs: ReadonlyArray<readonly [string, string]>,
  where = "checkParameters",
): Record<string, unknown> {
  const defaults = parameterDefaults(notebook);
  if (!defaults)
    throw new ArgumentError(where, "--param", `used on notebooks with a code cell tagged "${PARAMETERS_TAG}" (this one has none)`);
  const out: Record<string, unknown> = {};
  for (const [name, raw] of pairs) {
    const spec = defaults[name];
    if (!spec)
      throw new ArgumentError(
        where,
        "--param",
        `NAME=VALUE with NAME one of ${Object.keys(defaults).join(", ") || "(none declared)"}`,
        name,
      );
    out[name] = parseParameterValue(name, spec, raw, where);
  }
  return out;
}

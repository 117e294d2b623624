/**
 * Declarative command-line options on top of node's `util.parseArgs`: each option states its type and accepted
 * range once; a violation is a {@link UsageError} whose one-line message names the argument and the range.
 *
 * Why not commander (issue 16), measured 2026-11-22 on the shared 2-core machine: tokenising is already done by a
 * well-kept library, Node's own `util.parseArgs`; what is ours is the range layer, and it would stay with commander
 * (one custom `argParser` per option), because the same OptionSpecs also write the help, the `emtd run` JSON Schema
 * (runs/schema) and the config validation messages. commander would add its own message format and exit code 1
 * for bad input (the contract says one line naming the range, exit 2), to be overridden with `exitOverride` and
 * `configureOutput`. And `require("commander")` took 47–143 ms (median 62 ms, 5 runs) against 0.4 ms for this
 * module. So the parser stays; its behaviour is covered by property tests (test/unit/hamiltonian/properties.test.ts).
 */
import { parseArgs } from "node:util";
import { echo, readableNumber } from "../format";

/**
 * Bad command-line (or run config) input: `main` prints its one-line message (the argument and its accepted range)
 * on stderr and exits 2, with no stack trace. Not exported by the package; seen through `main`.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

export type OptionSpec =
  | { kind: "int"; min: number; max?: number; default?: number; help: string }
  | { kind: "number"; min?: number; max?: number; exclusiveMin?: boolean; default?: number; help: string }
  /** `multiple`: the option may be repeated (`--param a=1 --param b=2`); its value is then the list of strings. */
  | { kind: "string"; default?: string; help: string; placeholder?: string; multiple?: boolean }
  | { kind: "choice"; choices: readonly string[]; default?: string; help: string }
  | { kind: "flag"; help: string };

export type OptionSpecs = Record<string, OptionSpec>;

/** Options every subcommand accepts (the `emtd` contract). */
export const commonOptions: OptionSpecs = {
  seed: { kind: "int", min: 0, max: Number.MAX_SAFE_INTEGER, default: 0, help: "random seed (integer ≥ 0)" },
  json: { kind: "flag", help: "print one JSON object on stdout and nothing else there" },
  help: { kind: "flag", help: "show this help" },
  "no-timing": { kind: "flag", help: "leave the wall-clock timing object out of the result (byte-identical JSON per seed)" },
};

/** The --progress flag of long commands (sample, run): progress shows on a terminal; this forces it elsewhere. */
export const progressOption: OptionSpec = { kind: "flag", help: "show progress on stderr even when it is not a terminal, or with --json" };

export type Parsed = Record<string, string | string[] | number | boolean | undefined>;

/** The accepted range of an option in words ("an integer in [1, 4096]"), as error messages state it. */
export function describe(spec: OptionSpec): string {
  switch (spec.kind) {
    case "int":
      return `an integer in [${readableNumber(spec.min)}, ${spec.max === undefined || spec.max === Number.MAX_SAFE_INTEGER ? "∞" : readableNumber(spec.max)}]`;
    case "number": {
      // Bounds readably: 2^-100, not 7.888609052210118e-31.
      const lo = spec.min === undefined ? "(−∞" : `${spec.exclusiveMin ? "(" : "["}${readableNumber(spec.min)}`;
      const hi = spec.max === undefined ? "∞)" : `${readableNumber(spec.max)}]`;
      return `a number in ${lo}, ${hi}`;
    }
    case "choice":
      return `one of ${spec.choices.join(", ")}`;
    default:
      return "a value";
  }
}

/**
 * A command's options plus the common ones, minus those it does not take (e.g. `notebooks` has no --no-timing). A
 * command may give a common option its own spec (`run` and `notebooks` take --seed without a default).
 */
export function withCommon(specs: OptionSpecs, omit: readonly string[] = []): OptionSpecs {
  const all: OptionSpecs = { ...specs };
  for (const [name, spec] of Object.entries(commonOptions)) if (!(name in specs) && !omit.includes(name)) all[name] = spec;
  return all;
}

/**
 * Parses `argv` against `specs` plus the common options (minus `omit`) and checks each value against its range;
 * at most `positionals` positional arguments. Throws a {@link UsageError} naming the argument and its range.
 * Not exported by the package; seen through `main` (`emtd sample --chains 0` exits 2 with one line).
 */
export function parseOptions(
  command: string,
  argv: string[],
  specs: OptionSpecs,
  positionals = 0,
  omit: readonly string[] = [],
): { values: Parsed; positionals: string[] } {
  const all = withCommon(specs, omit);
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(all)) {
    config[name] = {
      type: spec.kind === "flag" ? "boolean" : "string",
      ...(spec.kind === "string" && spec.multiple ? { multiple: true } : {}),
    };
  }
  if (config.help) config.help.short = "h"; // `emtd sample -h`
  refuseUnknown(command, argv, all);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, all), options: config, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    // Node quotes the offending argument whole: echo it cut and escaped (it may be long or hold a newline), then
    // keep the first sentence (the rest is advice about `--`).
    const message = (error as Error).message
      .replace(/'([^]*?)'(?=[\s.]|$)/, (quoted: string, arg: string) => (echo(arg) === JSON.stringify(arg) ? quoted : echo(arg)))
      .split("\n")[0]!
      .replace(/\. To specify.*$/, "");
    throw new UsageError(`emtd ${command}: ${message} (see emtd ${command} --help)`);
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`emtd ${command}: unexpected argument ${echo(parsed.positionals[positionals])}`);
  }
  const values: Parsed = {};
  for (const [name, spec] of Object.entries(all)) {
    const raw = parsed.values[name];
    if (spec.kind === "flag") {
      values[name] = raw === true;
      continue;
    }
    if (raw === undefined) {
      values[name] = spec.default;
      continue;
    }
    values[name] = Array.isArray(raw) ? raw.map(String) : convert(command, name, String(raw), spec);
  }
  return { values, positionals: parsed.positionals };
}

/**
 * An option `command` does not take: one line naming it as typed and the nearest it does take, when one is near
 * (`unknown option --tempreature (did you mean --temperature?)`).
 */
function refuseUnknown(command: string, argv: readonly string[], specs: OptionSpecs): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return; // what follows is positional
    if (!arg.startsWith("--")) continue;
    const name = arg.slice(2).split("=")[0]!;
    const spec = specs[name];
    if (spec) {
      if (spec.kind !== "flag" && !arg.includes("=")) i++; // its value
      continue;
    }
    const near = nearestName(name, Object.keys(specs));
    throw new UsageError(
      `emtd ${command}: unknown option ${echoOption(name)} ${near ? `(did you mean --${near}?)` : `(see emtd ${command} --help)`}`,
    );
  }
}

/** `--name` as the message shows it: escaped and cut like any echoed value when it is odd. */
function echoOption(name: string): string {
  const shown = echo(name);
  return shown === JSON.stringify(name) ? `--${name}` : `--${shown}`;
}

/**
 * The name in `names` nearest to `typed`: the only one it begins, else the closest by edit distance (adjacent
 * transpositions count one) within a third of its length (at least 1); null when none is that near: "tempreature"
 * and "temp" give "temperature", "bogus" nothing. Not exported by the package; seen through `main`
 * (`emtd sample --tempreature 1`), tested over every subcommand in test/integration/cli/grammar.test.ts.
 */
export function nearestName(typed: string, names: readonly string[]): string | null {
  const prefixed = typed.length >= 2 ? names.filter((n) => n.startsWith(typed)) : [];
  if (prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  for (const name of names) {
    const d = editDistance(typed, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/**
 * " (did you mean X?)" for the name in `names` nearest to `typed` ({@link nearestName}), or "" when none is near: the
 * tail of a one-line refusal of a value (`emtd verdict`, `--only p1.3-langvin`, `--variant logarithmic-coolng`).
 */
export function didYouMean(typed: string, names: readonly string[]): string {
  const near = nearestName(typed, names);
  return near === null ? "" : ` (did you mean ${near}?)`;
}

/**
 * The entries of a comma-separated list option, each once in the order given, and the first entry no name in `names`
 * accepts (`accepts(entry, name)`; equality by default), or null when every entry is accepted.
 */
export function listEntries(
  raw: string,
  names: readonly string[],
  accepts: (entry: string, name: string) => boolean = (entry, name) => entry === name,
): { entries: string[]; unknown: string | null } {
  const entries = [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ),
  ];
  return { entries, unknown: entries.find((e) => !names.some((n) => accepts(e, n))) ?? null };
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `--x -1` → `--x=-1`: parseArgs would read a negative number as an option and call it ambiguous. */
function joinNegativeValues(argv: string[], specs: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const spec = arg.startsWith("--") && !arg.includes("=") ? specs[arg.slice(2)] : undefined;
    const next = argv[i + 1];
    if (spec && spec.kind !== "flag" && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function convert(command: string, name: string, raw: string, spec: OptionSpec): string | number {
  const fail = (): never => {
    throw new UsageError(`emtd ${command}: --${name} must be ${describe(spec)} (got ${echo(raw)})`);
  };
  switch (spec.kind) {
    case "int": {
      if (!/^-?\d+$/.test(raw.trim())) fail();
      const v = Number(raw);
      if (!Number.isSafeInteger(v) || v < spec.min || (spec.max !== undefined && v > spec.max)) fail();
      return v;
    }
    case "number": {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v)) fail();
      if (spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min)) fail();
      if (spec.max !== undefined && v > spec.max) fail();
      return v;
    }
    case "choice":
      if (!spec.choices.includes(raw)) fail();
      return raw;
    default:
      return raw;
  }
}

const HELP_COLUMN = 40;

/** A command's usage line after `emtd NAME`, and one line of help per positional argument (for --help). */
export interface HelpUsage {
  line: string;
  arguments?: Record<string, string>;
}

/**
 * The `--help` text of `emtd <command>`: usage line, summary, and one line per option with its range and default.
 * Not exported by the package; seen through `main` (`emtd help sample`).
 */
export function helpText(
  command: string,
  summary: string,
  specs: OptionSpecs,
  omit: readonly string[] = [],
  usage: HelpUsage = { line: "[options]" },
): string {
  const lines = [`usage: emtd ${command} ${usage.line}`, "", summary, ""];
  const args = Object.entries(usage.arguments ?? {});
  if (args.length > 0) lines.push("arguments:", ...args.map(([name, help]) => `  ${name}`.padEnd(HELP_COLUMN) + help), "");
  lines.push("options:");
  for (const [name, spec] of Object.entries(withCommon(specs, omit))) {
    const value =
      spec.kind === "flag"
        ? ""
        : ` <${spec.kind === "string" ? (spec.placeholder ?? "text") : spec.kind === "choice" ? spec.choices.join("|") : spec.kind}>`;
    // The default is stated once: not when the help text already says it.
    const dflt = spec.kind !== "flag" && spec.default !== undefined && !/\bdefault\b/.test(spec.help) ? ` (default ${spec.default})` : "";
    const left = `  --${name}${value}`;
    // A long option name gets its own line rather than running into its description.
    if (left.length >= HELP_COLUMN - 1) lines.push(left, " ".repeat(HELP_COLUMN) + `${spec.help}${dflt}`);
    else lines.push(left.padEnd(HELP_COLUMN) + `${spec.help}${dflt}`);
  }
  return lines.join("\n");
}

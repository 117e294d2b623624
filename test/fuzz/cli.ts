/**
 * Property: the flags of every `emtd` command, hostile or not, end in exit 0, 1 or 2 with one line (invariants.ts).
 * Commands that compute are run for real on small sizes (their base flags, then random ones that override them); the
 * long ones (benchmarks, notebooks, verdicts, figures, the book, run, sweep) are always given one value their parser
 * must refuse, so that a case takes milliseconds and never writes into the package: what they do with valid flags is
 * covered by their own tests. Runs in this process (`main`), with the working directory a scratch folder.
 */
import fc from "fast-check";
import { commands } from "../../src/cli/registry";
import { withCommon, type OptionSpec } from "../../src/command/options";
import { hostileText, invalidValue, optionValue } from "./arbitraries";
import { runInProcess, scratch, settle } from "./harness";
import { assertKept, type Runs } from "./invariants";

/** Flags that keep a real run of each cheap command small; random flags come after and may override them. */
export const CHEAP: Record<string, string[]> = {
  sample: ["--graph", "ring:12:2", "--steps", "40", "--dim", "1"],
  ising: ["--size", "6", "--sweeps", "20"],
  reference: ["--nodes", "8", "--runs", "2"],
  consensus: ["--graph", "complete:6", "--rounds", "30"],
  hopfield: ["--neurons", "16", "--patterns", "2", "--sweeps", "3", "--trials", "2"],
};

/** Small graph specs, and hostile ones. */
const graphSpec = fc.oneof(
  fc.constantFrom("ring:12:2", "complete:5", "torus:3", "er:8:0.5", "ws:10:2:0.3", "ba:8:2", "er:6:0", "complete:1", "ring:4:0"),
  fc
    .tuple(fc.constantFrom("ring", "ws", "er", "ba", "torus", "complete", "file"), fc.array(hostileText, { maxLength: 3 }))
    .map(([k, parts]) => [k, ...parts].join(":")),
  hostileText,
);

/** Option names whose values are paths: kept inside the case's scratch folder. */
const PATHS = new Set(["out", "dir", "from", "variant"]);

function valueFor(name: string, spec: OptionSpec, cheap: boolean, dir: string, inRange: boolean): fc.Arbitrary<string> {
  if (name === "graph" || name === "ws-graph") return graphSpec;
  // Inside the scratch folder, or where a folder cannot be made (Node's own recursive mkdir never returns for /proc).
  if (PATHS.has(name))
    return fc.oneof(
      fc.constant(`${dir}/out`),
      hostileText.map((t) => `${dir}/${t}`),
      fc.constantFrom("/proc/emtd-fuzz/x", "/sys/emtd-fuzz", "/dev/null/x", "/dev/null"),
    );
  return optionValue(spec, cheap, inRange);
}

/** One flag of `specs` as argv tokens: `--name value`, `--name=value`, or a flag (sometimes with a value it refuses). */
function flag(specs: Record<string, OptionSpec>, cheap: boolean, dir: string, inRange: boolean): fc.Arbitrary<string[]> {
  const only = (tokens: string[]) => tokens;
  const names = Object.keys(specs);
  return fc.constantFrom(...names).chain((name) => {
    const spec = specs[name]!;
    if (spec.kind === "flag")
      return inRange
        ? fc.constant(only([`--${name}`]))
        : fc.oneof(
            { arbitrary: fc.constant(only([`--${name}`])), weight: 5 },
            hostileText.map((v) => [`--${name}=${v}`]),
          );
    return fc
      .tuple(valueFor(name, spec, cheap, dir, inRange), fc.boolean())
      .map(([value, joined]) => (joined ? [`--${name}=${value}`] : [`--${name}`, value]));
  });
}

/** Tokens that are not flags of the command: unknown options, stray positionals, a lone `--`. */
const stray = fc.oneof(
  hostileText.map((t) => [`--${t}`]),
  hostileText.map((t) => [t]),
  fc.constant(["--"]),
  fc.constant(["-x"]),
);

/** Arguments for one command: its base flags when cheap, random flags, and (for long commands) one refused value. */
export function argvFor(name: string, dir: string): fc.Arbitrary<string[]> {
  const command = commands.find((c) => c.name === name)!;
  const specs = withCommon(command.options, command.omitCommon);
  const cheap = name in CHEAP;
  // Half the cases in range (a real run with hostile paths and specs), half anything; --help short-cuts everything
  // (asserted separately).
  const hostile = fc.array(fc.oneof({ arbitrary: flag(specs, cheap, dir, false), weight: 6 }, stray), { maxLength: 5 });
  const random = fc
    .oneof(hostile, fc.array(flag(specs, cheap, dir, true), { maxLength: 4 }))
    .map((parts) => parts.flat().filter((t) => t !== "--help" && t !== "-h"));
  const positional = command.positionals ? fc.array(hostileText, { maxLength: command.positionals }) : fc.constant([]);
  if (cheap) return fc.tuple(random, positional).map(([r, p]) => [name, ...CHEAP[name]!, ...r, ...p]);
  const refusable = Object.entries(specs).filter(([, s]) => s.kind === "int" || s.kind === "number" || s.kind === "choice");
  const refusal = fc.constantFrom(...refusable).chain(([option, spec]) => invalidValue(spec).map((v) => `--${option}=${v}`));
  // The refused value goes last, so no later flag of the same name overrides it, and no `--` before it makes it a
  // positional argument.
  return fc.tuple(random, positional, refusal).map(([r, p, bad]) => [name, ...[...r, ...p].filter((t) => t !== "--"), bad]);
}

/** The property over every command; `only` narrows it to some (the campaign's --suite cli:NAME). */
export function cliProperty(dir: string, only?: readonly string[]): fc.IAsyncPropertyWithHooks<[string[]]> {
  const names = commands.map((c) => c.name).filter((n) => !only || only.includes(n));
  // Now and then a command that does not exist (or `help` with one), with arguments of any kind.
  const unknown = fc
    .tuple(fc.oneof(hostileText, fc.constant("help")), fc.array(hostileText, { maxLength: 3 }))
    .map(([n, rest]) => [n, ...rest]);
  const argv = fc.oneof({ arbitrary: fc.constantFrom(...names).chain((name) => argvFor(name, dir)), weight: 12 }, unknown);
  return fc.asyncProperty(argv, async (args) => {
    assertKept(await runInProcess(args), `emtd ${JSON.stringify(args).slice(0, 400)}`);
  });
}

/** Run the CLI property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case) in a scratch working directory. */
export async function checkCli(runs: Runs, only?: readonly string[]): Promise<void> {
  await settle();
  const { dir, remove } = scratch("cli");
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await fc.assert(cliProperty(dir, only), runs);
  } finally {
    process.chdir(cwd);
    remove();
  }
}

/**
 * Property: `emtd run CONFIG --out DIR` and `emtd sweep CONFIG --out DIR --task-index 0` on any config file (a valid
 * small config, the same with one field changed to anything, the wrong shape, text that is not JSON, a file past
 * the byte budget, a device, a FIFO, a directory) end in exit 0, 1 or 2 with one line. Valid configs run for real
 * (small sizes: a random field never holds a large valid count), in this process.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { anyJson, hostileText } from "./arbitraries";
import { SPECIAL_KINDS, specialPath, type SpecialKind } from "./special-files";
import { runInProcess, scratch, settle } from "./harness";
import { assertKept, type Runs } from "./invariants";

/** A small valid config per runnable command (camelCase fields, as `emtd run` takes them). */
const BASE: Array<Record<string, unknown>> = [
  { command: "sample", graph: "ring:12:2", steps: 40, dim: 1 },
  { command: "ising", size: 6, sweeps: 20 },
  { command: "reference", nodes: 8, runs: 2 },
  { command: "consensus", graph: "complete:6", rounds: 30 },
  { command: "hopfield", neurons: 16, patterns: 2, sweeps: 3, trials: 2 },
];

/** A field's new value: anything, but never a large count that is valid (a case must stay small). */
const fieldValue = anyJson.filter((v) => !(typeof v === "number" && Math.abs(v) > 64));

const FIELDS = [
  "graph",
  "steps",
  "dim",
  "temperature",
  "integrator",
  "size",
  "sweeps",
  "nodes",
  "runs",
  "rounds",
  "faulty",
  "seed",
  "checkpointEvery",
  "burnIn",
  "chains",
  "command",
  "sweep",
  "slurm",
];

/** A config object: a base one with up to three fields set to anything (or removed), or any JSON at all. */
const config: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(...BASE),
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), hostileText), fc.option(fieldValue, { nil: undefined })), { maxLength: 3 }),
      )
      .map(([base, changes]) => {
        const out: Record<string, unknown> = { ...base };
        for (const [field, value] of changes) {
          if (value === undefined) delete out[field];
          else out[field] = value;
        }
        return out;
      }),
    weight: 4,
  },
  // A sweep over one small field.
  fc
    .tuple(fc.constantFrom(...BASE), fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }), fieldValue), { maxLength: 3 }))
    .map(([base, values]) => ({ ...base, sweep: { seed: values } })),
  anyJson,
);

/** What the CONFIG path holds: the config as JSON, text that is not JSON, or something that is not a small file. */
type ConfigFile =
  { kind: "json"; value: unknown } | { kind: "text"; text: string } | { kind: "huge" } | { kind: "special"; which: SpecialKind };

const configFile: fc.Arbitrary<ConfigFile> = fc.oneof(
  { arbitrary: config.map((value) => ({ kind: "json" as const, value })), weight: 6 },
  fc
    .oneof(
      hostileText,
      config.map((c) => JSON.stringify(c)?.slice(0, -1) ?? "{"),
    )
    .map((text) => ({ kind: "text" as const, text })),
  fc.constant({ kind: "huge" as const }),
  fc.constantFrom(...SPECIAL_KINDS).map((which) => ({ kind: "special" as const, which })),
);

let counter = 0;

/** Write `file` in `dir` and return its path. */
export function placeConfig(dir: string, file: ConfigFile): string {
  const name = `config-${counter++}.json`;
  const target = path.join(dir, name);
  if (file.kind === "special") return specialPath(dir, name, file.which);
  if (file.kind === "json") writeFileSync(target, JSON.stringify(file.value) ?? "undefined");
  else if (file.kind === "text") writeFileSync(target, file.text);
  else writeFileSync(target, `{"command":"sample","pad":"${"x".repeat(2 * 2 ** 20)}"}`);
  return target;
}

/** The property: `run` or `sweep` (one element, in this process) on the config file. */
export const configArbitrary = () => fc.tuple(configFile, fc.boolean());

export function configProperty(dir: string): fc.IAsyncPropertyWithHooks<[ConfigFile, boolean]> {
  return fc.asyncProperty(configFile, fc.boolean(), async (file, sweep) => {
    const where = placeConfig(dir, file);
    const out = path.join(dir, `out-${counter++}`);
    const argv = sweep ? ["sweep", where, "--out", out, "--task-index", "0", "--json"] : ["run", where, "--out", out, "--json"];
    assertKept(await runInProcess(argv), `emtd ${argv.join(" ").slice(0, 300)}`);
  });
}

/** Run the config property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case). */
export async function checkConfigs(runs: Runs): Promise<void> {
  await settle();
  const { dir, remove } = scratch("configs");
  try {
    await fc.assert(configProperty(dir), runs);
  } finally {
    remove();
  }
}

/**
 * Property: `emtd notebooks --dir DIR --param NAME=VALUE …` with any notebook files (a small notebook with a
 * parameters cell, the same changed, JSON of the wrong shape, a file past the byte budget, a device, a FIFO, a
 * directory named x.ipynb) and any parameters ends in exit 0, 1 or 2 with one line. No kernel starts: every case
 * either strips outputs (`--strip`) or ends with a parameter the notebook does not declare, so it stops where the
 * parameters are checked, after every notebook was read; executing notebooks is covered by test/integration/jupyter/jupyter.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { anyJson, hostileText } from "./arbitraries";
import { runInProcess, scratch, settle } from "./harness";
import { assertKept, type Runs } from "./invariants";
import { SPECIAL_KINDS, specialPath, type SpecialKind } from "./special-files";

const PARAMETERS = 'const seed = 0;\nconst T = 0.5;\nconst label = "a";\nconst sizes = [10, 20];\nconst on = true;\nconst opts = { a: 1 };';

const cell = (source: unknown, tags?: unknown) => ({
  cell_type: "code",
  source,
  metadata: tags === undefined ? {} : { tags },
  execution_count: null,
  outputs: [],
});

/** A notebook with a parameters cell, sometimes changed: a field set to anything, a cell of the wrong shape. */
const notebook: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.option(fc.tuple(fc.constantFrom("nbformat", "cells", "metadata", "nbformat_minor"), anyJson), { nil: undefined }),
        fc.option(anyJson, { nil: undefined }),
      )
      .map(([change, extraCell]) => {
        const nb: Record<string, unknown> = {
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [cell(PARAMETERS, ["parameters"]), cell("console.log(seed)"), ...(extraCell === undefined ? [] : [extraCell])],
        };
        if (change) nb[change[0]] = change[1];
        return nb;
      }),
    weight: 4,
  },
  fc.tuple(anyJson, anyJson).map(([source, tags]) => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(source, tags)] })),
  anyJson,
);

type NotebookFile =
  { kind: "json"; value: unknown } | { kind: "text"; text: string } | { kind: "special"; which: SpecialKind } | { kind: "budget" };

const notebookFile: fc.Arbitrary<NotebookFile> = fc.oneof(
  { arbitrary: notebook.map((value) => ({ kind: "json" as const, value })), weight: 6 },
  hostileText.map((text) => ({ kind: "text" as const, text })),
  fc
    .constantFrom(...SPECIAL_KINDS.filter((k) => k !== "missing" && !k.startsWith("/")))
    .map((which) => ({ kind: "special" as const, which })),
  fc.constant({ kind: "budget" as const }),
);

/** `--param` values: NAME=VALUE pairs of declared and undeclared names, with values of any type. */
const param = fc
  .tuple(
    fc.oneof(fc.constantFrom("seed", "T", "label", "sizes", "on", "opts"), hostileText),
    fc.oneof(
      hostileText,
      anyJson.map((v) => JSON.stringify(v) ?? ""),
    ),
  )
  .map(([name, value]) => `${name}=${value}`);

const args = fc.record({
  files: fc.array(notebookFile, { minLength: 1, maxLength: 3 }),
  params: fc.array(fc.oneof(param, hostileText), { maxLength: 3 }),
  seed: fc.option(fc.oneof(fc.nat().map(String), hostileText), { nil: undefined }),
  strip: fc.boolean(),
});

let counter = 0;

export function notebooksArbitrary() {
  return args;
}

/** A folder of the notebooks in `dir`, and the budget variable a case needs. */
export function placeNotebooks(dir: string, files: NotebookFile[]): { folder: string; env: Record<string, string> } {
  const folder = path.join(dir, `notebooks-${counter++}`);
  mkdirSync(folder);
  let env: Record<string, string> = {};
  files.forEach((file, i) => {
    const name = `${i}-nb.ipynb`;
    if (file.kind === "special") specialPath(folder, name, file.which);
    else if (file.kind === "text") writeFileSync(path.join(folder, name), file.text);
    else if (file.kind === "json") writeFileSync(path.join(folder, name), JSON.stringify(file.value) ?? "");
    else {
      // Past a lowered budget: the variable is read where the notebook is.
      writeFileSync(
        path.join(folder, name),
        JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { pad: "p".repeat(8192) }, cells: [] }),
      );
      env = { EMTD_MAX_INPUT_BYTES: "4096" };
    }
  });
  return { folder, env };
}

export function notebooksProperty(dir: string) {
  return fc.asyncProperty(args, async ({ files, params, seed, strip }) => {
    const { folder, env } = placeNotebooks(dir, files);
    const argv = ["notebooks", "--dir", folder, "--out", path.join(folder, "out")];
    for (const p of params) argv.push("--param", p);
    if (seed !== undefined) argv.push(`--seed=${seed}`);
    // Never a kernel: strip, or end with a name no notebook declares.
    argv.push(...(strip ? ["--strip"] : ["--param", "undeclaredByAnyNotebook=1"]));
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      assertKept(await runInProcess(argv), `emtd ${argv.join(" ").slice(0, 300)}`);
    } finally {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    }
  });
}

/** Run the notebook property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case). */
export async function checkNotebooks(runs: Runs): Promise<void> {
  await settle();
  const { dir, remove } = scratch("notebooks");
  try {
    await fc.assert(notebooksProperty(dir), runs);
  } finally {
    remove();
  }
}

/**
 * `--seed` where the contract promises it: `emtd run CONFIG --seed N` overrides the config's seed (same numbers as
 * the subcommand with that seed); `emtd notebooks --seed N --param K=V` sets parameters papermill's way, in a cell
 * tagged `injected-parameters` after the cell tagged `parameters` (or first), recorded in the notebook's metadata.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { injectParameters, INJECTED_TAG, type Notebook, type NotebookCell } from "../../../src/jupyter/notebook";
import { ArgumentError } from "../../../src/errors";
import { checkParameters, parameterDefaults } from "../../../src/jupyter/parameters";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const code = (source: string, tags?: string[]): NotebookCell => ({
  cell_type: "code",
  source,
  metadata: tags ? { tags } : {},
  execution_count: null,
  outputs: [],
});
const notebook = (cells: NotebookCell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const tagsOf = (cell: NotebookCell) => (cell.metadata.tags as string[] | undefined) ?? [];

test("injectParameters puts the cell after the parameters cell, or first; replaces an earlier one; records the values", () => {
  const withDefaults = notebook([code("import { key } from 'emtd';"), code("const seed = 7;", ["parameters"]), code("key(seed)")]);
  const once = injectParameters(withDefaults, { seed: 3, label: "a,b" });
  assert.deepEqual(
    once.cells.map((c) => tagsOf(c)),
    [[], ["parameters"], [INJECTED_TAG], []],
  );
  assert.equal(once.cells[2]!.source, '// Parameters injected by emtd notebooks\nconst seed = 3;\nconst label = "a,b";\n');
  assert.deepEqual(once.metadata.emtd, { parameters: { seed: 3, label: "a,b" } });
  assert.equal(withDefaults.cells.length, 3, "the input is not changed");
  const twice = injectParameters(once, { seed: 4 });
  assert.equal(twice.cells.filter((c) => tagsOf(c).includes(INJECTED_TAG)).length, 1);
  assert.match(twice.cells[2]!.source as string, /const seed = 4;/);
  const plain = injectParameters(notebook([code("1 + 1")]), { seed: 1 });
  assert.deepEqual(tagsOf(plain.cells[0]!), [INJECTED_TAG]);
  assert.throws(() => injectParameters(plain, { "not a name": 1 }), ArgumentError);
});

test("emtd notebooks --seed and --param set the parameters of each notebook it runs; bad pairs are one line, exit 2", () => {
  for (const bad of ["1x=2", "n", "n=", "a-b=1"]) {
    const r = emtd("notebooks", "--param", bad, "--out", os.tmpdir());
    assert.equal(r.code, 2, bad);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /--param must be NAME=VALUE pairs/);
  }
  assert.equal(emtd("notebooks", "--seed", "-1").code, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-params-"));
  const nb = notebook([
    code('const seed = 7;\nconst n = 2;\nconst label = "x";', ["parameters"]),
    code("`seed ${seed} n ${n} label ${label}`"),
  ]);
  nb.metadata.kernelspec = { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" };
  fs.writeFileSync(path.join(dir, "p.ipynb"), JSON.stringify(nb));
  const r = emtd("notebooks", "--dir", dir, "--out", path.join(dir, "out"), "--seed", "3", "--param", "n=5,label=hi", "--json");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).parameters, { seed: 3, n: 5, label: "hi" });
  const out = JSON.parse(fs.readFileSync(path.join(dir, "out", "p.ipynb"), "utf8")) as Notebook;
  assert.deepEqual(out.metadata.emtd, { parameters: { seed: 3, n: 5, label: "hi" } });
  assert.deepEqual(out.metadata.papermill, { parameters: { seed: 3, n: 5, label: "hi" } });
  const last = out.cells[2]!.outputs as { data?: Record<string, string> }[];
  assert.equal(last[0]?.data?.["text/plain"], "'seed 3 n 5 label hi'");
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "p.ipynb"), "utf8")).cells.length, 2, "the source notebook is not changed");
  fs.rmSync(dir, { recursive: true });
});

test("emtd notebooks --param is repeatable, checked against the parameters cell (name and type), recorded papermill's way", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-params-"));
  const nb = notebook([
    code('import * as os from "os";'),
    code('const T = 0.5;\nconst N = 30; // nodes\nconst label = "a";\nconst exact = true;\nconst area = N * T;', ["parameters"]),
    code("`T ${T} N ${N} label ${label} exact ${exact}`"),
  ]);
  nb.metadata.kernelspec = { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" };
  fs.writeFileSync(path.join(dir, "p.ipynb"), JSON.stringify(nb));
  // Refused before any kernel starts: one line naming the argument and what it accepts, exit 2.
  const refused: Array<[string[], RegExp]> = [
    [["--param", "M=3"], /--param must be NAME=VALUE with NAME one of T, N, label, exact \(got "M"\)/],
    [["--param", "area=3"], /NAME one of T, N, label, exact/], // computed from others: not a parameter
    [["--param", "T=hot"], /--param T must be a finite number \(its default is 0\.5\) \(got "hot"\)/],
    [["--param", "exact=yes"], /--param exact must be true or false/],
    [["--seed", "3"], /NAME one of T, N, label, exact \(got "seed"\)/],
  ];
  for (const [args, message] of refused) {
    const r = emtd("notebooks", "--dir", dir, "--out", path.join(dir, "out"), ...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.ok(!fs.existsSync(path.join(dir, "out", "p.ipynb")), "nothing ran");
  const r = emtd(
    "notebooks",
    "--dir",
    dir,
    "--out",
    path.join(dir, "out"),
    "--param",
    "T=2",
    "--param",
    "N=400",
    "--param",
    "label=b,c",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(fs.readFileSync(path.join(dir, "out", "p.ipynb"), "utf8")) as Notebook;
  assert.deepEqual(out.metadata.papermill, { parameters: { T: 2, N: 400, label: "b,c" } });
  assert.deepEqual(tagsOf(out.cells[2]!), [INJECTED_TAG], "injected right after the parameters cell");
  const result = out.cells[3]!.outputs as { data?: Record<string, string> }[];
  assert.equal(result[0]?.data?.["text/plain"], "'T 2 N 400 label b,c exact true'", "the run used the new values");
  // Without --param the notebook runs on its defaults.
  const plain = emtd("notebooks", "--dir", dir, "--out", path.join(dir, "plain"), "--json");
  assert.equal(plain.code, 0, plain.stderr);
  const defaults = JSON.parse(fs.readFileSync(path.join(dir, "plain", "p.ipynb"), "utf8")) as Notebook;
  assert.equal(
    (defaults.cells[2]!.outputs as { data?: Record<string, string> }[])[0]?.data?.["text/plain"],
    "'T 0.5 N 30 label a exact true'",
  );
  fs.rmSync(dir, { recursive: true });
});

test("emtd run CONFIG --seed N runs the config with seed N: the numbers of the subcommand with --seed N", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-params-"));
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ command: "sample", graph: "ring:40:4", dim: 2, steps: 400, burnIn: 100, seed: 11 }));
  const run = emtd("run", config, "--out", path.join(dir, "o"), "--seed", "4", "--no-timing", "--json");
  assert.equal(run.code, 0, run.stderr);
  const direct = ["sample", "--graph", "ring:40:4", "--dim", "2", "--steps", "400", "--burn-in", "100", "--no-timing", "--json"];
  assert.equal(run.stdout, emtd(...direct, "--seed", "4").stdout);
  assert.notEqual(run.stdout, emtd(...direct, "--seed", "11").stdout, "the seed changes the numbers");
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "o", "config.json"), "utf8")).seed, 4);
  // Another seed is another run: the same --out is refused, as for any other changed field.
  const other = emtd("run", config, "--out", path.join(dir, "o"), "--seed", "5");
  assert.equal(other.code, 2);
  assert.match(other.stderr, /holds a result of a different config/);
  fs.rmSync(dir, { recursive: true });
});

test("every curated notebook has its parameters cell (with seed) directly after its first code cell, which only imports", () => {
  const dir = path.join(ROOT, "notebooks");
  const names = fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb"));
  assert.ok(names.length >= 18);
  for (const name of names) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Notebook;
    const codeCells = nb.cells.filter((c) => c.cell_type === "code");
    const first = codeCells[0]!;
    const imports = (Array.isArray(first.source) ? first.source.join("") : first.source).split("\n").filter((l) => l.trim() !== "");
    assert.ok(
      imports.every((l) => /^import\b|^\s|^}/.test(l)),
      `${name}: the first code cell holds only imports (got ${JSON.stringify(imports.find((l) => !/^import\b/.test(l)))})`,
    );
    assert.deepEqual(tagsOf(codeCells[1]!), ["parameters"], `${name}: the parameters cell follows the imports`);
    const defaults = parameterDefaults(nb);
    assert.equal(defaults?.seed?.value, 0, `${name}: declares seed = 0`);
    assert.equal(checkParameters(nb, [["seed", "4"]]).seed, 4);
  }
});

test("notebooks 04, 10, 16 and 17 declare their sizes in the parameters cell, next to seed (16: the claims' designs for the rest)", () => {
  const sizes: Record<string, string[]> = {
    "04": ["cliqueSize", "caves", "caveSize", "flowSteps", "curveSamples"],
    "10": ["runs", "benchNodes", "benchRuns", "pythonBenchRuns"],
    // 16's other experiments are its claims' own designs (FINALITY_DESIGN, … from emtd/claims), checked below.
    "16": ["nodes", "detachmentRuns"],
    "17": ["benchSizes", "benchSteps", "scipySteps"],
  };
  const dir = path.join(ROOT, "notebooks");
  for (const [id, names] of Object.entries(sizes)) {
    const file = fs.readdirSync(dir).find((n) => n.startsWith(`${id}-`))!;
    const defaults = parameterDefaults(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Notebook)!;
    for (const name of ["seed", ...names]) assert.ok(defaults[name], `${file}: the parameters cell declares ${name}`);
  }
  // Notebook 16 draws e-finality-diffuses, e-scale and e-sybil as their claims measure them: the designs are imported,
  // not sizes of its own that could drift from the claims'.
  const sixteen = fs.readFileSync(
    path.join(
      dir,
      fs.readdirSync(dir).find((n) => n.startsWith("16-"))!,
    ),
    "utf8",
  );
  for (const design of ["FINALITY_DESIGN", "SCALE_DESIGN"]) assert.match(sixteen, new RegExp(design), `notebook 16 uses ${design}`);
});

test("emtd notebooks --only 17 with smaller sizes runs them and records the parameters", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-params-"));
  const r = emtd(
    "notebooks",
    "--only",
    "17",
    "--param",
    "benchSizes=[1000,2000]",
    "--param",
    "benchSteps=2,scipySteps=2",
    "--out",
    dir,
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(fs.readFileSync(path.join(dir, "17-performance-and-scaling.ipynb"), "utf8")) as Notebook;
  assert.deepEqual(out.metadata.papermill, { parameters: { benchSizes: [1000, 2000], benchSteps: 2, scipySteps: 2 } });
  const html = out.cells.flatMap((c) => (c.outputs ?? []) as { data?: Record<string, string> }[]).map((o) => o.data?.["text/html"] ?? "");
  const live = html.find((h) => h.includes("fused ms/step (now)"))!;
  const sizes = [...live.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual(sizes, [1000, 2000], "the live table measured the sizes asked for, not the defaults");
  assert.ok(
    html.some((h) => h.includes("memory-bandwidth bound at N = 2000")),
    "the checks judge the largest size",
  );
  fs.rmSync(dir, { recursive: true });
});

/**
 * A variant file is checked first (issue 44, item 5): a TypeScript type error or a wrong shape is one line naming
 * the file, the line and the part, exit 2, before any claim runs; no shape ends in an internal error.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadVariantFile } from "../../../src/cli/variant-file";
import { passedBefore } from "../../../src/cli/type-check-memo";

const root = path.resolve(TEST_DIR, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "emtd-variant-check-"));
after(() => rmSync(work, { recursive: true, force: true }));

const CASES: Array<[string, string, RegExp]> = [
  [
    "untyped-terms.ts",
    'import { type Variant } from "emtd";\nconst variant = {\n  name: "bad terms",\n  terms: () => 5,\n};\nexport default variant;\n',
    /^emtd verdicts: --variant untyped-terms\.ts:4 \(terms\) must type-check as a Variant: .*Type 'number' is not assignable to type 'Term\[\]'/,
  ],
  [
    "typed-terms.ts",
    'import { type Variant } from "emtd";\n\nconst variant: Variant = {\n  name: "x",\n  terms: (graph) => 5,\n};\nexport default variant;\n',
    /^emtd verdicts: --variant typed-terms\.ts:5 \(terms\) must type-check as a Variant: .*not assignable to type 'TermsPart'/,
  ],
  [
    "extra.ts",
    'export default {\n  name: "extra",\n  colour: "red",\n};\n',
    /^emtd verdicts: --variant extra\.ts:3 \(colour\) must type-check/,
  ],
  [
    "type-error.ts",
    'import { type Variant } from "emtd";\nconst n: number = "three";\nexport default { name: "x", rule: "median" } satisfies Variant;\n',
    /^emtd verdicts: --variant type-error\.ts:2 must type-check: Type 'string' is not assignable to type 'number'\.$/,
  ],
  [
    "syntax.ts",
    'export default { name: "x", rule: "median" ;\n',
    /^emtd verdicts: --variant syntax\.ts:1 must type-check: ',' expected\.$/,
  ],
  // JavaScript is not type-checked: each part is called once on a small graph and what it returns is checked.
  [
    "terms.js",
    'module.exports = {\n  name: "x",\n  terms: () => 5,\n};\n',
    /^emtd verdicts: --variant terms\.js:3 \(terms\) must be a function \(graph\) => Term\[\], an array of terms \(it returned number\)$/,
  ],
  [
    "items.cjs",
    'module.exports = { name: "x", terms: () => [{}] };\n',
    /--variant items\.cjs:1 \(terms\) must be .* \(item 0 is object\)$/,
  ],
  [
    "interaction.js",
    'module.exports = { name: "x", interaction: () => null };\n',
    /--variant interaction\.js:1 \(interaction\) must be a function \(graph, \{ coupling \}\) => Term.* \(it returned null\)$/,
  ],
  [
    "throws.js",
    'module.exports = { name: "x", terms: () => { throw new Error("boom"); } };\n',
    /\(terms\) must be a function \(graph\) => Term\[\] that returns \(it threw on ring:8:2: boom\)$/,
  ],
  [
    "schedule.js",
    'module.exports = { name: "x", schedule: () => 0.95 };\n',
    /\(schedule\) must be a function \(initial\) => Schedule, an object with temperature\(t\) \(it returned number\)$/,
  ],
  [
    "integrator.js",
    'module.exports = { name: "x", integrator: () => ({ init() {} }) };\n',
    /\(integrator\) must be .* an object with init and step \(it returned object\)$/,
  ],
  // A term whose energy is not a finite scalar is named by its part before any claim runs (it type-checks: defineTerm
  // takes any tensor), and so is a module that exports its variant under a name instead of as its default.
  [
    "vector.ts",
    'import { defineTerm, tf } from "emtd";\nexport default {\n  name: "vector",\n  terms: () => [defineTerm({ name: "q", energy: (psi) => tf.sum(tf.pow(psi, 4), 1) as tf.Scalar })],\n};\n',
    /^emtd verdicts: --variant vector\.ts:4 \(terms\) must be terms whose energy\(psi\) is a finite scalar tensor \(item 0 on ring:8:2 at a varied field: .*must be a scalar tensor.*\(got \[8\]\)\)$/,
  ],
  [
    "nan.js",
    'const { defineTerm, tf } = require("emtd");\nmodule.exports = { name: "x", interaction: () => defineTerm({ name: "log", energy: (psi) => tf.sum(tf.log(psi)) }) };\n',
    /--variant nan\.js:2 \(interaction\) must be terms whose energy\(psi\) is a finite scalar tensor \(its term on ring:8:2 at a varied field, gave NaN\)$/,
  ],
  // The broadcasting slip (issue 73 item 4): an [E, 1] of weights times an [E] of squared lengths is [E, E].
  [
    "broadcast.ts",
    `import { defineTerm, edgeDifferences, edgeWeights, tf, type Variant } from "emtd";
const variant: Variant = {
  name: "weighted lengths",
  terms: (graph) => [
    defineTerm({ name: "w", energy: (psi) => tf.sum(tf.mul(edgeWeights(graph), tf.sum(tf.square(edgeDifferences(psi, graph)), 1))) as tf.Scalar }),
  ],
};
export default variant;
`,
    /^emtd verdicts: --variant broadcast\.ts:4 \(terms\) must be terms whose energy broadcasts no two tensors of different rank into a larger one \(item 0 on ring:8:2: tf\.mul of \[8, 1\] and \[8\] gives \[8, 8\]; .*\)$/,
  ],
  // Where autodiff breaks (issue 51 item 5): a norm's gradient at consensus, a cosh that overflows at a large field.
  [
    "logcosh-norm.ts",
    `import { defineTerm, edgeDifferences, tf, type Variant } from "emtd";
const variant: Variant = {
  name: "log cosh of a plain norm",
  interaction: (graph, { coupling }) =>
    defineTerm({ name: "lc", energy: (psi) => tf.mul(coupling, tf.sum(tf.log(tf.cosh(tf.norm(edgeDifferences(psi, graph), "euclidean", 1))))) }),
};
export default variant;
`,
    /^emtd verdicts: --variant logcosh-norm\.ts:4 \(interaction\) must be terms with a finite gradient \(its term's is NaN at consensus, all differences zero on ring:8:2: autodiff of a norm or a square root is NaN at 0; use √\(‖x‖² \+ ε\)\)$/,
  ],
  [
    "cosh-overflow.js",
    'const { defineTerm, edgeDifferences, tf } = require("emtd");\nmodule.exports = {\n  name: "x",\n  interaction: (g) => defineTerm({ name: "c", energy: (psi) => tf.sum(tf.log(tf.cosh(tf.square(edgeDifferences(psi, g))))) }),\n};\n',
    /--variant cosh-overflow\.js:4 \(interaction\) must be terms whose energy\(psi\) is a finite scalar tensor \(its term on ring:8:2 at a large field \(\|psi\| ≤ 10\), gave Infinity: an exp or cosh overflows float32 there; write it in a stable form\)$/,
  ],
  [
    "named.ts",
    'import { interaction } from "emtd";\nexport const variant = { name: "named", interaction };\n',
    /^emtd verdicts: --variant must default-export a variant .*: "[^"]*named\.ts" has no default export \(it exports variant\)$/,
  ],
];

/** Loading `file` is refused with one line that matches `pattern`. */
function refusedInOneLine(file: string, pattern: RegExp, name: string): void {
  assert.throws(
    () =>
      loadVariantFile(file, (message) => {
        throw new Error(message);
      }),
    (e: Error) => pattern.test(e.message) && !e.message.includes("\n"),
    name,
  );
}

test("a variant of the wrong type or shape: one line naming the file, the line and the part", () => {
  for (const [name, source, pattern] of CASES) {
    const file = path.join(work, name);
    writeFileSync(file, source);
    refusedInOneLine(file, pattern, name);
  }
  // A log-cosh written smoothly (√(‖d‖² + ε), log1p) is finite everywhere the pre-check looks: it loads.
  const smooth = path.join(work, "logcosh-smooth.ts");
  writeFileSync(
    smooth,
    `import { defineTerm, edgeDifferences, tf, type Variant } from "emtd";\nconst variant: Variant = {\n  name: "smooth log cosh",\n  interaction: (graph, { coupling }) =>\n    defineTerm({\n      name: "lc",\n      energy: (psi) => {\n        const r = tf.sqrt(tf.add(tf.sum(tf.square(edgeDifferences(psi, graph)), 1), 1e-12));\n        return tf.mul(coupling, tf.sum(tf.sub(tf.add(r, tf.log1p(tf.exp(tf.mul(-2, r)))), Math.log(2))));\n      },\n    }),\n};\nexport default variant;\n`,
  );
  assert.equal(loadVariantFile(smooth, (message) => assert.fail(message)).name, "smooth log cosh");
  // The shipped template and variants type-check and load.
  for (const file of ["templates/my-variant.ts", "templates/variants/huber.ts", "templates/variants/entropy-weighted.ts"]) {
    const variant = loadVariantFile(path.join(root, file), (message) => assert.fail(message));
    assert.equal(typeof variant.name, "string", file);
  }
});

test("emtd verdicts --variant with a type error: exit 2, one line, nothing measured", () => {
  const file = path.join(work, "cli-terms.ts");
  writeFileSync(file, CASES[0]![1]);
  const r = spawnSync(process.execPath, [path.join(root, "bin", "emtd.js"), "verdicts", "--variant", file, "--json"], {
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /--variant cli-terms\.ts:4 \(terms\) must type-check as a Variant/);
});

test("a variant's siblings (issue 51, item 9): imported as ./x.ts, ./x.js or ./x they load; missing or ill-typed, one line naming the file and the cause", () => {
  const dir = mkdtempSync(path.join(work, "siblings-"));
  const put = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  put("rule.ts", 'export const RULE = "median" as const;\n');
  put("name.ts", 'export const NAME: string = "siblings";\n');
  put("suffix.cjs", 'exports.SUFFIX = " (cjs)";\n');
  const ok = put(
    "ok.ts",
    'import { type Variant } from "emtd";\nimport { RULE } from "./rule.ts";\nimport { NAME } from "./name.js";\nimport { SUFFIX } from "./suffix.cjs";\nexport default { name: NAME + SUFFIX, rule: RULE } satisfies Variant;\n',
  );
  assert.deepEqual({ ...loadVariantFile(ok, (message) => assert.fail(message)) }, { name: "siblings (cjs)", rule: "median" });
  const js = put("ok.js", 'const { SUFFIX } = require("./suffix.cjs");\nmodule.exports = { name: "js" + SUFFIX, rule: "mean" };\n');
  assert.equal(loadVariantFile(js, (message) => assert.fail(message)).name, "js (cjs)");
  put("typed.ts", 'export const RULE: number = "median";\n');
  put("syntax.ts", "export const RULE = (;\n");
  const cases: Array<[string, string, RegExp]> = [
    [
      "typo.ts",
      'import { RULE } from "./typed";\nexport default { name: `x ${RULE}`, rule: "median" as const };\n',
      /^emtd verdicts: --variant typo\.ts: its import typed\.ts:1 must type-check: Type 'string' is not assignable to type 'number'\.$/,
    ],
    [
      "syntax-sibling.ts",
      'import { RULE } from "./syntax.ts";\nexport default { name: `x ${RULE}`, rule: "median" as const };\n',
      /^emtd verdicts: --variant syntax-sibling\.ts: its import syntax\.ts:1 must type-check: Expression expected\.$/,
    ],
    [
      "missing.ts",
      'import { RULE } from "./gone.ts";\nexport default { name: `x ${RULE}`, rule: "median" as const };\n',
      /^emtd verdicts: --variant missing\.ts:1 must type-check: Cannot find module '\.\/gone\.ts' or its corresponding type declarations\.$/,
    ],
    [
      "missing.js",
      'const { RULE } = require("./gone.js");\nmodule.exports = { name: "x", rule: RULE };\n',
      /^emtd verdicts: --variant must be a file that loads \("[^"]*missing\.js": missing\.js:1: Could not resolve "\.\/gone\.js"\)$/,
    ],
  ];
  for (const [name, source, pattern] of cases) refusedInOneLine(put(name, source), pattern, name);
});

test("a passing type check is remembered by the files it read (type-only imports included): a change to any is checked again", () => {
  const dir = mkdtempSync(path.join(work, "memo-"));
  const given = process.env.EMTD_MEASURE_CACHE;
  process.env.EMTD_MEASURE_CACHE = path.join(dir, "cache");
  try {
    writeFileSync(path.join(dir, "knob.ts"), "export type Knob = { delta: number };\n");
    const file = path.join(dir, "v.ts");
    writeFileSync(
      file,
      'import type { Knob } from "./knob";\nconst knob: Knob = { delta: 0.5 };\nexport default { name: `memo ${knob.delta}`, rule: "median" as const };\n',
    );
    assert.equal(passedBefore(file), false);
    assert.equal(loadVariantFile(file, (message) => assert.fail(message)).name, "memo 0.5");
    assert.equal(passedBefore(file), true, "the pass is kept");
    const [entry] = readdirSync(path.join(dir, "cache", "types"));
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(path.join(dir, "cache", "types", entry!), "utf8"))).sort(), [
      path.join(dir, "knob.ts"),
      file,
    ]);
    // The type-only import (esbuild's bundle never reads it) changes: the check runs again and refuses.
    writeFileSync(path.join(dir, "knob.ts"), "export type Knob = { delta: string };\n");
    assert.equal(passedBefore(file), false);
    refusedInOneLine(
      file,
      /^emtd verdicts: --variant v\.ts:2 must type-check: Type 'number' is not assignable to type 'string'\.$/,
      "memo",
    );
    assert.equal(passedBefore(file), false, "a failure is never kept");
    // No cache folder: every check runs, nothing is kept.
    process.env.EMTD_MEASURE_CACHE = "";
    writeFileSync(path.join(dir, "knob.ts"), "export type Knob = { delta: number };\n");
    assert.equal(loadVariantFile(file, (message) => assert.fail(message)).name, "memo 0.5");
    assert.equal(passedBefore(file), false);
  } finally {
    if (given === undefined) delete process.env.EMTD_MEASURE_CACHE;
    else process.env.EMTD_MEASURE_CACHE = given;
  }
});

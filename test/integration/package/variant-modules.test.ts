/**
 * Variants are modules (issue 51, item 9), in the folder the TypeScript quick start sets up (docs/prototyping.md): a
 * variant file imports its siblings by relative path (`./x.ts`, `./x.js` for a JavaScript file, `./x`) under
 * `npx emtd verdicts --variant` as under tsx, and a cell of the emtd kernel started in that folder imports the variant file as tsx does
 * (`import v from "./variants/logcosh.ts"`). A sibling that is missing or does not type-check is refused in one
 * line naming the file and the cause: exit 2 from the command, a CompileError naming the file in the kernel.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { KernelClient, type Published } from "../../../src/jupyter/client";
import { kernelSpec } from "../../../src/jupyter/spec";
import { quickStartFolder } from "../../support/quick-start";

const folder = quickStartFolder();
after(() => typeof folder !== "string" && folder.remove());

/** The variant and its three siblings, each imported in one of the three ways, and two broken variants. */
const FILES: Record<string, string> = {
  "variants/stable.ts": `import { tf } from "emtd";

/** log cosh(x) = |x| + log(1 + e^(−2|x|)) − log 2, without overflow. */
export function logCosh(x: tf.Tensor): tf.Tensor {
  const a = tf.abs(x);
  return tf.sub(tf.add(a, tf.softplus(tf.mul(a, -2))), Math.log(2));
}
`,
  "variants/epsilon.js": "export const EPSILON = 1e-12;\n",
  "variants/name.ts": 'export const NAME: string = "log-cosh coupling";\n',
  "variants/logcosh.ts": `import { defineTerm, edgeDifferences, edgeWeights, tf, type Variant } from "emtd";
import { logCosh } from "./stable.ts";
import { EPSILON } from "./epsilon.js";
import { NAME } from "./name";

const variant: Variant = {
  name: NAME,
  interaction: (graph, { coupling }) =>
    defineTerm({
      name: \`log-cosh(\${graph.label})\`,
      energy: (psi) => {
        const r = tf.sqrt(tf.add(tf.sum(tf.square(edgeDifferences(psi, graph)), 1, true), EPSILON));
        return tf.mul(tf.sum(tf.mul(edgeWeights(graph), logCosh(r))), coupling);
      },
    }),
};

export default variant;
`,
  // The energy of the variant's interaction on ring:8:2 at one field, printed by tsx and computed in the kernel.
  "energy.ts": `import v from "./variants/logcosh.ts";
import { graphFromSpec, key, tf } from "emtd";

const psi = tf.tensor2d(Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)), [8, 2]);
console.log(JSON.stringify([v.name, v.interaction!(graphFromSpec("ring:8:2", key(0)), { coupling: 1 }).energy(psi).dataSync()[0]]));
`,
  "broken/typed.ts": 'export const COUPLING: number = "one";\n',
  "broken/typo.ts":
    'import { type Variant } from "emtd";\nimport { COUPLING } from "./typed.ts";\n\nexport default { name: `coupling ${COUPLING}`, rule: "median" } satisfies Variant;\n',
  "broken/missing.ts":
    'import { type Variant } from "emtd";\nimport { COUPLING } from "./gone.ts";\n\nexport default { name: `coupling ${COUPLING}`, rule: "median" } satisfies Variant;\n',
  "broken/missing.js": 'import { COUPLING } from "./gone.js";\n\nexport default { name: `coupling ${COUPLING}`, rule: "median" };\n',
};

function write(dir: string) {
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const sh = (dir: string, line: string) => spawnSync("bash", ["-c", line], { cwd: dir, encoding: "utf8", timeout: 600_000 });

test("a variant imports its siblings (./x.ts, ./x.js, ./x): npx emtd verdicts --variant runs it in the quick-start folder as npx tsx does", (t) => {
  if (typeof folder === "string") return t.skip(folder);
  write(folder.dir);
  const tsx = sh(folder.dir, "npx tsx energy.ts");
  assert.equal(tsx.status, 0, tsx.stderr);
  const [name, energy] = JSON.parse(tsx.stdout.trim().split("\n").pop()!) as [string, number];
  assert.equal(name, "log-cosh coupling");
  assert.ok(energy > 0 && Number.isFinite(energy), String(energy));
  const line = "npx emtd verdicts --variant variants/logcosh.ts --only p1.2-interaction-energy --json --quiet";
  const r = sh(folder.dir, line);
  assert.equal(r.status, 0, `${line}:\n${r.stderr}`);
  const out = JSON.parse(r.stdout);
  assert.equal(out.variant.name, "log-cosh coupling");
  assert.deepEqual(out.variant.replaces, ["interaction"]);
  assert.equal(out.claims.length, 1);
  assert.equal(out.claims[0].error, null);
  assert.ok(out.claims[0].variant, "the claim was measured under the variant");
});

test("a variant whose sibling is missing or does not type-check: one line naming the file and the cause, exit 2", (t) => {
  if (typeof folder === "string") return t.skip(folder);
  write(folder.dir);
  const cases: Array<[string, RegExp]> = [
    [
      "broken/typo.ts",
      /^emtd verdicts: --variant typo\.ts: its import typed\.ts:1 must type-check: Type 'string' is not assignable to type 'number'\.$/,
    ],
    ["broken/missing.ts", /^emtd verdicts: --variant missing\.ts:2 must type-check: Cannot find module '\.\/gone\.ts'/],
    [
      "broken/missing.js",
      /^emtd verdicts: --variant must be a file that loads \("broken\/missing\.js": missing\.js:1: Could not resolve "\.\/gone\.js"\)$/,
    ],
  ];
  for (const [file, message] of cases) {
    const r = sh(folder.dir, `npx emtd verdicts --variant ${file} --quiet`);
    assert.equal(r.status, 2, `${file}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr.trim(), message, file);
  }
});

test(
  "a kernel cell in the quick-start folder imports a variant file (.ts, .js or no extension), and its energy is tsx's",
  { timeout: 300_000 },
  async (t) => {
    if (typeof folder === "string") return t.skip(folder);
    write(folder.dir);
    const tsx = sh(folder.dir, "npx tsx energy.ts");
    assert.equal(tsx.status, 0, tsx.stderr);
    const expected = JSON.parse(tsx.stdout.trim().split("\n").pop()!) as [string, number];
    const kernel = await KernelClient.start(kernelSpec(), { cwd: folder.dir });
    try {
      const run = async (code: string) => {
        const r = await kernel.execute(code, 120_000);
        const value = r.published.find((p) => p.msg_type === "execute_result")?.content.data["text/plain"] as string | undefined;
        const error = r.published.find((p: Published) => p.msg_type === "error")?.content as { ename: string; evalue: string } | undefined;
        const stdout = r.published
          .filter((p) => p.msg_type === "stream" && p.content.name === "stdout")
          .map((p) => p.content.text as string)
          .join("");
        return { status: r.status, value, error, stdout };
      };
      const cell = [
        'import v from "./variants/logcosh.ts";',
        'import { graphFromSpec, key, tf } from "emtd";',
        "const psi = tf.tensor2d(Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)), [8, 2]);",
        'console.log(JSON.stringify([v.name, v.interaction!(graphFromSpec("ring:8:2", key(0)), { coupling: 1 }).energy(psi).dataSync()[0]]));',
      ].join("\n");
      const first = await run(cell);
      assert.equal(first.status, "ok", JSON.stringify(first.error));
      assert.deepEqual(JSON.parse(first.stdout), expected, "the same name and energy as under tsx");
      // The same module, by the other names a file has: without an extension, and a sibling by its own path.
      const same = await run(
        'import v2 from "./variants/logcosh";\nimport v3 from "./variants/logcosh.js";\nimport { NAME } from "./variants/name.ts";\n[v2 === v, v3 === v, NAME]',
      );
      assert.equal(same.status, "ok", JSON.stringify(same.error));
      assert.equal(same.value, "[ true, true, 'log-cosh coupling' ]");
      // A variant whose sibling does not type-check or is missing: one CompileError naming that file and the cause.
      const typo = await run('import typo from "./broken/typo.ts";');
      assert.equal(typo.error?.ename, "CompileError");
      assert.match(typo.error!.evalue, /^broken\/typed\.ts 1:\d+ - Type 'string' is not assignable to type 'number'\.$/);
      const missing = await run('import gone from "./broken/missing.ts";');
      assert.match(missing.error!.evalue, /^broken\/missing\.ts 2:\d+ - Cannot find module '\.\/gone\.ts'/);
      // The kernel keeps going: the variant imported first is still there.
      assert.equal((await run("v.name")).value, "'log-cosh coupling'");
    } finally {
      await kernel.shutdown();
    }
  },
);

/** The README's quick start is code a user will paste: it must run and print the exact value it promises. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

test("the README quick start runs and reproduces equipartition", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /## Quick start \(TypeScript\)\s+```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README has a TypeScript quick start block");
  const lines = block[1]!.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const source = `${imports.join("\n")}\n(async () => {\n${body.join("\n")}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(ROOT, "dist", "readme-quickstart.js");
  fs.writeFileSync(file, js);
  const r = spawnSync(process.execPath, [file], { encoding: "utf8", cwd: ROOT, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const m = /⟨H⟩ = ([\d.]+) ± ([\d.]+); exact ([\d.]+)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const [measured, mcse, exact] = [Number(m[1]), Number(m[2]), Number(m[3])];
  assert.equal(exact, 99);
  assert.ok(Math.abs(measured - exact) < 4 * mcse + 0.05, r.stdout);
});

test("the README's second quick start defines a term, checks its gradient and samples it (under 15 lines)", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = /## Quick start \(TypeScript\)([\s\S]*?)\n## /.exec(readme)![1]!;
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 2, "a second TypeScript block in the quick start");
  const lines = blocks[1]!.trimEnd().split("\n");
  assert.ok(lines.length < 15, `${lines.length} lines`);
  assert.ok(lines.some((l) => l.includes("defineTerm(")));
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const source = `${imports.join("\n")}\n(async () => {\n${body.join("\n")}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(ROOT, "dist", "readme-own-term.js");
  fs.writeFileSync(file, js);
  const r = spawnSync(process.execPath, [file], { encoding: "utf8", cwd: ROOT, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const m = /gradient error ([\d.e+-]+); ⟨H⟩ = (-?[\d.]+) ± ([\d.]+)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[1]) < 1e-2, r.stdout);
  assert.ok(Number.isFinite(Number(m[2])) && Number(m[3]) > 0, r.stdout);
});

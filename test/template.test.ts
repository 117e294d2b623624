/** The template users copy (templates/my-hamiltonian.ts) type-checks against the built package and runs. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

test("templates/my-hamiltonian.ts type-checks (strict) and runs: gradient check, every integrator", () => {
  const file = path.join(ROOT, "templates", "my-hamiltonian.ts");
  const outDir = path.join(ROOT, "dist", "templates");
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    outDir,
    rootDir: path.join(ROOT, "templates"),
  });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
  assert.deepEqual(diagnostics, []);
  const r = spawnSync(process.execPath, [path.join(outDir, "my-hamiltonian.js")], { encoding: "utf8", cwd: ROOT, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /gradient check passed/);
  for (const name of ["gradient-flow", "ula", "mala", "metropolis"]) assert.match(r.stdout, new RegExp(`^${name}.*⟨H⟩ = -?\\d`, "m"));
  assert.ok(fs.existsSync(path.join(outDir, "my-hamiltonian.js")));
});

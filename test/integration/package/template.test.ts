/**
 * The template users copy (templates/my-hamiltonian.ts) type-checks against the built package and runs as the README
 * says (`npx tsx templates/my-hamiltonian.ts`; test/docs-commands.ts points here for that command).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(TEST_DIR, "../..");

test("templates/my-hamiltonian.ts type-checks (strict), and `npx tsx templates/my-hamiltonian.ts` (the README's command) runs it: gradient check, every integrator", () => {
  const file = path.join(ROOT, "templates", "my-hamiltonian.ts");
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    noEmit: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  assert.deepEqual(diagnostics, []);
  // The command as the README writes it, in the clone (npx finds tsx in node_modules/.bin).
  const r = spawnSync("npx", ["tsx", "templates/my-hamiltonian.ts"], { encoding: "utf8", cwd: ROOT, timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /gradient check passed/);
  for (const name of ["gradient-flow", "ula", "mala", "metropolis"]) assert.match(r.stdout, new RegExp(`^${name}.*⟨H⟩ = -?\\d`, "m"));
  // An honest printout: gradient flow's exact value, and each sampler's ESS with the warning when it is under 100.
  assert.match(r.stdout, /^gradient-flow .*⟨H⟩ = 40\.00 ± 0\.00 .*stays at the saddle ψ = 0, where H = 40 exactly$/m);
  for (const line of r.stdout.split("\n").filter((l) => /^(ula|mala|metropolis)/.test(l))) {
    const ess = /ESS (\d+)/.exec(line);
    assert.ok(ess, line);
    assert.equal(Number(ess[1]) < 100, line.includes("MCSE unreliable, run more steps"), line);
  }
});

test("the template's own compile command (from its header) is clean in the clone: no TS2209, no TS2304 'Long'", () => {
  const header = fs.readFileSync(path.join(ROOT, "templates", "my-hamiltonian.ts"), "utf8");
  const command = /^ \* {3}(npx tsc .*)$/m.exec(header);
  assert.ok(command, "the header gives an npx tsc command");
  const outDir = path.join(ROOT, "dist", "templates-command");
  const args = command[1]!
    .split(/\s+/)
    .slice(2)
    .map((a) => (a === "out/mine" ? outDir : a));
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
    timeout: 300_000,
  });
  assert.equal(r.stdout + r.stderr, "", "tsc prints nothing");
  assert.equal(r.status, 0);
  assert.ok(fs.existsSync(path.join(outDir, "my-hamiltonian.js")));
  fs.rmSync(outDir, { recursive: true, force: true });
});

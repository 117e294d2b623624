/**
 * The package as a user meets it: `npm pack` the checkout, install the tarball into an empty project (dependencies
 * from the npm registry or its cache), and from there import the library both ways (CommonJS and ESM), run a short
 * simulation, and run one notebook with `emtd notebooks`. Nothing here may reach into the checkout.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(TEST_DIR, "..", "..");
const project = mkdtempSync(path.join(tmpdir(), "emtd-consumer-"));
after(() => rmSync(project, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string, timeout = 300_000) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
  });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test("the packed tarball installs into an empty project and works there (CommonJS, ESM, CLI, a notebook)", { timeout: 900_000 }, () => {
  sh("npm", ["pack", "--ignore-scripts", "--pack-destination", project], root);
  const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`], project);

  writeFileSync(
    path.join(project, "sim.cjs"),
    `const { ready, key, split, graphFromSpec, interaction, mala, run, equipartitionEnergy, tf } = require("emtd");
(async () => {
  await ready();
  const [g, r] = split(key(1), 2);
  const graph = graphFromSpec("ring:30:4", g);
  const res = run(mala(interaction(graph), { step: 0.05, temperature: 1 }), tf.zeros([30, 1]), { steps: 3000, burnIn: 500 }, r);
  console.log(JSON.stringify({ mean: res.meanEnergy, mcse: res.energyMcse, exact: equipartitionEnergy(30, 1, 1) }));
  res.final.dispose();
})();`,
  );
  const cjs = JSON.parse(sh(process.execPath, ["sim.cjs"], project)) as { mean: number; mcse: number; exact: number };
  assert.ok(Math.abs(cjs.mean - cjs.exact) < 5 * cjs.mcse, `⟨H⟩ = ${cjs.mean} ± ${cjs.mcse}, exact ${cjs.exact}`);

  writeFileSync(
    path.join(project, "sim.mjs"),
    `import { ready, key, graphFromSpec, interaction, tf } from "emtd";
import { display } from "emtd/display";
import { mean } from "emtd/stats";
import * as dynamics from "emtd/dynamics";
if (typeof display !== "function") throw new Error("emtd/display has no display");
if (mean([1, 2, 3]) !== 2) throw new Error("emtd/stats has no mean");
if ("runLoop" in dynamics || typeof dynamics.run !== "function") throw new Error("emtd/dynamics: run public, runLoop internal");
await ready();
const graph = graphFromSpec("ring:10:2", key(1));
const psi = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i]));
console.log(interaction(graph).energy(psi).dataSync()[0]);`,
  );
  // Ring of 10 with k = 2: nine neighbour gaps of 1 and the wrap-around gap of 9 → 9·1 + 81 = 90.
  assert.equal(Number(sh(process.execPath, ["sim.mjs"], project).trim()), 90);

  const out = path.join(project, "out");
  // Notebook 01 measures its claims live from the installed package and reads the committed run shipped in it
  // (data/verdicts), as notebook 00 does for all 49 claims (about 20 minutes, run by test/integration/jupyter).
  sh(path.join(project, "node_modules", ".bin", "emtd"), ["notebooks", "--only", "01", "--out", out], project, 600_000);
  assert.ok(readdirSync(out).includes("01-state-tensor-and-hamiltonian.ipynb"));
});

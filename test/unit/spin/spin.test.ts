/**
 * The spin problems' one home (issue 22, issue 36): src/spin/ holds the problem, its exact enumeration, its Metropolis
 * sweep and §3.3's update with its kernels (the Ising, Hopfield and Lemma models in its subfolders); the studies
 * lemma-audit/, traps/, joules/ and hopfield/ (src/studies/) are siblings that import it and not each other; every Metropolis
 * decision goes through src/dynamics/acceptance.ts. And the move changed no number: the results recorded on the code
 * before it (test/fixtures/spin-golden.json, see test/spin-golden.ts) come out bit for bit, with one documented
 * exception (below).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { GOLDEN_FILE, spinGolden } from "../../spin-golden";

test("spin problems, exact tables, Metropolis sweeps, annealing, escape, PIMC, §4.3–4.4 and the §3.2 audits give the recorded numbers", async () => {
  const recorded = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as Record<string, unknown>;
  const now = await spinGolden();
  assert.deepEqual(Object.keys(now), Object.keys(recorded));
  // The one exception: there is one energy table now. `spinEnergies` (the audit's term-by-term sums) is the Gray-code
  // `energyTable` the traps used, so the traps' numbers stay bit-identical and the audit's differ by rounding only:
  // its table is now exactly the traps' table, and the exact annealed law built on it moves by at most ~1 ulp.
  type ExactRow = Record<string, unknown>;
  const exactNow = now.exact as ExactRow[];
  const exactThen = recorded.exact as ExactRow[];
  exactNow.forEach((row, i) => {
    const { spinEnergies, ...rest } = row;
    const { spinEnergies: _old, ...restThen } = exactThen[i]!;
    assert.deepEqual(rest, restThen, `exact[${i}] changed`);
    assert.deepEqual(spinEnergies, exactThen[i]!.energyTable, `exact[${i}]: spinEnergies is energyTable`);
  });
  const law = (now.exactSpinAnneal as { values: number[] }).values;
  const lawThen = (recorded.exactSpinAnneal as { values: number[] }).values;
  assert.equal(law.length, lawThen.length);
  law.forEach((p, s) => assert.ok(Math.abs(p - lawThen[s]!) <= 1e-15, `exactSpinAnneal law[${s}]: ${p} vs ${lawThen[s]}`));
  for (const name of Object.keys(recorded))
    if (name !== "exact" && name !== "exactSpinAnneal") assert.deepEqual(now[name], recorded[name], `${name} changed`);
});

const SRC = resolve(TEST_DIR, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The part of src/ a path belongs to: its top-level folder, or for a study its folder under studies/. */
function areaOf(path: string): string {
  const parts = path.split("/");
  return parts[0] === "studies" ? `studies/${parts[1]}` : parts[0]!;
}

/** Every (importing file, imported part of src/) pair of src/, from the sources' import statements. */
function imports(): Array<{ from: string; area: string }> {
  return sources(SRC).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) => ({
      from: relative(SRC, file),
      area: areaOf(relative(SRC, resolve(dirname(file), m[1]!))),
    })),
  );
}

test("the spin studies (lemma audit, traps, joules, hopfield) are siblings over src/spin; spin's core imports only the layers below", () => {
  const all = imports();
  const siblings = ["studies/lemma-audit", "studies/traps", "studies/joules", "studies/hopfield"];
  for (const s of siblings)
    assert.ok(
      all.some((i) => i.from.startsWith(`${s}/`) && i.area === "spin"),
      `${s} uses spin`,
    );
  const crossing = all.filter((i) => siblings.includes(areaOf(i.from)) && siblings.includes(i.area) && i.area !== areaOf(i.from));
  assert.deepEqual(
    crossing.map((i) => `${i.from} → ${i.area}`),
    [],
  );
  // The core (src/spin/*.ts, not the models in its subfolders) stands on the acceptance rule, the engine's keys and
  // draws, and ops/ for the copy sweep (ops/copy-sweep) and the inlined rule its sweeps share (ops/sweep-acceptance).
  const spinImports = all.filter((i) => /^spin\/[^/]+$/.test(i.from)).map((i) => i.area);
  assert.ok(spinImports.length > 0, "the scan sees src/spin");
  assert.deepEqual(
    spinImports.filter((a) => !["spin", "dynamics", "engine", "ops", "errors"].includes(a)),
    [],
    "spin's core imports only spin, dynamics (the acceptance rule), engine, ops (its kernel's front end) and errors",
  );
});

test("no spin chain writes its own Metropolis acceptance: none compares a uniform with an exponential", () => {
  const own = /\(\)\s*<=?\s*Math\.exp|Math\.exp\([^)]*\)\s*>=?\s*\w+\(\)|\?\s*1\s*:\s*Math\.exp/;
  const offending = sources(SRC)
    .filter((f) => /^(spin|studies\/(traps|lemma-audit|joules|hopfield))\//.test(relative(SRC, f)))
    .filter((f) => own.test(readFileSync(f, "utf8")))
    .map((f) => relative(SRC, f));
  assert.deepEqual(offending, []);
});

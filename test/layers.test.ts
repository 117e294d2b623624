/**
 * The layers of src/ (DESIGN.md): no import runs back up. Read from the sources' own import statements, so the
 * rule is checked on every run, not drawn once: engine imports nothing above it, graph nothing from ops/ or the
 * layers above, ops nothing from hamiltonian/dynamics/analysis, stats nothing but errors, dynamics not analysis.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every (file, imported src/ top-level area) pair, areas as "engine", "graph", "errors.ts", … */
function imports(): Array<{ from: string; area: string; to: string }> {
  const out: Array<{ from: string; area: string; to: string }> = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gm)) {
      const target = relative(SRC, resolve(dirname(file), m[1]!));
      out.push({ from: relative(SRC, file), area: target.split("/")[0]!, to: target });
    }
  }
  return out;
}

const RULES: Array<{ layer: string; may: string[] }> = [
  { layer: "errors.ts", may: [] },
  { layer: "stats", may: ["stats", "errors"] },
  { layer: "engine", may: ["engine", "errors"] },
  { layer: "graph", may: ["graph", "engine", "errors"] },
  { layer: "field", may: ["field", "engine", "errors"] },
  { layer: "ops", may: ["ops", "graph", "engine", "errors"] },
  { layer: "dynamics", may: ["dynamics", "hamiltonian", "ops", "graph", "field", "engine", "stats", "errors"] },
];

test("no import runs back up: each lower layer imports only from itself and the layers below", () => {
  const all = imports();
  assert.ok(all.length > 100, `the import scan found the sources (${all.length} imports)`);
  assert.ok(
    all.some((i) => i.from.startsWith("ops/") && i.area === "engine"),
    "the scan sees ops → engine",
  );
  for (const { layer, may } of RULES) {
    const offending = all.filter((i) => (i.from === layer || i.from.startsWith(`${layer}/`)) && !may.includes(i.area.replace(/\.ts$/, "")));
    assert.deepEqual(
      offending.map((i) => `${i.from} → ${i.to}`),
      [],
      `${layer} may import only ${may.join(", ") || "nothing"}`,
    );
  }
});

/**
 * An energy that only knows energy (issue 52 item 2): a `Term` is its name, H, ∇H, H with ∇H, the local energies and
 * toString, nothing about integrators; the samplers ask ops/ for a fused step (ops/term-steps), and nothing above ops/
 * imports the engine past its services or names a kernel's dispatch, a size threshold or a device step. Each rule is
 * shown failing on a fault planted in a copy of src/.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ENGINE_SERVICES, ROOT, arrows, engineAboveOps, floorsOf, kernelWordsAboveOps } from "../../house";
import { ringGraph } from "../../../src/graph/direct";
import { interaction } from "../../../src/hamiltonian/interaction";
import { defineTerm, scale, sum } from "../../../src/hamiltonian/term";
import { releaseGraph } from "../../../src/ops/tensors";

const SRC = join(ROOT, "src");
const FLOORS = floorsOf(readFileSync(join(ROOT, "docs", "architecture.md"), "utf8"));
const TERM_KEYS = ["name", "energy", "gradient", "energyAndGradient", "localEnergy", "toString"];

test("a Term is energy only: its interface and every term the library makes have no key but energy's", () => {
  const source = readFileSync(join(SRC, "hamiltonian", "term.ts"), "utf8");
  const body = /export interface Term \{([\s\S]*?)\n\}/.exec(source)![1]!;
  const members = [...body.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm)].map((m) => m[1]!);
  assert.deepEqual(members.sort(), [...TERM_KEYS].sort(), "Term's members");
  const graph = ringGraph(8, 2);
  // A definition's extra key (a JavaScript user's integrator hook, say) does not ride into the term.
  const own = defineTerm({ name: "q", energy: (x: tf.Tensor2D) => tf.sum(tf.square(x)), langevinStep: () => null } as never);
  for (const term of [interaction(graph), interaction(graph, { columns: [0, 1] }), own, sum(interaction(graph), own), scale(2, own)]) {
    const extra = Object.keys(term).filter((k) => !TERM_KEYS.includes(k));
    assert.deepEqual(extra, [], `${term.name}: keys besides energy's`);
  }
  releaseGraph(graph);
});

test("above ops/, the engine's services only: no import of its face, kernels or devices (bench/ and api/ aside)", () => {
  assert.ok(
    arrows(SRC).some((a) => a.from.startsWith("dynamics/") && ENGINE_SERVICES.includes(a.to)),
    "the scan sees the samplers take their keys from the engine",
  );
  assert.deepEqual(engineAboveOps(arrows(SRC), FLOORS), [], "go through ops/ (a front end there decides)");
});

test("above ops/, no code names a kernel's dispatch, a size threshold or a device step", () => {
  assert.deepEqual(kernelWordsAboveOps(SRC, FLOORS), [], "move the decision into ops/ (ops/term-steps)");
});

test("both rules fail on a planted fault: a sampler importing the engine's face, and one naming the size threshold", () => {
  const copy = mkdtempSync(join(tmpdir(), "emtd-house-"));
  try {
    cpSync(SRC, copy, { recursive: true });
    // As dynamics/gradient.ts and batched.ts once did: the size threshold from the engine's face, used in a decision.
    appendFileSync(join(copy, "dynamics", "flow-to-rest.ts"), '\nimport { LARGE_FIELD_ENTRIES } from "../engine";\n');
    appendFileSync(
      join(copy, "dynamics", "gradient.ts"),
      "\nexport const planted = (x: { size: number }) => x.size >= LARGE_FIELD_ENTRIES;\n",
    );
    // bench/ may reach the engine's parts; a comment may name the threshold.
    appendFileSync(join(copy, "bench", "timing.ts"), '\nexport { LARGE_FIELD_ENTRIES as planted } from "../engine";\n');
    appendFileSync(join(copy, "dynamics", "run.ts"), "\n// LARGE_FIELD_ENTRIES is ops/' to use.\n");
    assert.deepEqual(engineAboveOps(arrows(copy), FLOORS), ["dynamics/flow-to-rest.ts → engine/index.ts"]);
    const words = kernelWordsAboveOps(copy, FLOORS);
    assert.equal(words.length, 2, JSON.stringify(words));
    assert.match(words[0]!, /^dynamics\/flow-to-rest\.ts:\d+: import \{ LARGE_FIELD_ENTRIES \}/);
    assert.match(words[1]!, /^dynamics\/gradient\.ts:\d+: export const planted/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

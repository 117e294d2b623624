/**
 * The house of src/ keeps its rules (docs/architecture.md), read afresh from the sources' own imports on every run:
 * no import runs up a floor, no files and no folders import each other in a circle, no source file is over 600
 * lines; outside src/engine/, only src/ops/ imports engine kernels (the rest goes through engine/index.ts); the shapes
 * of tfjs's private internals (the cpu, wasm and WebGPU backends', the engine's) are declared in
 * engine/kernels/tfjs/private-hooks.ts only, under its test (test/unit/engine/tfjs-hooks.test.ts). The last tests
 * plant each fault in a copy of src/ and see the checks catch it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PRIVATE_HOOKS,
  ROOT,
  arrows,
  behindTheFace,
  circlesOf,
  floorsOf,
  hooksOutsideTheirHome,
  kernelCallsAbove,
  oversized,
  unplaced,
  upward,
} from "../../house";

const SRC = join(ROOT, "src");
const FLOORS = floorsOf(readFileSync(join(ROOT, "docs", "architecture.md"), "utf8"));
const MAX_LINES = 600;

test("the scan reads the house: hundreds of imports, among them ops → engine", () => {
  const all = arrows(SRC);
  assert.ok(all.length > 300, `the import scan found the sources (${all.length} imports)`);
  assert.ok(
    all.some((a) => a.from.startsWith("ops/") && a.to.startsWith("engine/")),
    "the scan sees ops → engine",
  );
  assert.ok(FLOORS.length >= 5, `docs/architecture.md has its floors table (${FLOORS.length} floors read)`);
});

test("every folder and file of src/ stands on a documented floor", () => {
  assert.deepEqual(unplaced(SRC, FLOORS), [], "place it in the floors table of docs/architecture.md");
});

test("no import runs up a floor", () => {
  assert.deepEqual(upward(arrows(SRC), FLOORS), []);
});

test("no circle: no files, and no folders, import each other through any path", () => {
  const { files, parts } = circlesOf(arrows(SRC));
  assert.deepEqual(files, [], "files in a circle");
  assert.deepEqual(parts, [], "folders in a circle");
});

test("outside src/engine/, only src/ops/ imports engine kernels: the rest goes through the engine's face", () => {
  assert.ok(
    arrows(SRC).some((a) => a.from.startsWith("ops/") && a.to.startsWith("engine/kernels/")),
    "the scan sees the fused-op front ends of ops/ reach their kernels",
  );
  assert.deepEqual(behindTheFace(arrows(SRC)), [], "import it from engine/index.ts, or give it a front end in ops/");
});

test("above the engine, only ops/ runs kernels: the samplers and the field call front ends, and emtd/engine has no runKernel", () => {
  // field/ stands below ops/ (floor 3 < 4): its consensus error asks the engine's own front end (fusedConsensusError).
  assert.deepEqual(kernelCallsAbove(SRC), [], "give it a front end in ops/ (or, below ops/, in the engine)");
  const face = readFileSync(join(SRC, "engine", "index.ts"), "utf8");
  assert.doesNotMatch(face, /^export[^;]*\b(?:runKernel|hasKernel)\b/m, "emtd/engine does not export the dispatch");
});

test(`no source file over ${MAX_LINES} lines`, () => {
  const over = oversized(SRC, MAX_LINES);
  assert.deepEqual(over, [], "split it into modules with one job each");
});

test("the checks fail on a planted fault: an upward import that closes a circle, and a long file", () => {
  const copy = mkdtempSync(join(tmpdir(), "emtd-house-"));
  try {
    cpSync(SRC, copy, { recursive: true });
    // engine/ (floor 2) reaching up to the CLI (the top floor), which imports engine/ back: a circle of folders and files.
    appendFileSync(join(copy, "engine", "random.ts"), '\nexport { main } from "../cli/main";\n');
    writeFileSync(join(copy, "stats", "long.ts"), "export const x = 1;\n".repeat(MAX_LINES + 1));
    const all = arrows(copy);
    const up = upward(all, FLOORS);
    assert.ok(up.length === 1 && up[0]!.startsWith("engine/random.ts → cli/main.ts (floor 2 → "), JSON.stringify(up));
    const { files, parts } = circlesOf(all);
    assert.ok(files.length === 1 && files[0]!.includes("engine/random.ts") && files[0]!.includes("cli/main.ts"), JSON.stringify(files));
    assert.ok(parts.length === 1 && parts[0]!.includes("engine/") && parts[0]!.includes("cli/"), JSON.stringify(parts));
    assert.ok(oversized(copy, MAX_LINES).includes(`stats/long.ts (${MAX_LINES + 1} lines)`));
    writeFileSync(join(copy, "orphan.ts"), "export const y = 2;\n");
    assert.deepEqual(unplaced(copy, FLOORS), ["orphan.ts"]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("the engine-face rule fails on a planted import of a kernel from outside engine/ and ops/", () => {
  const copy = mkdtempSync(join(tmpdir(), "emtd-house-"));
  try {
    cpSync(SRC, copy, { recursive: true });
    // field/ reaching past engine/index.ts to the dispatch, as field.ts once did; ops/ doing the same stays allowed.
    appendFileSync(join(copy, "field", "field.ts"), '\nexport { runKernel as planted } from "../engine/kernels/configs/dispatch";\n');
    appendFileSync(join(copy, "ops", "laplacian.ts"), '\nexport { runKernel as planted } from "../engine/kernels/configs/dispatch";\n');
    assert.deepEqual(behindTheFace(arrows(copy)), ["field/field.ts → engine/kernels/configs/dispatch.ts"]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("tfjs's private internals have one home: private-hooks.ts declares their shapes, and no other source does", () => {
  const home = readFileSync(join(SRC, PRIVATE_HOOKS), "utf8");
  for (const hook of ["cpuInternals", "wasmInternals", "engineInternals", "webgpuInternals", "WebGpuProgram"]) {
    assert.ok(home.includes(`export function ${hook}(`) || home.includes(`export interface ${hook} `), `private-hooks.ts has ${hook}`);
  }
  assert.deepEqual(hooksOutsideTheirHome(SRC), [], "declare it in engine/kernels/tfjs/private-hooks.ts and check it in its test");
});

test("the one-home rule fails on a planted private hook: a backend member declared, or cast inline, outside private-hooks.ts", () => {
  const copy = mkdtempSync(join(tmpdir(), "emtd-house-"));
  try {
    cpSync(SRC, copy, { recursive: true });
    // As the WebGPU worker and counters once did: a cast to the device, and an interface of the backend's own.
    appendFileSync(join(copy, "engine", "webgpu", "counters.ts"), "\ninterface Planted {\n  uploadToGPU(dataId: object): void;\n}\n");
    appendFileSync(
      join(copy, "engine", "webgpu", "binding.ts"),
      "\nexport const planted = (b: unknown) => (b as unknown as { device: object }).device;\n",
    );
    const found = hooksOutsideTheirHome(copy);
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.match(found[0]!, /^engine\/webgpu\/binding\.ts:\d+: export const planted/);
    assert.match(found[1]!, /^engine\/webgpu\/counters\.ts:\d+: uploadToGPU\(dataId: object\): void;$/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

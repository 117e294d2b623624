/**
 * The engine stacks one way (issue 52, item 4): its kernel folders and its WebGPU host (test/house.ts ENGINE_STACK,
 * bottom first: tfjs, loops, threads, simd, stencils, configs, configs/webgpu, webgpu) import only folders below them,
 * type imports included, so each can be read, tested and replaced with what lies under it alone. The last test plants
 * imports that run up the stack in a copy of src/ and sees the check name each.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINE_STACK, ROOT, againstTheStack, arrows, folders, stackFolderOf } from "../../house";

const SRC = join(ROOT, "src");

test("the scan sees the engine's stack: imports between its folders, down it", () => {
  const between = arrows(SRC).filter((a) => {
    const [from, to] = [stackFolderOf(a.from), stackFolderOf(a.to)];
    return from !== null && to !== null && from !== to;
  });
  assert.ok(between.length > 50, `imports between the stack's folders (${between.length})`);
  for (const folder of ["configs", "simd", "threads"])
    assert.ok(
      between.some((a) => a.from.startsWith(`engine/kernels/${folder}/`)),
      `the scan sees engine/kernels/${folder} import a folder below it`,
    );
});

test("every folder of the engine's kernels stands in the stack", () => {
  const kernels = folders(SRC).filter((f) => f.startsWith("engine/kernels/"));
  assert.ok(kernels.length >= 6, `the kernels' folders were read (${kernels.length})`);
  assert.deepEqual(
    kernels.filter((f) => stackFolderOf(`${f}/x.ts`) === null),
    [],
    "place it in test/house.ts ENGINE_STACK, above every folder it imports",
  );
});

test("no import runs up the engine's stack (from a kernel folder to one above it)", () => {
  assert.deepEqual(againstTheStack(arrows(SRC)), [], `the stack, bottom first: ${ENGINE_STACK.join(", ")}`);
});

test("the stack rule fails on planted imports that run up it: a value, a type, a re-export", () => {
  const copy = mkdtempSync(join(tmpdir(), "emtd-house-"));
  try {
    cpSync(SRC, copy, { recursive: true });
    // The loops reaching for the pool that runs them, as loop-jobs.ts once did from loops/.
    appendFileSync(join(copy, "engine", "kernels", "loops", "row-loops.ts"), '\nimport { runShares } from "../threads/pool";\n');
    // The shapes of tfjs's internals naming a config's type: a type import counts.
    appendFileSync(
      join(copy, "engine", "kernels", "tfjs", "private-hooks.ts"),
      '\nimport type { KernelIO } from "../configs/kernel-io";\n',
    );
    // The WebGPU steppers reaching up to the worker that hosts them, as fused-webgpu.ts once did for its counter.
    appendFileSync(
      join(copy, "engine", "kernels", "configs", "webgpu", "fused-webgpu.ts"),
      '\nexport { countDispatch } from "../../../webgpu/counters";\n',
    );
    assert.deepEqual(againstTheStack(arrows(copy)).sort(), [
      "engine/kernels/configs/webgpu/fused-webgpu.ts → engine/webgpu/counters.ts (configs/webgpu → webgpu)",
      "engine/kernels/loops/row-loops.ts → engine/kernels/threads/pool.ts (loops → threads)",
      "engine/kernels/tfjs/private-hooks.ts → engine/kernels/configs/kernel-io.ts (tfjs → configs)",
    ]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

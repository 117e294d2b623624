import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { philoxNormals } from "../../../src/engine/philox";
import { BOX_MULLER_WGSL, PHILOX_WGSL } from "../../../src/engine/kernels/configs/webgpu/step-wgsl";
import { openGpu } from "../../../src/engine/webgpu/device";
import { dawnAddonPath } from "../../../src/engine/webgpu/adapter";
import { benchThreads, threadLadder } from "../../../src/bench/threads";
import { BackendError } from "../../../src/errors";

// The GPU step's checks run in test/integration/webgpu/webgpu-noise.test.ts (on SwiftShader where there is no GPU). Here: the
// shader's constants, the normals' law, and the one-line refusal without the optional package (the generator's known-answer
// vectors and its 64-bit product are checked without a GPU stack in test/unit/engine/philox.test.ts).

test("the shader uses Philox's multipliers and Weyl constants, and philoxNormals' uniforms", () => {
  for (const constant of ["0xd2511f53u", "0xcd9e8d57u", "0x9e3779b9u", "0xbb67ae85u"]) assert.ok(PHILOX_WGSL.includes(constant), constant);
  assert.ok(BOX_MULLER_WGSL.includes("5.9604644775390625e-8"), "2^-24");
  assert.equal(5.9604644775390625e-8, 2 ** -24);
});

test("philoxNormals are standard normals: mean, variance and cross-channel correlation within 4 standard errors", () => {
  const n = 100000;
  const key: [number, number] = [0x1234, 0xabcd];
  let s0 = 0;
  let s1 = 0;
  let q0 = 0;
  let q1 = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const [a, b] = philoxNormals(i, 7, key);
    s0 += a;
    s1 += b;
    q0 += a * a;
    q1 += b * b;
    c += a * b;
  }
  const se = 1 / Math.sqrt(n);
  const seVar = Math.sqrt(2 / n);
  assert.ok(Math.abs(s0 / n) < 4 * se && Math.abs(s1 / n) < 4 * se, "means");
  assert.ok(Math.abs(q0 / n - 1) < 4 * seVar && Math.abs(q1 / n - 1) < 4 * seVar, "variances");
  assert.ok(Math.abs(c / n) < 4 * se, "correlation");
  // Another step draws other numbers for the same row.
  assert.notDeepEqual(philoxNormals(3, 7, key), philoxNormals(3, 8, key));
});

test("without the optional webgpu package the GPU path refuses: a typed error, and `emtd bench gpu` one line with exit 2", async (t) => {
  if (dawnAddonPath() !== null) {
    t.skip("the optional `webgpu` package is installed here");
    return;
  }
  await assert.rejects(openGpu(), (e: unknown) => e instanceof BackendError && /npm install webgpu/.test((e as Error).message));
  const bin = join(TEST_DIR, "..", "..", "bin", "emtd.js");
  const r = spawnSync(process.execPath, [bin, "bench", "gpu", "--graph", "ring:1000:10"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /webgpu/);
});

test("bench threads' ladder: powers of two up to the cores, and the cores", () => {
  assert.deepEqual(threadLadder(1), [1]);
  assert.deepEqual(threadLadder(2), [1, 2]);
  assert.deepEqual(threadLadder(6), [1, 2, 4, 6]);
  assert.deepEqual(threadLadder(16), [1, 2, 4, 8, 16]);
});

test("bench threads times the fused step, emtd sample's ula step, L·X, the interaction and the Ising sweep on every count of the ladder", async () => {
  const r = await benchThreads({ graph: "ring:40000:10", steps: 2, seed: 1, maxThreads: 2, rounds: 1 });
  for (const curve of [r.curve, r.samplerCurve, ...Object.values(r.kernelCurves)]) {
    assert.deepEqual(
      curve.map((p) => p.threads),
      [1, 2],
    );
    for (const p of curve) assert.ok(p.msPerStep > 0 && Number.isFinite(p.speedup), JSON.stringify(p));
    assert.equal(curve[0]!.speedup, 1);
  }
});

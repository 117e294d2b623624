import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key } from "../../../src/engine/random";
import { fillNormal, NOISE_BLOCK_ROWS, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT_FAST } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import { langevinRows } from "../../../src/engine/kernels/loops/row-loops";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { prepareSimd, ringHalfWidth, setRingStencilEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { simdLangevin2, slowPathStops } from "../../../src/engine/kernels/simd/simd-langevin";
import { RING_UNROLLED_MAX } from "../../../src/engine/kernels/simd/langevin-wat";

/** Fast-path misses of block b's first `draws` draws (the slow path runs for each). */
function missesOf(k: [number, number], b: number, draws: number): number {
  const s = new PhiloxStream(k, b, PURPOSE_NORMAL);
  let misses = 0;
  for (let d = 0; d < draws; d++) {
    const r = s.next();
    if (r >>> 8 >= ZIGGURAT_FAST.K8[r & 255]!) misses++;
  }
  return misses;
}

// N around groups of four noise blocks: one whole group; the short last block in lane 0, 1, 2 and 3 of its group;
// three whole blocks (a group of three lanes); tiny graphs (one short block).
const B = NOISE_BLOCK_ROWS;
const SIZES = [4 * B, 4 * B + 37, 5 * B + 37, 6 * B + 37, 8 * B - 37, 3 * B, 2 * B - 1, 100, 9];
// The CSR sum's four-entry steps and branch-free tail: isolated nodes (degree 0), hubs, every degree mod 4.
const CSR_SPECS = ["er:2000:0.0005", "ba:5000:3", "er:3000:0.003", "complete:9"];

function assertSameAsJs(spec: string, n: number, k: [number, number]): void {
  const plan = planFor(graphFromSpec(spec, key(1)));
  const x = new Float32Array(2 * n);
  fillNormal(x, 2, 0, n, key(n));
  const want = new Float32Array(2 * n);
  langevinRows(plan, x, 2, 0.03, 0.9, k, want, 0, n, new Float32Array(2 * B));
  for (const stencil of [true, false]) {
    setRingStencilEnabled(stencil);
    const got = new Float32Array(2 * n);
    simdLangevin2(plan, x, got, 0.03, 0.9, k);
    setRingStencilEnabled(true);
    assert.deepEqual(got, want, `${spec} stencil=${stencil}`);
  }
}

test("the four-lane fused Langevin step equals the JavaScript loop bit for bit: group ends, short blocks, misses", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  for (const n of SIZES) {
    const specs = n > 20 ? [`ring:${n}:10`, `ws:${n}:6:0.1`] : [`ring:${n}:2`, `ws:${n}:2:0.5`];
    if (n > 4 * 2 * (RING_UNROLLED_MAX + 2)) specs.push(`ring:${n}:${2 * (RING_UNROLLED_MAX + 2)}`); // the stencil's loop
    for (const spec of specs) {
      const plan = planFor(graphFromSpec(spec, key(1)));
      assert.equal(ringHalfWidth(plan) > 0, spec.startsWith("ring"), `${spec}: stencil path as expected`);
      const k = fold(key(7), n) as [number, number];
      // Every block has misses (so the slow path runs in every lane position, the short block included).
      if (n > 1000) for (let b = 0; b * B < n; b++) assert.ok(missesOf(k, b, 2 * Math.min(B, n - b * B)) > 0, `${spec} block ${b} misses`);
      assertSameAsJs(spec, n, k);
    }
  }
  for (const spec of CSR_SPECS) {
    const plan = planFor(graphFromSpec(spec, key(1)));
    const degrees = new Set(Array.from({ length: plan.n }, (_, i) => (plan.rowPtr[i + 1]! - plan.rowPtr[i]!) % 4));
    if (spec === "er:3000:0.003") assert.equal(degrees.size, 4, "every degree mod 4 occurs");
    if (spec === "er:2000:0.0005") assert.ok(Array.from({ length: plan.n }, (_, i) => plan.rowPtr[i + 1]! - plan.rowPtr[i]!).includes(0));
    assertSameAsJs(spec, plan.n, fold(key(8), plan.n) as [number, number]);
  }
});

test("the module's slow path hands the tail and too-close wedges back at the right draw: both kinds, bit for bit", async () => {
  assert.ok(await prepareSimd());
  // ≈ 1.6·10⁻⁵ of draws stop in a restarted normal, ≈ 6·10⁻⁴ at a miss's own tail: 6·10⁵ draws see both.
  const n = 30000;
  const before = { ...slowPathStops };
  for (let t = 0; t < 10; t++) assertSameAsJs(`ws:${n}:6:0.1`, n, fold(key(90), t) as [number, number]);
  assert.ok(slowPathStops.miss - before.miss > 0, "a miss in the tail was finished in JavaScript");
  assert.ok(slowPathStops.restart - before.restart > 0, "a restarted normal was finished in JavaScript");
});

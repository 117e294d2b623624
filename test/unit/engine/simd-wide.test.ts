/**
 * L·X and the Langevin step for fields of any width in the SIMD module (engine/kernels/simd/simd-wide) against the
 * JavaScript loops they stand in for (impl.laplacianRows, impl.langevinRows), bit for bit: widths 1 to 9 and the
 * flows' 119 and 833 (every width mod 4, so the four-channel loads and the scalar tail both run), unit and weighted
 * couplings, isolated nodes, fields over several noise blocks, and enough draws that the ziggurat's misses are
 * finished from their block's stream.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { fillNormal, NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import { langevinRows, laplacianRows } from "../../../src/engine/kernels/loops/row-loops";
import { type GraphPlan, planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { prepareSimd } from "../../../src/engine/kernels/simd/simd-module";
import { simdLangevinWide, simdLaplacianWide } from "../../../src/engine/kernels/simd/simd-wide";

/** `plan` with weights 0.5 … 1.5 on its entries (symmetric is not needed for a row-by-row comparison). */
function weighted(plan: GraphPlan): GraphPlan {
  const weight = Float32Array.from(plan.col, (_, q) => 0.5 + ((q * 37) % 101) / 100);
  const degree = new Float32Array(plan.n);
  for (let i = 0; i < plan.n; i++) for (let q = plan.rowPtr[i]!; q < plan.rowPtr[i + 1]!; q++) degree[i]! += weight[q]!;
  return { ...plan, weight, degree };
}

function assertBitwise(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, what);
  for (let k = 0; k < want.length; k++) if (!Object.is(got[k], want[k])) assert.fail(`${what}: element ${k}: ${got[k]} vs ${want[k]}`);
}

const CASES: Array<{ spec: string; widths: number[] }> = [
  { spec: "er:300:0.004", widths: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, // isolated nodes (degree 0) among the rest
  { spec: "ws:500:4:0.1", widths: [119, 833] }, // the flow cells' N = 500 and widths
  { spec: `ws:${NOISE_BLOCK_ROWS + 37}:6:0.1`, widths: [3, 10] }, // two noise blocks, the second short
];

test("L·X of any width in the SIMD module equals the JavaScript loop bit for bit", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  for (const { spec, widths } of CASES)
    for (const plan of [planFor(graphFromSpec(spec, key(1))), weighted(planFor(graphFromSpec(spec, key(1))))])
      for (const C of widths) {
        const x = new Float32Array(plan.n * C);
        fillNormal(x, C, 0, plan.n, key(C));
        const want = new Float32Array(x.length);
        laplacianRows(plan, x, C, want, 0, plan.n, -0.37);
        const got = new Float32Array(x.length);
        assert.ok(simdLaplacianWide(plan, x, got, C, -0.37));
        assertBitwise(got, want, `${spec} C = ${C} weighted ${plan.weight !== null}`);
      }
});

test("the Langevin step of any width in the SIMD module equals the JavaScript loop bit for bit, misses included", async () => {
  assert.ok(await prepareSimd());
  let elements = 0;
  for (const { spec, widths } of CASES)
    for (const plan of [planFor(graphFromSpec(spec, key(2))), weighted(planFor(graphFromSpec(spec, key(2))))])
      for (const C of widths) {
        const x = new Float32Array(plan.n * C);
        fillNormal(x, C, 0, plan.n, key(100 + C));
        const k = key(200 + C) as [number, number];
        const want = new Float32Array(x.length);
        langevinRows(plan, x, C, 0.02, 0.3, k, want, 0, plan.n, new Float32Array(NOISE_BLOCK_ROWS * C));
        const got = new Float32Array(x.length);
        if (C === 2 && plan.weight === null) {
          // impl.langevinRows' fused unit pair, with its own roundings: the wide step declines it.
          assert.equal(simdLangevinWide(plan, x, got, C, 0.02, 0.3, k), false);
          continue;
        }
        assert.ok(simdLangevinWide(plan, x, got, C, 0.02, 0.3, k));
        assertBitwise(got, want, `${spec} C = ${C} weighted ${plan.weight !== null}`);
        elements += x.length;
      }
  // ≈ 2.8 % of draws miss the ziggurat's fast path: some 10⁴ misses were finished from their streams.
  assert.ok(elements > 1e6, `${elements} draws`);
});

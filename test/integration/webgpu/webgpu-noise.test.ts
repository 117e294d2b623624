import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { openGpu } from "../../../src/engine/webgpu/device";
import { philoxNormals } from "../../../src/engine/philox";
import { checkDrift, checkGraphs, checkNoise, wgslNormalBound } from "../../../src/bench/gpu-check";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// `emtd bench gpu`'s checks on the GPU at hand (SwiftShader on a machine without one): the WGSL Langevin step's
// drift within float32's rounding bound, its noise within the error the WGSL specification allows (not one
// vendor's), and the draws' moments.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is

test("the spec's bound on a Box–Muller draw: a few 10⁻⁴ at most, larger where r is large or u₁ near 1", () => {
  const k = key(0);
  let worst = 0;
  for (let i = 0; i < 4096; i++) {
    const bound = wgslNormalBound(i, 0, k);
    const [a, b] = philoxNormals(i, 0, k);
    const r = Math.hypot(a, b);
    assert.ok(bound >= r * 2 ** -11, `row ${i}: bound ${bound} below cos's own allowance at r = ${r}`);
    worst = Math.max(worst, bound);
  }
  // The old fixed tolerance (10⁻⁵) held on one vendor's GPU; the spec allows 2.8·10⁻³ at the largest r ≈ 5.77.
  assert.ok(worst > 1e-3 && worst < 5e-3, `largest bound ${worst}`);
});

test(
  "bench gpu's checks pass on this machine's WebGPU adapter: drift, and noise within the WGSL bound",
  { skip: missing ?? false },
  async () => {
    const gpu = await openGpu();
    const k = key(3);
    for (const g of checkGraphs()) {
      const drift = await checkDrift(gpu, g, k);
      assert.ok(drift.pass, `${g.kind}: ${JSON.stringify(drift)}`);
    }
    const noise = await checkNoise(gpu, 1 << 16, k);
    assert.ok(noise.pass, JSON.stringify(noise));
    gpu.device.destroy();
  },
);

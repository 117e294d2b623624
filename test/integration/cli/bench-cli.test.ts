import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { benchLangevin } from "../../../src/bench/bench-langevin";
import { setRingLaplacianMinRows } from "../../../src/engine/kernels/stencils/ring-stencil";

// Shape of the `emtd bench` contract only: speed is measured by the benchmarks, never asserted here.
const bin = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const emtd = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, EMTD_BACKEND: "cpu" } });

test("emtd bench langevin --json prints one object with msPerStep and the memory accounting", async () => {
  // An unstructured graph: its fused step reads the CSR plan and the packed graph.
  const r = emtd("bench", "langevin", "--graph", "ws:300:4:0.1", "--dim", "2", "--steps", "2", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.command, "bench langevin");
  for (const field of ["msPerStep", "ulaMsPerStep", "compositeMsPerStep", "genericMsPerStep", "jsLoopMsPerStep"]) {
    assert.ok(typeof out[field] === "number" && out[field] > 0, field);
  }
  const m = out.memory;
  assert.equal(m.planBytesPerEdge + m.graphBytesPerEdge, 24); // CSR plan 8 + packed graph 16
  assert.equal(out.bytesPerEdge, 24 + m.simdBytesPerEdge);
  assert.equal(out.bytesPerNode, 2 * 4 * 2 + 8 + 8 + m.simdBytesPerNode);
  assert.equal(out.nodes, 300);
  assert.equal(out.indexArrays, true);
  // A ring lattice is structured. Below 2²⁰ rows its fused step is the SIMD step with a small CSR (a stencil for the
  // interior rows); from 2²⁰ rows (forced here) the chunked stencil, which holds the field state only.
  const ring = JSON.parse(emtd("bench", "langevin", "--graph", "ring:300:4", "--dim", "2", "--steps", "2", "--json").stdout);
  assert.equal(ring.structure, "ring");
  assert.equal(ring.indexArrays, true);
  assert.equal(ring.stencil, true);
  assert.ok(ring.maxRssMB >= ring.rssMB * 0.99, "the peak is at least the resident memory at the end");
  const minRows = setRingLaplacianMinRows(0);
  try {
    const chunked = await benchLangevin({ graph: "ring:3000:4", dim: 2, steps: 2, seed: 1, backend: "cpu", fusedOnly: true });
    assert.equal(chunked.indexArrays, false);
    assert.equal(chunked.bytesPerEdge, 0);
    assert.equal(chunked.bytesPerNode, 2 * 4 * 2);
    // The stencil runs on every thread now (issue 23): a two-thread figure wherever there are two cores.
    assert.equal(chunked.twoThreadMsPerStep === null, availableParallelism() < 2);
  } finally {
    setRingLaplacianMinRows(minRows);
  }
  // 3·10⁸ nodes: the structured graph fits, the field does not fit tfjs-wasm's 32-bit heap: refused up front, one line.
  const big = emtd("bench", "langevin", "--graph", "ring:300000000:10", "--backend", "wasm", "--steps", "2");
  assert.equal(big.status, 2, big.stderr);
  assert.match(
    big.stderr,
    /tfjs-wasm's heap needs about 4\.47 GiB but the limit is 3\.50 GiB \(tfjs-wasm's 32-bit heap; use --backend cpu\)/,
  );
  assert.equal(
    big.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("npm warn")).length,
    1,
  );
});

test("emtd bench ising --json prints msPerSweep; bad kinds and odd sizes exit 2 naming the argument", () => {
  const r = emtd("bench", "ising", "--size", "16", "--sweeps", "2", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.msPerSweep > 0 && out.sites === 256);
  const bad = emtd("bench", "fast", "--json");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /first argument must be one of langevin, ising, all, scaling/);
  assert.equal(bad.stdout, "");
  const odd = emtd("bench", "ising", "--size", "15");
  assert.equal(odd.status, 2);
  assert.match(odd.stderr, /--size must be an even integer/);
});

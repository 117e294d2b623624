// The ambient model's fast path timed on the runs e-scale-thickens makes (a growing adversary, N/16 identities of
// weight ½ on ws(N, 4, 0.1), 20 time units, T = 0.5; the claim draws one run per network), with the engine's SIMD
// module ready as in the product, and the sha256 of what it returns, through the built dist/ of the checkout at ROOT:
// `node scripts/bench-ambient-fast.js ROOT` for two checkouts, interleaved, compares speed and shows whether the
// numbers are the same.
const root = require("node:path").resolve(process.argv[2] ?? ".");
const { simulateAmbientFast } = require(root + "/dist/src/studies/ambient/fast.js");
const { prepareSimd } = require(root + "/dist/src/engine/kernels/simd/simd-module.js");
const { key, uniformSource } = require(root + "/dist/src/engine/random.js");
const { wattsStrogatzGraph } = require(root + "/dist/src/graph/direct.js");
const crypto = require("node:crypto");
const { performance } = require("node:perf_hooks");
const cases = [
  [100000, 1, 6250],
  [100000, 2, 6250],
  [1600, 12, 100],
  [160, 100, 10],
  [16000, 1, 1000],
];
const h = crypto.createHash("sha256");
let total = 0;
(async () => {
  await prepareSimd();
  for (const [n, runs, ids] of cases) {
    const graph = wattsStrogatzGraph(n, 4, 0.1, uniformSource(key(7)));
    const t0 = performance.now();
    const tr = simulateAmbientFast(
      { graph, runs, duration: 20, temperature: 0.5, adversary: { identities: ids, weightEach: 0.5, targets: 3 }, recordEvery: 0.5 },
      key(3),
    );
    const ms = performance.now() - t0;
    total += ms;
    for (const a of [tr.times, tr.holdA, tr.holdB, tr.mean]) h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    console.log(n, runs, ms.toFixed(0), "ms");
  }
  console.log("total", total.toFixed(0), "hash", h.digest("hex").slice(0, 16));
})();

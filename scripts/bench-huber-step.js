// A user's coupling on a small field: one ULA step of huberCoupling (δ = 0.5) on p1.3-langevin's graph, ws(20, 4, 0.1)
// with two channels, through the fused kernel `EmtdHuberCoupling` (engine/kernels/configs/huber-kernel: H and ∇H in one
// op, the path `huberCoupling` takes on small fields) and through the composite it replaces (the same term with the
// kernel unregistered: 25 tfjs kernels a step). The two draw the same noise and compute the same numbers bit for bit
// (test/unit/hamiltonian/huber-kernel), so each round's end fields are checked equal. Each round times the paths back to
// back, alternating which runs first, after an untimed round of each; run `node scripts/bench-huber-step.js [rounds] [steps]` after `npx tsc -b`;
// prints each round and the medians in µs of wall time per step, quote `uptime` beside them.
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const root = path.resolve(__dirname, "..");
const tf = require(root + "/node_modules/@tensorflow/tfjs");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(rounds, steps) {
  const { ready } = require(root + "/dist/src/engine/backend.js");
  const { key, fold } = require(root + "/dist/src/engine/random.js");
  const { graphFromSpec } = require(root + "/dist/src/graph/spec.js");
  const { huberCoupling } = require(root + "/dist/src/hamiltonian/variants.js");
  const { ula } = require(root + "/dist/src/api/dynamics.js");
  const { HUBER_COUPLING } = require(root + "/dist/src/engine/kernels/configs/huber-kernel.js");
  const { huberCouplingWasmConfig } = require(root + "/dist/src/engine/kernels/configs/wasm/huber-wasm.js");
  await ready({ backend: "wasm" });
  const graph = graphFromSpec("ws:20:4:0.1", key(1));
  const sampler = ula(huberCoupling(graph, { delta: 0.5 }), { step: 0.02 / 7, temperature: 1 });
  const run = (fused) => {
    if (!fused) tf.unregisterKernel(HUBER_COUPLING, "wasm");
    let state = sampler.init(tf.randomNormal([20, 2], 0, 1, "float32", 3));
    const t0 = performance.now();
    for (let t = 0; t < steps; t++) state = sampler.step(state, fold(key(2), t))[0];
    const us = ((performance.now() - t0) * 1000) / steps;
    const end = Array.from(state.position.dataSync());
    tf.dispose([state.position, state.gradient]);
    if (!fused) tf.registerKernel(huberCouplingWasmConfig);
    return { us, end };
  };
  const times = { fused: [], composite: [] };
  run(true); // warm-up, untimed: V8's optimised code and tfjs's kernels for both paths
  run(false);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ["fused", "composite"] : ["composite", "fused"];
    const got = {};
    for (const p of order) got[p] = run(p === "fused");
    if (got.fused.end.some((v, i) => !Object.is(v, got.composite.end[i]))) throw new Error("the two paths' end fields differ");
    for (const p of order) times[p].push(got[p].us);
    console.log(`round ${r + 1}: fused ${got.fused.us.toFixed(1)} µs, composite ${got.composite.us.toFixed(1)} µs per step`);
  }
  const kernels = async (fused) => {
    if (!fused) tf.unregisterKernel(HUBER_COUPLING, "wasm");
    const state = sampler.init(tf.zeros([20, 2]));
    const p = await tf.profile(() => tf.dispose(Object.values(sampler.step(state, key(0))[0]).filter((t) => t instanceof tf.Tensor)));
    if (!fused) tf.registerKernel(huberCouplingWasmConfig);
    return p.kernels.length;
  };
  const [kf, kc] = [await kernels(true), await kernels(false)];
  const [f, c] = [median(times.fused), median(times.composite)];
  console.log(
    `medians over ${rounds} rounds of ${steps} steps: fused ${f.toFixed(1)} µs (${kf} kernels a step), composite ${c.toFixed(1)} µs (${kc}); composite / fused = ${(c / f).toFixed(2)}`,
  );
}

main(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 20000)).catch((e) => {
  console.error(e);
  process.exit(1);
});

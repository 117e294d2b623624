// §3.3's copy-and-accept sweep (spin/update-kernels copyAndAccept, the symmetric kernel of the Hajek repairs) timed as
// the product runs it, in the engine's WebAssembly module and in its JavaScript loop, beside a C loop of the same
// arithmetic (scripts/reference/copy-sweep.c, gcc -O2), interleaved: `node scripts/bench-copy-sweep.js [N] [K] [rounds]`
// after `npx tsc -b`. Prints each round and the medians in ns per node update.
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const { performance } = require("node:perf_hooks");
const root = path.resolve(__dirname, "..");
const { wattsStrogatzAdjacency } = require(root + "/dist/src/reference-port/smallworld.js");
const { copyAndAccept } = require(root + "/dist/src/spin/update-kernels.js");
const { uniformSource, key, fold } = require(root + "/dist/src/engine/random.js");
const { prepareSimd, setSimdEnabled } = require(root + "/dist/src/engine/kernels/simd/simd-module.js");

const [N, K, rounds] = [Number(process.argv[2] ?? 50), Number(process.argv[3] ?? 2), Number(process.argv[4] ?? 3)];
const SWEEPS = 10_000;
const RUNS = 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  await prepareSimd();
  const adjacency = wattsStrogatzAdjacency(N, 4, 0.1, uniformSource(key(3)));
  const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : 4));
  const schedule = { name: "logarithmic(c=6)", temperature: (t) => 6 / Math.log(t + Math.E) };
  const product = (wasm) => {
    setSimdEnabled(wasm);
    const t0 = performance.now();
    for (let r = 0; r < RUNS; r++) {
      const labels = Int32Array.from({ length: N }, (_, i) => (i * 7919 + r) % K);
      copyAndAccept(
        adjacency,
        labels,
        distances,
        K,
        { schedule, kernel: "symmetric", limit: SWEEPS, stop: false },
        uniformSource(fold(key(9), r)),
      );
    }
    setSimdEnabled(true);
    return ((performance.now() - t0) * 1e6) / (RUNS * SWEEPS * N);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-copy-bench-"));
  let c = null;
  try {
    execFileSync("gcc", ["-O2", "-o", path.join(dir, "copy-sweep"), path.join(root, "scripts/reference/copy-sweep.c"), "-lm"]);
    const graph = `${N} ${adjacency.col.length}\n${[...adjacency.rowPtr].join(" ")}\n${[...adjacency.col].join(" ")}\n`;
    c = () =>
      Number(
        /([\d.]+) ns\/node/.exec(
          execFileSync(path.join(dir, "copy-sweep"), [String(K), String(SWEEPS), String(RUNS)], { input: graph }).toString(),
        )[1],
      );
  } catch (e) {
    console.log(`no C baseline (gcc: ${e.message.split("\n")[0]})`);
  }
  const times = { wasm: [], js: [], c: [] };
  for (let round = 0; round < rounds; round++) {
    times.wasm.push(product(true));
    times.js.push(product(false));
    if (c) times.c.push(c());
    console.log(
      `round ${round + 1}: ${Object.entries(times)
        .filter(([, v]) => v.length > 0)
        .map(([k, v]) => `${k} ${v.at(-1).toFixed(1)}`)
        .join(", ")} ns/node`,
    );
  }
  const m = Object.fromEntries(
    Object.entries(times)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, median(v)]),
  );
  console.log(
    `medians (N = ${N}, K = ${K}, ${RUNS} runs × ${SWEEPS} sweeps): ${Object.entries(m)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(", ")} ns/node` + (m.c ? `; wasm/c ${(m.wasm / m.c).toFixed(2)}, js/wasm ${(m.js / m.wasm).toFixed(2)}` : ""),
  );
  fs.rmSync(dir, { recursive: true, force: true });
})();

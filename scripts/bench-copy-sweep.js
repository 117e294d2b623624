// §3.3's copy-and-accept update (the symmetric kernel of the Hajek repairs, T = 6/ln(t + e), no stop) timed three ways
// side by side, interleaved: the issue's "today's loop" (the one-run-at-a-time Alea sweep of
// src/engine/kernels/simd/copy-wat.ts as `git show 1babd0a:` holds it, the last commit before the lanes replaced
// it, assembled here and driven sweep by sweep as spin/update-kernels drove it), the lanes
// (ops/copy-sweep `copyRuns`: four runs to a group, Philox, on 1 and on 2 threads) and a C loop of the lanes' design
// (scripts/reference/copy-lanes.c, gcc -O3 -march=native, 2 threads, compiled into a temporary folder). Each run has
// its own ws(N, 4, 0.1). Usage, after `npx tsc -b`: `node scripts/bench-copy-sweep.js [N] [K] [rounds]`; the baseline's
// revision is EMTD_BENCH_BASELINE (default 1babd0a). Prints each round and the medians in ns of CPU and of wall per
// node update (CPU: the process's, every thread's), their ratios, and `uptime` (the machine is shared).
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const { performance } = require("node:perf_hooks");
const ts = require("typescript");
const { WebAssembly } = globalThis;
const seedrandom = require("seedrandom");
const root = path.resolve(__dirname, "..");
const { wattsStrogatzAdjacency } = require(root + "/dist/src/reference-port/smallworld.js");
const { copyRuns } = require(root + "/dist/src/ops/copy-sweep.js");
const { uniformSource, key, fold, seedOf } = require(root + "/dist/src/engine/random.js");
const { prepareSimd } = require(root + "/dist/src/engine/kernels/simd/simd-module.js");
const { assembleWat } = require(root + "/dist/src/engine/kernels/simd/wat-assembler.js");
const { configureThreads } = require(root + "/dist/src/engine/kernels/threads/pool.js");

const [N, K, rounds] = [Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 2), Number(process.argv[4] ?? 5)];
const SWEEPS = 2000;
const RUNS = 16;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const temperature = (t) => 6 / Math.log(t + Math.E);

/** ns of CPU (every thread of this process) and of wall per node update of `f`, which performs `updates` of them. */
function timed(f, updates) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: ((c.user + c.system) * 1e3) / updates, wall: (wall * 1e6) / updates };
}

/** Today's loop, from the baseline revision's WAT text, or null (with why) where git or the file is not there. */
async function todaysLoop(graphs, distances) {
  const rev = process.env.EMTD_BENCH_BASELINE ?? "1babd0a";
  let source;
  try {
    source = execFileSync("git", ["show", `${rev}:src/engine/kernels/simd/copy-wat.ts`], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    console.log(`no baseline: ${rev} has no src/engine/kernels/simd/copy-wat.ts here`);
    return null;
  }
  const module = { exports: {} };
  new Function(
    "module",
    "exports",
    ts.transpileModule(source.toString(), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText,
  )(module, module.exports);
  const { COPY_IMPORTS, COPY_WAT } = module.exports;
  const text = `(module (import "env" "memory" (memory 1 65536 shared)) ${COPY_IMPORTS} ${COPY_WAT})`;
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true });
  const { exports: ex } = new WebAssembly.Instance(await WebAssembly.compile(await assembleWat("copy-today.wat", text)), {
    env: { memory },
    math: { exp: Math.exp },
  });
  // Its layout (simd-copy.ts at the baseline): distances, Alea's state, the factor cache, rows, columns, labels.
  const at = { dist: 0, state: 1024, cache: 2048, row: 4096 };
  return () => {
    for (let r = 0; r < RUNS; r++) {
      const { rowPtr, col } = graphs[r];
      const colAt = at.row + 4 * (N + 1 + 3);
      const labAt = colAt + 4 * (col.length + 3);
      new Float64Array(memory.buffer, at.dist, K * K).set(distances);
      new Float64Array(memory.buffer, at.cache, 64).fill(Number.NaN);
      new Int32Array(memory.buffer, at.row, N + 1).set(rowPtr);
      new Int32Array(memory.buffer, colAt, col.length).set(col);
      const labels = new Int32Array(memory.buffer, labAt, N);
      for (let i = 0; i < N; i++) labels[i] = (i * 7919 + r) % K;
      const alea = seedrandom.alea(String(seedOf(fold(key(9), r))), { state: true }).state();
      const state = new Float64Array(memory.buffer, at.state, 4);
      for (let t = 0; t < SWEEPS; t++) {
        [state[0], state[1], state[2], state[3]] = [alea.s0, alea.s1, alea.s2, alea.c];
        ex.copySweep(N, at.row, colAt, labAt, at.dist, K, 2, 0, temperature(t), at.state, at.cache);
        [alea.s0, alea.s1, alea.s2, alea.c] = [state[0], state[1], state[2], state[3]];
      }
    }
  };
}

(async () => {
  if (!(await prepareSimd())) throw new Error("the SIMD module is not available here");
  const graphs = Array.from({ length: RUNS }, (_, r) => wattsStrogatzAdjacency(N, 4, 0.1, uniformSource(fold(key(3), r))));
  const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : 4));
  const keys = graphs.map((_, r) => fold(key(9), r));
  const updates = RUNS * SWEEPS * N;
  let checksum = 0;
  const lanes = (threads) => () => {
    configureThreads({ threads });
    const runs = graphs.map((network, r) => ({
      network,
      labels: Int32Array.from({ length: N }, (_, i) => (i * 7919 + r) % K),
      schedule: { temperature },
      limit: SWEEPS,
      stop: false,
    }));
    copyRuns(runs, { distances, K, kernel: "symmetric" }, keys);
    checksum = runs.reduce((s, run) => s + run.labels.reduce((a, b) => a + b, 0), 0);
  };
  const today = await todaysLoop(graphs, distances);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-copy-bench-"));
  let c = null;
  try {
    const exe = path.join(dir, "copy-lanes");
    execFileSync("gcc", ["-O3", "-march=native", "-o", exe, path.join(root, "scripts/reference/copy-lanes.c"), "-lm", "-lpthread"]);
    const temps = Array.from({ length: SWEEPS }, (_, t) => temperature(t).toPrecision(17)).join(" ");
    const runs = graphs.map(
      (g, r) => `${keys[r][0]} ${keys[r][1]} ${N} ${g.col.length}\n${[...g.rowPtr].join(" ")}\n${[...g.col].join(" ")}`,
    );
    const input = `${K} ${SWEEPS} ${RUNS}\n${temps}\n${runs.join("\n")}\n`;
    c = () => {
      const out = execFileSync(exe, ["2"], { input }).toString();
      const [, cpu, wall, sum] = /([\d.]+) cpu-ns\/node ([\d.]+) wall-ns\/node checksum (\d+)/.exec(out);
      return { cpu: Number(cpu), wall: Number(wall), checksum: Number(sum) };
    };
  } catch (e) {
    console.log(`no C baseline (gcc: ${e.message.split("\n")[0]})`);
  }
  const times = { today: [], lanes1: [], lanes2: [], c2: [] };
  let cSum = null;
  for (let round = 0; round < rounds; round++) {
    if (today) times.today.push(timed(today, updates));
    times.lanes1.push(timed(lanes(1), updates));
    times.lanes2.push(timed(lanes(2), updates));
    if (c) {
      const m = c();
      cSum = m.checksum;
      times.c2.push(m);
    }
    const shown = Object.entries(times).filter(([, v]) => v.length > round);
    console.log(
      `round ${round + 1}: ${shown.map(([k, v]) => `${k} ${v[round].cpu.toFixed(2)}/${v[round].wall.toFixed(2)}`).join(", ")} ns cpu/wall`,
    );
  }
  configureThreads({ threads: os.availableParallelism() });
  const m = {};
  for (const [k, v] of Object.entries(times))
    if (v.length > 0) m[k] = { cpu: median(v.map((x) => x.cpu)), wall: median(v.map((x) => x.wall)) };
  console.log(
    `medians (N = ${N}, K = ${K}, ${RUNS} runs × ${SWEEPS} sweeps, ${rounds} rounds), ns per node update cpu/wall: ` +
      Object.entries(m)
        .map(([k, v]) => `${k} ${v.cpu.toFixed(2)}/${v.wall.toFixed(2)}`)
        .join(", "),
  );
  const ratio = (a, b, f) => (m[a] && m[b] ? (m[a][f] / m[b][f]).toFixed(2) : "n/a");
  console.log(
    `today/lanes (2 threads): cpu ${ratio("today", "lanes2", "cpu")}×, wall ${ratio("today", "lanes2", "wall")}×; ` +
      `lanes/C (2 threads): cpu ${ratio("lanes2", "c2", "cpu")}×, wall ${ratio("lanes2", "c2", "wall")}×; ` +
      `labels ${cSum === null ? "not compared" : cSum === checksum ? "the same as C's (checksum " + checksum + ")" : `differ from C's (${checksum} vs ${cSum})`}`,
  );
  console.log(`uptime: ${execFileSync("uptime").toString().trim()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
})();

// The ±1-spin loops that claims run hundreds of times, timed with uniformSource's JavaScript Philox blocks (`js`, the
// path before kernels/simd/philox-blocks), with its WebAssembly blocks (`wasm`), and with the sweep itself in
// WebAssembly (`sweep`: kernels/simd/spin-sweep, through spinSweeps; the loops the claims run since): §3.3's sweep through
// runUpdateLoop (runSweeps under `sweep`) on p2.2-annealing's landscape (ws(50, 4, 0.1), T₀ = 100 × 0.95, 1000 sweeps,
// kernels node0 and neighbour) and the §3.1 chart's gossipRounds through metropolisGossip (ws(n, 4, 0.1), the same
// schedule; `sweep` leaves it as `wasm`). Each round runs the paths in fresh child processes, alternating, so none
// inherits another's optimised code; the paths draw the same numbers, so each run's counts (checked) are the same. Run `node scripts/bench-spin-loops.js
// [rounds]` after `npx tsc -b`; prints each round and the medians in ns of wall time per node update (updateSweep:
// per node visited in a sweep; gossipRounds: per push counted), quote `uptime` beside them.
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const root = path.resolve(__dirname, "..");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One path's timings in this process: `js` leaves uniformSource on its JavaScript blocks, `wasm` prepares the module, `sweep` the sweep's too. */
async function child(mode) {
  const { preparePhiloxBlocks } = require(root + "/dist/src/engine/kernels/simd/philox-blocks.js");
  const { prepareSpinSweep } = require(root + "/dist/src/engine/kernels/simd/spin-sweep.js");
  if (mode !== "js" && !(await preparePhiloxBlocks())) throw new Error("the WebAssembly blocks could not be built");
  if (mode === "sweep" && !(await prepareSpinSweep())) throw new Error("the WebAssembly sweep could not be built");
  const { key, fold, split, uniformSource } = require(root + "/dist/src/engine/random.js");
  const { wsSpinProblem } = require(root + "/dist/src/reference-port/spin-problem.js");
  const { problemCsr, randomSpins } = require(root + "/dist/src/spin/problem.js");
  const { runUpdateLoop, runSweeps, spinSweeps } = require(root + "/dist/src/spin/update-kernels.js");
  const { metropolisGossip } = require(root + "/dist/src/analysis/messages.js");
  const { geometric } = require(root + "/dist/src/dynamics/schedules.js");
  const schedule = () => geometric({ initial: 100, rate: 0.95 });
  const sweeps = (kernel, runs) => {
    let updates = 0;
    let check = 0;
    let seconds = 0;
    for (let r = 0; r < runs; r++) {
      const [kGraph, kStart, kMoves] = split(fold(key(7), r), 3);
      const g = problemCsr(wsSpinProblem(50, kGraph));
      const spin = randomSpins(50, uniformSource(kStart));
      const t0 = performance.now();
      const o = { limit: 1000, stop: false };
      const run =
        mode === "sweep"
          ? runSweeps(kernel, spin, schedule(), spinSweeps(kernel, g, kMoves), o)
          : runUpdateLoop(kernel, g, spin, schedule(), uniformSource(kMoves), o);
      seconds += performance.now() - t0;
      updates += run.sweeps * 50;
      check += run.sweeps + spin[0] + run.flow;
    }
    return { ns: (seconds * 1e6) / updates, check };
  };
  const gossip = (n, runs) => {
    let pushes = 0;
    let check = 0;
    let seconds = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const g = metropolisGossip(n, { value: 3.14159, schedule: schedule() }, fold(key(8), r));
      seconds += performance.now() - t0;
      pushes += g.pushes;
      check += g.rounds + g.reads;
    }
    return { ns: (seconds * 1e6) / pushes, check };
  };
  const cases = {
    "updateSweep node0": () => sweeps("node0", 400),
    "updateSweep neighbour": () => sweeps("neighbour", 100),
    "gossipRounds n=1000": () => gossip(1000, 200),
    "gossipRounds n=100000": () => gossip(100000, 4),
  };
  for (const run of Object.values(cases)) run(); // warm up: V8's optimised code for every case before timing
  const out = Object.fromEntries(Object.entries(cases).map(([name, run]) => [name, run()]));
  process.stdout.write(JSON.stringify(out));
}

function parent(rounds) {
  const seen = {};
  const checks = {};
  for (let r = 0; r < rounds; r++) {
    const line = [];
    for (const mode of ["js", "wasm", "sweep"]) {
      const got = JSON.parse(
        execFileSync(process.execPath, [path.join(__dirname, "bench-spin-loops.js"), "--child", mode], { encoding: "utf8" }),
      );
      for (const [name, { ns, check }] of Object.entries(got)) {
        (seen[`${name}: ${mode}`] ??= []).push(ns);
        if ((checks[name] ??= check) !== check) throw new Error(`${name}: the two paths' runs differ (${checks[name]} vs ${check})`);
        line.push(`${name} ${mode} ${ns.toFixed(1)}`);
      }
    }
    console.log(`round ${r + 1}: ${line.join(", ")}`);
  }
  console.log("medians, ns per node update:");
  for (const [name, xs] of Object.entries(seen).sort()) console.log(`  ${name.padEnd(32)} ${median(xs).toFixed(1)}`);
}

if (process.argv[2] === "--child") child(process.argv[3]);
else parent(Number(process.argv[2] ?? 5));

// The ambient model's one step timed as the essay's claims run it, side by side in one process: the former tensor
// path (test/ambient-tensor.ts, tfjs), the SIMD step one run at a time ({ firstRun: r, runs: 1 } for each r), the
// same runs as lanes of one field (runs: R), and a C loop of the same update (scripts/reference/ambient-step.c,
// compiled here with gcc -O3 -march=native into a temporary folder; R runs node-major, one stream per run), in
// interleaved rounds. `node scripts/bench-ambient.js [rounds] [runs] [networks]` after `npx tsc -b` (186 networks:
// e-detached-dissolve's 1488 runs in blocks of 8, the size at which the tensor path's per-op costs are amortised). Prints each round and the
// medians in ns of CPU per node update (process CPU time over steps × nodes × runs, one Euler step per h on every
// path, simulateAmbient's default), and the ratios.
// Two workloads: e-detached-dissolve's (networks of ws:64:6:0.1, node 0 of each detaching at t = 5 and fading at
// rate 2: participation that varies in time; T = 0.5, 45 time units) and a finality-like one (the same networks, an
// adversary identity of weight ½ on 3 nodes per network, constant participation, 20 time units).
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const root = path.resolve(__dirname, "..");
const { simulateAmbient, adversaryLoad } = require(root + "/dist/src/studies/ambient/simulate.js");
const { simulateAmbientTensor } = require(root + "/dist/test/ambient-tensor.js");
const { ambientGraph } = require(root + "/dist/src/studies/ambient/networks.js");
const { disjointUnion } = require(root + "/dist/src/graph/union.js");
const { symmetricCsr } = require(root + "/dist/src/engine/edges.js");
const { key, fold, split } = require(root + "/dist/src/engine/random.js");
const { ready } = require(root + "/dist/src/engine/backend.js");
const { prepareSimd } = require(root + "/dist/src/engine/kernels/simd/simd-module.js");
const { releaseGraph } = require(root + "/dist/src/ops/tensors.js");
const { ZIGGURAT, ZIGGURAT_FAST } = require(root + "/dist/src/engine/fastrandom.js");

const [rounds, R, NETWORKS] = [Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 8), Number(process.argv[4] ?? 8)];
const NODES = 64;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6; // seconds of the process's CPU
};

const workloads = [
  {
    name: "detachment (participation varies in time)",
    duration: 45,
    detachAt: 5,
    options: (graph) => ({
      graph,
      networks: NETWORKS,
      duration: 45,
      temperature: 0.5,
      fade: 2,
      participation: (t) => Float32Array.from({ length: NODES }, (_, i) => (i === 0 && t >= 5 ? 0 : 1)),
      excludeFromObservables: [0],
      watch: [0],
      recordEvery: 0.5,
    }),
  },
  {
    name: "finality-like (an adversary, constant participation)",
    duration: 20,
    detachAt: -1,
    adversary: { identities: 1, weightEach: 0.5, targets: 3 },
    options: (graph) => ({
      graph,
      networks: NETWORKS,
      duration: 20,
      temperature: 0.5,
      adversary: { identities: 1, weightEach: 0.5, targets: 3 },
      recordEvery: 0.5,
    }),
  },
];

(async () => {
  await ready();
  await prepareSimd();
  const graph = disjointUnion(Array.from({ length: NETWORKS }, (_, c) => ambientGraph(NODES, fold(key(7), c))));
  const n = graph.n;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-ambient-bench-"));
  let cc = null;
  try {
    execFileSync("gcc", [
      "-O3",
      "-march=native",
      "-o",
      path.join(dir, "ambient-step"),
      path.join(root, "scripts/reference/ambient-step.c"),
      "-lm",
    ]);
    cc = path.join(dir, "ambient-step");
  } catch (e) {
    console.log(`no C baseline (gcc: ${e.message.split("\n")[0]})`);
  }
  const { rowPtr, col, weight } = symmetricCsr(graph);
  for (const w of workloads) {
    const o = w.options(graph);
    const steps = Math.round(w.duration / 0.05);
    const updates = steps * n * R;
    // The adversary's load as simulate.ts draws it (per network, from the key's first half), for the C loop's constants.
    const load = new Float64Array(n);
    if (w.adversary) {
      const [adversaryKey] = split(key(3), 2);
      for (let c = 0; c < NETWORKS; c++) load.set(adversaryLoad(NODES, w.adversary, fold(adversaryKey, c)), c * NODES);
    }
    const input = [
      `${n} ${col.length} ${NETWORKS}`,
      [...rowPtr].join(" "),
      [...col].join(" "),
      [...weight].join(" "),
      [...load].join(" "),
      // The library's ziggurat tables, for the C loop's generator.
      [...ZIGGURAT_FAST.K8].join(" "),
      [...ZIGGURAT_FAST.W8].map((v) => v.toPrecision(17)).join(" "),
      [...ZIGGURAT.X].map((v) => v.toPrecision(17)).join(" "),
      [...ZIGGURAT.F].map((v) => v.toPrecision(17)).join(" "),
      ZIGGURAT.R.toPrecision(17),
    ].join("\n");
    const timed = (body, reps = 1) => {
      const t0 = cpu();
      for (let k = 0; k < reps; k++) body();
      return ((cpu() - t0) * 1e9) / (updates * reps);
    };
    const reps = NETWORKS > 32 ? 1 : 3; // the fast paths repeated where one call is short
    const paths = {
      tensor: () => timed(() => simulateAmbientTensor({ ...o, runs: R }, key(3))),
      "step, one run at a time": () =>
        timed(() => {
          for (let r = 0; r < R; r++) simulateAmbient({ ...o, runs: 1, firstRun: r }, key(3));
        }, reps),
      [`lanes (K = ${R})`]: () => timed(() => simulateAmbient({ ...o, runs: R }, key(3)), reps),
      // The same lanes without noise (T = 0): what the step costs without the normals.
      "lanes, no noise": () => timed(() => simulateAmbient({ ...o, runs: R, temperature: 0 }, key(3)), reps),
    };
    let substeps = "?";
    if (cc) {
      const c = (runs) => () => {
        const out = execFileSync(cc, [String(runs), String(steps), "0.05", "0.5", "1", "0.1", "1", "-1", String(w.detachAt), "2", "3"], {
          input,
        }).toString();
        substeps = /substeps (\d+)/.exec(out)[1];
        return Number(/ns\/node ([\d.]+)/.exec(out)[1]);
      };
      paths["C, one run at a time"] = c(1);
      paths[`C lanes (K = ${R})`] = c(R);
    }
    const times = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
    console.log(`${w.name}: ${NETWORKS} networks × ws:${NODES}:6:0.1, ${R} runs, ${steps} steps`);
    for (let round = 0; round < rounds; round++) {
      for (const [k, f] of Object.entries(paths)) times[k].push(f());
      console.log(
        `  round ${round + 1}: ${Object.entries(times)
          .map(([k, v]) => `${k} ${v.at(-1).toFixed(1)}`)
          .join(", ")} ns/node`,
      );
    }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    console.log(
      `  medians of ${rounds} interleaved rounds: ${Object.entries(m)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", ")} ns/node`,
    );
    console.log(`  (the C loop took ${substeps} substep(s) per h, as every path here)`);
    const lanes = m[`lanes (K = ${R})`];
    const ratio = (a, b) => `${a} / ${b} = ${m[a].toFixed(1)} / ${m[b].toFixed(1)} = ${(m[a] / m[b]).toFixed(2)}`;
    console.log(`  ${ratio("tensor", `lanes (K = ${R})`)}`);
    console.log(`  ${ratio("step, one run at a time", `lanes (K = ${R})`)}`);
    if (cc && lanes) {
      console.log(`  ${ratio(`lanes (K = ${R})`, `C lanes (K = ${R})`)}`);
      console.log(`  ${ratio("step, one run at a time", "C, one run at a time")}`);
    }
  }
  releaseGraph(graph);
  fs.rmSync(dir, { recursive: true, force: true });
})();

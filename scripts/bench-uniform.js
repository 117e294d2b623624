// engine/random's streams timed before and after Philox (issue 72 item 1), interleaved: `uniformSource` (Philox4x32-10
// blocks, two uniforms each) against the Alea source it replaced (seedrandom's alea state stepped as the old
// `aleaNext`, operation for operation), on a long stream and on a fresh source per four draws (a key folded per step);
// and `normal` (Box–Muller on Philox words) against tfjs's randomNormal on the cpu backend. Run
// `node scripts/bench-uniform.js [rounds]` after `npx tsc -b`; prints each round and the medians in ns of wall time per
// draw (run it on an idle machine, or quote `uptime` beside it).
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const seedrandom = require("seedrandom");
const root = path.resolve(__dirname, "..");
const tf = require("@tensorflow/tfjs");
const { uniformSource, normal, key, fold, seedOf } = require(root + "/dist/src/engine/random.js");

const rounds = Number(process.argv[2] ?? 7);
const LONG = 4_000_000;
const FRESH = 200_000; // sources, four draws each
const NORMALS = 1_000_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The former uniformSource: seedrandom's Alea seeded by seedOf(k), its step inlined as aleaNext was. */
function aleaSource(k) {
  const s = seedrandom.alea(String(seedOf(k)), { state: true }).state();
  return () => {
    const t = 2091639 * s.s0 + s.c * 2.3283064365386963e-10;
    s.s0 = s.s1;
    s.s1 = s.s2;
    return (s.s2 = t - (s.c = t | 0));
  };
}

/** ns per draw of one long stream from `make(key)`. */
function long(make) {
  const u = make(key(1));
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < LONG; i++) sum += u();
  const ns = ((performance.now() - t0) * 1e6) / LONG;
  if (!(Math.abs(sum / LONG - 0.5) < 0.01)) throw new Error(`mean ${sum / LONG}`);
  return ns;
}

/** ns per draw when each source serves four draws (a fresh key per step). */
function fresh(make) {
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < FRESH; i++) {
    const u = make(fold(key(2), i));
    sum += u() + u() + u() + u();
  }
  const ns = ((performance.now() - t0) * 1e6) / (4 * FRESH);
  if (!(Math.abs(sum / (4 * FRESH) - 0.5) < 0.01)) throw new Error(`mean ${sum / (4 * FRESH)}`);
  return ns;
}

/** ns per element of a float32 normal tensor of NORMALS elements. */
function normals(draw) {
  const t0 = performance.now();
  const z = draw(NORMALS);
  z.dataSync();
  const ns = ((performance.now() - t0) * 1e6) / NORMALS;
  z.dispose();
  return ns;
}

(async () => {
  await tf.setBackend("cpu");
  const cases = {
    "long stream: Alea (before)": () => long(aleaSource),
    "long stream: Philox (after)": () => long(uniformSource),
    "fresh source, 4 draws: Alea (before)": () => fresh(aleaSource),
    "fresh source, 4 draws: Philox (after)": () => fresh(uniformSource),
    "normal tensor: tf.randomNormal, cpu (before)": () => normals((n) => tf.randomNormal([n], 0, 1, "float32", seedOf(key(3)))),
    "normal tensor: Philox Box–Muller (after)": () => normals((n) => normal(key(3), [n])),
  };
  const seen = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const run of Object.values(cases)) run(); // warm up: V8's optimised code for every case before timing
  for (let r = 0; r < rounds; r++) {
    const line = [];
    for (const [name, run] of Object.entries(cases)) {
      const ns = run();
      seen[name].push(ns);
      line.push(ns.toFixed(1));
    }
    console.log(`round ${r + 1}: ${line.join("  ")}`);
  }
  console.log("medians, ns per draw:");
  for (const [name, xs] of Object.entries(seen)) console.log(`  ${name.padEnd(46)} ${median(xs).toFixed(1)}`);
})();

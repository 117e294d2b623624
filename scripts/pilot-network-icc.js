// The pilot behind the essay claims' power plans over networks (src/studies/ambient/essay-plan.ts PLANNING_ICC): the
// intraclass correlation of a run's outcome within a network, for the rates the essay claims decide, at the headline
// cell (T = 0.5, γ = 0.1, κ = 1) with the model's degree 6 and §3.3's 4. 40 networks of 8 runs each, simulated as one
// disjoint union, at key(777), which no claim decides with. `node scripts/pilot-network-icc.js [networks]` after
// `npx tsc -b`; prints each rate with its ICC and design effect.
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const { ready } = require(root + "/dist/src/engine/backend.js");
const { key, fold } = require(root + "/dist/src/engine/random.js");
const { ambientGraph } = require(root + "/dist/src/studies/ambient/networks.js");
const { sybilOverNetworks, persistenceOverNetworks } = require(root + "/dist/src/studies/ambient/ambient-experiments.js");
const { doubleSpendOverNetworks } = require(root + "/dist/src/studies/ambient/double-spend.js");
const { clusteredProportion, intraclassCorrelation } = require(root + "/dist/src/stats/clustered.js");

const networks = Number(process.argv[2] ?? 40);
const runs = 8;
const base = key(777);
const design = { runs, networks, temperature: 0.5, decay: 0.1 };

function report(name, blocks) {
  const p = clusteredProportion(blocks);
  const icc = intraclassCorrelation(blocks);
  console.log(
    `${name.padEnd(44)} ${String(p.k).padStart(4)}/${p.n}  ICC ${Number.isNaN(icc) ? "  n/a" : icc.toFixed(3)}  design effect ${p.designEffect.toFixed(2)}`,
  );
}

(async () => {
  await ready();
  for (const degree of [6, 4]) {
    const network = (n, b = 0) => ambientGraph(n, fold(fold(fold(base, degree), n), b), degree);
    const split = doubleSpendOverNetworks(fold(base, 1), { ...design, nodes: 64, duration: 30, network });
    report(
      `e-double-spend split, k = ${degree}`,
      split.map((d) => ({ k: d.split.k, n: d.runs })),
    );
    for (const arm of [0, 1]) {
      const sybil = sybilOverNetworks("budget", fold(base, 2), { ...design, identities: [1, 16], nodes: 64, duration: 20, network });
      report(
        `e-sybil displaced, ${arm === 0 ? 1 : 16} identities (budget), k = ${degree}`,
        sybil.map((points) => points[arm].displaced),
      );
    }
    for (const gamma of [0.1, 0.3]) {
      const cells = persistenceOverNetworks(fold(base, 3), {
        ...design,
        decays: [gamma],
        participations: [1],
        nodes: 64,
        duration: 40,
        network,
      });
      report(
        `e-persistence persisting, γ = ${gamma}, k = ${degree}`,
        cells.map((c) => c[0].persisting),
      );
    }
  }
})();

import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { UndirectedGraph } from "graphology";
import { ready } from "../../../src/engine/backend";
import { fold, key, uniform } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { fromGraphology, type Graph } from "../../../src/graph/graph";
import { isProperColouring } from "../../../src/graph/coloring";
import { releaseGraph } from "../../../src/ops/tensors";
import { isingEnergy, isingGraph, isingLattice } from "../../../src/spin/ising/ising-system";
import { isingSampler, type Estimate } from "../../../src/spin/ising/ising-sampler";
import { runIsing } from "../../../src/spin/ising/ising-run";
import { disposeState } from "../../../src/dynamics/types";
import { isingSweepsReference } from "../../../src/ops/ising-sweep";
import {
  CRITICAL_TEMPERATURE,
  correlationLength,
  ellipticK,
  isingEnumeration,
  onsagerEnergy,
  yangMagnetization,
} from "../../../src/spin/ising/ising-exact";
import { ArgumentError } from "../../../src/errors";
import { onEachBackend } from "../../helpers";

/** z-score threshold for each MC comparison: with ~30 comparisons, a correct sampler fails one with p ≈ 2e-3. */
const Z = 4;

function assertWithin(estimate: Estimate, exact: number, label: string): void {
  const z = Math.abs(estimate.value - exact) / estimate.mcse;
  assert.ok(estimate.mcse > 0 && Number.isFinite(estimate.mcse), `${label}: MCSE ${estimate.mcse}`);
  assert.ok(
    z < Z,
    `${label}: ${estimate.value} vs exact ${exact}, |z| = ${z.toFixed(2)} (MCSE ${estimate.mcse}, ESS ${estimate.ess.toFixed(0)})`,
  );
}

test("elliptic K matches reference values (A&S 17.3; Cephes ellpk via SciPy) and its limits", () => {
  // K(1/√2) = Γ(1/4)² / (4√π), the lemniscatic case.
  const cases: Array<[number, number]> = [
    [0, Math.PI / 2],
    [0.5, 1.685750354812596],
    [Math.SQRT1_2, 1.8540746773013723],
    [0.9, 2.2805491384227703],
    [0.99, 3.3566005233611915],
  ];
  for (const [k, expected] of cases) assert.ok(Math.abs(ellipticK(k) - expected) < 1e-13 * expected, `K(${k}) = ${ellipticK(k)}`);
  // Near k = 1 (where Onsager's κ → 1 at T_c): K = ln(4/k') + (k'²/4)(ln(4/k') − 1) + O(k'⁴ ln k'), k' = √(1 − k²).
  for (const k of [0.999999, 1 - 1e-12]) {
    const kp = Math.sqrt((1 - k) * (1 + k));
    const series = Math.log(4 / kp) + ((kp * kp) / 4) * (Math.log(4 / kp) - 1);
    assert.ok(Math.abs(ellipticK(k) - series) < 1e-12 * series, `K(${k}) = ${ellipticK(k)} vs ${series}`);
  }
  assert.equal(ellipticK(1), Number.POSITIVE_INFINITY);
  assert.throws(() => ellipticK(1.5), ArgumentError);
});

test("Onsager's u(T) and Yang's M(T): T_c, u(T_c) = −√2 and the low- and high-temperature expansions", () => {
  assert.ok(Math.abs(CRITICAL_TEMPERATURE - 2.269185314213022) < 1e-12);
  assert.ok(Math.abs(onsagerEnergy(CRITICAL_TEMPERATURE) + Math.SQRT2) < 1e-12);
  // u is continuous through T_c (the K term's coefficient vanishes there).
  assert.ok(Math.abs(onsagerEnergy(CRITICAL_TEMPERATURE * (1 + 1e-9)) + Math.SQRT2) < 1e-6);
  // Low T: Z = e^{2Nβ}(1 + N e^{−8β} + 2N e^{−12β} + …) ⇒ u = −2 + 8e^{−8β} + O(e^{−12β}); M = 1 − 2e^{−8β} + O(e^{−12β}).
  for (const t of [0.4, 0.5]) {
    const b = 1 / t;
    assert.ok(Math.abs(onsagerEnergy(t) - (-2 + 8 * Math.exp(-8 * b))) < 30 * Math.exp(-12 * b), `u(${t})`);
    assert.ok(Math.abs(yangMagnetization(t) - (1 - 2 * Math.exp(-8 * b))) < 30 * Math.exp(-12 * b), `M(${t})`);
  }
  // High T: u = −2 tanh β (1 + O(tanh² β)) (the first closed loops are plaquettes, weight tanh⁴ β).
  for (const t of [20, 50]) {
    const th = Math.tanh(1 / t);
    assert.ok(Math.abs(onsagerEnergy(t) + 2 * th) < 20 * th ** 3, `u(${t})`);
  }
  assert.equal(yangMagnetization(CRITICAL_TEMPERATURE), 0);
  assert.equal(yangMagnetization(3), 0);
  // M ∝ (T_c − T)^{1/8} near T_c: shrinking the distance 100-fold scales M by 100^{−1/8}.
  const ratio = yangMagnetization(CRITICAL_TEMPERATURE * (1 - 1e-8)) / yangMagnetization(CRITICAL_TEMPERATURE * (1 - 1e-6));
  assert.ok(Math.abs(ratio - 100 ** -0.125) < 1e-4, `ratio ${ratio}`);
  assert.ok(correlationLength(2) < 2.5 && correlationLength(3) < 2.5 && correlationLength(2.25) > 30);
});

test("enumeration reproduces the two-spin closed form and a brute-force sum on a weighted graph", () => {
  const pair = new UndirectedGraph();
  pair.addNode("a");
  pair.addNode("b");
  pair.addEdge("a", "b");
  for (const t of [0.7, 2]) {
    const b = 1 / t;
    const [x] = isingEnumeration(fromGraphology(pair), [t]);
    assert.ok(Math.abs(x!.energyPerSpin + Math.tanh(b) / 2) < 1e-14);
    assert.ok(Math.abs(x!.absMagnetization - Math.exp(b) / (Math.exp(b) + Math.exp(-b))) < 1e-14);
  }
  // Brute force: every state by its bits, H from the edge list, no Gray code, no shift.
  const g = weightedRing();
  const t = 1.7;
  let z = 0;
  let se = 0;
  let sm = 0;
  for (let s = 0; s < 2 ** g.n; s++) {
    const spin = (i: number) => ((s >> i) & 1 ? -1 : 1);
    let h = 0;
    for (let e = 0; e < g.edgeCount; e++) h -= g.weight[e]! * spin(g.src[e]!) * spin(g.dst[e]!);
    let m = 0;
    for (let i = 0; i < g.n; i++) m += spin(i);
    const w = Math.exp(-h / t);
    z += w;
    se += w * h;
    sm += w * Math.abs(m);
  }
  const [x] = isingEnumeration(g, [t]);
  assert.ok(Math.abs(x!.energyPerSpin - se / z / g.n) < 1e-12);
  assert.ok(Math.abs(x!.absMagnetization - sm / z / g.n) < 1e-12);
});

/** ring:10:4 (triangles: not bipartite, three colours) with couplings 0.5, 1, 1.5 in turn. */
function weightedRing(): Graph {
  const base = graphs.ring(10, 4).graphology.copy();
  let i = 0;
  base.forEachEdge((edge) => base.setEdgeAttribute(edge, "weight", 0.5 + 0.5 * (i++ % 3)));
  return fromGraphology(base, { label: "weighted ring:10:4" });
}

test("the roll-based lattice field equals the sparse adjacency product on the torus; checkerboard is proper", async () => {
  await onEachBackend(() => {
    for (const L of [4, 6]) {
      const lattice = isingLattice(L);
      const torus = graphs.torus(L);
      const generic = isingGraph(torus);
      assert.ok(isProperColouring(torus, [...lattice.colours]));
      assert.equal(lattice.colours.length, 2);
      const spins = tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.less(uniform(key(L), [L * L, 3]), 0.5), "float32"), 2), 1) as tf.Tensor2D);
      const a = lattice.localField(spins);
      const b = generic.localField(spins);
      assert.deepEqual([...a.dataSync()], [...b.dataSync()]);
      const ea = isingEnergy(lattice, spins);
      assert.deepEqual(
        [...ea.dataSync()].map((e) => e),
        [...isingEnergy(generic, spins).dataSync()],
      );
      tf.dispose([spins, a, b, ea]);
      releaseGraph(torus);
    }
  });
});

test("4×4 lattice: e, |m|, C and χ' agree with exact enumeration within MCSE at T = 1.5, T_c, 3", async () => {
  await ready({ backend: "wasm" });
  const temperatures = [1.5, CRITICAL_TEMPERATURE, 3];
  const exact = isingEnumeration(graphs.torus(4), temperatures);
  const sampled = runIsing(isingSampler(isingLattice(4), temperatures, { replicas: 64 }), "cold", { steps: 3000, burnIn: 300 }, key(41));
  assert.equal(sampled.results.length, temperatures.length, "a result per temperature (the loop below checks each)");
  sampled.results.forEach((r, k) => {
    const x = exact[k]!;
    const label = `T=${r.temperature.toFixed(3)}`;
    assertWithin(r.energyPerSpin, x.energyPerSpin, `${label} e`);
    assertWithin(r.absMagnetization, x.absMagnetization, `${label} |m|`);
    assertWithin(r.magnetizationSquared, x.magnetizationSquared, `${label} m²`);
    assertWithin(r.specificHeat, x.specificHeat, `${label} C`);
    assertWithin(r.susceptibility, x.susceptibility, `${label} χ'`);
    assert.ok(r.acceptance > 0 && r.acceptance < 1);
  });
});

test("general graphs: a weighted non-bipartite graph and the odd 3×3 torus agree with enumeration", async () => {
  await ready({ backend: "wasm" });
  const temperatures = [1.2, 2.5];
  const ring = weightedRing();
  const odd = isingLattice(3); // falls back to the torus graph, greedy colouring (not bipartite)
  assert.ok(odd.colours.length >= 3);
  for (const [system, graph] of [
    [isingGraph(ring), ring],
    [odd, odd.graph!],
  ] as const) {
    assert.ok(isProperColouring(graph, [...system.colours]));
    const exact = isingEnumeration(graph, temperatures);
    const sampled = runIsing(isingSampler(system, temperatures, { replicas: 32 }), "cold", { steps: 2500, burnIn: 250 }, key(43));
    assert.equal(sampled.results.length, temperatures.length, `${system.label}: a result per temperature`);
    sampled.results.forEach((r, k) => {
      assertWithin(r.energyPerSpin, exact[k]!.energyPerSpin, `${system.label} T=${r.temperature} e`);
      assertWithin(r.absMagnetization, exact[k]!.absMagnetization, `${system.label} T=${r.temperature} |m|`);
    });
    releaseGraph(graph);
  }
});

test("external fields: a uniform weak field and a pinned site on 4×4 agree with enumeration", async () => {
  await ready({ backend: "wasm" });
  const torus = graphs.torus(4);
  const uniformField = new Array(16).fill(0.3);
  const pinned = new Array(16).fill(0);
  pinned[5] = -3; // one site pulled toward −1
  for (const [label, field] of [
    ["b = 0.3", uniformField],
    ["pinned site", pinned],
  ] as const) {
    const temperatures = [1.8, 3];
    const exact = isingEnumeration(torus, temperatures, { field });
    const sampled = runIsing(
      isingSampler(isingLattice(4), temperatures, { replicas: 32, field }),
      "cold",
      { steps: 2500, burnIn: 250 },
      key(53),
    );
    assert.equal(sampled.results.length, temperatures.length, `${label}: a result per temperature`);
    sampled.results.forEach((r, k) => {
      assertWithin(r.energyPerSpin, exact[k]!.energyPerSpin, `${label} T=${r.temperature} e`);
      assertWithin(r.absMagnetization, exact[k]!.absMagnetization, `${label} T=${r.temperature} |m|`);
    });
  }
  // Two-spin check of the field term in the enumeration: H = −s₁s₂ − b(s₁ + s₂).
  const pair = new UndirectedGraph();
  pair.addNode("a");
  pair.addNode("b");
  pair.addEdge("a", "b");
  const b = 0.7;
  const t = 1.3;
  const w = { up: Math.exp((1 + 2 * b) / t), down: Math.exp((1 - 2 * b) / t), mixed: 2 * Math.exp(-1 / t) };
  const zPair = w.up + w.down + w.mixed;
  const energy = (-(1 + 2 * b) * w.up - (1 - 2 * b) * w.down + w.mixed) / zPair;
  const [x] = isingEnumeration(fromGraphology(pair), [t], { field: [b, b] });
  assert.ok(Math.abs(x!.energyPerSpin - energy / 2) < 1e-14);
});

test("32×32 lattice: e matches Onsager and |m| matches Yang within MCSE away from T_c", async () => {
  // Finite-size argument: away from T_c the torus's corrections to the energy per spin and, in the ordered phase,
  // to ⟨|m|⟩ decay like e^{−L/ξ(T)}. ξ(1.5) ≈ 0.63, ξ(2) ≈ 2.2, ξ(3) ≈ 2.1, so with L = 32 they are below e^{−14}
  // ≈ 1e-6, three orders below the MCSE here (~1e-3). Above T_c ⟨|m|⟩ ~ (χT/N)^{1/2} ≠ Yang's 0: not compared.
  await ready({ backend: "wasm" });
  const L = 32;
  const temperatures = [1.5, 2, 3];
  for (const t of temperatures) assert.ok(Math.exp(-L / correlationLength(t)) < 1e-5);
  const sampled = runIsing(isingSampler(isingLattice(L), temperatures, { replicas: 2 }), "cold", { steps: 1500, burnIn: 300 }, key(47));
  assert.equal(sampled.results.length, temperatures.length, "a result per temperature (the loop below checks each)");
  for (const r of sampled.results) {
    assertWithin(r.energyPerSpin, onsagerEnergy(r.temperature), `L=${L} T=${r.temperature} e`);
    if (r.temperature < CRITICAL_TEMPERATURE)
      assertWithin(r.absMagnetization, yangMagnetization(r.temperature), `L=${L} T=${r.temperature} |m|`);
  }
});

test("one seed, one trajectory; tf.memory stays flat across sweeps", async () => {
  await onEachBackend(() => {
    const system = isingLattice(8);
    const a = runIsing(isingSampler(system, [2.3]), "hot", { steps: 60 }, key(5));
    const b = runIsing(isingSampler(system, [2.3]), "hot", { steps: 60 }, key(5));
    const c = runIsing(isingSampler(system, [2.3]), "hot", { steps: 60 }, key(6));
    assert.deepEqual([...a.results[0]!.series.energyPerSpin], [...b.results[0]!.series.energyPerSpin]);
    assert.notDeepEqual([...a.results[0]!.series.energyPerSpin], [...c.results[0]!.series.energyPerSpin]);
    for (const path of ["fused", "tensor"] as const) {
      const sampler = isingSampler(system, [2, 3], { path });
      let state = sampler.init("hot", key(1));
      [state] = sampler.step(state, fold(key(2), 0)); // builds the sampler's constants
      const before = tf.memory().numTensors;
      for (let t = 1; t < 20; t++) [state] = sampler.step(state, fold(key(2), t), { temperature: t % 2 ? 2.5 : [2, 3] });
      assert.equal(tf.memory().numTensors, before, path);
      disposeState(state);
      sampler.dispose();
      assert.equal(tf.memory().numTensors, before - 1 - (path === "tensor" ? 2 : 0), path); // spins (+ two masks)
    }
  });
});

test("the fused sampler path is the checkerboard kernel's streams: replica k under key K = the reference sweep under fold(K, k)", async () => {
  await onEachBackend((backend) => {
    const L = 6;
    const temperatures = [1.8, 2.6, 4];
    const sampler = isingSampler(isingLattice(L), temperatures);
    assert.equal(sampler.path, "fused");
    let state = sampler.init("hot", key(8));
    let columns = tf.split(state.position, 3, 1).map((c) => tf.reshape(c, [L, L]) as tf.Tensor2D);
    for (let t = 0; t < 4; t++) {
      const k = fold(key(9), t);
      const [next, info] = sampler.step(state, k);
      state = next;
      const got = tf.split(state.position, 3, 1);
      columns = columns.map((c, r) => {
        const ref = isingSweepsReference(c, { beta: 1 / temperatures[r]! }, fold(k, r));
        c.dispose();
        assert.deepEqual([...got[r]!.dataSync()], [...ref.spins.dataSync()], `${backend} sweep ${t} replica ${r}`);
        assert.equal(info.energies[r], ref.energy);
        assert.equal(info.magnetization[r], ref.magnetization);
        assert.equal(info.flips[r], ref.flips);
        return ref.spins;
      });
      tf.dispose(got);
    }
    tf.dispose(columns);
    disposeState(state);
    sampler.dispose();
  });
});

test("the fused and tensor paths sample the same law: ⟨e⟩ and ⟨|m|⟩ on a 12×12 lattice agree within their MCSE", async () => {
  await ready({ backend: "wasm" });
  const temperatures = [2, CRITICAL_TEMPERATURE, 2.8];
  const settings = { steps: 1500, burnIn: 200 };
  const fused = runIsing(isingSampler(isingLattice(12), temperatures, { replicas: 8, path: "fused" }), "cold", settings, key(61));
  const tensor = runIsing(isingSampler(isingLattice(12), temperatures, { replicas: 8, path: "tensor" }), "cold", settings, key(62));
  assert.equal(fused.path, "fused");
  assert.equal(tensor.path, "tensor");
  temperatures.forEach((t, k) => {
    for (const field of ["energyPerSpin", "absMagnetization"] as const) {
      const a = fused.results[k]![field];
      const b = tensor.results[k]![field];
      const z = Math.abs(a.value - b.value) / Math.hypot(a.mcse, b.mcse);
      assert.ok(z < Z, `T=${t.toFixed(3)} ${field}: fused ${a.value} ± ${a.mcse} vs tensor ${b.value} ± ${b.mcse}, |z| = ${z.toFixed(2)}`);
    }
  });
  assert.throws(() => isingSampler(isingLattice(5), [2], { path: "fused" }), ArgumentError);
  assert.throws(() => isingSampler(isingLattice(4), [2], { path: "fused", field: new Array(16).fill(0.1) }), ArgumentError);
});

test("emtd ising --json prints the contract's fields; bad input exits 2 naming the argument", () => {
  const bin = path.join(TEST_DIR, "..", "..", "bin", "emtd.js");
  const out = execFileSync(
    process.execPath,
    [bin, "ising", "--size", "4", "--temperature", "2", "--sweeps", "400", "--burn-in", "50", "--seed", "3", "--json"],
    {
      encoding: "utf8",
    },
  );
  const r = JSON.parse(out);
  for (const field of [
    "energyPerSpin",
    "absMagnetization",
    "susceptibility",
    "specificHeat",
    "acceptance",
    "energyMcse",
    "absMagnetizationMcse",
  ]) {
    assert.equal(typeof r[field], "number", field);
  }
  assert.equal(typeof r.timing.seconds, "number");
  assert.ok(Math.abs(r.exact.onsagerEnergyPerSpin - onsagerEnergy(2)) < 1e-12);
  assert.equal(typeof r.exact.enumeratedEnergyPerSpin, "number");
  const bad = spawnSync(process.execPath, [bin, "ising", "--temperature", "-1"], { encoding: "utf8" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--temperature/);
  assert.equal(bad.stderr.trim().split("\n").length, 1);
});

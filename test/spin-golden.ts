/**
 * Results of the spin-problem modules for fixed keys, recorded before src/spin/ was made their one home (issue 22)
 * in test/fixtures/spin-golden.json; test/unit/spin/spin.test.ts asserts that they are unchanged, bit for bit. Only the
 * package's public names are used, so the same code ran before and after the move.
 *
 * Long arrays are recorded as their length, their first values and a SHA-256 of their bytes (bit-exact). Metropolis
 * traces also record the next uniform the source would give, so a change in the NUMBER of draws shows even where
 * the decisions happen to agree. Regenerate (only on purpose): `node dist/test/spin-golden.js --write`.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import * as emtd from "./public-names";

const { key, fold, uniformSource } = emtd;

export const GOLDEN_FILE = path.resolve(__dirname, "..", "..", "test", "fixtures", "spin-golden.json");

type Typed = Float64Array | Float32Array | Int8Array | Int32Array | Uint32Array;

/** Length, first values and SHA-256 of the bytes of a typed array: equal digests ⇔ bit-identical arrays. */
export function digest(a: Typed): { length: number; head: number[]; sha256: string } {
  const sha256 = createHash("sha256")
    .update(Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    .digest("hex");
  return { length: a.length, head: Array.from(a.subarray(0, 4)), sha256 };
}

const SPLIT = 0b00001111;

/** Every recorded result, by name (JSON numbers print the shortest round-trip form: equality is bit equality). */
export async function spinGolden(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const two = emtd.twoCommunityProblem();
  const rfr = emtd.randomFieldRing(key(3), { n: 12 });
  const sg = emtd.spinGlass(key(4), { n: 10 });
  const inj = emtd.injectedConsensusProblem({ n: 16 });
  out.problems = [two, rfr, sg, inj].map((p) => ({ n: p.n, edges: p.edges, field: Array.from(p.field) }));

  // Exact enumeration.
  out.exact = [two, rfr, sg].map((p) => {
    const E = emtd.energyTable(p);
    const gs = emtd.groundStates(E);
    return {
      energyTable: digest(E),
      // Recorded under the removed aliases' names (spinEnergies was energyTable, boltzmannLaw boltzmann), so the
      // fixture keeps its keys.
      spinEnergies: digest(emtd.energyTable(p)),
      groundStates: gs,
      groundState: emtd.groundState(emtd.energyTable(p)),
      criticalDepth: emtd.criticalDepth(E, p.n),
      metastable: emtd.metastableCount(E, p.n),
      boltzmannLaw: digest(emtd.boltzmann(E, 1)),
      boltzmann: digest(emtd.audit.boltzmann(E, 0.7)),
    };
  });
  const E2 = emtd.energyTable(two);
  out.split = {
    local: emtd.isLocalMinimum(E2, 8, SPLIT),
    barrier: emtd.barrierFrom(E2, 8, SPLIT),
    csr: digest(emtd.problemCsr(two).neighbour),
  };

  // The Metropolis sweep: flips and states per sweep, and the next uniform (counts the draws). T = 1e−20 makes every
  // uphill e^{−Δ/T} underflow to 0: the old loop still drew a uniform for it. A NaN field makes every cost of spin 0 NaN.
  const nanProblem = { n: 3, edges: [[0, 1, 1] as const, [1, 2, -1] as const], field: Float64Array.from([Number.NaN, 0.2, 0]) };
  out.sweeps = [
    { problem: two, start: SPLIT },
    { problem: rfr, start: 0 },
    { problem: nanProblem, start: 5 },
  ].map(({ problem, start }, c) =>
    [0, 1e-20, 0.4, 1.5, 6].map((T) => {
      const g = emtd.problemCsr(problem);
      const spin = Int8Array.from({ length: g.n }, (_, i) => ((start >> i) & 1 ? 1 : -1));
      const u = uniformSource(fold(key(21), c));
      const flips: number[] = [];
      const states: number[] = [];
      for (let t = 0; t < 25; t++) {
        flips.push(emtd.metropolisSweep(g, spin, T, u));
        states.push(emtd.stateIndex(spin));
      }
      return { T, flips, states, next: u() };
    }),
  );

  // Annealing runs, schedules, tempering.
  const prepared = emtd.prepareProblem(two);
  out.prepared = { groundEnergy: prepared.groundEnergy, depth: prepared.depth, energies: digest(prepared.energies) };
  out.trapRuns = emtd.TRAP_METHODS.map((m) => Array.from({ length: 6 }, (_, r) => emtd.trapRun(prepared, m, 300, fold(key(11), r))));
  out.schedules = (["geometric", "logarithmic", "reheating"] as const).map((m) => {
    const s = emtd.trapSchedule(prepared, m, {}, uniformSource(key(12)));
    return [0, 1, 10, 100, 500].map((t) => s.temperature(t));
  });
  const ladder = emtd.temperatureLadder(0.3, 6, 5);
  const chain = emtd.temperingChain(prepared, ladder, 60, key(13), true);
  out.tempering = {
    ladder,
    swapAcceptance: chain.swapAcceptance,
    states: digest(Uint32Array.from(chain.states.flatMap((s) => Array.from(s)))),
  };
  // The §4.2 claims' experiments, with their keys.
  out.success4201 = emtd.successCurve(prepared, "geometric", [1000], 400, key(4201));
  out.success4202 = (["geometric", "reheating", "tempering"] as const).map((m) => emtd.successCurve(prepared, m, [3000], 300, key(4202)));
  out.successSmall = emtd.successCurve(emtd.prepareProblem(rfr), "logarithmic", [50, 200], 40, key(14));
  out.escape = {
    cold: emtd.escapeTimes(prepared, SPLIT, 0, 50, key(4203), 10_000),
    warm: emtd.escapeTimes(prepared, SPLIT, 1.5, 200, key(1)),
    classical: emtd.escapeTimes(prepared, SPLIT, 0.1, 10, key(4205), 2000),
    exact: [1, 1.5, 3].map((T) => emtd.exactEscapeTime(prepared, SPLIT, T)),
    slope: emtd.arrheniusLocalSlope(prepared, SPLIT, emtd.barrierFrom(E2, 8, SPLIT), 20),
  };

  // Path-integral Monte Carlo and its exact references.
  out.pimc = Array.from({ length: 10 }, (_, r) => {
    const trace = emtd.pathIntegral(prepared, { field: 1.5, temperature: 0.1, slices: 32, sweeps: 200, start: SPLIT }, fold(key(4204), r));
    return { escapedAt: trace.escapedAt, acceptance: trace.acceptance, energy: digest(trace.energy) };
  });
  const small = emtd.prepareProblem(emtd.twoCommunityProblem({ size: 3 }));
  const free = emtd.pathIntegral(small, { field: 1, temperature: 1, slices: 8, sweeps: 500 }, key(1));
  out.pimcFree = { acceptance: free.acceptance, escapedAt: free.escapedAt, energy: digest(free.energy) };
  out.trotter = [
    emtd.trotterEnergy(small, 0.5, 0.5, 8),
    emtd.trotterEnergy(small, 0.5, 0.5, 64),
    emtd.trotterEnergy(small, 1, 1, 8),
    emtd.trotterEnergy(prepared, 1, 0.7, 12),
  ];
  out.quantum = [emtd.quantumEnergy(small, 0, 0.5), emtd.quantumEnergy(small, 1, 0.5)];

  // §4.3: consensus entropy and the energy ladder, with the claims' keys.
  const strip = (m: emtd.ConsensusEntropy) => ({ ...m, ladder: emtd.energyLadder(m) });
  out.landauer = strip(emtd.consensusEntropy(inj, { sweeps: 200, runs: 200 }, key(4301)));
  out.entropyBudgets = [100, 300, 1000, 3000].map((sweeps) => strip(emtd.consensusEntropy(inj, { sweeps, runs: 100 }, key(4302))));
  out.proof = [200, 5000].map((sweeps) => strip(emtd.consensusEntropy(inj, { sweeps, runs: 100 }, key(4303))));

  // §4.4: Hebb on the consensus dynamics.
  const hebb = emtd.consensusHebbian(emtd.injectedConsensusProblem({ n: 64 }), { temperature: 0.5, sweeps: 300 }, key(4402));
  out.hebbian = { ...hebb, couplings: digest(hebb.couplings) };
  const hebbHot = emtd.consensusHebbian(
    emtd.injectedConsensusProblem({ n: 20 }),
    { temperature: 3, sweeps: 50, burnIn: 10, trials: 2 },
    key(7),
  );
  out.hebbianHot = { ...hebbHot, couplings: digest(hebbHot.couplings) };

  // §3.2 audits.
  const law = emtd.exactSpinAnneal(two, emtd.geometric({ initial: 100, rate: 0.95 }), 200);
  out.exactSpinAnneal = { law: digest(law), ground: law[255], values: Array.from(law) };
  const well = emtd.doubleWell();
  out.doubleWell = {
    anneal: Array.from({ length: 8 }, (_, r) =>
      emtd.annealDoubleWell(well, emtd.geometric({ initial: 100, rate: 0.95 }), 1000, uniformSource(key(r))),
    ),
    rate: emtd.groundStateRate(
      well,
      () => emtd.logarithmic({ c: 3 }),
      2000,
      100,
      (r) => uniformSource(fold(key(15), r)),
    ),
    exact: emtd.exactGroundProbability(well, emtd.geometric({ initial: 100, rate: 0.95 }), 1000),
    ground: [0.3, 1, 4].map((T) => emtd.groundProbability(well, T)),
  };
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

if (require.main === module && process.argv.includes("--write")) {
  void spinGolden().then((g) => {
    const lines = Object.entries(g).map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    writeFileSync(GOLDEN_FILE, `{\n${lines.join(",\n")}\n}\n`);
    console.log(`wrote ${GOLDEN_FILE}`);
  });
}

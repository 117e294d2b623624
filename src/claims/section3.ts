/**
 * Claims of the proposal's §3: the executable pipeline (§3.1), each step of Lemma 1 (§3.2) and the reference code
 * (§3.3), measured with the functions notebooks 08–10 call. §3.2 is audited on exact transition matrices and
 * closed-form laws, so most of its numbers carry no sampling error at all.
 */
import { fold, key, uniformSource } from "../engine/random";
import { ringLatticeEigenvalues } from "../graph/spectrum";
import * as audit from "../audit/transitions";
import { increaseFraction, langevinEnergyPath, langevinFreeEnergy, normalSource } from "../audit/lyapunov";
import { doubleWell, exactGroundProbability, groundProbability } from "../audit/annealing";
import { geometric, logarithmic } from "../dynamics/schedules";
import { runPipeline, type Injection } from "../protocol/pipeline";
import { signerFromKey, signTransaction, transactionId } from "../protocol/transaction";
import { wattsStrogatzAdjacency } from "../reference/smallworld";
import { referenceRun } from "../reference/port";
import { evidence, num } from "./evidence";
import type { LegacyClaim, LegacyMeasurement } from "./types";

const PIPELINE_NOTEBOOK = "notebooks/08-executable-pipeline.ipynb";
const LEMMA_NOTEBOOK = "notebooks/09-convergence-lemma-audited.ipynb";
const REFERENCE_NOTEBOOK = "notebooks/10-reference-implementation.ipynb";

/** The notebook-08 scenario on `seeds` networks: three client inputs, one of them forged at node 17. */
function pipelineRuns(seeds: readonly number[]) {
  const alice = signerFromKey(key(100));
  const bob = signerFromKey(key(101));
  const forged = { ...signTransaction(alice, 2, "alice pays carol 1"), payload: "alice pays mallory 100" };
  const injections: Injection[] = [
    { round: 0, node: 0, tx: signTransaction(alice, 1, "alice pays bob 5") },
    { round: 2, node: 17, tx: forged },
    { round: 4, node: 9, tx: signTransaction(bob, 1, "bob pays carol 2") },
  ];
  const sent = new Set(injections.map((i) => transactionId(i.tx)));
  const forgedId = transactionId(forged);
  return seeds.map((seed) => {
    const graph = wattsStrogatzAdjacency(30, 4, 0.1, uniformSource(key(seed)));
    const r = runPipeline(graph, injections, { dim: 4, loss: 0.1, tamper: 0.05, delay: 1 }, fold(key(seed), 1));
    const foreign = r.ledgers.flat().filter((id) => !sent.has(id)).length;
    const lastMessage = Math.max(...r.rounds.filter((x) => x.sent > 0).map((x) => x.round));
    return {
      balanced: r.messages.sent === r.messages.delivered + r.messages.lost + r.messages.inFlight,
      forgedOutside17: r.ledgers.some((ids, i) => i !== 17 && ids.includes(forgedId)),
      forgedInBlock: r.finalised !== null && r.finalised.transactions.includes(forgedId),
      foreign,
      tampered: r.messages.tampered,
      finalRound: r.finalised?.round ?? Number.NaN,
      support: r.finalised?.support ?? 0,
      lastMessage,
    };
  });
}

const SEEDS = Array.from({ length: 8 }, (_, s) => 1000 + s);

/** §3.1: every box of the chart runs; box C (signature and Merkle proof) stops forged and tampered transactions. */
export const pipelineVerification: LegacyClaim = {
  id: "p3.1-verify-signature-merkle",
  source: "proposal",
  section: "3.1",
  quote: "B -->|Gossip Protocol| C{Neighbor j} ; C -->|Verify Sig & Merkle| D[Compute Hamilton Difference]",
  short: "verification stops forged transactions",
  notebook: PIPELINE_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const runs = pipelineRuns(SEEDS);
    const balanced = runs.filter((r) => r.balanced).length;
    const contained = runs.filter((r) => !r.forgedOutside17 && !r.forgedInBlock && r.foreign === 0).length;
    const tampered = runs.reduce((s, r) => s + r.tampered, 0);
    return {
      verdict: balanced === runs.length && contained === runs.length ? "holds" : "fails",
      headline: `${contained}/${runs.length} runs keep the forgery out of every honest ledger (${tampered} messages tampered in flight)`,
      evidence: [
        evidence("runs whose message accounting balances", balanced, { reference: runs.length }),
        evidence("runs with no forged or tampered transaction in an honest ledger or the block", contained, { reference: runs.length }),
        evidence("messages tampered in flight, all runs", tampered),
      ],
      reason:
        "Every box and arrow runs in the chart's order; Ed25519 and the Merkle inclusion proof in box C stop every forged or tampered message. Cryptography does this, not the energy test.",
    };
  },
};

/** §3.1 box H: "Network Temp < Threshold? → Block Finalized" — finality is a clock, not a check of agreement. */
export const finalityByTemperature: LegacyClaim = {
  id: "p3.1-finality-threshold",
  source: "proposal",
  section: "3.1",
  quote: "G --> H{Network Temp < Threshold?} ; H -->|No| B ; H -->|Yes| I[Block Finalized]",
  short: "a block is final once the network is cold",
  notebook: PIPELINE_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const runs = pipelineRuns(SEEDS);
    const scheduleRound = Math.ceil(Math.log(100 / 1) / Math.log(1 / 0.95));
    const onClock = runs.filter((r) => r.finalRound === scheduleRound).length;
    const minSupport = Math.min(...runs.map((r) => r.support));
    const lastMessage = Math.max(...runs.map((r) => r.lastMessage));
    const clock = onClock === runs.length;
    return {
      verdict: clock && minSupport < 1 ? "fails" : clock ? "partly" : "holds",
      headline: `finalised in round ${scheduleRound} in ${onClock}/${runs.length} runs; support as low as ${num(minSupport)}`,
      evidence: [
        evidence("runs finalised exactly at ⌈ln(T₀/θ)/ln(1/r)⌉", onClock, { reference: runs.length }),
        evidence("lowest support of the finalised block", minSupport, { reference: 1 }),
        evidence("last round with any message", lastMessage),
      ],
      reason:
        "The threshold test reads the temperature, which follows a fixed schedule: the block is finalised in the same round whatever the network did, and nothing checks that the nodes agree " +
        "(the block is the most common ledger, held by fewer than all nodes).",
    };
  },
};

// The §3.2 test system: a square with one diagonal, values {0, 1, 2}, 81 states, T = 1.
const EDGES = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [0, 2],
] as [number, number][];
function lemmaSystem() {
  const space = audit.stateSpace(4, [0, 1, 2]);
  const E = audit.energies(space, audit.interactionEnergy(EDGES));
  return { space, E, piT: audit.boltzmann(E, 1), pi2T: audit.boltzmann(E, 2), half: { kind: "local-half" as const, edges: EDGES } };
}

/** Lemma 1, step 1: "dS/dt ≥ 0 implies dF/dt ≤ 0". */
export const lemmaStep1: LegacyClaim = {
  id: "p3.2-step1-second-law",
  source: "proposal",
  section: "3.2",
  quote: "By the Second Law of Thermodynamics, in a closed system, dS/dt ≥ 0 implies dF/dt ≤ 0 (assuming constant Volume/Temperature).",
  short: "step 1: Second Law ⇒ F decreases",
  notebook: LEMMA_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const n = 12;
    const ring = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]);
    const x0 = Float64Array.from({ length: n }, (_, i) => 3 * Math.sin(i));
    const path = langevinEnergyPath(n, ring, x0, { dt: 0.05, steps: 2000, temperature: 1, normal: normalSource(uniformSource(key(11))) });
    const upNoisy = increaseFraction(path);
    const lambdas = ringLatticeEigenvalues(n, 2);
    const ts = Array.from({ length: 91 }, (_, i) => 10 ** (-3 + i / 10));
    const maxDerivative = Math.max(...ts.map((t) => langevinFreeEnergy(lambdas, 1, 0.5, t).derivative));
    const lawDecreases = maxDerivative <= 0;
    const pathRises = upNoisy > 0.2;
    return {
      verdict: lawDecreases && pathRises ? "partly" : lawDecreases ? "holds" : "fails",
      headline: `F of the law: max dF/dt = ${num(maxDerivative, 2)} ≤ 0; one noisy path: H rises in ${num(100 * upNoisy)} % of steps`,
      evidence: [
        evidence("largest dF/dt of the exact Gaussian law (ring of 12, T = 1)", maxDerivative, { reference: 0 }),
        evidence("fraction of steps in which H rises along one noisy path", upNoisy, { reference: 0 }),
      ],
      reason:
        "F = U − TS: the sign of dS says nothing about dU, so the step does not follow. The free energy of the law does decrease (the Fokker–Planck H-theorem), " +
        "but that is a statement about the distribution, not about the trajectory the proof follows.",
    };
  },
};

/** Lemma 1, steps 2–3: H bounded below ⇒ the trajectory descends into a basin of attraction. */
export const lemmaStep2: LegacyClaim = {
  id: "p3.2-step2-basin",
  source: "proposal",
  section: "3.2",
  quote:
    "The Hamiltonian ℋ is bounded from below (cannot have negative disagreement). Therefore, the trajectory of Ψ describes a descent into a basin of attraction.",
  short: "steps 2–3: bounded ℋ ⇒ basin of attraction",
  notebook: LEMMA_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const lambdas = ringLatticeEigenvalues(12, 2);
    const ts = [10 ** 3, 10 ** 6];
    const [a, b] = ts.map((t) => langevinFreeEnergy(lambdas, 1, 0.5, t).freeEnergy) as [number, number];
    const slope = (b - a) / Math.log(ts[1]! / ts[0]!);
    const unbounded = slope < -0.4;
    return {
      verdict: unbounded ? "fails" : "holds",
      headline: `F → −∞: dF/d ln t = ${num(slope)} (−T/2 from the free consensus mode)`,
      evidence: [evidence("dF/d ln t of the exact law for t from 10³ to 10⁶", slope, { reference: -0.5 })],
      reason:
        "ℋ is invariant under a common shift of every ψ_i, so exp(−ℋ/T) is not normalisable: the consensus mode diffuses freely, the law's free energy falls without bound and there is no basin for it to settle in.",
    };
  },
};

/** Lemma 1, step 4: the Metropolis–Hastings rule of Phase II guarantees detailed balance. */
export const lemmaStep4: LegacyClaim = {
  id: "p3.2-step4-detailed-balance",
  source: "proposal",
  section: "3.2",
  quote: "Given the Metropolis-Hastings acceptance criterion used in Phase II (see diagram), the system guarantees detailed balance.",
  short: "step 4: Metropolis ⇒ detailed balance",
  notebook: LEMMA_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const { space, E, piT } = lemmaSystem();
    const global = { kind: "global" as const, energy: E };
    const half = { kind: "local-half" as const, edges: EDGES };
    const scan = audit.detailedBalanceViolation(audit.randomScanKernel(space, 1, global), piT);
    const copy = audit.sweepKernel(space, 1, half, "copy-node-0");
    const site = audit.siteKernel(space, 1, 1, half, "copy-node-0");
    let moves = 0,
      oneWay = 0;
    for (let a = 0; a < space.size; a++)
      for (let b = 0; b < space.size; b++) {
        if (a === b || site[a * space.size + b]! === 0) continue;
        moves++;
        if (site[b * space.size + a]! === 0) oneWay++;
      }
    const copyViolation = audit.detailedBalanceViolation(copy, piT);
    const textbookHolds = scan < 1e-12;
    const codeFails = oneWay > 0 && copyViolation > 1e-6;
    return {
      verdict: textbookHolds && codeFails ? "fails" : textbookHolds ? "holds" : "fails",
      headline: `random-scan Metropolis: violation ${num(scan, 2)}; §3.3's update: ${oneWay}/${moves} moves have no reverse`,
      evidence: [
        evidence("max |π_aP_ab − π_bP_ba|, random scan, symmetric proposal", scan, { reference: 0 }),
        evidence("max |π_aP_ab − π_bP_ba|, §3.3 update (copy node 0)", copyViolation, { reference: 0 }),
        evidence("moves of node 1 whose reverse move is never proposed", oneWay, { reference: 0 }),
      ],
      reason:
        "The Metropolis rule gives detailed balance only with a symmetric proposal. The update the proposal ships proposes node 0's current value, a one-way proposal, " +
        "so min(1, e^(−ΔE/T)) is not a Metropolis–Hastings ratio for any target.",
    };
  },
};

/** Lemma 1, step 5: the stationary law is Boltzmann. */
export const lemmaStep5: LegacyClaim = {
  id: "p3.2-step5-boltzmann",
  source: "proposal",
  section: "3.2",
  quote: "Thus, the stationary distribution is the Boltzmann distribution π(Ψ)",
  short: "step 5: stationary law is Boltzmann",
  notebook: LEMMA_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const { space, piT, pi2T, half } = lemmaSystem();
    const halfSweep = audit.sweepKernel(space, 1, half);
    const copy = audit.sweepKernel(space, 1, half, "copy-node-0");
    const halfAtT = audit.stationarityError(halfSweep, piT);
    const halfAt2T = audit.stationarityError(halfSweep, pi2T);
    const copyAtT = audit.stationarityError(copy, piT);
    const copyAt2T = audit.stationarityError(copy, pi2T);
    const absorbing = audit.absorbingStates(copy, space.size).length;
    const neither = copyAtT > 1e-3 && copyAt2T > 1e-3;
    return {
      verdict: neither ? "fails" : halfAtT < 1e-12 ? "holds" : "partly",
      headline: `§3.3's update: ‖πP − π‖₁ = ${num(copyAtT)} (e^(−ℋ/T)), ${num(copyAt2T)} (e^(−ℋ/2T)); ${absorbing} absorbing states`,
      evidence: [
        evidence("‖πP − π‖₁, symmetric sweep with §3.3's ½ factor, against e^(−ℋ/T)", halfAtT, { reference: 0 }),
        evidence("… against e^(−ℋ/2T)", halfAt2T, { reference: 0 }),
        evidence("‖πP − π‖₁, §3.3 update, against e^(−ℋ/T)", copyAtT, { reference: 0 }),
        evidence("absorbing states of the §3.3 update", absorbing),
      ],
      reason:
        "With a symmetric proposal and §3.3's ½ factor the chain samples e^(−ℋ/2T), twice the stated temperature; with the copy-node-0 proposal it ships, no Boltzmann law is stationary: " +
        "the consensus states absorb and node 0's value always wins.",
    };
  },
};

/** Lemma 1's conclusion under the proposal's geometric cooling: the system converges to the ground state. */
export const lemmaGroundState: LegacyClaim = {
  id: "p3.2-ground-state",
  source: "proposal",
  section: "3.2",
  quote:
    "Under the EMTD protocol, the probability of system divergence approaches zero as time t → ∞. … the system converges to the ground state (Consensus).",
  short: "Lemma 1: converges to the ground state",
  notebook: LEMMA_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const well = doubleWell({ wide: 4, barrier: 2, ground: 1.5 });
    const geo = () => geometric({ initial: 100, rate: 0.95 });
    const geo1e3 = exactGroundProbability(well, geo(), 1000);
    const geo1e5 = exactGroundProbability(well, geo(), 100000);
    const log1e5 = exactGroundProbability(well, logarithmic({ c: 2 * well.depth }), 100000);
    const frozen = Math.abs(geo1e5 - geo1e3) < 1e-6 && geo1e5 < 0.99;
    return {
      verdict: frozen ? "fails" : "holds",
      headline: `P(ground) with T = 100·0.95^t: ${num(geo1e3)} at 10³ steps, ${num(geo1e5)} at 10⁵; logarithmic cooling ${num(log1e5)}`,
      evidence: [
        evidence("P(ground state) after 10³ steps, geometric cooling (exact)", geo1e3, { reference: 1 }),
        evidence("P(ground state) after 10⁵ steps, geometric cooling (exact)", geo1e5, { reference: 1 }),
        evidence("P(ground state) after 10⁵ steps, logarithmic c = 2d* (exact)", log1e5, { reference: 1 }),
        evidence(
          "Boltzmann P(ground) at the last temperature of the log schedule",
          groundProbability(well, (2 * well.depth) / Math.log(1e5 + Math.E)),
        ),
      ],
      reason:
        "Geometric cooling freezes: the probability of ending in the wrong well stops changing after a few hundred steps, however long the run. " +
        "Only logarithmic schedules (Hajek 1988) guarantee the ground state.",
    };
  },
};

/** §3.3: the code "simulates the Heat Equation" / "cooling process": it is a copy process whose cooling never matters. */
export const referenceHeatEquation: LegacyClaim = {
  id: "p3.3-heat-equation",
  source: "proposal",
  section: "3.3",
  quote: 'This implementation simulates the "Heat Equation" on a graph of Merkle Nodes.',
  short: "the §3.3 code simulates the heat equation",
  notebook: REFERENCE_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const runs = Array.from({ length: 300 }, (_, s) => referenceRun({ nodes: 50 }, key(s)));
    const fractions = runs.map((r) => r.agreement);
    const allOrNothing = fractions.filter((a) => a === 0 || a === 1).length;
    const oneSweep = runs.filter((r) => r.steps === 1).length;
    const copies = allOrNothing === runs.length;
    return {
      verdict: copies ? "fails" : "holds",
      headline: `${allOrNothing}/${runs.length} runs end with all or no nodes holding the signal exactly; ${oneSweep} stop after 1 sweep`,
      evidence: [
        evidence("runs ending with agreement exactly 0 or 1", allOrNothing, { reference: runs.length }),
        evidence("runs stopping after one sweep", oneSweep),
      ],
      reason:
        "A heat equation would average values; the code instead copies node 0's value (the proposal is node 0's state), so each node either holds the signal exactly or keeps 0: " +
        "a copy process with an absorbing state, not diffusion.",
    };
  },
};

/** §3.3: "Simulates the cooling process (Simulated Annealing)": the temperature never gets low enough to matter. */
export const referenceAnnealing: LegacyClaim = {
  id: "p3.3-simulated-annealing",
  source: "proposal",
  section: "3.3",
  quote: "Simulates the cooling process (Simulated Annealing).",
  short: "the §3.3 code performs simulated annealing",
  notebook: REFERENCE_NOTEBOOK,
  async measure(): Promise<LegacyMeasurement> {
    const seeds = 300;
    let same = 0,
      lateUphill = 0,
      coldest = Infinity;
    for (let s = 0; s < seeds; s++) {
      const a = referenceRun({ nodes: 50 }, key(s));
      const b = referenceRun({ nodes: 50, decay: 0.1 }, key(s));
      if (a.steps === b.steps && a.agreement === b.agreement) same++;
      lateUphill += a.uphillPerSweep.slice(1).reduce((u, v) => u + v, 0);
      coldest = Math.min(coldest, a.finalTemperature);
    }
    const irrelevant = same / seeds > 0.9 && coldest > 10;
    return {
      verdict: irrelevant ? "fails" : "holds",
      headline: `coldest T reached ${num(coldest)} (from 100); cooling 0.1 instead of 0.95 changes ${seeds - same}/${seeds} runs`,
      evidence: [
        evidence("lowest temperature reached in any run", coldest),
        evidence("runs unchanged when the cooling factor is 0.1 instead of 0.95", same, { reference: seeds }),
        evidence("uphill proposals after the first sweep, all runs", lateUphill),
      ],
      reason:
        "Runs stop after a handful of sweeps while T is still near 100, and the outcome is decided in the first sweep: the cooling schedule never influences the result.",
    };
  },
};

export const claims: LegacyClaim[] = [
  pipelineVerification,
  finalityByTemperature,
  lemmaStep1,
  lemmaStep2,
  lemmaStep4,
  lemmaStep5,
  lemmaGroundState,
  referenceHeatEquation,
  referenceAnnealing,
];

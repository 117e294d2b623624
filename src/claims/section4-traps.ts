/**
 * Claims of §4.2 (metastable traps, re-heating, "quantum tunnelling"), second edition (issue 34): measured under the
 * text's own update, §3.3's `update_state` on binary values (two values a node can hold, e.g. two conflicting
 * transactions), with §3.3's local Hamiltonian ½Σ_j‖s_i − s_j‖² = 1 − s_i s_j (the Ising form with J = 1, the ½
 * absorbed), the proposal kernel read from `kernelIn(ctx)` (§3.3's copy of a neighbour's value; the symmetric
 * kernel is a repair), Metropolis acceptance at the node's temperature, nodes in order, and per-node cooling
 * T ← 0.95·T from 100 read from `ctx.mechanism.schedule`. The §3.3 loop stops when a sweep changes nothing or after
 * 1000 sweeps. Graphs are the §3.3 code's `watts_strogatz_graph(N, 4, 0.1)`, drawn from `ctx.key("graph")`.
 *
 * The sweep and the loop are the spin library's (src/spin/update-kernels.ts: `updateSweep`, `runUpdateLoop`, with the
 * kernel as an option); with the symmetric kernel the sweep draws the same numbers as `metropolisSweep`
 * (test/unit/claims/claims-section4-rest.test.ts checks it against `consensusHeat`).
 */
import type { Claim, Measurement, MeasureContext } from "./types";
import { kernelIn } from "./mechanism";
import { twoCommunityProblem, problemCsr, randomSpins, SPLIT_STATE, type ProblemCsr, type SpinProblem } from "../spin/problem";
import { isConsensus, isTrapped, runUpdateLoop, updateSweep } from "../spin/update-kernels";
import { fold, split, uniformSource, type Key } from "../engine/random";
import { barrierFrom, isLocalMinimum } from "../spin/exact-tables";
import { prepareProblem } from "../studies/traps/trap-annealing";
import { arrheniusLocalSlope } from "../studies/traps/escape";
import { wattsStrogatzAdjacency } from "../reference-port/smallworld";
import { everyCase, rateBeyond, rateEvidence, undecidable, type Case } from "./decide";
import { evidence, num } from "./evidence";

const TRAPS = "notebooks/13-metastable-traps-and-reheating.ipynb";

/** §3.3's starting temperature and loop limit. */
export const T0 = 100;
export const LOOP_LIMIT = 1000;

/**
 * The §3.3 graph `nx.watts_strogatz_graph(n, k=4, p=0.1)` (the library's port of networkx's rewiring) as a spin
 * problem: J = 1 on every edge (§3.3's ½‖s_i − s_j‖² on two values), the injected value as a field `signal` on node 0.
 */
export function wsSpinProblem(n: number, graphKey: Key, signal = 0): SpinProblem {
  const a = wattsStrogatzAdjacency(n, 4, 0.1, uniformSource(graphKey));
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) if (a.col[e]! > i) edges.push([i, a.col[e]!, 1]);
  const field = new Float64Array(n);
  field[0] = signal;
  return { n, edges, field };
}

const UPDATE =
  "§3.3's update on two values (½‖s_i − s_j‖² = 1 − s_i s_j: the Ising form, J = 1), the kernel read from the mechanism (§3.3's copy of a uniformly drawn neighbour's value), Metropolis acceptance, nodes in order, per-node cooling T = 100·0.95^t";

/** Runs per grid cell of the risk claim: P(no stuck run | 9 % stuck) = 0.91²⁰⁰ ≈ 10⁻⁸. */
const RISK_RUNS = 200;

const metastableRisk: Claim = {
  id: "p4.2-metastable-risk",
  source: "proposal",
  section: "4.2",
  quote: "The system could get stuck in a local energy minimum (a split-brain scenario where two distinct consensuses exist).",
  short: "split-brain minima exist",
  notebook: TRAPS,
  model: `${UPDATE}; the §3.3 loop (stops when a sweep changes nothing, at most ${LOOP_LIMIT} sweeps) on the §3.3 graph watts_strogatz(N, 4, 0.1), a new graph per run, from values drawn at random per node (§2.2's conflicting ledgers), the interaction energy alone (no field, nothing designed); ${RISK_RUNS} runs per cell.`,
  reading: {
    statement:
      "Under the text's own update and loop, some runs end stuck in a split brain: a state where both values are held and no move of the update lowers the energy (a local minimum), at a rate shown above 0.",
    mechanism: "proposal",
  },
  decision: {
    rule: "rateBeyond: P(a run ends in a non-consensus local minimum of the update) above 0 (Wilson 95 % interval)",
    threshold: "the Wilson interval's lower end above 0",
    why: "'Could get stuck' asserts a possibility: a run ending in a split local minimum is a witness, and the Wilson interval says the rate is not zero at the 5 % level.",
  },
  grid: {
    N: {
      values: [50, 200],
      why: [
        "the §3.3 script's own network, EntropicLedger(num_nodes=50)",
        "four times larger, same family: more places for a boundary between camps to pin",
      ],
    },
  },
  repairs: [],
  byConstruction: null,
  review:
    "Review: the trap was designed into the two-community problem (undeclared). Fixed: the risk is now measured on the §3.3 code's own Watts–Strogatz graph, drawn per run, with the interaction energy alone and the text's loop; nothing is designed, so byConstruction is null (the two-community problem survives only as one trap of p4.2-reheating-escapes, declared there).",
  uses: ["kernel", "schedule"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const n = ctx.cell.N as number;
    const kernel = kernelIn(ctx);
    const schedule = ctx.mechanism.schedule;
    let split_ = 0;
    let stuck = 0;
    let minority = 0;
    let sweeps = 0;
    for (let r = 0; r < RISK_RUNS; r++) {
      const g = problemCsr(wsSpinProblem(n, fold(ctx.key("graph"), r)));
      const [startKey, moveKey] = split(fold(ctx.key("runs"), r), 2) as [Key, Key];
      const spin = randomSpins(n, uniformSource(startKey));
      sweeps += runUpdateLoop(kernel, g, spin, schedule(T0), uniformSource(moveKey), { limit: LOOP_LIMIT, stop: true }).sweeps;
      if (isConsensus(spin)) continue;
      split_++;
      if (!isTrapped(kernel, g, spin)) continue;
      stuck++;
      const plus = spin.reduce((a, s) => a + (s === 1 ? 1 : 0), 0);
      minority += Math.min(plus, n - plus) / n;
    }
    const result = rateBeyond(stuck, RISK_RUNS, 0, "above", `runs ending in a split local minimum, N = ${n}`, [
      rateEvidence(`runs ending in a non-consensus local minimum of the update, N = ${n}`, stuck, RISK_RUNS),
      rateEvidence(`runs the §3.3 loop ends with both values held (stuck or not), N = ${n}`, split_, RISK_RUNS),
      evidence("mean minority share in the stuck runs", stuck > 0 ? minority / stuck : 0),
      evidence("mean sweeps until the loop stops", sweeps / RISK_RUNS),
    ]);
    return {
      result,
      headline: `${stuck} of ${RISK_RUNS} runs (N = ${n}) end in a split local minimum (minority ${num(stuck > 0 ? (100 * minority) / stuck : 0)} % of nodes); ${split_} end with both values held`,
      reason:
        "On the text's own small-world graph the boundary between two camps gets pinned where no node gains by changing: the cooling reaches T ≈ 0 in about a hundred sweeps, long before the camps coarsen, and the loop stops there with two consensuses.",
    };
  },
};

/** The re-heat temperature: the costliest move of a degree-4 node (2·4 = 8) is accepted at T = 6 with p = e^{−8/6} ≈ 0.26. */
const HOT = 6;
/** Horizon in mean re-heat intervals: P(no re-heat within it) = e^{−10} ≈ 4.5·10⁻⁵, so escape is possible. */
const INTERVALS = 10;
const ESCAPE_RUNS = 200;
/** A zero-temperature run makes its last downhill move within a few dozen sweeps; after that only level moves. */
const QUENCH_SWEEPS = 200;
/** Attempts at a zero-temperature trap: 40–70 % end in one, so ≥ 100 traps, enough for a Wilson bound above 0.95. */
const QUENCH_ATTEMPTS = 250;
/** "Ensure" at the usual 5 % level: at most one trapped run in twenty stays trapped. */
const ENSURE = 0.95;

interface Escapes {
  runs: number;
  escaped: number;
  within: number;
  passage: number;
}

/**
 * Runs from trap states (`start(r)` gives the run's problem and state, or null when the draw is no trap) at the
 * temperature the text's loop ends at; each sweep re-heats with probability `rate` (the schedule restarts from
 * {@link HOT}); escape = first passage below the trap's energy, within `horizon` sweeps.
 */
function escapes(
  ctx: MeasureContext,
  name: string,
  rate: number,
  attempts: number,
  start: (r: number) => { g: ProblemCsr; spin: Int8Array } | null,
): Escapes {
  const kernel = kernelIn(ctx);
  const schedule = ctx.mechanism.schedule;
  const horizon = Math.round(INTERVALS / rate);
  const out: Escapes = { runs: 0, escaped: 0, within: 0, passage: 0 };
  for (let r = 0; r < attempts; r++) {
    const s = start(r);
    if (!s) continue;
    out.runs++;
    const [moveKey, reheatKey] = split(fold(ctx.key(name), r), 2) as [Key, Key];
    const u = uniformSource(moveKey);
    const reheat = uniformSource(reheatKey);
    let clock = LOOP_LIMIT;
    let current = schedule(T0);
    let e = 0;
    for (let t = 0; t < horizon; t++) {
      if (reheat() < rate) {
        current = schedule(HOT);
        clock = 0;
      }
      if (kernel !== "symmetric" && isConsensus(s.spin)) break; // absorbing: no neighbour holds another value
      e += updateSweep(kernel, s.g, s.spin, current.temperature(clock++), u).deltaH;
      if (e < -1e-9) {
        out.escaped++;
        if (t < LOOP_LIMIT) out.within++;
        out.passage += t + 1;
        break;
      }
    }
  }
  return out;
}

const reheatingEscapes: Claim = {
  id: "p4.2-reheating-escapes",
  source: "proposal",
  section: "4.2",
  quote: "By occasionally allowing non-optimal moves even at low temperatures (re-heating), we ensure the system can escape local minima.",
  short: "re-heating escapes traps",
  notebook: TRAPS,
  model: `${UPDATE}. Runs start in a local minimum at the temperature the §3.3 loop ends at (100·0.95¹⁰⁰⁰); each sweep re-heats with probability r (the schedule restarts from T = ${HOT}); escape = first passage below the trap's energy within ${INTERVALS}/r sweeps. Three traps: where a zero-temperature run of the update stops on watts_strogatz(50, 4, 0.1) (a new graph per attempt, ${QUENCH_ATTEMPTS} attempts of at most ${QUENCH_SWEEPS} sweeps, those that end in a non-consensus local minimum); the split brain of two 4-cliques joined by two bridges (interaction energy alone, ${ESCAPE_RUNS} runs); the consensus against the injected value (§3.3's injection as a field 1 on node 0 of watts_strogatz(16, 4, 0.1), every node at the other value, ${ESCAPE_RUNS} runs).`,
  reading: {
    statement: `Re-heating ensures escape from local minima: from each kind of local minimum of the text's update, a re-heated run leaves it (goes below its energy) with probability above ${ENSURE}.`,
    mechanism: "proposal",
  },
  decision: {
    rule: `everyCase over the three traps (Holm): rateBeyond: P(escape within ${INTERVALS}/r sweeps) > ${ENSURE} (Wilson 95 % interval)`,
    threshold: `${ENSURE}`,
    why: `'Ensure' read at the usual 5 % level (charity on wording): at most one run in twenty stays trapped. The horizon is ${INTERVALS} mean re-heat intervals, so a run is re-heated except with probability e^{−${INTERVALS}}: the outcome is possible at every rate. 'Local minima' is general, so one kind of minimum that is not escaped refutes it.`,
  },
  grid: {
    rate: {
      values: [0.01, 0.001],
      why: [
        "one re-heat per 100 sweeps: 'occasionally' within the §3.3 loop's 1000 sweeps",
        "one per 1000 sweeps: once per §3.3 loop, the rarest reading of 'occasionally'",
      ],
    },
  },
  repairs: [
    {
      variant: "symmetric-kernel",
      why: "A symmetric proposal (the other value, whatever the neighbours hold) can leave a consensus, which a copy never can: the first edition's flip chain.",
    },
  ],
  byConstruction: `The split brain is designed (two cliques joined by two bridges: a trap by the graph's cut); the horizon of ${INTERVALS}/r sweeps makes a re-heat all but certain, so escape from the traps a copy can leave is nearly built in. What the rule itself decides: under §3.3's copy kernel a consensus is absorbing at every temperature (no neighbour holds another value to copy), so the consensus against the injected value, a local minimum of H, is never left.`,
  review:
    "Review: ≥ 95 % escape at every rate including 0.001 per sweep within 1000 sweeps was impossible (P(any re-heat) ≤ 1 − e⁻¹), and a failing part read as partly. Fixed: rates are a grid; the horizon is 10 mean re-heat intervals (P(no re-heat) = e⁻¹⁰), so every outcome is possible; 0.95 is 'ensure' at the 5 % level; the kinds of minima are cases of one universal claim (everyCase: one refuted case fails it).",
  uses: ["kernel", "schedule"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const rate = ctx.cell.rate as number;
    const kernel = kernelIn(ctx);
    const quench = escapes(ctx, "quench", rate, QUENCH_ATTEMPTS, (r) => {
      const g = problemCsr(wsSpinProblem(50, fold(ctx.key("graph"), r)));
      const [startKey, moveKey] = split(fold(ctx.key("quench-start"), r), 2) as [Key, Key];
      const spin = randomSpins(50, uniformSource(startKey));
      runUpdateLoop(kernel, g, spin, { name: "T = 0", temperature: () => 0 }, uniformSource(moveKey), { limit: QUENCH_SWEEPS, stop: true });
      return !isConsensus(spin) && isTrapped(kernel, g, spin) ? { g, spin } : null;
    });
    const cliques = problemCsr(twoCommunityProblem({ hA: 0, hB: 0 }));
    const splitBrain = escapes(ctx, "split", rate, ESCAPE_RUNS, () => ({
      g: cliques,
      spin: Int8Array.from({ length: 8 }, (_, i) => ((SPLIT_STATE >> i) & 1 ? 1 : -1)),
    }));
    const wrong = escapes(ctx, "consensus", rate, ESCAPE_RUNS, (r) => ({
      g: problemCsr(wsSpinProblem(16, fold(ctx.key("graph16"), r), 1)),
      spin: new Int8Array(16).fill(-1),
    }));
    const kinds: Array<[string, Escapes]> = [
      ["a minimum where a zero-temperature run stops (N = 50)", quench],
      ["the split brain of two cliques", splitBrain],
      ["the consensus against the injected value", wrong],
    ];
    const cases: Case[] = kinds.map(([statement, s]) => ({
      statement,
      reading: rateBeyond(s.escaped, s.runs, ENSURE, "above", `escape from ${statement}, re-heat rate ${rate}`, [
        rateEvidence(`escaped within ${INTERVALS}/r sweeps: ${statement}`, s.escaped, s.runs),
        rateEvidence(`escaped within the §3.3 loop's ${LOOP_LIMIT} sweeps: ${statement}`, s.within, s.runs),
        evidence(`mean first-passage sweep: ${statement}`, s.escaped > 0 ? s.passage / s.escaped : 0),
      ]),
    }));
    const result = everyCase(cases, `escape at re-heat rate ${rate}`);
    return {
      result,
      headline: `re-heating at rate ${rate}: escaped ${kinds.map(([, s]) => `${s.escaped}/${s.runs}`).join(", ")} (zero-temperature traps, split brain, consensus against the injection)`,
      reason:
        kernel !== "symmetric"
          ? "Re-heated runs leave the traps that hold both values: at T = 6 a boundary node copies its neighbour's value and the camp follows. But §3.3's update only copies values that neighbours hold, so a consensus on the value the injection opposes, a local minimum of H, proposes no move at any temperature: re-heating cannot leave it."
          : "With a symmetric proposal every node may take the other value at any temperature, so a re-heat lets the run climb out of every kind of minimum, a consensus included.",
    };
  },
};

/** ΔE/T at which the exact Arrhenius slope is read: activation dominates the prefactor there. */
const ARRHENIUS_X = 20;
const COLD_RUNS = 50;

const quantumTunnelling: Claim = {
  id: "p4.2-quantum-tunnelling",
  source: "proposal",
  section: "4.2",
  quote: 'We introduce "Quantum Tunneling" logic into the `update_state` function.',
  short: "quantum tunnelling",
  notebook: TRAPS,
  model: `${UPDATE}; the split brain of two 4-cliques joined by two bridges (interaction energy alone, exact energy table): escapes from it at T = 0 (${COLD_RUNS} runs of ${LOOP_LIMIT} sweeps), and the exact mean escape time of the symmetric single-node chain (all 2⁸ states) whose slope d ln τ / d(ΔE/T) at ΔE/T = ${ARRHENIUS_X} is Arrhenius' 1 for thermal activation.`,
  reading: {
    statement:
      "The update_state rule has quantum tunnelling: an escape through a barrier whose rate is set by the barrier's width and survives T → 0, as the transverse-field term of a quantum Hamiltonian gives.",
    mechanism: "proposal",
  },
  decision: {
    rule: "undecidable: the text defines no quantum dynamics (no transverse field, no amplitude), so no measurement of its update can show or exclude tunnelling",
    threshold: "none",
    why: "What §4.2 describes under the name, 'allowing non-optimal moves even at low temperatures (re-heating)', is classical thermal activation; a tunnelling rate is a property of a quantum Hamiltonian the text never writes. Measured beside it: the classical rule's escape at T = 0 and its Arrhenius slope.",
  },
  grid: {},
  repairs: [],
  byConstruction:
    "A Metropolis rule accepts an uphill move with probability e^{−ΔE/T}, zero at T = 0: no escape at T = 0 and an Arrhenius slope of 1 hold for any classical Metropolis chain, whatever its kernel.",
  review:
    "Review: (brief) the text's mechanism is classical, so the claim is untestable as quantum; say what was measured. Done: untestable, with the classical rule's T = 0 escapes (none) and exact Arrhenius slope as what was measured; the first edition's 'literal fails' reading (which judged the classical rule as if it claimed tunnelling) is gone.",
  uses: ["kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const problem = twoCommunityProblem({ hA: 0, hB: 0 });
    const prepared = prepareProblem(problem);
    const local = isLocalMinimum(prepared.energies, 8, SPLIT_STATE);
    const barrier = barrierFrom(prepared.energies, 8, SPLIT_STATE);
    const slope = arrheniusLocalSlope(prepared, SPLIT_STATE, barrier, ARRHENIUS_X);
    let escaped = 0;
    for (let r = 0; r < COLD_RUNS; r++) {
      const spin = Int8Array.from({ length: 8 }, (_, i) => ((SPLIT_STATE >> i) & 1 ? 1 : -1));
      const u = uniformSource(fold(ctx.key("cold"), r));
      let e = 0;
      for (let t = 0; t < LOOP_LIMIT && e > -1e-9; t++) e += updateSweep(kernelIn(ctx), prepared.csr, spin, 0, u).deltaH;
      if (e < -1e-9) escaped++;
    }
    const result = undecidable(
      "the text defines no quantum dynamics whose tunnelling rate could be measured; what it describes is thermal activation",
      [
        evidence("split brain is a single-node local minimum (1 = yes)", local ? 1 : 0),
        evidence("exact barrier out of the split brain", barrier, { unit: "H units" }),
        rateEvidence(`runs escaping at T = 0 within ${LOOP_LIMIT} sweeps`, escaped, COLD_RUNS),
        evidence(`exact Arrhenius slope at ΔE/T = ${ARRHENIUS_X} (symmetric single-node chain)`, slope, { reference: 1 }),
      ],
    );
    return {
      result,
      headline: `escapes at T = 0: ${escaped} of ${COLD_RUNS}; d ln τ / d(ΔE/T) = ${num(slope)} at ΔE/T = ${ARRHENIUS_X} (Arrhenius: 1)`,
      reason:
        "What §4.2 calls tunnelling, accepting uphill moves at a temperature, is thermal activation: the escape time follows Arrhenius' e^{ΔE/T} and escape stops at T = 0. Tunnelling would be a rate set by the barrier's width that survives T → 0, a property of a quantum Hamiltonian (e.g. a transverse field) the proposal does not define.",
    };
  },
};

export const claims: Claim[] = [metastableRisk, reheatingEscapes, quantumTunnelling];

/**
 * Claims of the proposal's §3.2 (Lemma 1), second edition: each step of the proof and its conclusion, audited on
 * exact objects (closed-form Gaussian laws of the proof's Langevin flow, exact transition matrices of the §3.3
 * Metropolis step, the exact law of an annealed walker), so most numbers carry no sampling error and are decided by
 * `fact` with a rounding tolerance whose reason is stated. The graphs are grids: the audit's fixed graph (the
 * headline cell) and a random graph drawn per replicate from `ctx.key("graph")`.
 *
 * Steps 1–2 test the proof's inference (premise, implication, conclusion), not only its conclusion. Steps 4–5 run the
 * §3.3 copy-node-0 proposal (`ctx.mechanism.kernel`, "copy"); the symmetric kernel is the repair. The conclusion runs
 * the proposal's T = 100·0.95^t (`ctx.mechanism.schedule`); logarithmic cooling is the repair.
 */
import { uniformSource, type Key } from "../engine/random";
import {
  type GaussianFreeEnergy,
  increaseFraction,
  langevinEnergyPath,
  langevinFreeEnergy,
  modeVariance,
  normalSource,
} from "../studies/lemma-audit/lyapunov";
import { groundStateWell, LEMMA_EDGES, LEMMA_RING } from "../studies/lemma-audit/lemma-experiments";
import { exactGroundProbability, groundProbability } from "../studies/lemma-audit/lemma-annealing";
import * as audit from "../spin/lemma/transition-matrices";
import { wattsStrogatzGraph } from "../graph/direct";
import { laplacianEigenvalues, ringLatticeEigenvalues } from "../graph/spectrum";
import { everyCase, fact, rateEvidence } from "./decide";
import { evidence, num } from "./evidence";
import type { Claim, MeasureContext, Measurement } from "./types";
import { kernelIn } from "./mechanism";

const LEMMA_NOTEBOOK = "notebooks/09-convergence-lemma-audited.ipynb";

/**
 * Double-precision rounding of the exact computations: each entry of πP is a sum of ≤ 81 products of order ≤ 1
 * (≤ 81·2⁻⁵³ ≈ 1e−14), each closed form a sum of ≤ 20 terms; 1e−12 sits above both, and every departure the audit
 * reports is ≥ 1e−3.
 */
const EXACT = 1e-12;

/** The spectrum grid of steps 1–2: the audit's cycle, or a Watts–Strogatz graph drawn per replicate. */
const FLOW_GRAPHS = {
  values: ["cycle", "ws"],
  why: [
    `the audit's ${LEMMA_RING.nodes}-node cycle (notebook 09; exact closed-form spectrum): the text names no graph`,
    'ws(20, 4, 0.1), the §3.3 code\'s graph family, drawn per replicate from ctx.key("graph")',
  ],
} as const;

/** The temperatures of steps 1–2: the text assumes a constant T and gives none. */
const FLOW_TEMPERATURES = {
  values: [1, 0.1],
  why: ["T = 1 in units of the coupling (notebook 09's audit)", "a ten times colder bath (the text fixes no T_net)"],
} as const;

/** The Laplacian spectrum of the cell's graph, with its edges (for the one noisy path shown beside the law). */
function flowGraph(ctx: MeasureContext): { lambdas: Float64Array; edges: Array<[number, number]>; n: number; label: string } {
  if (ctx.cell.graph === "ws") {
    const g = wattsStrogatzGraph(20, 4, 0.1, uniformSource(ctx.key("graph")));
    const edges = Array.from(g.src, (s, e) => [s, g.dst[e]!] as [number, number]);
    return { lambdas: laplacianEigenvalues(g), edges, n: g.n, label: "ws(20, 4, 0.1)" };
  }
  const n = LEMMA_RING.nodes;
  const edges = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]);
  return { lambdas: ringLatticeEigenvalues(n, LEMMA_RING.neighbours), edges, n, label: `the ${n}-node cycle` };
}

/** dS/dt of the law's differential entropy: Σ_k V_k'/(2V_k) = Σ_k (T − 2λ_kV_k)/V_k (V' = 2T − 4λV, module lyapunov). */
function entropyRate(lambdas: Float64Array, temperature: number, sigma0sq: number, t: number): number {
  let rate = 0;
  for (const raw of lambdas) {
    const l = raw <= 1e-12 ? 0 : raw;
    const v = modeVariance(l, temperature, sigma0sq, t);
    rate += (temperature - 2 * l * v) / v;
  }
  return rate;
}

/** The starts of step 1's universal inference: narrower than, near, and wider than the stationary modes. */
const STARTS = [0.05, 0.5, 5] as const;

/** Lemma 1, step 1: "dS/dt ≥ 0 implies dF/dt ≤ 0". */
export const lemmaStep1: Claim = {
  id: "p3.2-step1-second-law",
  source: "proposal",
  section: "3.2",
  quote: "By the Second Law of Thermodynamics, in a closed system, dS/dt ≥ 0 implies dF/dt ≤ 0 (assuming constant Volume/Temperature).",
  short: "step 1: Second Law ⇒ F decreases",
  notebook: LEMMA_NOTEBOOK,
  model:
    "The proof's flow dΨ = −∇ℋ dt + η on the cell's graph (one channel, ℋ = Σ_edges (ψ_i − ψ_j)², constant T): the exact Gaussian law from N(0, σ₀²) for σ₀² ∈ {0.05, 0.5, 5}, at 91 log-spaced times in [10⁻³, 10⁶]; one Euler–Maruyama path (dt = 0.05, 2000 steps) shown beside it.",
  reading: {
    statement:
      "In the proof's system (the §3.2 flow at constant T, F = ⟨ℋ⟩ − T·S of §1.3, S the system's Shannon entropy), the Second Law gives dS/dt ≥ 0, and this implies dF/dt ≤ 0, from whatever law the system starts.",
    mechanism: "proposal",
  },
  decision: {
    rule: "everyCase over the inference's three parts (its premise dS/dt ≥ 0, the implication, its conclusion dF/dt ≤ 0), each a fact on exact closed forms at every start and time",
    threshold:
      "premise: no (start, time) with dS/dt < 0; implication: no (start, time) with dS/dt ≥ 0 and dF/dt > 0; conclusion: max dF/dt ≤ 0",
    why: "dS/dt and dF/dt of the Gaussian law are closed forms with no sampling error, and an inference is sound only if its premise holds of the system it is applied to: one counterexample refutes a part. The lemma is about every starting law, so the starts are cases, not a grid.",
  },
  grid: { graph: FLOW_GRAPHS, T: FLOW_TEMPERATURES },
  repairs: [],
  byConstruction:
    "dF/dt = −Σ_k (2λ_kV_k − T)²/V_k ≤ 0 is the Fokker–Planck H-theorem for the law (dF/dt = −T·dS_tot/dt with S_tot = S − ⟨ℋ⟩/T the entropy of system and bath): the conclusion holds by a theorem about the distribution, not about the path, and not because the system's S grows. The premise fails by the same algebra: a mode started wider than its stationary variance T/2λ_k shrinks, and its entropy falls (the system is not closed: the noise and the friction exchange heat with the bath).",
  review:
    "Review (p3.2-step1, p3.2-step2): only the conclusion (the Fokker–Planck H-theorem) was tested, not the proof's inference, and byConstruction was null. Now the inference is tested part by part (premise, implication, conclusion) on the exact law from three starts; byConstruction states the H-theorem (a theorem about the law, not the path); the literal/strongest pair is gone.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const T = ctx.cell.T as number;
    const graph = flowGraph(ctx);
    const ts = Array.from({ length: 91 }, (_, i) => 10 ** (-3 + i / 10));
    let entropyFalls = 0,
      counterexamples = 0,
      maxDerivative = -Infinity,
      minEntropyRate = Infinity;
    const pairs = STARTS.length * ts.length;
    for (const s0 of STARTS)
      for (const t of ts) {
        const dS = entropyRate(graph.lambdas, T, s0, t);
        const dF = langevinFreeEnergy(graph.lambdas, T, s0, t).derivative;
        if (dS < 0) entropyFalls++;
        if (dS >= 0 && dF > 0) counterexamples++;
        maxDerivative = Math.max(maxDerivative, dF);
        minEntropyRate = Math.min(minEntropyRate, dS);
      }
    const x0 = Float64Array.from({ length: graph.n }, (_, i) => 3 * Math.sin(i));
    const steps = 2000;
    const path = langevinEnergyPath(graph.n, graph.edges, x0, {
      dt: 0.05,
      steps,
      temperature: T,
      normal: normalSource(uniformSource(ctx.key("path"))),
    });
    const rises = Math.round(increaseFraction(path) * steps);
    const premise = fact(entropyFalls === 0, `dS/dt < 0 at ${entropyFalls}/${pairs} (start, time) pairs (min ${num(minEntropyRate)})`, [
      evidence("(start, time) pairs at which the system's entropy falls", entropyFalls, { reference: 0 }),
      evidence("lowest dS/dt of the law", minEntropyRate, { reference: 0 }),
    ]);
    const implication = fact(counterexamples === 0, `dS/dt ≥ 0 with dF/dt > 0 at ${counterexamples}/${pairs} pairs`, [
      evidence("(start, time) pairs with dS/dt ≥ 0 and dF/dt > 0", counterexamples, { reference: 0 }),
    ]);
    const conclusion = fact(maxDerivative <= 0, `max dF/dt = ${num(maxDerivative, 2)}`, [
      evidence("largest dF/dt of the exact law, all starts and times", maxDerivative, { reference: 0 }),
      rateEvidence("steps in which ℋ rises along one noisy path (F is the law's, not the path's)", rises, steps),
    ]);
    return {
      result: everyCase(
        [
          { statement: "premise: the Second Law gives dS/dt ≥ 0 for the system", reading: premise },
          { statement: "implication: dS/dt ≥ 0 ⇒ dF/dt ≤ 0", reading: implication },
          { statement: "conclusion: dF/dt ≤ 0", reading: conclusion },
        ],
        `the step's inference on ${graph.label}, T = ${T}`,
      ),
      headline: `the system's S falls at ${entropyFalls}/${pairs} (start, time) pairs while F falls at all (max dF/dt = ${num(maxDerivative, 2)}); one path: ℋ rises in ${num((100 * rises) / steps)} % of steps`,
      reason:
        "F falls at every time from every start (the Fokker–Planck H-theorem), but not because dS/dt ≥ 0: the system exchanges heat with the bath, and from a wide start its entropy falls while F falls. " +
        "The Second Law constrains the entropy of system and bath (S − ⟨ℋ⟩/T), which is exactly −F/T: the step's premise is false of the system it is applied to, and its conclusion is true for another reason.",
    };
  },
};

/** Lemma 1, steps 2–3: H bounded below ⇒ the trajectory descends into a basin of attraction. */
export const lemmaStep2: Claim = {
  id: "p3.2-step2-basin",
  source: "proposal",
  section: "3.2",
  quote:
    "The Hamiltonian ℋ is bounded from below (cannot have negative disagreement). Therefore, the trajectory of Ψ describes a descent into a basin of attraction.",
  short: "steps 2–3: bounded ℋ ⇒ basin of attraction",
  notebook: LEMMA_NOTEBOOK,
  model:
    "The exact Gaussian law of the proof's flow on the cell's graph (ℋ = Σ_edges (ψ_i − ψ_j)² as written, its consensus mode free; constant T; start N(0, ½)), at t = 10³ and 10⁶.",
  reading: {
    statement:
      "Because ℋ ≥ 0, the proof's Lyapunov function F = ⟨ℋ⟩ − T·S is bounded below, so its descent ends: F converges to a finite limit and the law of Ψ settles in a basin.",
    mechanism: "proposal",
  },
  decision: {
    rule: "everyCase over the step's premise (ℋ ≥ 0) and its inference (F converges), facts on the exact spectrum and closed-form laws",
    threshold: `premise: smallest Laplacian eigenvalue ≥ −${EXACT}·λ_max; inference: |F(10⁶) − F(10³)| / ln 10³ < ${EXACT}`,
    why: "Both are closed forms: by t = 10³ every disagreement mode has relaxed to within e^(−4λ₂t) < 1e−100 of its stationary law, so any change of F beyond double rounding is real (it is −T/2 per unit of ln t per free mode).",
  },
  grid: { graph: FLOW_GRAPHS, T: FLOW_TEMPERATURES },
  repairs: [],
  byConstruction:
    "ℋ depends only on differences ψ_i − ψ_j, so it is invariant under a common shift of every ψ_i: e^(−ℋ/T) is not normalisable, the consensus mode is a free Brownian motion (variance σ₀² + 2Tt), its entropy grows like ½ ln t and F falls like −(T/2) ln t on any connected graph at any T > 0. The bound ℋ ≥ 0 bounds ⟨ℋ⟩, not −T·S: algebra of the text's ℋ, not a property of our graphs.",
  review:
    "Review (p3.2-step1, p3.2-step2): only the conclusion (relaxation with the consensus mode confined) was tested, not the proof's inference; byConstruction null. Now the inference is tested on the text's ℋ as written (premise ℋ ≥ 0, then F bounded and converging); the confined model, which adds a condition the text does not state, is gone; byConstruction gives the algebra.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const T = ctx.cell.T as number;
    const graph = flowGraph(ctx);
    const lmax = Math.max(...graph.lambdas);
    const lmin = Math.min(...graph.lambdas);
    const [a, b] = [1e3, 1e6].map((t) => langevinFreeEnergy(graph.lambdas, T, LEMMA_RING.sigma0sq, t)) as [
      GaussianFreeEnergy,
      GaussianFreeEnergy,
    ];
    const slope = (b.freeEnergy - a.freeEnergy) / Math.log(1e3);
    const zeroModes = Array.from(graph.lambdas).filter((l) => l <= 1e-9).length;
    const disagreement = Array.from(graph.lambdas)
      .filter((l) => l > 1e-9)
      .reduce((s, l) => s + l * modeVariance(l, T, LEMMA_RING.sigma0sq, 1e6), 0);
    const premise = fact(lmin >= -EXACT * lmax, `ℋ = ΨᵀLΨ with smallest eigenvalue ${num(lmin, 2)} ≥ 0: bounded below by 0`, [
      evidence("smallest Laplacian eigenvalue (ℋ ≥ 0 iff ≥ 0)", lmin, { reference: 0 }),
    ]);
    const inference = fact(
      Math.abs(slope) < EXACT,
      `dF/d ln t = ${num(slope)} from t = 10³ to 10⁶ (−T/2 per free mode, ${zeroModes} free): F → −∞`,
      [
        evidence("dF/d ln t of the exact law, t from 10³ to 10⁶", slope, { reference: 0 }),
        evidence("⟨ℋ⟩ at t = 10⁶ (the disagreement modes do settle, at (N − c)T/2)", disagreement, {
          reference: ((graph.n - zeroModes) * T) / 2,
        }),
      ],
    );
    return {
      result: everyCase(
        [
          { statement: "premise: ℋ is bounded below", reading: premise },
          { statement: "inference: F is bounded below and converges (a basin)", reading: inference },
        ],
        `steps 2–3 on ${graph.label}, T = ${T}`,
      ),
      headline: `ℋ ≥ 0, yet F → −∞: dF/d ln t = ${num(slope)} (−T/2 per free mode); the disagreement settles at ⟨ℋ⟩ = ${num(disagreement)}`,
      reason:
        "ℋ is bounded below, but the proof's Lyapunov function is F = ⟨ℋ⟩ − T·S, and S is not bounded: the consensus mode (a common shift of every ψ_i) costs no energy and diffuses freely, so F falls without bound and the law never settles. " +
        "The disagreement modes do reach their stationary law: the valley of consensus attracts, though no point of it, and no law, is reached.",
    };
  },
};

/** The §3.2 audit's graphs for steps 4–5: the square with one diagonal, or a connected G(4, ½) drawn per replicate. */
const LEMMA_KERNEL_GRID = {
  graph: {
    values: ["square", "random"],
    why: [
      "notebook 09's test system: 4 nodes on a square with one diagonal (the text gives no graph; 81 states stay exact)",
      'a connected G(4, ½) drawn per replicate from ctx.key("graph")',
    ],
  },
  T: {
    values: [1, 0.25],
    why: ["T = 1 in units of the coupling (notebook 09)", "a colder chain (T fixed by no text)"],
  },
} as const;

/** A connected G(4, ½): each of the 6 pairs joined with probability ½, redrawn (same stream) until connected. */
function randomConnected(k: Key): Array<[number, number]> {
  const u = uniformSource(k);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) pairs.push([i, j]);
  for (;;) {
    const edges = pairs.filter(() => u() < 0.5);
    const root = [0, 1, 2, 3];
    const find = (x: number): number => (root[x] === x ? x : (root[x] = find(root[x]!)));
    for (const [i, j] of edges) root[find(i)] = find(j);
    if (new Set([0, 1, 2, 3].map(find)).size === 1) return edges;
  }
}

/**
 * The §3.2 test system of a cell, and the §3.3 Metropolis step with the mechanism's proposal kernel: "copy" (§3.3's
 * code: node i proposes node 0's value) or "symmetric" (a uniformly drawn other value). Reads `kernel`.
 */
function kernelSystem(ctx: MeasureContext) {
  const edges = ctx.cell.graph === "random" ? randomConnected(ctx.key("graph")) : (LEMMA_EDGES as Array<[number, number]>);
  const T = ctx.cell.T as number;
  const kernel = kernelIn(ctx);
  const proposal: audit.ProposalRule = kernel === "node0" ? "copy-node-0" : "uniform";
  const space = audit.stateSpace(4, [0, 1, 2]);
  const energies = audit.energies(space, audit.interactionEnergy(edges));
  const delta = { kind: "local-half" as const, edges };
  const label = `${ctx.cell.graph === "random" ? `G(4, ½) with ${edges.length} edges` : "the square with a diagonal"}, T = ${T}, ${kernel === "node0" ? "§3.3's copy-node-0 proposal" : "a symmetric proposal"}`;
  return { space, energies, delta, proposal, T, kernel, label, piNet: audit.boltzmann(energies, 2 * T), piT: audit.boltzmann(energies, T) };
}

const KERNEL_MODEL =
  "The §3.2 test system: 4 nodes on the cell's graph, values {0, 1, 2} (81 states), ℋ = Σ_edges (ψ_i − ψ_j)², the §3.3 step (local energy with its ½, accept when ΔE ≤ 0, else with e^(−ΔE/T)); exact transition matrices of each node's update and of §3.3's sweep in node order. The ½ of §3.3's local energy is absorbed into T_net = 2T (the rubric's charity on constant factors).";

const KERNEL_REPAIR = {
  variant: "symmetric-kernel",
  why: "The first edition's strongest reading replaced §3.3's copy-node-0 proposal by a symmetric one (the textbook Metropolis kernel, not gossip): measured here as a repair, on the same grid.",
};

/** Lemma 1, step 4: the Metropolis–Hastings rule of Phase II guarantees detailed balance. */
export const lemmaStep4: Claim = {
  id: "p3.2-step4-detailed-balance",
  source: "proposal",
  section: "3.2",
  quote: "Given the Metropolis-Hastings acceptance criterion used in Phase II (see diagram), the system guarantees detailed balance.",
  short: "step 4: Metropolis ⇒ detailed balance",
  notebook: LEMMA_NOTEBOOK,
  model: KERNEL_MODEL,
  reading: {
    statement:
      "The Phase II update as the text ships it (§3.3: node i proposes node 0's value, accepted by the Metropolis criterion) satisfies detailed balance with respect to the Boltzmann law e^(−ℋ/T_net) (T_net = 2T absorbs §3.3's ½).",
    mechanism: "proposal",
  },
  decision: {
    rule: "fact (exact 81-state matrices): the largest violation of detailed balance over every node's update",
    threshold: `max_i max_ab |π_a P⁽ⁱ⁾_ab − π_b P⁽ⁱ⁾_ba| < ${EXACT}, π ∝ e^(−ℋ/2T)`,
    why: "Detailed balance is a property of each Metropolis–Hastings update (a sweep of reversible updates is not itself reversible, but keeps π; step 5 tests that), and the matrices are exact: double rounding (EXACT) is the only tolerance, and every violation the audit finds is ≥ 1e−3.",
  },
  grid: LEMMA_KERNEL_GRID,
  repairs: [KERNEL_REPAIR],
  byConstruction:
    "Both outcomes follow from the kernel's algebra: with a symmetric proposal the Metropolis acceptance is reversible with respect to its target by construction (the textbook theorem); with §3.3's proposal a move to node 0's value has no reverse unless node 0 happens to hold the old value, so no law of full support is reversible. The exact matrices check both.",
  review:
    "Review (p3.2-step4, p3.2-step5): the shipped copy-node-0 proposal was replaced by a symmetric random-value kernel (not gossip). Now the verdict is the copy-node-0 proposal's (read from ctx.mechanism.kernel), and the symmetric kernel is the repair `symmetric-kernel`, measured beside it on the same grid.",
  uses: ["kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const sys = kernelSystem(ctx);
    let violation = 0,
      violationT = 0,
      moves = 0,
      oneWay = 0;
    const S = sys.space.size;
    for (let i = 0; i < sys.space.n; i++) {
      const P = audit.siteTransitionMatrix(sys.space, i, sys.T, sys.delta, sys.proposal);
      violation = Math.max(violation, audit.detailedBalanceViolation(P, sys.piNet));
      violationT = Math.max(violationT, audit.detailedBalanceViolation(P, sys.piT));
      for (let a = 0; a < S; a++)
        for (let b = 0; b < S; b++) {
          if (a === b || P[a * S + b] === 0) continue;
          moves++;
          if (P[b * S + a] === 0) oneWay++;
        }
    }
    return {
      result: fact(
        violation < EXACT,
        `${sys.label}: largest violation ${num(violation, 2)} against e^(−ℋ/T_net); ${oneWay}/${moves} moves have no reverse`,
        [
          evidence("max |π_aP_ab − π_bP_ba| over the node updates, π ∝ e^(−ℋ/2T)", violation, { reference: 0 }),
          evidence("… against e^(−ℋ/T) (the ½ not absorbed)", violationT, { reference: 0 }),
          evidence("moves whose reverse move is never proposed", oneWay, { reference: 0 }),
        ],
      ),
      headline: `${sys.kernel === "node0" ? "§3.3's copy-node-0 update" : "symmetric proposal"}: violation ${num(violation, 2)}; ${oneWay}/${moves} moves have no reverse`,
      reason:
        sys.kernel === "node0"
          ? "The update the text ships proposes node 0's current value: a one-way proposal (the reverse move is proposed only if node 0 holds the old value), so min(1, e^(−ΔE/T)) is not a Metropolis–Hastings ratio for any target and detailed balance fails against every law of full support."
          : "With a symmetric proposal every node's Metropolis update is reversible with respect to e^(−ℋ/T_net), to rounding: the textbook theorem.",
    };
  },
};

/** Irreducibility of a transition matrix (every state reaches state 0 and is reached from it): a unique stationary law. */
function irreducible(P: Float64Array, S: number): boolean {
  const reach = (forward: boolean): number => {
    const seen = new Uint8Array(S);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      const a = stack.pop()!;
      for (let b = 0; b < S; b++) {
        if (seen[b] || (forward ? P[a * S + b] : P[b * S + a]) === 0) continue;
        seen[b] = 1;
        count++;
        stack.push(b);
      }
    }
    return count;
  };
  return reach(true) === S && reach(false) === S;
}

/** Lemma 1, step 5: the stationary law is Boltzmann. */
export const lemmaStep5: Claim = {
  id: "p3.2-step5-boltzmann",
  source: "proposal",
  section: "3.2",
  quote: "Thus, the stationary distribution is the Boltzmann distribution π(Ψ)",
  short: "step 5: stationary law is Boltzmann",
  notebook: LEMMA_NOTEBOOK,
  model: KERNEL_MODEL,
  reading: {
    statement:
      "The chain the text ships (§3.3's sweep in node order with its copy-node-0 proposal) has the Boltzmann law e^(−ℋ/T_net) as its stationary distribution, and as its only one (T_net = 2T absorbs §3.3's ½).",
    mechanism: "proposal",
  },
  decision: {
    rule: 'everyCase over the two parts of "the stationary distribution is Boltzmann": Boltzmann is stationary, and the stationary law is unique (the chain is irreducible); facts on the exact sweep matrix',
    threshold: `‖πP − π‖₁ < ${EXACT} for π ∝ e^(−ℋ/2T); every state reaches every other`,
    why: "Double rounding of the exact matrices (EXACT); every departure the audit finds is ≥ 1e−3. The factor ½ of §3.3's local energy makes the law e^(−ℋ/2T): a constant factor absorbed into T_net, as the rubric's charity on wording says, so it decides nothing.",
  },
  grid: LEMMA_KERNEL_GRID,
  repairs: [KERNEL_REPAIR],
  byConstruction:
    "With a symmetric proposal each node's update keeps e^(−ℋ/T_net) (detailed balance, step 4), so the sweep does, and T > 0 makes it irreducible: the repair holds by the textbook theorem. With §3.3's proposal the consensus states are absorbing (node 0's value always wins), so the point masses on them are stationary and Boltzmann is not: the kernel's algebra, checked on exact matrices.",
  review:
    "Review (p3.2-step4, p3.2-step5): the symmetric kernel replaced the shipped copy-node-0 proposal, and step 5's partly came from the factor ½ (Boltzmann at 2T). Now the copy-node-0 proposal is the verdict (ctx.mechanism.kernel) and the symmetric kernel the repair `symmetric-kernel`; the ½ is absorbed into T_net = 2T and decides nothing.",
  uses: ["kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const sys = kernelSystem(ctx);
    const S = sys.space.size;
    const P = audit.sweepTransitionMatrix(sys.space, sys.T, sys.delta, sys.proposal);
    const error = audit.stationarityError(P, sys.piNet);
    const errorT = audit.stationarityError(P, sys.piT);
    const absorbing = audit.absorbingStates(P, S).length;
    const unique = irreducible(P, S);
    const stationary = fact(error < EXACT, `‖πP − π‖₁ = ${num(error, 2)} against e^(−ℋ/T_net)`, [
      evidence("‖πP − π‖₁ of the sweep, π ∝ e^(−ℋ/2T)", error, { reference: 0 }),
      evidence("… against e^(−ℋ/T) (the ½ not absorbed)", errorT, { reference: 0 }),
    ]);
    const only = fact(
      unique,
      unique ? "irreducible: the stationary law is unique" : `not irreducible: ${absorbing} absorbing states, each its own stationary law`,
      [evidence("absorbing states of the sweep", absorbing, { reference: 0 })],
    );
    return {
      result: everyCase(
        [
          { statement: "Boltzmann at T_net is stationary", reading: stationary },
          { statement: "it is the only stationary law", reading: only },
        ],
        sys.label,
      ),
      headline: `${sys.kernel === "node0" ? "§3.3's sweep" : "symmetric sweep"}: ‖πP − π‖₁ = ${num(error, 2)} against e^(−ℋ/T_net); ${absorbing} absorbing states`,
      reason:
        sys.kernel === "node0"
          ? "With the copy-node-0 proposal the text ships, no Boltzmann law is stationary: the consensus states absorb and node 0's value always wins, so the chain ends in whichever consensus it reaches first."
          : "With a symmetric proposal the sweep keeps the Boltzmann law at T_net = 2T (the ½ of §3.3's local energy) and is irreducible: it is the unique stationary law.",
    };
  },
};

/** The annealing horizons (steps) of the ground-state claim. */
const BUDGETS = [1e3, 1e4, 1e5] as const;

/** Lemma 1's conclusion under the protocol's cooling: the system converges to the ground state. */
export const lemmaGroundState: Claim = {
  id: "p3.2-ground-state",
  source: "proposal",
  section: "3.2",
  quote:
    "Under the EMTD protocol, the probability of system divergence approaches zero as time t → ∞. … the system converges to the ground state (Consensus).",
  short: "Lemma 1: converges to the ground state",
  notebook: LEMMA_NOTEBOOK,
  model:
    "A Metropolis walker (proposal x ± 1, the §3.3 acceptance) on a double well: a wide false basin of `wide` states at 0, a barrier d* = `depth`, a one-state ground well at −0.75·d*; started in the false basin; its exact law propagated 10³, 10⁴ and 10⁵ steps under the schedule from T₀ = 100 (the proposal's T = 100·0.95^t).",
  reading: {
    statement:
      "Under the protocol's own cooling (T₀ = 100, T ← 0.95·T), the probability of not being in the ground state approaches zero as t → ∞.",
    mechanism: "proposal",
  },
  decision: {
    rule: "everyCase, facts on the exact law: the walker follows its equilibrium (which tends to the ground state as T → 0), and its probability of divergence keeps falling",
    threshold: `q(t) ≤ 2·q_B(T_t) + ${EXACT} at t = 10³, 10⁴, 10⁵ (q = P(not ground), q_B the Boltzmann value at the current T); q(10⁴) < q(10³) and q(10⁵) < q(10⁴) by more than ${EXACT}`,
    why: "Convergence, not a rise: q_B(T) → 0 as T → 0, so a law that stays within a bounded factor of q_B(T_t) goes to 0 with it (Hajek 1988); a frozen law keeps q fixed while q_B → 0, so its ratio diverges (here beyond 10¹⁰⁰). Any factor between 1.5 and 10⁶ gives the same verdicts; 2 allows the lag of a law behind its moving equilibrium. The laws are exact, so a change below EXACT is no change.",
  },
  grid: {
    depth: {
      values: [50, 20],
      why: [
        "d* = 50 = T₀/2: the landscape's energy scale is the text's open choice; at T₀ = 2d* the repair meets Hajek's c ≥ d* with margin 2",
        "d* = 20 = T₀/5: a shallower trap",
      ],
    },
    wide: {
      values: [4, 12],
      why: ["notebook 09's well (4 false states)", "a wider false basin (a stronger entropic trap at moderate T)"],
    },
  },
  repairs: [
    {
      variant: "logarithmic-cooling",
      why: "The first edition's strongest reading: Hajek's T_t = c/ln(t + e) with c = T₀ = 100 ≥ d*, the schedules that guarantee the ground state; the proposal never gives it.",
    },
  ],
  byConstruction:
    "The double well is a designed trap (a wide false basin favoured by entropy, a narrow true ground state behind a barrier d*). Geometric cooling freezes in it by construction of the schedule: T falls below d*/ln t within a few dozen steps, violating Hajek's condition c ≥ d*, after which no uphill move is ever accepted. Logarithmic cooling with c ≥ d* converges by Hajek's theorem. The landscape makes the freeze visible; it does not make it.",
  review:
    "Review (p3.2-ground-state): the headline held only under logarithmic cooling, which the proposal never gives, and the holds tested a rise (0.698 → 0.947), not convergence. Now the verdict is the proposal's T = 100·0.95^t (read from ctx.mechanism.schedule); logarithmic cooling is the repair `logarithmic-cooling`; convergence is tested as the law following its equilibrium (q ≤ 2·q_B(T_t), q_B → 0) and still falling.",
  uses: ["schedule"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const depth = ctx.cell.depth as number;
    const well = groundStateWell(depth, ctx.cell.wide as number);
    const schedule = ctx.mechanism.schedule(100);
    const q = BUDGETS.map((b) => 1 - exactGroundProbability(well, schedule, b));
    const temperatures = BUDGETS.map((b) => schedule.temperature(b));
    const qB = temperatures.map((T) => (T > 0 ? 1 - groundProbability(well, T) : 0));
    const behind = BUDGETS.filter((_, i) => !(q[i]! <= 2 * qB[i]! + EXACT)).length;
    const falling = q[1]! < q[0]! - EXACT && q[2]! < q[1]! - EXACT;
    const qs = q.map((x) => num(x)).join(", ");
    const tracks = fact(
      behind === 0,
      `P(not ground) ${qs} vs equilibrium ${qB.map((x) => num(x)).join(", ")} at 10³, 10⁴, 10⁵ steps: ${behind}/3 beyond 2×`,
      [
        evidence("P(not ground) after 10⁵ steps (exact)", q[2]!, { reference: 0 }),
        evidence("Boltzmann P(not ground) at the temperature reached after 10⁵ steps", qB[2]!, { reference: 0 }),
        evidence("temperature after 10⁵ steps", temperatures[2]!),
      ],
    );
    const keepsFalling = fact(falling, `P(not ground) ${qs}: ${falling ? "still falling" : "frozen"}`, [
      evidence("P(not ground) after 10³ steps (exact)", q[0]!, { reference: 0 }),
    ]);
    return {
      result: everyCase(
        [
          { statement: "the law follows its equilibrium (→ the ground state as T → 0)", reading: tracks },
          { statement: "the divergence probability keeps falling", reading: keepsFalling },
        ],
        `${schedule.name}, d* = ${depth}, ${ctx.cell.wide} false states`,
      ),
      headline: `${schedule.name}: P(not ground) = ${qs} at 10³, 10⁴, 10⁵ steps (equilibrium at the last T: ${num(qB[2]!)})`,
      reason: falling
        ? "The walker's law follows the Boltzmann law at the current temperature, which tends to the ground state as T → 0: the probability of divergence falls toward zero (Hajek's c ≥ d* regime)."
        : "The schedule freezes the walker: T falls below the barrier within a few dozen steps, after which no uphill move is accepted, and the probability of ending outside the ground state stays fixed however long the run.",
    };
  },
};

export const claims: Claim[] = [lemmaStep1, lemmaStep2, lemmaStep4, lemmaStep5, lemmaGroundState];

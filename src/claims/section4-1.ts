/**
 * The claims of the proposal's §4.1 ("Emergent Properties"), second edition (issue 34; shared/VERDICTS.md): one
 * faithful reading each, on the text's own mechanism (the gradient flow of the quadratic coupling, run as its stable
 * explicit Euler step: averaging, the `mean` rule) and the text's own topology (§3.3's
 * `nx.watts_strogatz_graph(N, k=4, p=0.1)`, a fresh graph per run and replicate from the stream "graph"); the open
 * choices are grids, W-MSR is a repair. Every measure() runs in typed arrays (no tensors).
 */
import { fold, uniformSource, type Key } from "../engine/random";
import { damageRuns, type DamageFamily } from "../studies/adversary/damage-runs";
import { healingRuns } from "../studies/adversary/healing-runs";
import { runFaultyConsensus, type FaultyConsensusOptions, type FaultyConsensusResult } from "../studies/adversary/faulty-consensus";
import { completeRobustness } from "../studies/adversary/robustness";
import { familyMember } from "../graph/families";
import type { Graph } from "../graph/graph";
import { releaseGraph } from "../ops/tensors";
import { mean, variance } from "../stats/summary";
import { beyond, difference, estimateEvidence, everyCase, rateEvidence, type TEstimate } from "./machinery/decide";
import { outsidePrecondition } from "./machinery/precondition";
import { evidence, num, pm } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";
import { cellStop, rateBeyondByLooks } from "./machinery/sequential-cell";
import { scaleInvariance } from "./section4-1-scale";

export { IDENTICAL_FACTOR, SCALE_INVARIANT_SLOPE, scaleClass } from "./section4-1-scale";

const NOTEBOOK_ADVERSARIES = "notebooks/11-adversaries-and-self-healing.ipynb";

/** Honest values differ by float64 rounding only below this: ~5000 rounds × a few ulps of values O(1). */
const ROUNDING = 1e-9;

/** Nodes of the adversarial experiments: §3.3 runs its ledger with num_nodes = 50; 40 keeps a run in milliseconds. */
const NODES = 40;

/** Where corrupted nodes centre their messages: outside the honest range [0, 1), so a pull is visible. */
const CORRUPT_VALUE = 5;

/** Mean, standard error and degrees of freedom (n − 1) of a sample (n ≥ 2). */
function meanSe(xs: readonly number[]): TEstimate {
  return { value: mean(xs), se: Math.sqrt(variance(xs) / xs.length), df: xs.length - 1 };
}

/** §3.3's topology, ws:N:4:0.1, drawn from `k`; the graph is released after `use`. */
function withWs<T>(n: number, k: Key, use: (graph: Graph) => T): T {
  const graph = familyMember("ws", n, k).graph!;
  try {
    return use(graph);
  } finally {
    releaseGraph(graph);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Self-healing

/**
 * Where the corrupted nodes centre their noise, a choice the text leaves open (review 3: "V = 5 is not gridded"):
 * far outside the honest range and just outside it.
 */
const HEALING_BIAS = {
  values: [CORRUPT_VALUE, 1.5],
  why: [
    `V = ${CORRUPT_VALUE}: far outside the honest range [0, 1) (four ranges above its top), so a pull is visible`,
    "V = 1.5: just outside it (half a range above its top), a mild bias a corrupted node " +
      "could hide behind its noise (N(0, 1) spreads its messages over the honest range)",
  ],
};

/** Runs per cell: the SE of the honest mean's end point is then ~0.05 under averaging, ~0.03 under W-MSR. */
const HEALING_RUNS = 8;

/**
 * The most of the way to V the corrupted nodes may pull the honest mean, against the run without them, for the honest
 * nodes to count as isolated from them: a tenth (kind to the claim; the fourth-edition referee's case, a node 39 %
 * captured, passed the earlier criterion "the honest mean ends below the top of the honest range").
 */
const CAPTURE_MARGIN = 0.1;

const selfHealing: Claim = {
  id: "p4.1-self-healing",
  source: "proposal",
  section: "4.1",
  quote:
    "**Self-Healing:** If a subset of nodes is corrupted (high local entropy), the gradient flow " +
    'naturally isolates them, as the energy cost to "sync" with a high-entropy node becomes prohibitive.',
  short: "the gradient flow isolates corrupted nodes",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    `ws:${NODES}:4:0.1 (§3.3's topology), a fresh graph per run; the corrupted nodes 0 … F−1 send V + ` +
    `N(0, 1) drawn afresh each round (high local entropy; V the grid's bias, ${HEALING_BIAS.values.join(" or ")}); ` +
    `the ${NODES} − F honest nodes start uniform on [0, 1) and run the mechanism's rule for ` +
    `the horizon: the proposal's is averaging, the explicit Euler step of the quadratic coupling's ` +
    `gradient flow (step 1/(2·d_max)). Each run is paired with the uncorrupted run: the honest nodes alone ` +
    `(the graph without the corrupted nodes), the same starts, the same rule and horizon. ${HEALING_RUNS} ` +
    `runs per cell. T_net = 0: the flow's noise η(t) is zero-mean and does not move the honest mean.`,
  reading: {
    statement:
      "Under the proposal's gradient flow, nodes corrupted into high local entropy (sending noise around " +
      "a wrong value) are isolated: the honest nodes end where they would have ended without them, " +
      "the corrupted nodes pulling the honest mean less than a tenth of the way toward their centre V.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `beyond (t, ${HEALING_RUNS - 1} df): the capture, (honest mean at the horizon − the uncorrupted ` +
      `run's) / (V − the uncorrupted run's), mean over ${HEALING_RUNS} paired runs, below ${CAPTURE_MARGIN}`,
    threshold: `${CAPTURE_MARGIN}: the corrupted nodes pull the honest mean less than a tenth of the way to V`,
    why:
      `Isolating a corrupted node means the honest nodes end on the value they reach without ` +
      `it: the run without the corrupted nodes, from the same starts, is the reference (the ` +
      `fourth-edition referee: read capture against the uncorrupted run, with a margin). The ` +
      `margin, a tenth of the way to V, is kind to the claim; the earlier criterion (the honest ` +
      `mean below the top of the honest initial range) passed a node 39 % captured at V = 1.5.`,
  },
  grid: {
    horizon: {
      values: [1000, 100, 10_000],
      why: [
        "§3.3's run_epoch caps the diffusion at 1000 steps (`steps < 1000`): the text's own horizon",
        "a tenth of it: whether an early snapshot looks isolated",
        "ten times it: the flow has settled on its fixed point",
      ],
    },
    corrupted: {
      values: [1, 3],
      why: ["the smallest subset: one corrupted node", `three of ${NODES} (7.5 %): the subset W-MSR with F = 3 is built for`],
    },
    V: HEALING_BIAS,
  },
  repairs: [
    {
      variant: "w-msr",
      why:
        "A filtering rule is what does isolate: W-MSR drops the F most extreme values on each " +
        "side of a node's own, so a corrupted neighbour's weight reaches 0. (The first edition's " +
        "'strongest reading', couplings weakened with the sender's entropy, kept every weight " +
        "positive and only slowed the capture; it is not the text's mechanism and is gone.)",
    },
  ],
  byConstruction:
    "Under averaging a node sending V + zero-mean noise acts, in expectation, as a stubborn " +
    "node at V, and with any positive coupling the only fixed point of the honest nodes is the " +
    "harmonic extension of that one boundary value: V itself. Eventual capture follows from the " +
    "algebra at every positive coupling; the horizon only sets how far along it is (the grid's " +
    "horizons show it far along from 100 rounds on). The quote's isolating mechanism, the entropic " +
    "cost λΣ_i∇²S_i of syncing with a high-entropy node, is left out of the flow because as " +
    "written it is identically zero: Σ_i(LS)_i = 0 for every S (each column of the graph Laplacian " +
    "sums to 0), so the term adds nothing to ℋ and exerts no force on any node (p1.2-entropic-penalty's " +
    "byConstruction; the eleventh-edition referee). Adding it would change no number.",
  review:
    "Review 3 (minor): 'the quote makes entropy the isolating mechanism; the flow omits λΣ∇²S_i " +
    '(uses: ["rule"]); the corruption bias V = 5 is not gridded\'. Fixed in part: V is a grid ' +
    "parameter (5 and 1.5, each with its reason). Open: the entropic term in the flow (the rule " +
    "is the quadratic coupling's averaging step). Review: 'any positive coupling means eventual " +
    "capture; the verdict depends on the 4000-round horizon (mild, undeclared)'. Fixed: the " +
    "capture argument is declared in byConstruction, the horizon is a grid parameter (100, §3.3's " +
    "own 1000, 10 000 rounds) and the verdict is the same at each; the entropy-weighted coupling " +
    "(not the text's) is gone, W-MSR is the repair. Fourth-edition referee: 'the criterion passes " +
    "a node 39–44 % captured (horizon 100, V = 1.5); read capture against the uncorrupted run, " +
    "with a margin'. Fixed: each run is paired with the run without the corrupted nodes (same " +
    "starts, same rule), and the claim asks the capture against it below a tenth of the way to V.",
  uses: ["rule"],
  reference: { kind: "baseline", text: "the uncorrupted run: the honest nodes alone, from the same starts, under the same rule" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const rule = ctx.mechanism.rule;
    const rounds = Number(ctx.cell.horizon);
    const corrupted = Number(ctx.cell.corrupted);
    const V = Number(ctx.cell.V);
    const runs = healingRuns(corrupted, rounds, rule, (name) => ctx.key(name), {
      nodes: NODES,
      corruptValue: V,
      runs: HEALING_RUNS,
    });
    const captured = meanSe(runs.map((r) => r.capture));
    const over = meanSe(runs.map((r) => r.honestMean - r.initialHonestMax));
    const finalMean = meanSe(runs.map((r) => r.honestMean));
    const alone = mean(runs.map((r) => r.uncorruptedMean));
    const result = beyond(
      captured,
      CAPTURE_MARGIN,
      "below",
      `capture after ${rounds} rounds with ${corrupted} corrupted, rule ${rule}: the ` +
        `share of the way to V = ${V} the honest mean moved against the uncorrupted run`,
      [
        estimateEvidence(`fraction of the way to V = ${V} the honest mean moved, against the uncorrupted run`, captured, {
          reference: CAPTURE_MARGIN,
        }),
        estimateEvidence("final honest mean", finalMean, { reference: alone }),
        estimateEvidence("honest mean at the horizon minus the top of the honest initial range", over, { reference: 0 }),
      ],
      HEALING_RUNS,
    );
    return {
      result,
      headline:
        `${corrupted} noise-sending node${corrupted > 1 ? "s" : ""} at V = ${V} ` +
        `pull${corrupted > 1 ? "" : "s"} the honest mean ${pm(100 * captured.value, 100 * captured.se)} ` +
        `% of the way to V in ${rounds} rounds against the run without ` +
        `${corrupted > 1 ? "them" : "it"} (${rule}; isolated below ${100 * CAPTURE_MARGIN} %)`,
      reason:
        rule === "mean"
          ? "Under the quadratic coupling a neighbour at distance r pulls with force 2J·r: the " +
            "farther (and noisier) the corrupted node, the harder the pull, the opposite of a " +
            "prohibitive cost. Its noise averages out and its centre captures the honest nodes: " +
            "with any positive coupling the only fixed point is the corrupted node's centre."
          : `Under ${rule} the honest nodes drop extreme values before averaging, so the corrupted ` +
            `nodes' messages carry no weight and the honest mean stays where the honest nodes put it.`,
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Antifragility

/** Runs per cell (paired: the same graph and honest start with and without the noisy nodes). */
const STRESS_RUNS = 8;
const STRESS_ROUNDS = 500;

/** A change of the honest spread within ±1 % of the honest initial range (1) counts as no change. */
const SPREAD_MARGIN = 0.01;

/** Time-averaged honest spread (max − min) over the last half of a run's trace. */
function lateSpread(r: FaultyConsensusResult): number {
  const t = r.trace;
  const half = Math.floor(t.round.length / 2);
  let acc = 0;
  for (let i = half; i < t.round.length; i++) acc += t.honestMax[i]! - t.honestMin[i]!;
  return acc / (t.round.length - half);
}

const antifragility: Claim = {
  id: "p4.1-antifragility",
  source: "proposal",
  section: "4.1",
  quote: "The EMTD framework exhibits **Radical Antifragility**.",
  short: "radical antifragility: disorder makes it better",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    `ws:${NODES}:4:0.1, a fresh graph per run; honest nodes start uniform on [0, 1) and run the mechanism's ` +
    `rule (the proposal's averaging, step 1/(2·d_max)) for ${STRESS_ROUNDS} rounds; disorder = k ` +
    `nodes sending 0.5 + σ·N(0, 1) afresh each round (unbiased noise centred on the honest range). Each ` +
    `of ${STRESS_RUNS} runs is paired: the same graph and start with the k nodes honest instead. σ is ` +
    `set by scaling the honest values by 1/σ against the library's unit noise and dividing the spreads ` +
    `back (averaging and W-MSR are equivariant under affine maps, so this is exactly noise σ on range 1).`,
  reading: {
    statement:
      "Under the proposal's averaging, disorder makes the system better: with nodes injecting " +
      "noise, the honest nodes disagree less (a smaller time-averaged honest spread) than with none.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `difference (paired, t on ${STRESS_RUNS - 1} df): honest spread with k noisy nodes minus ` +
      `honest spread without, asserted negative; TOST within ±${SPREAD_MARGIN} counts as no gain`,
    threshold: `the 95 % interval of the difference below 0; a change within ±${SPREAD_MARGIN} is none`,
    why:
      "Antifragility is a gain from disorder (Taleb): the disagreement must fall beyond its uncertainty. " +
      "The margin is 1 % of the honest initial range: a smaller change is no gain anyone could use.",
  },
  grid: {
    noisy: {
      values: [1, 8],
      why: ["the gentlest disorder: one noisy node", `a fifth of the ${NODES} nodes: strong disorder`],
    },
    noise: {
      values: [1, 0.1],
      why: ["noise as wide as the honest disagreement (σ = 1 on a range of 1)", "gentle noise, a tenth of it"],
    },
  },
  repairs: [],
  byConstruction:
    "Averaging is a linear filter: the honest state is W^t·x₀ plus a weighted sum of the injected noise, " +
    "so zero-mean noise adds its own variance to the honest disagreement and cannot remove any. No gain " +
    "from disorder is possible under the proposal's update; the measurement shows the size of the loss. " +
    ("No §3.3 copy cell (ninth-edition referee #7), by this argument: under §3.3's node0 kernel every " +
      "node proposes node 0's value, so noisy nodes other than node 0 change nothing (a difference of " +
      "exactly 0: no gain), and a noisy node 0 hands its fresh noise to every node that accepts; under the " +
      "neighbour kernel (the voter model) consensus is absorbing without disorder, and a noisy neighbour's " +
      "copied value can only break it. A copied value is one some node holds, so disorder can add honest " +
      "spread and never remove any: the copy cells would fail for the reason the averaging cells do."),
  uses: ["rule"],
  reference: { kind: "control", text: "the same runs without noisy nodes (the honest spread at k = 0)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const rule = ctx.mechanism.rule;
    const k = Number(ctx.cell.noisy);
    const sigma = Number(ctx.cell.noise);
    const scale = 1 / sigma;
    const pairs = Array.from({ length: STRESS_RUNS }, (_, s) =>
      withWs(NODES, fold(ctx.key("graph"), s), (graph) => {
        const u = uniformSource(fold(ctx.key("start"), s));
        const start = Array.from({ length: NODES }, () => scale * u());
        const base: Omit<FaultyConsensusOptions, "faulty" | "initial"> = {
          fault: "noise",
          faultValue: 0.5 * scale,
          rule,
          trim: k,
          rounds: STRESS_ROUNDS,
          tolerance: 0,
        };
        const noise = fold(ctx.key("noise"), s);
        const disordered = runFaultyConsensus(graph, { ...base, faulty: k, initial: start.slice(k) }, noise);
        const calm = runFaultyConsensus(graph, { ...base, faulty: 0, initial: start }, noise);
        return { disordered: lateSpread(disordered) / scale, calm: lateSpread(calm) / scale };
      }),
    );
    const disordered = meanSe(pairs.map((p) => p.disordered));
    const calm = meanSe(pairs.map((p) => p.calm));
    const diff = meanSe(pairs.map((p) => p.disordered - p.calm));
    const result = difference(
      diff,
      "negative",
      SPREAD_MARGIN,
      `honest spread with ${k} noisy node${k > 1 ? "s" : ""} (σ = ${sigma}) minus without, rule ${rule}`,
      [
        estimateEvidence(`time-averaged honest spread, ${k} noisy (σ = ${sigma})`, disordered),
        estimateEvidence("time-averaged honest spread, no noisy node", calm),
        estimateEvidence("paired difference (disorder − none)", diff, { reference: 0 }),
      ],
      STRESS_RUNS,
    );
    return {
      result,
      headline:
        `honest disagreement ${pm(calm.value, calm.se)} without disorder → ` +
        `${pm(disordered.value, disordered.se)} with ${k} noisy node${k > 1 ? "s" : ""} at σ = ${sigma}`,
      reason:
        "Antifragility means gaining from disorder. Unbiased noise injected into the proposal's " +
        "averaging is passed on to every honest neighbour (a linear filter cannot remove it), so the " +
        "honest spread grows with the disorder: the system is fragile to this stress, not antifragile.",
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Routes around damage

const DAMAGE_ROUNDS = 5000;
/**
 * Runs per kind of damage, each on its own graph, planned for the two kinds under Holm (α/2 = 0.025 each): 60 of 60
 * routed is significant above 0.9 there (40 of 40 gave p = 0.035, so a W-MSR that always routes could not hold).
 */
const DAMAGE_RUNS = 60;
/** "Routes around damage" as a rule: in at least nine runs in ten (the share the rubric asks of a grid's agreement). */
const ROUTED_SHARE = 0.9;
const AGREEMENT = 1e-6;

/** The graph families W-MSR's guarantee covers here (the repair's claim): K_40, 20-robust (≥ 2F + 1 for F ≤ 3). */
const ROBUST_FAMILIES: readonly DamageFamily[] = ["complete"];

const routesAroundDamage: Claim = {
  id: "p4.1-routes-around-damage",
  source: "proposal",
  section: "4.1",
  quote: "The topology effectively routes around damage without central instruction.",
  short: "the topology routes around damage",
  notebook: NOTEBOOK_ADVERSARIES,
  model:
    `${NODES} nodes (ws:${NODES}:4:0.1, a fresh graph per replicate, or K_${NODES}); ` +
    `honest values uniform on [0, 1); the mechanism's rule (the proposal's averaging; W-MSR ` +
    `with parameter F under the repair) for at most ${DAMAGE_ROUNDS} rounds. The same ` +
    `F nodes (0 … F−1) damaged two ways: crashed (removed; the survivors run on the ` +
    `induced subgraph) or corrupted (stubborn, sending V = ${CORRUPT_VALUE} every round).`,
  reading: {
    statement:
      "Whatever the damage, nodes lost or nodes corrupted, the honest nodes running the proposal's " +
      "averaging still reach agreement inside their own initial range, without central instruction.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `everyCase over the kinds of damage (crash, corruption), Holm: each rateBeyond ` +
      `(Wilson) of the runs (${DAMAGE_RUNS}, a fresh graph each) with agreement ` +
      `(honest spread < 10⁻⁶ within 5000 rounds) and validity (the honest values stay in ` +
      `their initial hull), above ${ROUTED_SHARE}; one refuted kind fails the claim`,
    threshold: `agreement: honest spread < ${AGREEMENT} within ${DAMAGE_ROUNDS} rounds; validity: hull left by < ${ROUNDING}`,
    why:
      `The quote says 'damage' without a kind, right after 'a subset of nodes is corrupted': a claim ` +
      `about damage of every kind, so crash (the usual sense of routing around damage) and corruption ` +
      `(the bullet's own) are cases of one universal claim. Routing around damage is the ` +
      `fault-tolerance property of consensus: agreement and validity. Measured as a rate over ${DAMAGE_RUNS} ` +
      `runs with their own graphs and honest starts (a single run's outcome is not a part of a ` +
      `universal claim); routing around damage as a rule means in at least nine runs in ten; 10⁻⁶ is ` +
      `far below the initial spread (~1) and the hull tolerance is float64 rounding over 5000 rounds.`,
  },
  grid: {
    family: {
      values: ["ws", "complete"],
      why: [
        "§3.3's topology, ws:N:4:0.1 (min degree 2: not (2F + 1)-robust, so no filtering rule has a guarantee there)",
        `K_${NODES}: ${completeRobustness(NODES)}-robust, the topology W-MSR's guarantee needs ((2F + 1)-robust; LeBlanc et al. 2013)`,
      ],
    },
    damaged: {
      values: [3, 1],
      why: ["three of the nodes (7.5 %): a subset", "a single damaged node"],
    },
  },
  repairs: [
    {
      variant: "w-msr",
      why:
        "W-MSR (LeBlanc et al. 2013) is the local rule that does route around F faulty nodes, " +
        "under a precondition on the topology: the graph must be (2F + 1)-robust (their sufficient " +
        "condition, which covers F-local as well as F-total faults). The repair claims routing only " +
        "on graphs that meet it: here K_40, ⌈40/2⌉ = 20-robust. §3.3's ws:40:4:0.1 does not (a " +
        "ring lattice with 2 neighbours a side has two arcs whose nodes have at most 2 neighbours " +
        "across, and its 10 % of shortcuts left such a split in every graph drawn here; the record " +
        "counts the witnesses), so its cells are outside the repair's claim: undecidable, with its " +
        "runs beside, not a failure of W-MSR. The 60 runs per kind and Holm are the proposal's.",
    },
  ],
  byConstruction:
    "Crash: under averaging the survivors agree whenever the induced subgraph is connected (averaging " +
    "converges on every connected graph): a property of the topology, not of EMTD. Corruption: " +
    "stubborn nodes are boundary values of averaging, whose fixed point is their harmonic extension, " +
    "so the honest nodes are carried to V: capture is algebra, not a tuning of the experiment. " +
    ("No §3.3 copy cell (ninth-edition referee #7), by this argument: under §3.3's node0 kernel every " +
      "node reads node 0's value, which is itself central instruction (the quote's negation), and a crashed " +
      "node 0 leaves nothing to copy while a corrupted one captures every node that accepts; under the " +
      "neighbour kernel (the voter model) a crash leaves a voter model on the survivors, which agrees " +
      "whenever their subgraph is connected and never leaves the hull (a copied value is one some node " +
      "holds), while a stubborn node is the voter model's only absorbing value, so the honest nodes are " +
      "captured as under averaging. The copy cells would repeat the averaging cells' verdicts, case by case."),
  review:
    "Review 2 (rubric: 'a mixed or universal finding's parts are measured findings, never fact() of one " +
    "value'): its two cases were fact() readings of one deterministic run each. Fixed: each kind of " +
    "damage is a rate over 60 runs with their own graphs (planned for Holm over the two kinds) and honest " +
    "starts (rateBeyond, Wilson, above 0.9), combined by everyCase (Holm), so a part is a measured " +
    "finding with its interval. Internal review 3: 'W-MSR repair … is measured on ws(·, 4, 0.1), which is " +
    "not (2F+1)-robust for F = 3. The ws cell therefore fails by construction (0/60 even for crashes) " +
    "… restrict the repair to robust families or state the precondition in its why'. Fixed: the repair's " +
    "why states its precondition ((2F + 1)-robust; LeBlanc et al. 2013) and the family that meets it " +
    "here (K_40, 20-robust); its ws cells are outside the repair's claim, undecidable with the runs beside " +
    "and a witness per graph that it is not (2F + 1)-robust (two arcs of the ring, or a low-degree " +
    "node: 60 of 60 graphs at F = 1 and F = 3), not failures of W-MSR. 60 runs per kind and Holm as " +
    "before; the proposal's cells are unchanged. Sign-off N4: 'decide.ts:551 appends \"no observable decides " +
    "there\" to every untestable cell. W-MSR's ws cells were measured … They are outside the repair's " +
    "precondition.' Fixed (option a): a grid names each untestable cell with its own finding, and " +
    "W-MSR's ws cells begin 'outside the repair's precondition (not (2F + 1)-robust)', with the runs measured " +
    "beside; the repair column says 'holds (2 of 4 cells untestable) with W-MSR'. Sign-off N5: W-MSR's " +
    "'holds with 0.5' agreement: grid.testable (2) and grid.testableAgreement (1) beside agreement.",
  uses: ["rule"],
  reference: { kind: "threshold", text: "0.9 of the runs reaching agreement with validity" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const rule = ctx.mechanism.rule;
    const family = String(ctx.cell.family) as DamageFamily;
    const damaged = Number(ctx.cell.damaged);
    // DAMAGE_RUNS runs, each on its own graph and honest start; the same nodes 0 … F−1 crashed or corrupted.
    const design = {
      nodes: NODES,
      rounds: DAMAGE_ROUNDS,
      corruptValue: CORRUPT_VALUE,
      runs: DAMAGE_RUNS,
      agreement: AGREEMENT,
      rounding: ROUNDING,
    };
    const stream = (name: string) => ctx.key(name);
    const routedCount = (xs: FaultyConsensusResult[]) => xs.filter(routed).length;
    // W-MSR's guarantee needs a (2F + 1)-robust graph: on another family the repair claims nothing, and its runs there
    // are shown beside an undecidable cell (outside the repair's claim), not counted against it: measured whole.
    const outside = rule === "wmsr" && !ROBUST_FAMILIES.includes(family);
    if (outside) {
      const { crash, corrupt, notRobust } = damageRuns(family, damaged, rule, stream, design);
      const result = outsidePrecondition(
        "not (2F + 1)-robust",
        `${family} with F = ${damaged} is not ${2 * damaged + 1}-robust (${notRobust} of ` +
          `${DAMAGE_RUNS} graphs witnessed), and W-MSR's guarantee needs a (2F + 1)-robust graph ` +
          `(LeBlanc et al. 2013), so the repair claims nothing here; measured beside: crash ` +
          `${routedCount(crash)}/${DAMAGE_RUNS}, corruption ${routedCount(corrupt)}/${DAMAGE_RUNS} routed`,
        [...crashEvidence(crash), ...corruptEvidence(corrupt, notRobust, damaged)],
      );
      return { result, headline: damageHeadline(family, damaged, rule, crash, corrupt), reason: damageReason(rule) };
    }
    // Decided look by look (issue 72 item 3), each kind its own test: run r is fold(stream, r) whatever the look.
    const kindRuns = (only: "crash" | "corrupt") => (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => {
        const d = damageRuns(family, damaged, rule, stream, { ...design, first: from + i, runs: 1, only });
        return { run: (only === "crash" ? d.crash : d.corrupt)[0]!, notRobust: d.notRobust === 1 };
      });
    type Looked = { run: FaultyConsensusResult; notRobust: boolean };
    const results = (xs: readonly Looked[]) => xs.map((x) => x.run);
    const crashStatement = `${damaged} crashed: survivors agree inside their hull`;
    const crashTest = rateBeyondByLooks<Looked>(
      {
        statement: crashStatement,
        maxRuns: DAMAGE_RUNS,
        measure: kindRuns("crash"),
        describe: (_k, _n, runs) => ({ text: crashStatement, evidence: crashEvidence(results(runs)) }),
      },
      (x) => routed(x.run),
      ROUTED_SHARE,
      "above",
    );
    const corruptStatement = `${damaged} corrupted at V = ${CORRUPT_VALUE}: honest nodes agree inside their hull`;
    const corruptTest = rateBeyondByLooks<Looked>(
      {
        statement: corruptStatement,
        maxRuns: DAMAGE_RUNS,
        measure: kindRuns("corrupt"),
        describe: (_k, _n, runs) => ({
          text: corruptStatement,
          evidence: corruptEvidence(results(runs), runs.filter((x) => x.notRobust).length, damaged),
        }),
      },
      (x) => routed(x.run),
      ROUTED_SHARE,
      "above",
    );
    const crash = results(crashTest.runs);
    const corrupt = results(corruptTest.runs);
    const result = everyCase(
      [
        { statement: "crashed nodes", reading: crashTest.reading },
        { statement: "corrupted nodes", reading: corruptTest.reading },
      ],
      `every kind of damage, ${family}, F = ${damaged}, rule ${rule}`,
    );
    return {
      result,
      sequential: cellStop([crashTest, corruptTest]),
      headline: damageHeadline(family, damaged, rule, crash, corrupt),
      reason: damageReason(rule),
    };
  },
};

const routed = (r: FaultyConsensusResult) => r.converged && r.hullViolation < ROUNDING;
const captured = (r: FaultyConsensusResult) => (r.honestMean - r.initialHonestMean) / (CORRUPT_VALUE - r.initialHonestMean);

/** The crash kind's evidence over the runs measured. */
function crashEvidence(crash: FaultyConsensusResult[]) {
  return [
    rateEvidence("crash: runs where the survivors agree inside their hull", crash.filter(routed).length, crash.length),
    evidence("crash: mean final survivor spread", mean(crash.map((r) => r.honestSpread)), { reference: 0 }),
    evidence("crash: mean rounds run", mean(crash.map((r) => r.rounds))),
  ];
}

/** The corruption kind's evidence over the runs measured, `notRobust` of their graphs witnessed not (2F + 1)-robust. */
function corruptEvidence(corrupt: FaultyConsensusResult[], notRobust: number, damaged: number) {
  return [
    rateEvidence("corruption: runs where the honest nodes agree inside their hull", corrupt.filter(routed).length, corrupt.length),
    evidence("corruption: mean fraction of the way to V", mean(corrupt.map(captured)), { reference: 0 }),
    evidence("corruption: mean hull violation", mean(corrupt.map((r) => r.hullViolation)), { reference: 0 }),
    evidence(`graphs not (2F + 1) = ${2 * damaged + 1}-robust (a witness)`, notRobust / corrupt.length),
  ];
}

function damageHeadline(
  family: DamageFamily,
  damaged: number,
  rule: string,
  crash: FaultyConsensusResult[],
  corrupt: FaultyConsensusResult[],
) {
  const routedOf = (xs: FaultyConsensusResult[]) => `${xs.filter(routed).length}/${xs.length}`;
  return (
    `${family}, ${damaged} damaged, ${rule}: crash → survivors agree inside their hull in ` +
    `${routedOf(crash)} runs; corruption → ${routedOf(corrupt)}, ` +
    `${num(100 * mean(corrupt.map(captured)), 3)} % of the way to V on average`
  );
}

function damageReason(rule: string): string {
  return rule === "mean"
    ? "Crashed nodes are routed around whenever the survivors stay connected: that is the connectivity " +
        "of the graph, not a property of EMTD. Corrupted nodes that keep sending are not routed " +
        "around by the proposal's averaging: the honest nodes are carried to the corrupted value."
    : `Under ${rule} each node drops the F most extreme values on each side: on a ` +
        `(2F + 1)-robust graph this keeps agreement and validity; on a graph that is ` +
        `not (the ws graph, min degree 2), nodes drop all they hear and stay apart.`;
}

export const claims: Claim[] = [selfHealing, antifragility, routesAroundDamage, scaleInvariance];

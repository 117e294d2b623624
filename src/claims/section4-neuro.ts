/**
 * Claims of §4.4 (Hebbian learning, neuromorphic substrate), third edition (issue 42): one reading each. The text's
 * field equations have fixed couplings J_ij ("network bandwidth", Definition 1.2): nothing in them learns. What can
 * be measured is what Hebb's rule, ΔJ_ij ∝ ⟨s_i s_j⟩, would store if fed with the states the equations produce,
 * under §3.3's update with either text kernel and under the §1.3 / §3.2 flow itself (src/studies/hopfield/hebbian-recall),
 * beside what a Hebbian network stores when given the patterns (src/spin/hopfield/hopfield-network).
 */
import type { Claim, Measurement, MeasureContext } from "./machinery/types";
import { fold } from "../engine/random";
import { agsCriticalLoad, agsOverlap } from "../spin/hopfield/hopfield-network";
import { HEBBIAN_SETTING, hebbianRecall, recallThreshold, type HebbianRecall } from "../studies/hopfield/hebbian-recall";
import { KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { beyond, estimateEvidence, undecidable } from "./machinery/decide";
import { evidence, num, pm } from "./machinery/evidence";
import { wsSpinProblem } from "./section4-traps";

const NEURO = "notebooks/15-neuromorphic-projection.ipynb";

/** The study's setting (N = 128, P = 4, 200 sweeps, cue noise 0.3, 5 learnings: reasons at HEBBIAN_SETTING). */
const { neurons: NEURONS, patterns: PATTERNS, sweeps: SWEEPS, noise: CUE_NOISE, learnings: LEARNINGS } = HEBBIAN_SETTING;
/** "More than one pattern": the mean number of inputs recalled per learning must exceed 1. */
const MORE_THAN = 1;

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const seOf = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

const hebbian: Claim = {
  id: "p4.4-hebbian",
  source: "proposal",
  section: "4.4",
  quote:
    "The tensor field equations map directly to Hebbian learning in biological neural networks, " +
    "suggesting this framework could serve as the substrate for planetary-scale, collaborative AI.",
  short: "maps to Hebbian learning",
  notebook: NEURO,
  model:
    `The field equations on the §3.3 graph watts_strogatz(${NEURONS}, 4, 0.1) drawn per replicate, ` +
    `J = 1 on its edges, the interaction energy alone, at a fixed T_net, run two ways (the ` +
    `grid's update): copy, their Ising form (two values per node) under §3.3's update with the grid's ` +
    `kernel (node0: §3.3's code; neighbour: the §3.1 gossip), Metropolis; flow, the real-valued ` +
    `field under §1.3 / §3.2's dΨ/dt = −∇ℋ + η, sampled exactly at unit times (linear for this ` +
    `ℋ: an Ornstein–Uhlenbeck step per Laplacian mode), one state per unit of time as one per ` +
    `sweep, Hebb's rule on the field values. A learning: ${PATTERNS} random input patterns; from each, ` +
    `${SWEEPS} sweeps of the update; Hebb's rule J_ij = ⟨s_i s_j⟩/N over every state produced; ` +
    `then each input cued with ${CUE_NOISE * 100} % of its signs flipped (overlap 0.4) and recalled ` +
    `under J at T = 0; recalled when |overlap| ≥ ${num(recallThreshold(NEURONS, PATTERNS))}. ` +
    `${LEARNINGS} independent learnings per cell. Controls beside (the same test): Hebb given the ` +
    `inputs themselves (a Hopfield memory) and Hebb given uniformly random states (pure noise).`,
  reading: {
    statement:
      "The field equations map to Hebbian learning: Hebb's rule fed with the states " +
      "they produce from the patterns they are shown builds a memory that recalls " +
      "more than one of those patterns from a partial cue, as a Hebbian network does.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `beyond: the mean number of the ${PATTERNS} shown patterns recalled per learning above ${MORE_THAN} ` +
      `(t interval over ${LEARNINGS} learnings, ${LEARNINGS - 1} df); a pattern is recalled when the ` +
      `recall's |overlap| with it is ≥ (4/√N + m_AGS(P/N))/2 = ${num(recallThreshold(NEURONS, PATTERNS))}`,
    threshold: `${MORE_THAN} pattern`,
    why:
      `A Hebbian memory is one that recalls what it was shown; 'more than one pattern' is what separates ` +
      `a memory from a single attractor (consensus). The recall threshold lies midway between a ` +
      `random state's overlap band (|m| ≤ 4/√N = ${num(4 / Math.sqrt(NEURONS))}, exceeded with probability ` +
      `≈ 6·10⁻⁵) and the retrieval overlap of a Hebbian memory at this load (Amit–Gutfreund–Sompolinsky, ` +
      `m = ${num(agsOverlap(PATTERNS / NEURONS))} at α = ${num(PATTERNS / NEURONS)}), and above ` +
      `the cue's own overlap (0.4), so neither noise nor a recall that merely keeps the cue passes it. ` +
      `The controls show it: Hebb on the inputs recalls all of them, Hebb on random states (what a ` +
      `chain samples at T → ∞) none. The half after 'suggesting' is modal (p4.4-neuromorphic-substrate).`,
  },
  grid: {
    update: {
      values: ["copy", "flow"],
      why: [
        "§3.3's executable update, the text's code for the field equations, on their Ising form (two values per node).",
        "§1.3 / §3.2's field equation dΨ/dt = −∇ℋ + η itself, on the real-valued field: the 'tensor field equations' of the sentence, read literally.",
      ],
    },
    kernel: { ...KERNEL_GRID, when: { update: ["copy"] } },
    T: {
      values: [100, 10, 1, 0.25, 0.1, 0.01],
      why: [
        "the text's own T₀ = 100, where every decision starts",
        "a decade cooler: the text's cooling passes it at sweep 45",
        "below the ordering temperature of the Ising form on degree-4 graphs (≈ 2.3 on the square lattice)",
        "late in the text's cooling (the second edition's value)",
        "colder still (the second edition's value)",
        "the text's freeze: its cooling is below 0.01 after 180 sweeps",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "Structurally, before any measurement: Hebbian learning is a rule that changes " +
    "couplings (ΔJ_ij ∝ s_i s_j), and the field equations have none; J_ij is a fixed bandwidth " +
    "(§1.2) and only Ψ moves, so no term of them is Hebb's rule, and the map the sentence " +
    "asserts is not in the equations. The measurement asks the most charitable question " +
    "left: does Hebb's rule, fed with the states the equations produce, make a memory? " +
    ("Under either copy kernel a consensus is absorbing (no proposal differs from a node's value), " +
      "and node0 carries node 0's value to every node within a few sweeps at any T where proposals " +
      "are taken: Hebb's rule then sees one state, ±(1, …, 1), and J ∝ 11ᵀ stores only 'everyone " +
      "agrees'. Under the flow every mode of an input but its mean decays (by e^{−2λ_k t}, λ_k ≥ " +
      "λ₂ > 0 on a connected graph), so after a few units of time its states are draws from a law " +
      "that does not depend on the input (Gaussian fluctuations set by T and the graph about a " +
      "freely diffusing mean): Hebb's rule stores the graph's correlations and the inputs' means, the " +
      "same for any inputs. Conversely an Ising energy with Hebbian couplings is a Hopfield network " +
      "by definition (the first edition's 'literal holds', now the control beside the verdict)."),
  review:
    "Review 2: 'grid chosen by its outcome (T_net ∈ {0.25, 0.1}; holds at T = 3 … 100 because noise " +
    "passes the criterion); the sampler is the symmetric chain, yet uses: []; the headline always says " +
    "\"(one pattern)\"' (defect 3). Fixed: T_net ∈ {100, 10, 1, 0.25, 0.1, 0.01}, from the text's T₀ down " +
    "to its freeze, each value with its reason; the sampler is the text's update with both kernels " +
    '(kernel: KERNEL_GRID, read through kernelIn; uses: ["kernel"]); the criterion is recall of more than ' +
    "one of the patterns shown, with a threshold noise cannot reach (controls: Hebb on random states " +
    "recalls none, Hebb on the inputs all); the headline reports the recalled count. Review 4 (the third " +
    'outside review, 2026-11-25): \'"tensor field equations" run only as the copy update; there is ' +
    "no §1.3 flow cell'. Fixed: the grid's update is copy (§3.3's update, both kernels) or flow (dΨ/dt " +
    "= −∇ℋ + η on the real-valued field, sampled exactly at unit times per Laplacian mode, no step size " +
    "to choose; Hebb's rule on the field values), each at the six T_net; kernel is nested under copy.",
  uses: ["kernel"],
  reference: { kind: "threshold", text: "1 pattern recalled per learning (the recall overlap threshold from m_AGS(P/N))" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const T = ctx.cell.T as number;
    const flow = ctx.cell.update === "flow";
    const update = flow ? ({ update: "flow" } as const) : { kernel: kernelIn(ctx) };
    const label = flow ? "the flow" : `kernel ${update.kernel}`;
    const problem = wsSpinProblem(NEURONS, ctx.key("graph"));
    const learnings: HebbianRecall[] = Array.from({ length: LEARNINGS }, (_, l) =>
      hebbianRecall(
        problem,
        { ...update, temperature: T, patterns: PATTERNS, sweeps: SWEEPS, noise: CUE_NOISE },
        fold(ctx.key("learn"), l),
      ),
    );
    const counts = learnings.map((l) => l.dynamics.recalled);
    const estimate = { value: mean(counts), se: seOf(counts), df: LEARNINGS - 1 };
    const controls = (f: (l: HebbianRecall) => number) => mean(learnings.map(f));
    const inputs = controls((l) => l.inputs.recalled);
    const noise = controls((l) => l.noise.recalled);
    const result = beyond(estimate, MORE_THAN, "above", `patterns recalled per learning (of ${PATTERNS}) at T = ${T}, ${label}`, [
      estimateEvidence(`patterns recalled per learning (of ${PATTERNS}), Hebb on the update's states`, estimate),
      evidence(
        "mean |overlap| of a recall with its cued pattern",
        controls((l) => mean(l.dynamics.overlaps)),
        {
          reference: learnings[0]!.threshold,
        },
      ),
      evidence("control: patterns recalled, Hebb on the inputs (Hopfield)", inputs, { reference: PATTERNS }),
      evidence("control: patterns recalled, Hebb on random states (pure noise)", noise, { reference: 0 }),
      evidence(
        "mean |magnetisation| of the update's states",
        controls((l) => l.consensus),
        { reference: 1 },
      ),
      evidence(
        "mean |overlap| of the update's last state with its input",
        controls((l) => l.kept),
      ),
    ]);
    return {
      result,
      headline:
        `${label}, T = ${T}: Hebb on the update's states recalls ${pm(estimate.value, estimate.se)} of ` +
        `${PATTERNS} patterns shown (Hebb on the patterns: ${num(inputs)}; on random states: ${num(noise)})`,
      reason:
        estimate.value > MORE_THAN
          ? "At this temperature the update keeps enough of each input for Hebb's rule to store it: " +
            "the learned couplings recall several of the patterns shown, as a Hebbian memory does."
          : flow
            ? "The flow has fixed couplings and forgets its input: every mode of it but the mean decays within " +
              "a few units of time, so the states it produces are draws from one law set by T_net and the graph, " +
              "whatever the inputs were, and Hebb's rule fed with them stores the graph's correlations, not " +
              "the patterns. A Hebbian network stores what it is shown; these equations show it their own graph."
            : "The field equations have fixed couplings and drive the nodes to agree (under a copy rule " +
              "a consensus is absorbing): fed to Hebb's rule, their states teach the state they settle " +
              "in, not the patterns they were shown, and at high T_net their states are noise, which stores " +
              "nothing. A Hebbian network stores what it is shown; these equations show it one thing.",
    };
  },
};

const neuromorphicSubstrate: Claim = {
  id: "p4.4-neuromorphic-substrate",
  source: "proposal",
  section: "4.4",
  quote: "EMTD is not merely a blockchain replacement; it is a candidate architecture for **Neuromorphic Distributed Computing**.",
  short: "neuromorphic substrate",
  notebook: NEURO,
  model:
    "No model decides it. Beside it: the memory capacity of a Hebbian Ising network " +
    "in theory (Amit, Gutfreund & Sompolinsky 1985: the retrieval overlap at loads α = " +
    "0.1 and 0.2, and α_c), what an Ising-type network could offer a neuromorphic use.",
  reading: {
    statement: "EMTD is a candidate architecture for neuromorphic distributed computing.",
    mechanism: "proposal",
  },
  decision: {
    rule: "undecidable: a modal claim about a future use names no quantity that would decide it",
    threshold: "none",
    why:
      "'Candidate architecture' names no observable; the memory capacity beside it (≈ 0.138 " +
      "N patterns) is context, and no capacity value would make something a candidate or not.",
  },
  grid: {},
  repairs: [],
  byConstruction: null,
  review:
    "Review 2: (no row; it does not run the discrete update, so no kernel grid). Review 1: (brief) " +
    "one reading per §4.4 claim. Done: the literal and strongest readings (both untestable) became " +
    "one; the evidence beside it is exact theory, so it does not depend on the seed (no grid needed).",
  uses: [],
  reference: { kind: "none", text: "no observable: a modal claim about a future use" },
  async measure(): Promise<Measurement> {
    const alphaC = agsCriticalLoad();
    const result = undecidable(
      "a modal claim about a future use names no quantity to measure; the memory capacity beside it is context, not a criterion",
      [
        evidence("AGS retrieval overlap at α = 0.1", agsOverlap(0.1), { reference: 1 }),
        evidence("AGS retrieval overlap at α = 0.2", agsOverlap(0.2), { reference: 1 }),
        evidence("AGS critical load α_c", alphaC),
      ],
    );
    return {
      result,
      headline:
        `no observable decides "candidate architecture"; a Hebbian Ising memory holds ≈ ${num(alphaC)} ` +
        `N patterns (overlap ${num(agsOverlap(0.1))} at α = 0.1, ${num(agsOverlap(0.2))} at α = 0.2)`,
      reason:
        "A modal claim about a future use names no quantity to measure. What an Ising-type " +
        "network can offer is memory: about 0.138 N patterns of N bits, collapsing above it; EMTD's " +
        "own couplings, fixed and all positive, store only 'everyone agrees' (p4.4-hebbian).",
    };
  },
};

export const claims: Claim[] = [hebbian, neuromorphicSubstrate];

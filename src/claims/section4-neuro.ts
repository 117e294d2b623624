/**
 * Claims of §4.4 (Hebbian learning, neuromorphic substrate), second edition (issue 34): one reading each. The text's
 * field equations have fixed couplings J_ij ("network bandwidth", Definition 1.2): nothing in them learns. What can
 * be measured is what Hebb's rule, ΔJ_ij ∝ ⟨s_i s_j⟩, would store if fed with the states the equations produce
 * (src/studies/hopfield/hebbian-consensus), beside what a Hebbian network stores when given distinct patterns (src/spin/hopfield/hopfield-network).
 */
import type { Claim, Measurement, MeasureContext } from "./types";
import { fold } from "../engine/random";
import { agsCriticalLoad, agsOverlap, retrieval } from "../spin/hopfield/hopfield-network";
import { consensusHebbian } from "../studies/hopfield/hebbian-consensus";
import { beyond, estimateEvidence, undecidable } from "./decide";
import { evidence, num, pm } from "./evidence";
import { wsSpinProblem } from "./section4-traps";

const NEURO = "notebooks/15-neuromorphic-projection.ipynb";

/**
 * The top-mode share midway between one stored pattern (1) and two equal ones (½): a memory of two or more patterns
 * falls below it, so the claim can hold.
 */
const ONE_PATTERN = 0.75;
/** Independent chains whose learned couplings are analysed (t interval on 3 degrees of freedom). */
const CHAINS = 4;

const hebbian: Claim = {
  id: "p4.4-hebbian",
  source: "proposal",
  section: "4.4",
  quote:
    "The tensor field equations map directly to Hebbian learning in biological neural networks, suggesting this framework could serve as the substrate for planetary-scale, collaborative AI.",
  short: "maps to Hebbian learning",
  notebook: NEURO,
  model: `The Ising form of the field equations (two values per node, J = 1 on the edges of the §3.3 graph watts_strogatz(64, 4, 0.1) drawn per replicate, the injected value a field 1 on node 0), Metropolis at T_net for 300 sweeps after 100 (the library's symmetric single-node chain; under §3.3's copy kernel a consensus is absorbing, so the states would be one pattern exactly); Hebb's rule J_ij = ⟨s_i s_j⟩/N on the sampled states, ${CHAINS} independent chains; the learned couplings' top-mode share of their weight (Σλ²). Beside it: a Hebbian (Hopfield) network given 25 random patterns of 500 neurons (α = 0.05), recall from 10 % noise.`,
  reading: {
    statement:
      "The field equations map to Hebbian learning: Hebb's rule fed with the states they produce builds couplings that store more than one pattern, an associative memory as Hebbian networks form.",
    mechanism: "proposal",
  },
  decision: {
    rule: `beyond: the learned couplings' top-mode share below ${ONE_PATTERN} (t interval over ${CHAINS} chains, ${CHAINS - 1} df)`,
    threshold: `${ONE_PATTERN}`,
    why: "A Hebbian memory of P equal patterns holds about 1/P of its couplings' weight in its top mode: 1 for one pattern, ½ for two; 0.75 is midway, so a memory of two patterns passes and one does not. The half after 'suggesting' is modal (p4.4-neuromorphic-substrate).",
  },
  grid: {
    T: {
      values: [0.25, 0.1],
      why: [
        "T_net, the text's volatility parameter, near the end of its cooling (T_net → 0), where a decision's states are",
        "colder still, as the cooling goes on: the states the decision settles in",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "Consensus dynamics erase the differences between nodes by design, so any rule reading their co-activity sees (close to) one pattern, J ∝ ssᵀ: the outcome follows from the goal, for any consensus dynamics. Conversely an Ising energy with Hebbian couplings is a Hopfield network by definition (the first edition's 'literal holds', now only the reference beside the verdict).",
  review:
    "Review: (brief) one reading per §4.4 claim. Done: the two readings (Hebbian Ising is Hopfield, by construction; Hebb on consensus states) became one, what Hebb's rule stores from the equations' own states, on a graph drawn per replicate with T_net as a grid; the Hopfield network is the reference beside it. Adding a learning rule for J is a new kind of mechanism part, not a repair here.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const T = ctx.cell.T as number;
    const problem = wsSpinProblem(64, ctx.key("graph"), 1);
    const learned = Array.from({ length: CHAINS }, (_, c) =>
      consensusHebbian(problem, { temperature: T, sweeps: 300 }, fold(ctx.key("hebb"), c)),
    );
    const shares = learned.map((l) => l.topFraction);
    const mean = shares.reduce((a, s) => a + s, 0) / CHAINS;
    const se = Math.sqrt(shares.reduce((a, s) => a + (s - mean) ** 2, 0) / (CHAINS - 1) / CHAINS);
    const hop = retrieval({ neurons: 500, patterns: 25, noise: 0.1, trials: 3 }, ctx.key("hopfield"));
    const result = beyond(
      { value: mean, se, df: CHAINS - 1 },
      ONE_PATTERN,
      "below",
      `top-mode share of the couplings Hebb learns at T = ${T}`,
      [
        estimateEvidence("top-mode share of the learned couplings", { value: mean, se, df: CHAINS - 1 }, { reference: 1 }),
        evidence("mean |magnetisation| of the sampled states", learned.reduce((a, l) => a + l.consensus, 0) / CHAINS, { reference: 1 }),
        evidence(
          "recall of a random pattern under the learned couplings (cue overlap 0.5)",
          learned.reduce((a, l) => a + l.recallRandom, 0) / CHAINS,
        ),
        estimateEvidence("reference: Hopfield recall at α = 0.05, N = 500", { value: hop.overlap, se: hop.overlapSe }, { reference: 1 }),
      ],
    );
    return {
      result,
      headline: `Hebb on the equations' states at T = ${T}: top mode holds ${pm(mean, se)} of the couplings' weight (one pattern); a Hebbian network given patterns recalls |m| = ${num(hop.overlap)}`,
      reason:
        "The field equations have fixed couplings and drive the nodes to agree: fed to Hebb's rule, their states teach one pattern (the state they settle in), not memories. A Hebbian network stores what it is shown; these equations show it one thing.",
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
    "No model decides it. Beside it: the memory capacity of a Hebbian Ising network in theory (Amit, Gutfreund & Sompolinsky 1985: the retrieval overlap at loads α = 0.1 and 0.2, and α_c), what an Ising-type network could offer a neuromorphic use.",
  reading: {
    statement: "EMTD is a candidate architecture for neuromorphic distributed computing.",
    mechanism: "proposal",
  },
  decision: {
    rule: "undecidable: a modal claim about a future use names no quantity that would decide it",
    threshold: "none",
    why: "'Candidate architecture' names no observable; the memory capacity beside it (≈ 0.138 N patterns) is context, and no capacity value would make something a candidate or not.",
  },
  grid: {},
  repairs: [],
  byConstruction: null,
  review:
    "Review: (brief) one reading per §4.4 claim. Done: the literal and strongest readings (both untestable) became one; the evidence beside it is exact theory, so it does not depend on the seed (no grid needed).",
  uses: [],
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
      headline: `no observable decides "candidate architecture"; a Hebbian Ising memory holds ≈ ${num(alphaC)} N patterns (overlap ${num(agsOverlap(0.1))} at α = 0.1, ${num(agsOverlap(0.2))} at α = 0.2)`,
      reason:
        "A modal claim about a future use names no quantity to measure. What an Ising-type network can offer is memory: about 0.138 N patterns of N bits, collapsing above it; EMTD's own couplings, fixed and all positive, store only 'everyone agrees' (p4.4-hebbian).",
    };
  },
};

export const claims: Claim[] = [hebbian, neuromorphicSubstrate];

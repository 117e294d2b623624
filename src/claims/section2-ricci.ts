/**
 * §2.1's Ricci-flow claim, p2.1-ricci-flow: the text's Ricci flow (weights as lengths) against consensus speed and
 * curvature spread on random graphs (src/studies/ricci). Split from ./section2-ising, whose claims are the Ising reading.
 */
import { ricciFlowSmoothing } from "../studies/ricci/ricci-smoothing";
import { mean, variance } from "../stats/summary";
import { difference, estimateEvidence } from "./machinery/decide";
import { num } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";

const RICCI_NOTEBOOK = "notebooks/04-ricci-flow.ipynb";

/**
 * Graphs per cell of p2.1-ricci-flow, planned for its repair's power (tenth-edition referee #10): at 8 the
 * inverse-Ricci repair's MDE (0.0956) sat on its margin ln 1.1 (0.0953), so a replicate decided it or not by chance
 * (11 mixed, 9 inconclusive over 20); 9 graphs would have decided replicate 0, and 16 halve the variance of the mean
 * log-ratio, so the MDE falls to about 0.07 at that spread.
 */
const RICCI_GRAPHS = 16;

/** Ricci flow, the text's (weights are lengths), against consensus speed and curvature spread on random graphs. */
export const ricciSmoothing: Claim = {
  id: "p2.1-ricci-flow",
  source: "proposal",
  section: "2.1",
  quote:
    "We treat the flow of information as a Ricci Flow on the information manifold, smoothing out irregularities (inconsistencies) over time.",
  short: "Ricci flow smooths inconsistencies",
  notebook: RICCI_NOTEBOOK,
  model:
    `Per cell ${RICCI_GRAPHS} random graphs of the cell's family, drawn per replicate (one study, ` +
    `ricciFlowSmoothing in src/studies/ricci, for the claim and notebook 04); Ollivier–Ricci curvature (α ` +
    `= ½) in the metric the flow moves (the text's reading, lengths: shortest paths on the lengths as ` +
    `the transport cost, κ = 1 − W₁/d; the couplings' reading: the hop metric with the walk along J), the ` +
    `grid's steps of the normalised discrete Ricci flow (ε = 0.1, Σ J conserved) on the mechanism's reading ` +
    `of the weight; consensus time of the gradient flow of the mechanism's interaction from a N(0, 1) ` +
    `field to a 10³-fold reduction, before and after; curvature spread (sd over edges) before and after.`,
  reading: {
    statement:
      "The text's Ricci flow (the metric evolves: edge weights are lengths, dw/dt = −κw) smooths out " +
      "inconsistencies: they are removed sooner on the flowed network than on the original. That its " +
      "curvature evens out is what a Ricci flow is built to do, shown beside as evidence, not a part.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `difference (t interval over the ${RICCI_GRAPHS} graphs, ${RICCI_GRAPHS - 1} ` +
      `df; TOST refutes a negligible change): ln(consensus time ` +
      `after/before) < 0; ln(curvature sd after/before) is evidence beside it`,
    threshold:
      "the mean log-ratio below −ln 1.1 (95 % t interval); refuted when the opposite sign is shown or the change is within ±ln 1.1",
    why:
      "The sentence's claim is the parenthesis: the irregularities smoothed are inconsistencies, " +
      "and consensus time is what removing them takes; the curvature spread is what a Ricci flow " +
      "evens out by definition, so it cannot be a part (sixth-edition referee: a part that holds by " +
      "definition made a failing claim mixed). The normalisation keeps Σ J, so a faster consensus " +
      "is not bought with bandwidth. A change under 10 % is the smallest worth calling smoothing. The text " +
      "names no flow time, so the flow's length is gridded (thirtieth-edition referee); α = ½ is Ollivier's lazy " +
      "walk (2009), the curvature's standard form, and N = 30 keeps the 16 graphs per cell that the repair's plan " +
      "needs within a replicate's minutes (the text's own ledger example has 50 nodes; the sentence names no size).",
  },
  grid: {
    graph: {
      values: ["ws:30:4:0.1", "ba:30:2"],
      why: [
        "the proposal's own network family (§3.3: nx.watts_strogatz_graph(k = 4, p = 0.1))",
        "a scale-free network (Barabási–Albert, m = 2): hubs and the most irregular curvature",
      ],
    },
    steps: {
      values: [20, 80],
      why: [
        "flow time 2 (20 steps of ε = 0.1): the curvature spread roughly halves, most of what the flow is built to do",
        "flow time 8, four times longer: the text says 'over time' and names no horizon, so a longer flow must not reverse the sign",
      ],
    },
  },
  repairs: [
    {
      variant: "inverse-ricci-flow",
      why:
        "The first edition's strongest reading: the same equation run on the couplings J " +
        "strengthens negatively curved bridges (an inverse flow, not the text's Ricci flow).",
    },
  ],
  byConstruction:
    "Under the text's reading the flow moves each length by the curvature of the lengths' own metric, " +
    "w_e ← w_e(1 − εκ_e): a Ricci flow is built to even out its metric's curvature (Ollivier 2009; Ni et " +
    "al. 2019 use it to expose communities), so 'curvature evens out' measures the flow doing what it is " +
    "defined to do, on these graphs and in 20 steps, not a property of EMTD: it is evidence, not a part. " +
    "Consensus runs on the couplings J = 1/length: stretching the negatively curved bridges weakens them, " +
    "and λ₂ of the coupling Laplacian, which sets the consensus time, is held up by exactly those bridges; " +
    "that part is measured. Σ J is conserved, so a faster consensus could not be bought with bandwidth.",
  review:
    "Review: reading the weights as couplings reverses the flow (an inverse Ricci flow) and turned " +
    "fails into holds; decided on one hand-built 16-node graph. Fixed: the reading is the text's (lengths), " +
    "the coupling reading is the repair inverse-ricci-flow (the mechanism's `ricci` part), and the " +
    "claim is decided on 8 random graphs per cell of a ws/ba grid, drawn per replicate. Sign-off N2: " +
    "the inverse Ricci flow repair was 9 mixed, 5 inconclusive over replicates 0–13 while the README " +
    "printed replicate 0's 'inconclusive'. Fixed: repairs carry their stability, and the repair column " +
    "prints the modal verdict or 'unstable: …' (display repairsText). Fourth-edition referee: 'the " +
    '"metric" flow computes its curvature without the metric: hop distance as the transport cost and a ' +
    "walk over couplings J = 1/length, so the lengths never enter the metric whose curvature drives the " +
    "flow; byConstruction null'. Fixed: under the length reading the curvature is the lengths' own " +
    '(ollivierCurvature metric "length": shortest paths by Dijkstra as the cost, κ = 1 − W₁/d(x, y), a ' +
    "uniform lazy walk, equal to the hop curvature when every length is 1), at every step of the flow " +
    "and in the spread the claim measures (graph/ricci flowCurvature); byConstruction says what a Ricci " +
    "flow evens out by design. At seed 0 the curvature part goes fails → holds on both families (ln sd " +
    "ratio ws +0.47 → −0.75) while consensus still slows: fails → mixed. Sixth-edition referee: 'the " +
    'label is mixed only because part (b), "curvature evens out", holds, and that part is the flow\'s ' +
    "own definition; the sentence claims the flow smooths inconsistencies, which fails in both cells " +
    "20/20'. Fixed: decided on 'inconsistencies removed sooner' alone; the curvature spread is evidence " +
    "beside it (mixed → fails expected). Tenth-edition referee: 'the repair is decided on 8 graphs per " +
    "cell with MDE 0.0956 against a margin of 0.0953, so it cannot decide as planned'. Fixed: 16 graphs " +
    "per cell (RICCI_GRAPHS, planned for the repair's spread), for the claim and its repair alike.",
  uses: ["interaction", "ricci"],
  reference: {
    kind: "baseline",
    text: "the same graphs before the flow: consensus time (on the mechanism's interaction) and curvature spread, after/before",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const spec = String(ctx.cell.graph);
    const weights = ctx.mechanism.ricci;
    const pairTerm = ctx.mechanism.interaction;
    const G = RICCI_GRAPHS;
    const steps = Number(ctx.cell.steps);
    const { logSpeed: speed, logSpread: spread } = ricciFlowSmoothing((name) => ctx.key(name), {
      spec,
      steps,
      graphs: G,
      weights,
      interaction: (h) => pairTerm(h, { coupling: 1 }),
    });
    const estimate = (xs: number[]) => ({ value: mean(xs), se: Math.sqrt(variance(xs) / xs.length), df: xs.length - 1 });
    const s = estimate(speed),
      c = estimate(spread);
    const margin = Math.log(1.1);
    // Only the consensus time decides: the curvature spread is what the flow is defined to even out (evidence).
    const result = difference(
      s,
      "negative",
      margin,
      `inconsistencies removed sooner after the Ricci flow with weights as ${weights === "length" ? "lengths" : "couplings"}: ln(consensus time after/before)`,
      [
        estimateEvidence(`mean ln(consensus time after/before) over ${G} graphs`, s, { reference: 0 }),
        estimateEvidence(`mean ln(curvature sd after/before) over ${G} graphs (the flow's definition, evidence)`, c, { reference: 0 }),
      ],
      G,
    );
    return {
      result,
      headline:
        `${spec}, w = ${weights}, ${steps} steps: consensus time ×${num(Math.exp(s.value))} after the flow, curvature ` +
        `sd ×${num(Math.exp(c.value))}, the flow's definition (geometric means over ${G} graphs)`,
      reason:
        "The flow reweights edges; disagreement is removed only by the diffusion it parametrises. " +
        "With weights as lengths (the text's Ricci flow) negatively curved bridges " +
        "stretch toward the curvature their metric's flow evens out, so their coupling falls, " +
        "and the consensus, which the bridges' couplings carry, slows; run on the couplings (the inverse flow) the bridges strengthen instead.",
    };
  },
};

export const claims: Claim[] = [ricciSmoothing];

/**
 * The message-count claims of the proposal's §2.2 (split from section2-cooling.ts, which lists them in its claims):
 * p2.2-bft-quadratic (BFT's messages against N) and p2.2-diffusion-messages (whether the diffusion delivers the
 * injected value, and its messages per such decision against N, by the grid's update: §3.3's copy rule, the averaging
 * flow, the §3.1 chart's gossip with its Metropolis step). The counts live in analysis/messages and studies/cooling,
 * which notebook 06's figures call too.
 */
import { byzantineMessageBound, hotstuffMessages, hotstuffWorstCase, pbftMessages } from "../analysis/messages";
import { DECISION_ATTEMPTS } from "../studies/cooling/injection";
import { coolingMessages, FLOW_SIZES, MESSAGE_SIZES, type MessageSeries } from "../studies/cooling/cell-messages";
import { UPDATE_SWEEP_CAP } from "../spin/update-kernels";
import { powerLaw } from "../stats/regression";
import { conjunction, everyCase } from "./machinery/combine";
import { beyond, estimateEvidence, rateBeyond, rateEvidence, undecidable } from "./machinery/decide";
import { REVIEW_FIFTEENTH } from "./reviews";
import { evidence, num } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement, Reading, SizeTrend } from "./machinery/types";
import { CONTROL_MARGIN, GOSSIP_READINGS, KERNEL_GRID, kernelIn, PULL_GOSSIP, PUSH_GOSSIP } from "./machinery/mechanism";
import { deliveryOfCell, DELIVERY_NODES, DELIVERY_RUNS, diffusionControl, RATE } from "./section2-delivery";
import { coolingCell } from "./machinery/study-cells";
import { cellStop } from "./machinery/sequential-cell";

export const COOLING_NOTEBOOK = "notebooks/06-thermodynamic-cooling.ipynb";

/** Quadratic growth: a log–log exponent nearer 2 than 1 (the midpoint of linear and quadratic on the log scale). */
const QUADRATIC = 1.5;

/** The text's class boundary for "a lower class than O(N²)": an exponent below 2 (VERDICTS.md §3). */
const CLASS_BOUNDARY = 2;

/** The size the text names elsewhere (§4.1, "N = 10⁹"): where every trend is extrapolated. */
const TEXT_SIZE = 1e9;

/** y = a·N^b fitted on log–log axes (t on n − 2 df), with the value at 10⁹ and its 95 % prediction interval. */
function sizeTrend(quantity: string, ns: readonly number[], ys: readonly number[]): SizeTrend & { se: number } {
  const fit = powerLaw(ns, ys);
  const at = fit.predict(TEXT_SIZE);
  return {
    quantity,
    values: ns.map((n, i) => ({ n, value: ys[i]! })),
    trend: { exponent: fit.exponent, interval: fit.interval, df: fit.df },
    extrapolated: { n: TEXT_SIZE, value: at.value, interval: at.interval },
    se: fit.se,
  };
}

/** The exact local exponent d ln m / d ln n between the two largest sizes. */
function lastExponent(sizes: readonly number[], count: (n: number) => number): number {
  const a = sizes.at(-2)!,
    b = sizes.at(-1)!;
  return Math.log(count(b) / count(a)) / Math.log(b / a);
}

/** Sizes of the exact message counts: 10 to 10⁶ (closed forms, so any size costs nothing). */
const BFT_SIZES = [10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * §2.2 "Traditional BFT relies on message complexity O(N²)": the PBFT line, read from exact counts, in the worst case
 * and the failure-free one; HotStuff, linear by design, beside it.
 */
export const bftQuadratic: Claim = {
  id: "p2.2-bft-quadratic",
  source: "proposal",
  section: "2.2",
  quote: "Traditional BFT relies on message complexity O(N²).",
  short: "BFT needs O(N²) messages",
  notebook: COOLING_NOTEBOOK,
  model:
    "Exact message counts for one decision, n = 10 … 10⁶, f = ⌊(n − 1)/3⌋: PBFT's " +
    "normal case 2n(n − 1); Dolev–Reischuk's lower bound for any deterministic " +
    "Byzantine agreement, of order n + t²; beside them Basic HotStuff's happy " +
    "path 8(n − 1) and, with f faulty leaders in a row, at least (f + 8)(n − 1).",
  reading: {
    statement:
      "Traditional BFT, the PBFT line (Castro & Liskov 1999) that the sentence contrasts " +
      'EMTD with, needs a number of messages per decision that grows quadratically in N ("O(N²)" ' +
      "read as the growth rate). HotStuff (Yin et al. 2019), whose contribution is linear " +
      "communication in place of PBFT's quadratic, is the departure from it, shown beside.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "beyond on the exponent of traditional BFT's count: the exact local exponent " +
      "d ln m / d ln n from n = 10⁵ to 10⁶ of the closed form (worst case: the " +
      "Dolev–Reischuk bound, which binds PBFT as every deterministic protocol; normal " +
      "case: PBFT's 2n(n − 1)), se 0; HotStuff's exponent beside it as evidence",
    threshold: `exponent > ${QUADRATIC}`,
    why:
      `The counts are closed forms, so the exponent has no uncertainty; ${QUADRATIC} is the ` +
      `midpoint of linear (1) and quadratic (2) growth on the log scale, so a count is ` +
      `quadratic when its exponent is nearer 2. "Traditional" is the sentence's word for the ` +
      `classic protocols: the linear protocols after 2019 present their linearity as what sets ` +
      `them apart from it, so they are evidence beside the cell, not a case of the sentence.`,
  },
  grid: {
    regime: {
      values: ["worst", "normal"],
      why: [
        "Message complexity in the distributed-computing literature is the worst case over executions (Dolev & Reischuk 1985): the term's first meaning.",
        "A BFT protocol's advertised cost is its failure-free count (PBFT's normal case): the text does not say which case it means.",
      ],
    },
  },
  sizes: BFT_SIZES,
  repairs: [],
  byConstruction:
    "Both cells are closed forms typed from the literature (citedBound), decided by the formulas, not sampled: " +
    "the holds rest on the cited bounds, and no simulation of this project measures them. Worst — the Dolev–Reischuk bound " +
    "n + t² with t = ⌊(n − 1)/3⌋ is quadratic for every deterministic protocol, PBFT included; normal — " +
    "PBFT's 2n(n − 1) is quadratic. Beside them HotStuff's happy path 8(n − 1) is linear and its worst " +
    "case (f + 8)(n − 1) quadratic: counted as traditional BFT, HotStuff would make the normal cell fail.",
  review:
    'Review: the old headline took the worst case only (the "strongest" reading). Now one reading, ' +
    "universal over protocols, with the case the text leaves open as a grid: the worst case holds for every " +
    "deterministic protocol (Dolev–Reischuk), the normal case fails (HotStuff's happy path is linear), " +
    "so the grid is mixed, decided by regime. Review 2 (Minor): 'both cells are typed closed forms, yet " +
    'byConstruction is null; HotStuff as "traditional BFT" is what splits the grid\'. Fixed: byConstruction ' +
    "declares both cells closed forms and says that HotStuff splits the grid; the universal is one " +
    "`beyond` on the smallest exponent (no fact() parts in an everyCase). Ninth-edition referee: 'the " +
    "normal cell fails only because HotStuff (2019) is counted as traditional BFT, and HotStuff's selling " +
    "point is linear complexity against classic PBFT-style BFT; taking the smallest exponent over " +
    "protocols turns the sentence into a universal it does not state (charity on wording, §1)'. Fixed: " +
    '"traditional BFT" is read as the PBFT line the sentence contrasts with, its count deciding each cell ' +
    "(the Dolev–Reischuk bound that binds it in the worst case, PBFT's 2n(n − 1) in the normal case); " +
    "HotStuff's counts are shown beside as the linear departure from it (mixed, decided by regime → holds)." +
    REVIEW_FIFTEENTH +
    " Twenty-seventh-edition referee (2026-12-01): 'reads O(N²) at exponent 1.5 while its sibling uses the class " +
    "boundary 2 … put the threshold at the class boundary 2'. Not changed, and why: the two claims test opposite " +
    "sides of one boundary on different evidence. p2.2-diffusion-messages asserts a lower class than O(N²) of a " +
    "sampled exponent, whose whole 95 % interval must lie below 2 (its one decided exponent: 1.04 [0.99, 1.10]); " +
    "this claim asserts that exact closed forms are in the class, and their local exponents at 10⁵ → 10⁶ are " +
    "1.99997 (n + t², which is Θ(n²)) and 2.000004 (2n(n − 1)). 'Exponent > 2' would refute n + t² on its linear " +
    "term's finite-size correction in the fifth decimal; 1.5 puts each closed form in the class it is nearer, and " +
    "since both lie within 3·10⁻⁵ of 2, no threshold from 1.5 to 1.9999 changes a cell. Thirty-fourth-edition referee: 'it " +
    'would read better as "holds (by the cited bound)" … the README counts it among the three measured holds\'. Fixed: ' +
    "citedBound names the works, and the headline, byConstruction, the table's verdict and the README say that the holds rest " +
    "on them, no run measured; the label is unchanged.",
  // The holds are the cited formulas evaluated, not a simulation: the README and the table say so from this field.
  citedBound: "Dolev & Reischuk 1985, the worst case n + t²; Castro & Liskov 1999, PBFT's normal case 2n(n − 1)",
  uses: [],
  reference: {
    kind: "threshold",
    text: "exponent 1.5 against the protocols' closed-form message counts, typed from the cited works (no run)",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const worst = ctx.cell.regime === "worst";
    const traditional = worst
      ? {
          name: "Dolev–Reischuk bound n + t² (every deterministic protocol, PBFT included)",
          count: (n: number) => byzantineMessageBound(n),
        }
      : { name: "PBFT normal case", count: (n: number) => pbftMessages(n).messages };
    const linear = worst
      ? { name: "HotStuff with f faulty leaders in a row", count: (n: number) => hotstuffWorstCase(n).messages }
      : { name: "HotStuff happy path", count: (n: number) => hotstuffMessages(n).messages };
    const exponent = lastExponent(BFT_SIZES, traditional.count);
    const beside = lastExponent(BFT_SIZES, linear.count);
    const result = beyond(
      { value: exponent, se: 0 },
      QUADRATIC,
      "above",
      `${worst ? "worst case" : "normal case"}, traditional BFT: the exponent of the ${traditional.name.split(" (")[0]}`,
      [
        evidence(`local exponent of the ${traditional.name}, n = 10⁵ → 10⁶`, exponent, { reference: 2 }),
        evidence(`beside it, not traditional: local exponent of ${linear.name} (Yin et al. 2019), n = 10⁵ → 10⁶`, beside, { reference: 2 }),
      ],
    );
    return {
      result,
      headline:
        `${worst ? "worst case" : "normal case"}, by the cited closed form (no simulation): exponent of the ` +
        `${traditional.name.split(" (")[0]} ${num(exponent)}; beside it ${linear.name} ${num(beside)}`,
      reason: worst
        ? "Every deterministic Byzantine agreement needs Ω(n + t²) messages in " +
          "the worst case (Dolev & Reischuk 1985), quadratic when t grows with n: " +
          "PBFT pays it, and so does HotStuff when f leaders in a row are faulty."
        : "PBFT's normal case is quadratic (all-to-all prepare and commit); " +
          "HotStuff (Yin et al. 2019) needs 8(n − 1) messages when its leader is " +
          "correct, the linear departure from traditional BFT, shown beside.",
      sizes: sizeTrend(`${traditional.name}: messages per decision`, BFT_SIZES, BFT_SIZES.map(traditional.count)),
    };
  },
};

/** The measurement of p2.2-diffusion-messages' cost part: one cell's counts by size (studies/cooling/cell-messages). */
export function messagesOfCell(ctx: MeasureContext): MessageSeries {
  return coolingMessages(coolingCell(ctx));
}

/** The cost part of a cell: the exponent of its messages per decision below {@link CLASS_BOUNDARY}, on decisions only. */
function costOf(label: string, s: MessageSeries): { reading: Reading; trend: SizeTrend; headline: string } {
  const { ns, ys, what, undecided } = s;
  if (undecided.length > 0) {
    const shown = sizeTrend(`${what}: not a decision on the injected value`, ns, ys);
    // A size where no run delivers has no finite messages per decision (the fifth-edition referee: "a rule that never
    // delivers the value cannot deliver it in fewer messages"): the delivery rule, applied to the runs tried there.
    const tried = undecided.reduce((a, n) => a + (s.attempts?.[ns.indexOf(n)] ?? 1), 0);
    return {
      reading: rateBeyond(
        0,
        tried,
        RATE,
        "above",
        `${label}: runs that decided on the injected value at N = ${undecided.join(", ")}, where its messages per decision are to be counted: ${s.none}`,
        [
          evidence(`sizes (of ${ns.length}) where no run decided on the injected value`, undecided.length, { reference: 0 }),
          evidence("runs tried at those sizes", tried),
          estimateEvidence(`beside it: log–log exponent of ${what} (not decisions on the injected value)`, {
            value: shown.trend.exponent,
            se: shown.se,
            df: shown.trend.df,
          }),
        ],
      ),
      trend: shown,
      headline: `no decision on the injected value at N = ${undecided.join(", ")} (exponent beside it ${num(shown.trend.exponent)})`,
    };
  }
  const t = sizeTrend(what, ns, ys);
  const exponent = { value: t.trend.exponent, se: t.se, df: t.trend.df };
  const largest = ns.at(-1)!;
  const ratio = ys.at(-1)! / pbftMessages(largest).messages;
  const x = t.extrapolated!;
  const reading = beyond(
    exponent,
    CLASS_BOUNDARY,
    "below",
    `${label}: log–log exponent of messages per decision in n (n = ${ns[0]} … ${largest})`,
    [
      estimateEvidence(`log–log exponent, ${what}`, exponent, { reference: 2 }),
      evidence(`messages / PBFT's 2n(n − 1) at n = ${largest}`, ratio, { reference: 1 }),
      evidence(`messages at n = 10⁹ (extrapolated; 95 % prediction ${num(x.interval[0])} … ${num(x.interval[1])})`, x.value, {
        reference: pbftMessages(TEXT_SIZE).messages,
      }),
    ],
    ns.length,
    "sizes",
  );
  return {
    reading,
    trend: t,
    headline:
      `exponent ${num(exponent.value)} [${num(t.trend.interval[0])}, ${num(t.trend.interval[1])}] (t, ` +
      `${exponent.df} df) to n = ${largest}; ${num(ratio)}× PBFT's messages there; ≈ ${num(x.value)} at 10⁹`,
  };
}

/** Each cell's mechanism, said once: why it delivers or not, and what its messages grow like. */
const REASONS: Record<string, string> = {
  gossip:
    "Each holder pushes v to one neighbour a round and a receiver takes it by Metropolis on " +
    "its local energy: while T is high most pushes are taken and v spreads in O(log n) rounds; as " +
    "T = 100·0.95^round cools, a receiver with fewer neighbours on v than on the old value (ΔE " +
    "> 0) refuses, so the spread must outrun the cooling. On a small graph it does; where the " +
    "run needs more rounds than the warm phase lasts, the spread freezes short of every node.",
  node0:
    "§3.3's update copies node 0's value: wherever node 0 accepted the signal, every node " +
    "ends holding it, in a bounded number of sweeps whatever n, each costing n + 2E reads: " +
    "linear in n (the proposed value is read directly; a real delivery costs at least that).",
  neighbour:
    "Node 0 is swept first and proposes a neighbour's value, the old one: copying it back lowers " +
    "the energy, so Metropolis always accepts and the injection is erased before any other node sees " +
    "it. No run ends on the injected value, so there is no decision on it to count messages for.",
  flow:
    "The flow averages and conserves the mean: the injected v is spread over all n " +
    "nodes into a consensus on v/n, an agreement but not on the injected value " +
    "(p2.2-diffusion-propagates' flow fails for the same reason). Its messages to that " +
    "consensus grow little faster than n, shown beside, but they count no decision on v.",
};

/** §2.2 "EMTD relies on information diffusion" instead of O(N²) messages: depends on which update diffuses. */
export const diffusionMessages: Claim = {
  id: "p2.2-diffusion-messages",
  source: "proposal",
  section: "2.2",
  quote: "Traditional BFT relies on message complexity O(N²). EMTD relies on information diffusion.",
  short: "diffusion beats BFT's O(N²) messages",
  notebook: COOLING_NOTEBOOK,
  model:
    `Each cell is read on two parts. Delivery: ${DELIVERY_RUNS} runs at N = ${DELIVERY_NODES} (§3.3's ` +
    `N), each on its own ws(50, 4, 0.1) from the claim's key, counted when they end with every node on ` +
    `the injected value (within 1 % of it): copy, §3.3's script with the cell's kernel (node 0 takes the ` +
    `signal 3.14159 by Metropolis at T₀ = 100, then sweeps at ×0.95 until one changes nothing or 1000), ` +
    `among the runs in which node 0 took the signal (p2.2-diffusion-propagates' runs and rule); flow, ` +
    `the noiseless gradient flow of ℋ from v = 1 at node 0, nothing pinned, explicit Euler (h = 0.9/(2 ` +
    `max D)), to its consensus (every node within 1 % of v/n); gossip, the run below at N = 50. Cost: the ` +
    `messages of one decision on the injected value, one run per size (each replicate draws its own). ` +
    `gossip: the §3.1 chart's gossip with its acceptance step on ws:n:4:0.1: node 0 holds 3.14159, every ` +
    `other node 0; each round every holder pushes it to one uniformly drawn neighbour, and a receiver ` +
    `reads its neighbours' states (deg messages) and takes it by Metropolis on ½Σ_j‖x_i − x_j‖² at T = ` +
    `100·0.95^round, until every node holds it (a decision) or ${UPDATE_SWEEP_CAP} rounds (none); pushes ` +
    `+ reads, n = 10 … 10⁶. copy: §3.3's update on ws:n:4:0.1, each node reading the proposed value (node ` +
    `0's or a neighbour's, the cell's kernel) and its neighbours' states every sweep, sweeps × (n + ` +
    `2E); n = 10 … 10⁶ (node0), 10 … 10⁵ (neighbour). At each size of copy and gossip the first of up to ` +
    `${DECISION_ATTEMPTS} runs that ends with every node on the injected value (a size where none does ` +
    `has no decision to count). flow: the same flow (nothing pinned), 2E messages a round until every node ` +
    `is within 1 % of the consensus value v/n, n = ${FLOW_SIZES.join(", ")}, shown beside (not a ` +
    `decision on the injected value). Each cell's trend is fitted on its own sizes and extrapolated to 10⁹.`,
  reading: {
    statement:
      "EMTD's information diffusion decides on an injected value, delivering " +
      "it to every node, with messages per such decision growing in a lower class " +
      "than BFT's N²: its log–log exponent in n is below the quadratic class.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `everyCase over two parts of each cell, both required (messages per decision need a decision): ` +
      `delivery, rateBeyond (Wilson) above ${RATE} of the runs ending with every node on the injected ` +
      `value (p2.2-diffusion-propagates' rule on this cell's update; copy among the runs in which ` +
      `node 0 took the signal, undecidable when it took it in none); cost, beyond: the fitted log–log ` +
      `exponent (least squares, t interval on sizes − 2 df) of the messages per decision on the injected ` +
      `value below the threshold; where at some size no run tried decided on it (the flow's ` +
      `consensus is v/n at every size), the delivery rule applied to the runs tried at those sizes instead ` +
      `(0 of them: refuted, a rule that delivers nowhere has no finite messages per decision there). In the copy ` +
      `(node0) cell, the conjunction of that outcome and the sentence's mechanism clause ("relies on information ` +
      `diffusion"): rates (Newcombe), the delivery share under the text's cooling minus that of the same graphs and ` +
      `draws with the energy off (no neighbour's state enters a move, so nothing travels over a link; node 0 takes ` +
      `the signal in every run there), beyond +${CONTROL_MARGIN} (within ±${CONTROL_MARGIN}, or below, ` +
      `refutes), p2.1-ising-alignment's control and margin. The neighbour cell has no such part: its proposal is a ` +
      `neighbour's value, carried over a link (the pull gossip), and the gossip cell pushes over links by the chart's ` +
      `step, so the clause is their update itself; the flow is the diffusion equation`,
    threshold: `delivery: rate above ${RATE}, a node holding v when within 1 % of it; cost: exponent < ${CLASS_BOUNDARY}, the whole 95 % t interval below it`,
    why:
      `One standard for a decision on the injected value in every cell (fifth-edition referee): a run ` +
      `decides when it ends with every node on the value, the event p2.2-diffusion-propagates counts, by its ` +
      `rule, rate and tolerance (1 %, the protocol's finality tolerance; "delivers" at the usual 5 % level). ` +
      `The delivery condition is the sentence's own comparison (sixth-edition referee asked for its ` +
      `ground): BFT's O(N²) is the message count of one BFT decision, and a BFT decision is an agreement on ` +
      `a proposed value (validity: the value decided was proposed), so messages are compared per decision ` +
      `on the injected value; an agreement on a value no node proposed is not what the N² buys. Delivery ` +
      `is the event p2.2-diffusion-propagates decides on, read here only as the precondition of a count. ` +
      `A rule that never delivers the value cannot deliver it in fewer messages, so delivery is a part and ` +
      `the messages are counted only on runs that delivered; the flow's consensus on v/n is an agreement, ` +
      `not a decision on the injected value. The text contrasts diffusion with "message complexity O(N²)": ` +
      `a count in a lower class than N² has a log–log exponent below ${CLASS_BOUNDARY}, the text's own ` +
      `class boundary (VERDICTS.md §3; no sentence of the text asks for a count nearer linear than quadratic, ` +
      `the stricter ${QUADRATIC} of earlier editions). p2.2-bft-quadratic asks another question, whether ` +
      `a count grows quadratically at all, and keeps the midpoint ${QUADRATIC} between its closed forms' ` +
      `exponents 1 and 2. The interval uses t quantiles on the fit's df (4 for six sizes, 3 for five).`,
  },
  grid: {
    update: {
      values: ["gossip", "copy", "flow"],
      why: [
        `${PUSH_GOSSIP}: §3.1's chart names the propagation step "Gossip Protocol" → ` +
          `Neighbor j → "Compute Hamilton Difference" → Metropolis, the text's own ` +
          `transport for diffusion, with its acceptance step, on the text's ws(n, 4, 0.1); ` +
          `the copy cells' kernel "neighbour" is the ${PULL_GOSSIP}. ${GOSSIP_READINGS}`,
        "§3.3's executable update: each node proposes a value (the kernel's) and accepts by Metropolis, reading its neighbours' states for ΔE.",
        '§1.3 / §3.2\'s gradient flow of ℋ, the "information diffusion" and "heat ' +
          'equation" of the text: each round every node sends its state to every neighbour; ' +
          "nothing pinned (a pin is a boundary condition the text never states).",
      ],
    },
    kernel: { ...KERNEL_GRID, when: { update: ["copy"] } },
  },
  sizes: MESSAGE_SIZES,
  repairs: [
    {
      variant: "temperature-floor",
      why:
        "The gossip cell fails because the text's ×0.95 cooling freezes the Metropolis-gated push before it reaches " +
        "every node (none of 10 runs delivers at 10⁵ and 10⁶); a floor on T keeps each push's acceptance bounded " +
        "below, where push gossip informs every node in O(log N) rounds (twenty-fifth-edition referee's variant). " +
        "It changes the schedule alone; the copy and flow cells read it as they read the text's.",
      outsideTheorem: "the copy and flow cells (the rumour-spreading theorem is about the push gossip)",
    },
  ],
  byConstruction:
    "copy (node0): every node proposes node 0's value itself, so once node 0 holds it the network copies " +
    "it (the consensus on it absorbs): its delivery holds by construction among the runs in which node " +
    "0 took the signal, and its sweeps stay bounded, so its count is linear by construction; the proposed " +
    "value is read directly, one message per node per sweep, a lower bound on any real delivery. copy " +
    "(neighbour): node 0 is swept first, draws a neighbour (all on the old value) and copies the old value " +
    "back by a downhill move, which Metropolis always accepts: the injection is erased in node 0's own " +
    "first update in every run at every size, so its delivery fails by construction (0 of the injected " +
    "runs) and there is no decision on the injected value to count messages for. flow: the flow conserves " +
    "the mean, so it ends in a consensus on v/n, never on v: its delivery fails by construction (0 of its " +
    "runs) and so does its cost (no decision at any size; the averaging exponent shown beside; its rounds " +
    "are ln(100n)/(2h·λ₂) at most, near n·log n messages). gossip: not by construction: whether the " +
    "chart's Metropolis step lets v reach every node before the cooling freezes the spread is what the cell " +
    "measures. The pinned flow of the first two editions (rounds ∝ n, messages ∝ n², so quadratic by " +
    "construction) was the pinned-injection repair of p2.2-diffusion-propagates, not the text's diffusion. The " +
    "node0 cell's mechanism clause is measured, not assumed: with the energy off no neighbour enters any move, so " +
    "no link carries the value, and node 0's read still delivers it to every node (a global broadcast, not a " +
    "diffusion); that part fails, the cell is mixed, and no cell holds.",
  review:
    `Review: slope SE from 4 points used z = 1.96; the chart's gossip untested; n ≤ 300. Now t quantiles ` +
    `on the fit's df; the update is a grid (gossip, copy, flow). Review 2: 'the flow cell covers n = ` +
    `10–10³ (two decades) and passes the three-decade check through the gossip cell's sizes; it also pins ` +
    `node 0, the pinned-injection repair elsewhere; the messages figure stops at 10⁴ while the claim ` +
    `goes to 10⁶'; and defect 1 (the copy cell used node 0's value only). Fixed: every cell carries its ` +
    `own sizes over ≥ 4 decades (gossip and node0 copy 10–10⁶, neighbour copy and flow 10–10⁵); the flow ` +
    `is unpinned (consensus on v/n) and runs to 10⁵ by a fused sparse recurrence (analysis/messages ` +
    `averagingDiffusion); the copy cell is split by \`kernel\` (node0, neighbour); claim and figure call ` +
    `messagesOfCell. Internal review 3: 'p2.2-diffusion-messages counts messages per decision when the ` +
    `decision is to drop the transaction' (defect 1: under the neighbour rule node 0, swept first, copies ` +
    `the old value back) and 'cells are duplicated across kernel where the kernel does not apply' (defect ` +
    `3). Fixed: a copy run counts only when the injection survives node 0's first update (up to ` +
    `${DECISION_ATTEMPTS} runs tried per size, studies/cooling/injection copyMessagesBySize); the neighbour ` +
    `cell, where no run ever keeps it, is undecidable with that reason (its sizes show the erasing runs' ` +
    `messages, not a decision), and byConstruction declares the reversion; \`kernel\` is nested under ` +
    `update = copy, so gossip and flow are one cell each. Sign-off N6: 'The runs-to-decide carried for ` +
    `p2.2-diffusion-messages are not runs … n = the 5 sizes of the log–log fit … the "margin" is the observed ` +
    `distance … |1.4958 − 1.5| = 0.0042'. Fixed: beyond (and rateBeyond) has no margin fixed in advance, ` +
    `so it carries only runsAtObserved, n·(1.96·SE/distance)², and the flow cell passes its unit: the ` +
    `finding says '… sizes would decide it at the effect seen' (runsUnit: "sizes"), never runs; ` +
    `runsToDecide is kept for rules with a margin fixed in advance (rates, differences, equivalence). Review ` +
    `4 (the third outside review, 2026-11-25): 'an exponent threshold of 1.5 ("nearer linear than ` +
    `quadratic"); the text says "a lower class than O(N²)", an exponent below 2. The flow cell's upper bounds ` +
    `are about 1.84–1.92 at three seeds … Its finding prints a "margin" that is the observed distance'. ` +
    `Fixed: the threshold is the text's class boundary 2 (VERDICTS.md §3); a threshold test's finding ` +
    `carries the threshold and the observed distance under their own names (threshold, distance; margin is ` +
    `0 since the fifth edition). Fifth-edition referee: 'p2.2-diffusion-messages applies "no decision ` +
    `on the injected value" one way to one cell and the other way to another … Here the flow's v/n consensus ` +
    `is counted as a decision, and holds … the gossip cell is push gossip on K_n with no Metropolis ` +
    `step'. Fixed: every cell is everyCase of a delivery part (p2.2-diffusion-propagates' rule on the ` +
    `cell's own update: ${DELIVERY_RUNS} runs at N = ${DELIVERY_NODES}, each on its own ws(50, 4, 0.1), ` +
    `rateBeyond above ${RATE} of those ending with every node on the injected value) and a cost part ` +
    `counted only on runs that delivered (copy and gossip: the first of up to ${DECISION_ATTEMPTS} runs ` +
    `ending with every node on it); the flow's v/n consensus is no decision on the injected value (its ` +
    `delivery is counted, and at a size where no run tried decides, the cost part applies the delivery rule ` +
    `to those runs, so it fails there: a first version called it undecidable, which let the chart's ` +
    `gossip, delivering at N = 50 but at no size from 10⁵ on, read as mixed); the gossip cell is the §3.1 ` +
    `chart's gossip with its acceptance step (Metropolis on the receiver's ΔE under the text's schedule) ` +
    `on ws(n, 4, 0.1) (analysis/messages metropolisGossip), push gossip on K_n kept in the library. ` +
    `Twelfth-edition referee: 'The §3.1 chart's gossip exists in two forms: pull ("kernel=neighbour", in 20 ` +
    `claims) and push ("update=gossip", in 2 claims) … the same text rule' (defect 5). Fixed: the gossip ` +
    `cell's why names it the push gossip and the copy kernel's neighbour value the pull gossip, from ` +
    `one constant each shared by every record (mechanism PUSH_GOSSIP, PULL_GOSSIP), and argues from §3.1's ` +
    `chart and §3.3's code, quoted, why both are kept (mechanism GOSSIP_READINGS); no number changes.` +
    ` VERDICTS.md §3's amended rule (issue 74): node0's linear delivery is built in (byConstruction), evidence, not holding; every ` +
    "measured cell fails, so mixed → fails. " +
    "That reading was superseded before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    REVIEW_FIFTEENTH +
    " Nineteenth-edition referee (2026-11-30): 'the holding side is one cell, copy/node0 … the sentence's mechanism " +
    '("EMTD relies on information diffusion") is never a measured part … the sibling p2.1-ising-alignment measures ' +
    "its mechanism clause in the same node0 cells'. Fixed: the node0 cell is the conjunction of its outcome and the " +
    "clause, measured by the energy-off control of p2.1-ising-alignment with its margin (diffusionControl), which " +
    "delivers as often (mixed → fails). Twenty-seventh-edition referee (2026-12-01): 'one two-clause sentence is " +
    "read as everyCase in the gossip cell (fails) and as a conjunction in the node0 cell (mixed); §2 makes a " +
    "conjunction with a refuted part mixed'. Not changed, and why: the gossip cell's two parts are one assertion, " +
    "a decision on the injected value in fewer than O(N²) messages, measured as its two necessary quantities (a " +
    "count per decision needs a decision: delivery is read only as the count's precondition, decision.why), so " +
    "it fails when either fails, as everyCase says; the node0 cell reads that same assertion as one part, and its " +
    "conjunction joins it to another clause of the sentence, the mechanism ('relies on information diffusion'), " +
    "which §2's rule for a conjunction governs. One standard in both cells; the label is fails either way.",
  uses: ["schedule", "kernel"],
  reference: { kind: "threshold", text: `exponent ${CLASS_BOUNDARY} of the fitted message count over N (the quadratic class's boundary)` },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const update = String(ctx.cell.update);
    const label = update === "copy" ? `copy (${kernelIn(ctx)})` : update;
    const d = await deliveryOfCell(ctx);
    const delivery =
      d.looked?.reading ??
      (d.n === 0
        ? undecidable(`${label}: no run to count: ${d.none}`, d.evidence)
        : rateBeyond(d.k, d.n, RATE, "above", `${label}: ${d.what}`, [rateEvidence(d.what, d.k, d.n), ...d.evidence]));
    const cost = costOf(label, messagesOfCell(ctx));
    const outcome = everyCase(
      [
        { statement: "it delivers the injected value to every node", reading: delivery },
        { statement: "its messages per decision grow below the quadratic class", reading: cost.reading },
      ],
      `${label}: a decision on the injected value, in fewer than O(N²) messages`,
    );
    // Node 0's global read delivers without any link (nineteenth-edition referee): the sentence's mechanism clause,
    // "relies on information diffusion", is a part there, measured as p2.1-ising-alignment measures its energy.
    const control = update === "copy" && kernelIn(ctx) === "node0" ? diffusionControl(ctx, d) : null;
    const result = control
      ? conjunction(
          [
            { statement: "a decision on the injected value, in fewer than O(N²) messages", reading: outcome },
            { statement: "the delivery relies on diffusion over the graph's links", reading: control.reading },
          ],
          `${label}: information diffusion decides on the injected value in fewer than O(N²) messages`,
        )
      : outcome;
    return {
      result,
      ...(d.looked !== undefined ? { sequential: cellStop([d.looked]) } : {}),
      headline:
        `${label}: ${d.k}/${d.n} runs at N = ${DELIVERY_NODES} end with every node on the injected value` +
        `${control ? `, ${control.headline}` : ""}; cost: ${cost.headline}`,
      reason: REASONS[update === "copy" ? kernelIn(ctx) : update]!,
      sizes: cost.trend,
    };
  },
};

/**
 * p4.1-scale-invariance, the scale claim of the proposal's §4.1 (split from section4-1.ts, which lists it in its
 * claims): consensus time against N over three or more decades, on the flow and by §3.3's copy rule (section4-1-copy).
 */
import { fold, type Key } from "../engine/random";
import { fiedlerValue } from "../studies/scale/scale-study";
import { SCALE_INVARIANT_SLOPE, scaleClass } from "../studies/scale/scale-class";
import { familyMember, type ScaleFamily } from "../graph/families";
import { releaseGraph } from "../ops/tensors";
import { tQuantile } from "../stats/inference";
import { powerLaw } from "../stats/regression";
import {
  COPY_LARGEST_RUNS,
  COPY_RUNS,
  COPY_SMALL_RUNS,
  COPY_T0,
  consensusCount,
  copyOutcomes,
  copyRuns,
  copyTaus,
  meanSe,
} from "./section4-1-copy";
import { beyond, estimateEvidence, everyCase, fact, ratesEqual, type TEstimate } from "./machinery/decide";
import { REVIEW_FIFTEENTH } from "./reviews";
import { KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { evidence, num } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement, SizeTrend } from "./machinery/types";
import { node0Derivation, withDerivedCells } from "./machinery/derived-cells";

const NOTEBOOK_SCALE = "notebooks/12-scale-invariance.ipynb";

// The classes of a fitted exponent are the scale study's description (notebook 12 takes them from there).
export { SCALE_INVARIANT_SLOPE, scaleClass };

/** The factor by which τ(10⁹) may exceed τ(10) and still count as "identical" (charity on wording). */
export const IDENTICAL_FACTOR = 10;

/**
 * The largest difference in the share of copy runs ending on one value (rather than stopped split or capped) between
 * the fitted sizes and N = 10 that still counts as "identical": a quarter of the runs ending otherwise is a different
 * behaviour under any reading; less is left to charity (and to the runs: 14 pooled runs against 20 resolve ±0.25
 * when both shares are near 1). Fixed with the split design, before any split run.
 */
export const CONSENSUS_MARGIN = 0.25;

/** The copy cells' runs pooled over the fitted sizes for the outcome part: 4 at each of 10², 10³, 10⁴ and 1 at 317² and at 10⁶. */
export const COPY_POOLED = 3 * COPY_RUNS + 2 * COPY_LARGEST_RUNS;

/**
 * The sizes of the fitted trend: the top three decades the product path runs here (VERDICTS.md §4). The smallest is
 * 31² = 961 rather than 10³ so that the √N×√N torus (side round(√N): 31, 100, 316, 1000) spans three decades too.
 */
const SCALE_SIZES = [961, 10_000, 100_000, 1_000_000] as const;
/**
 * ws graphs per size, each graph one point of the fit (the graph is the fit's unit): 3 at every size, so the fit has
 * 10 degrees of freedom and its residual holds the between-graph spread of λ₂ at the top sizes too (the fourth
 * edition's 3, 3, 2, 1 left one graph at 10⁶, and two seeds gave non-overlapping intervals: both referees of
 * 2026-11-28). One Lanczos run at 10⁶ takes ~13 s here: the two added there cost ~26 s a replicate.
 */
const WS_GRAPHS = [3, 3, 3, 3] as const;
/** The sizes the quote names. */
const SMALL_N = 10;
const TEXT_N = 1e9;
/** Graphs at N = 10 for a random family: the SE of ln τ(10) is then ~0.02. */
const SMALL_GRAPHS = 20;
/**
 * Lanczos' relative residual for λ₂ of ws above 400 nodes: the Ritz value is within 1 % of an eigenvalue and never
 * below λ₂ (interlacing), so τ is never overstated; λ₂ varies by tens of % between ws graphs of one size.
 */
const LANCZOS_TOLERANCE = 1e-2;

/** Rounds per e-fold of the spread under the stable Euler step h = 1/(4 d_max): τ = 1/−ln(1 − λ₂/(2 d_max)). */
function tauOf(fiedler: number, maxDegree: number): number {
  return 1 / -Math.log(1 - fiedler / (2 * maxDegree));
}

/** τ of one family member of about n nodes drawn from `k` (exact for ring and torus). */
function memberTau(family: ScaleFamily, n: number, k: Key): { n: number; tau: number } {
  const member = familyMember(family, n, k);
  try {
    return { n: member.n, tau: tauOf(fiedlerValue(member, LANCZOS_TOLERANCE).value, member.maxDegree) };
  } finally {
    if (member.graph) releaseGraph(member.graph);
  }
}

/** The averaging flow's τ at N = 10 and over {@link SCALE_SIZES}. */
function flowTaus(family: ScaleFamily, graphs: Key): { smallLog: TEstimate; rows: Array<{ n: number; tau: number }> } {
  const random = family === "ws";
  const small = Array.from({ length: random ? SMALL_GRAPHS : 1 }, (_, r) =>
    Math.log(memberTau(family, SMALL_N, fold(graphs, 1000 + r)).tau),
  );
  const smallLog: TEstimate = random ? meanSe(small) : { value: small[0]!, se: 0 };
  const rows = SCALE_SIZES.flatMap((n, i) =>
    Array.from({ length: random ? WS_GRAPHS[i]! : 1 }, (_, r) => memberTau(family, n, fold(graphs, 100 * i + r))),
  );
  return { smallLog, rows };
}

/** A power law fitted to the rows, extrapolated to the quote's N = 10⁹ with its prediction interval. */
function trendOf(
  rows: ReadonlyArray<{ n: number; tau: number }>,
  quantity: string,
): { fit: ReturnType<typeof powerLaw>; sizes: SizeTrend } {
  const fit = powerLaw(
    rows.map((r) => r.n),
    rows.map((r) => r.tau),
  );
  const at = fit.predict(TEXT_N);
  return {
    fit,
    sizes: {
      quantity,
      values: rows.map((r) => ({ n: r.n, value: r.tau })),
      trend: { exponent: fit.exponent, interval: fit.interval, df: fit.df },
      extrapolated: { n: TEXT_N, value: at.value, interval: at.interval },
    },
  };
}

/** The trend of τ over the rows and ln τ(10⁹) − ln τ(10), its SE from the prediction interval and τ(10)'s. */
function ratioAtText(
  measured: { smallLog: TEstimate; rows: ReadonlyArray<{ n: number; tau: number }> },
  quantity: string,
): { fit: ReturnType<typeof powerLaw>; sizes: SizeTrend; ratio: TEstimate } {
  const { fit, sizes } = trendOf(measured.rows, quantity);
  const at = sizes.extrapolated!;
  const q = tQuantile(0.975, Math.max(fit.df, 1));
  const predictionSe = (Math.log(at.interval[1]) - Math.log(at.value)) / q;
  const ratio: TEstimate = {
    value: Math.log(at.value) - measured.smallLog.value,
    se: Math.hypot(predictionSe, measured.smallLog.se),
    df: Math.max(fit.df, 1),
  };
  return { fit, sizes, ratio };
}

const scaleInvarianceCells: Claim = {
  id: "p4.1-scale-invariance",
  source: "proposal",
  section: "4.1",
  quote: "**Scale-Invariance:** The Hamiltonian formulation works identical for $N=10$ or $N=10^9$ nodes.",
  short: "works identically for N = 10 and N = 10⁹",
  notebook: NOTEBOOK_SCALE,
  model:
    `flow: the proposal's gradient flow dx/dt = −2Lx run as its stable explicit Euler step (h = ` +
    `1/(4·d_max)); consensus time τ = 1/−ln(1 − λ₂/(2·d_max)) rounds per e-fold of the disagreement. τ at N = ` +
    `961 (31²), 10⁴, 10⁵, 10⁶ (ws: 3 fresh graphs per size and replicate, each a point of ` +
    `the fit, λ₂ by Lanczos to a 1 % residual; ring:N:4 and the √N×√N torus: exact closed-form spectra), ` +
    `a power law fitted on log–log axes (t; 10 df for ws, 2 for the exact families) and extrapolated to ` +
    `N = 10⁹ with its 95 % prediction interval; τ at N = 10 measured (ws: mean of ln τ over ${SMALL_GRAPHS} ` +
    `graphs). copy: §3.3's discrete update (src/spin/update-kernels.ts) by the cell's kernel (node0: ` +
    `node 0's value; neighbour: a drawn neighbour's) from a two-ledger split, the copy analogue of ` +
    `the flow's disagreement: nodes 0 … ⌈N/2⌉ − 1 hold the old value 0 and the rest §3.3's input 3.14159 ` +
    `(contiguous halves by index, the sign pattern of the flow's slowest mode on these index-ordered ` +
    `graphs, which is what the flow's τ times; no draw, and no injection, so node 0's first update erases ` +
    `nothing), Metropolis on ½Σ‖s_i − s_j‖² at the mechanism's schedule from T₀ = ${COPY_T0} (the ` +
    `proposal's: ×0.95 a sweep), until a sweep changes nothing (§3.3's stop) or 1000 sweeps; τ = the sweeps ` +
    `to that stop, every run (a run at the cap enters at 1000, a lower bound), ${COPY_RUNS} runs (fresh ` +
    `graph each) at N = 10², 10³ and 10⁴, ${COPY_LARGEST_RUNS} at 317² and at 10⁶ (a neighbour run to ` +
    `the cap takes ~3 s at 10⁵, 16–33 s at 10⁶) and ${COPY_SMALL_RUNS} at N = 10, fitted and extrapolated ` +
    `to 10⁹ as the flow; beside the time, each run's end: one value everywhere (consensus) or stopped ` +
    `with the ledgers split. The kernel is a grid choice of the copy cells only (the flow has none).`,
  reading: {
    statement:
      "The proposal's update behaves the same at N = 10 and at N = 10⁹: its time " +
      "to consensus at 10⁹ nodes is that at 10 nodes (up to a constant factor, the " +
      "decision's charity), for the gradient flow the Hamiltonian defines and for " +
      "§3.3's discrete update (whose runs must then also end in agreement as often).",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `beyond (t on the fit's degrees of freedom): ln τ(10⁹) − ln τ(10), τ(10⁹) from ` +
      `the fit over three decades of N (flow: 10³ … 10⁶; copy: 10² … 10⁶) with its prediction ` +
      `interval, below ln ${IDENTICAL_FACTOR}; a copy cell is everyCase (Holm) of ` +
      `that time part and an outcome part, ratesEqual (Newcombe): the share of runs ending ` +
      `on one value over the fitted sizes against N = 10, within ±${CONSENSUS_MARGIN}`,
    threshold: `τ(10⁹)/τ(10) < ${IDENTICAL_FACTOR}; copy also: the share of runs ending on one value within ±${CONSENSUS_MARGIN} of N = 10's`,
    why:
      `"The Hamiltonian formulation" is the sentence's subject, read with charity on wording as the protocol as the ` +
      `text formulates it (its flow of ℋ and §3.3's update, both cells of the grid): the sentence says how that ` +
      `protocol behaves, not what makes it so, so no control of a cause is added (VERDICTS.md §1: nothing the quote ` +
      `does not say; with every proposal accepted node 0's read copies in one sweep at every N, so such a part could ` +
      `only refute, §5). Node 0's global read is the text's own code (§3.3), counted under the one test. ` +
      `"Identical" read with charity on wording: a factor below ${IDENTICAL_FACTOR} could be constants ` +
      `of the implementation (the step, d_max, the tolerance); a consensus time ${IDENTICAL_FACTOR} ` +
      `times longer is a different behaviour under any reading. The quote names N = 10 and 10⁹, so those ` +
      `two are compared; the trend is fitted over the top three decades the product path runs here ` +
      `(where the local exponent of ws has settled), so the verdict is decided at the large end, not the ` +
      `small. For §3.3's copy update the time to its stop is not the whole behaviour: a run can stop ` +
      `with the ledgers split (a sweep in which by chance no node changes, or a boundary pinned once ` +
      `cooled), a quick stop without agreement, so a copy cell holds only when the share of runs ending on ` +
      `one value is also the same at the fitted sizes as at N = 10 (±${CONSENSUS_MARGIN}: a quarter of ` +
      `the runs ending otherwise is a different behaviour under any reading), and fails when either ` +
      `part fails. The share is pooled over the fitted sizes, the runs the time is fitted from, which can ` +
      `only favour the claim (smaller graphs agree more often). A run at the 1000-sweep cap enters the ` +
      `fit at 1000, a lower bound of its time, which can only lower the fitted ratio, so a refutation ` +
      `by it stands; it has not agreed, so it counts against the outcome part, which a hold needs. The ` +
      `outcome part is planned for shares near 1 only (sign-off N7): its ${COPY_POOLED} pooled runs ` +
      `against ${COPY_SMALL_RUNS} can show "the same share" only at ${COPY_POOLED}/${COPY_POOLED} against ` +
      `19 or 20 of ${COPY_SMALL_RUNS} (13/14 against 20/20 is inconclusive, Newcombe [−0.31, 0.10]), ` +
      `and were both true shares 0.9 its MDE would be 0.29, above the ±${CONSENSUS_MARGIN} margin (about ` +
      `26 pooled runs would bring it to the margin, more than the time at 317² and 10⁶ allows: a ` +
      `neighbour run to the cap takes 1.5–3 s at 317², 16–33 s at 10⁶). So a copy cell can hold only where ` +
      `every run agrees, as node0's do by construction; where the shares fall short of 1 the part can ` +
      `refute (the neighbour cells, whose shares differ by 0.5–0.9) or stay inconclusive, never hold.`,
  },
  grid: {
    update: {
      values: ["flow", "copy"],
      why: [
        "the Hamiltonian's own dynamics: the gradient flow of the quadratic coupling (the proposal's averaging), what 'the Hamiltonian formulation' runs",
        "§3.3's executable update (the chart's Phase II): the discrete Metropolis copy rule the " +
          "text runs, whose copy cell in p2.2-diffusion-messages decides in a few sweeps whatever n",
      ],
    },
    family: {
      values: ["ws", "ring", "torus"],
      why: [
        "§3.3's own topology: nx.watts_strogatz_graph(N, k=4, p=0.1), a fresh graph per size and replicate",
        "the same lattice without shortcuts (p = 0), ring:N:4: the structured graph the engine runs to 10⁸ nodes, exact spectrum",
        "the 2-D lattice L×L, the engine's other structured family, exact spectrum",
      ],
    },
    // The proposal kernel is a choice of the copy update only: nested, so the flow's cells are not duplicated.
    kernel: { ...KERNEL_GRID, when: { update: ["copy"] } },
  },
  sizes: SCALE_SIZES,
  repairs: [],
  byConstruction:
    "The update is local, so the same formula runs at every N by construction: that reading would " +
    "hold trivially and is not what is measured. For ring and torus the flow's τ follows from closed-form " +
    "spectra (λ₂ ∝ N⁻² and N⁻¹ at fixed degree), so their growth ∝ N² and N is algebra; ws is " +
    "measured. Copy, node0: every node proposes node 0's ledger (a global read, not a local one); node " +
    "0 never moves, no node leaves node 0's ledger once it holds it, and a node on the other ledger " +
    "adopts it with probability ≥ e^(−d_i·π²/(2T)) a sweep, near 1 at T₀ = 100; so from any start, the " +
    "split included, the network agrees on node 0's ledger in a few sweeps whatever N: its constant " +
    "time and its agreement are built into §3.3's kernel, and the node0 cells' verdict is by construction " +
    "(measured all the same): the text's own code, counted under the one by-construction test, since the sentence " +
    "credits no mechanism for the identity (decision.why). Copy, neighbour: measured, not by construction: from the split " +
    "the two ledgers meet only along their boundary, and whether one wins, and when, is the question.",
  review:
    "Review 1: 'ws measured only to N = 10⁴ for a claim about 10⁹ … decided at the small end' and 'the " +
    "literal's refuted part reported partly'. Fixed (second edition): every family at N = 10³ … 10⁶, a " +
    "power law over three decades extrapolated to 10⁹ with its prediction interval, the family a grid parameter. " +
    "Review 2: 'p4.1-scale-invariance measures only the averaging flow, while the project's own " +
    "p2.2-diffusion-messages copy cell says copy decides in a few sweeps whatever n'. Fixed: the update is a " +
    "grid parameter (flow, copy) and the copy cells run §3.3's update by both of the text's kernels (kernel: " +
    "node0, neighbour; src/spin/update-kernels.ts) at N = 10² … 10⁵ (three decades, each cell its own " +
    "sizes), extrapolated to 10⁹ the same way. Internal review 3: 'the neighbour rule erases the injection, " +
    "and that erasure is counted as the claim holding' (node 0 copies the old value back at its first " +
    "update, τ = 2 at every N) and 'cells are duplicated across kernel where the kernel does not apply " +
    "… p4.1 counts 6 flow fails where 3 are unique'. Fixed: a copy run is a decision only when the injection " +
    "survives node 0's first update; a cell where too few runs keep it is undecidable (the count of " +
    "runs that kept it and the erasure's times beside it), byConstruction declares the reversion and that " +
    "the node0 holding side is node 0's global read; the kernel is nested under update = copy (9 cells: 3 " +
    "flow, 6 copy). Re-review R5: 'p4.1's neighbour cells are untestable by design, while a testable design " +
    "is at hand … time the neighbour cells from the two-ledger start (the copy analogue of the flow's " +
    "disagreement), or say in the finding why the injection start alone is the quote's reading'. Fixed: " +
    "the quote names no injection, so every copy cell (both kernels, one design) now starts from two ledgers " +
    "split in contiguous halves (the sign pattern of the flow's slowest mode; split, outcome part and " +
    "its ±0.25 margin fixed before any split run) and is timed to §3.3's stop; each run records whether " +
    "it ended on one value, and a copy cell holds only when its time and its share of runs ending on one " +
    "value both match N = 10's (a run that stops split, or at the cap, counts against 'identical'). The " +
    "neighbour cells are now measured and fail at replicates 0 and 1: ws and torus agree at N = 10 (18–20 " +
    "of 20) but 3–5 of 13 runs at 10² … 317² do, and their time grows (exponent ≈ 0.6, runs at 10⁵ reach " +
    "the 1000-sweep cap); ring agrees at N = 10 but in 0 of 13 runs beyond (§3.3's stop comes at a quiet " +
    "sweep with the ledgers split), its time part undecided. Node0 still holds by construction (node 0's " +
    "global read agrees from any start: 13 of 13 runs in 2–3 sweeps). One run at 317² (time). Re-review " +
    "minor ('the two designs inject differently': copy-scale.ts placed the signal without §3.3's step-1 " +
    "Metropolis, injection.ts applies it): the scale study no longer injects (both ledgers are held from the " +
    "start); injection.ts keeps §3.3's step 1 for the §2.2 claims. The verdict is the grid's, by decide.ts. " +
    "Sign-off N7: 'the outcome part's 13 pooled runs can show \"the same share\" only at 13/13 … 12/13 " +
    "against 20/20 gives a Newcombe lower bound of about −0.33 … its MDE at a true share of 0.9 is far " +
    "above the margin.' Said in decision.why (not planned: about 26 pooled runs would bring the MDE to " +
    "the margin, more than a neighbour run to the cap at 317² allows): a copy cell can hold only where every " +
    "run agrees, and no verdict depends on it today (node0 13/13 by construction, neighbour misses by " +
    "0.5–0.9). Sign-off N8: the README table says 'decided by kernel (a choice where update=copy; the 3 " +
    "cells outside it fail)' (grid.decidedByInWords). Sixth-edition referee (minor): 'take p4.1-scale-invariance's " +
    "copy cells to 10⁶'. Done: the copy cells run one more size, 10⁶ (one run, as at 317²; the " +
    "torus 1000²), so their fit spans 10² … 10⁶ as the flow's reaches 10⁶; the outcome part pools 14 runs. " +
    "Fourteenth-edition and outside referees (2026-11-28): 'the ws flow fit counts single graphs (one at " +
    "10⁶) as points: between-graph variance is missing (0.30 [0.25, 0.35] at seed 0, 0.18 [0.089, 0.26] at " +
    "another)'. Fixed: the graph is the fit's unit with 3 graphs at every size (WS_GRAPHS), so the t " +
    "interval on 10 df carries the between-graph spread at 10⁵ and 10⁶. " +
    "the ws flow interval measured in the re-draw. VERDICTS.md §3's amended rule (issue 74): node0's " +
    "copy cells hold by construction (byConstruction: node 0's global read), so they are marked, evidence and " +
    "not holding cells; every measured cell fails. " +
    "That reading was superseded before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    REVIEW_FIFTEENTH +
    " Nineteenth-edition referee (2026-11-30): 'the 3 holding cells are copy/node0 … with the mechanism clause measured " +
    'as in p2.1-ising-alignment (does "the Hamiltonian formulation" make the node0 time constant?), the node0 cells ' +
    "become mixed and the label fails … Otherwise state … why node 0's global read counts as \"the Hamiltonian " +
    "formulation\"' (ranked below p2.2-diffusion-messages: 'can be read charitably as \"the protocol as " +
    "formulated\"'). A first answer added that control (mixed → fails at d14c834); the twentieth-edition referee " +
    "(2026-11-30): 'the sentence only claims the outcome … that check adds that condition … The check can only fail' " +
    "(VERDICTS.md §1: nothing the quote does not say is added; §5: a part impossible by construction). Fixed: the " +
    "control is gone and decision.why gives the reason the nineteenth edition asked for (fails → mixed). " +
    "Thirty-fourth-edition referee: 'closed-form cells print t intervals of width 0 (exponent 2 [2, 2]) … a formula has no " +
    'sampling interval\'. Fixed: a flow cell on ring or torus prints "(exact)" where its interval has no width at the digits ' +
    "shown (torus's τ(10⁹), whose fit band shows, keeps it); no number or label moves.",
  uses: ["kernel", "schedule"],
  reference: {
    kind: "baseline",
    text: "N = 10: τ(10⁹)/τ(10) < 10 from the fitted trend; in a copy cell also the share of runs ending on one value, within ±0.25 of N = 10's",
  },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const family = String(ctx.cell.family) as ScaleFamily;
    const copy = ctx.cell.update === "copy";
    const random = family === "ws";
    const kernel = copy ? kernelIn(ctx) : null;
    const label = copy ? `${family}, copy (${kernel})` : `${family}, flow`;
    const unit = copy ? "sweeps" : "rounds";
    const copied = copy ? copyRuns(ctx, family) : null;
    const measured = copied ? copyTaus(copied.small, copied.sized) : flowTaus(family, ctx.key("graph"));
    const { smallLog, rows } = measured;
    const unreached = rows.find((r) => !Number.isFinite(r.tau));
    if (unreached || !Number.isFinite(smallLog.value)) {
      const at = unreached ? unreached.n : SMALL_N;
      return {
        result: fact(false, `${label}: a graph of ${at} nodes is disconnected, so the flow never reaches consensus there`, [
          evidence(`${label}: disconnected at N`, at),
        ]),
        headline: `${label} disconnected at N = ${at}: no consensus`,
        reason: "A disconnected graph has λ₂ = 0: the gradient flow never brings its components together.",
      };
    }
    const { fit, sizes, ratio } = ratioAtText(
      measured,
      copy ? `sweeps to §3.3's stop, ${label}` : `consensus time τ (rounds per e-fold of the disagreement), ${label}`,
    );
    const at = sizes.extrapolated!;
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    // Ring and torus flows read closed-form spectra: τ is exact at every N, and the interval is only the fit's
    // curvature over the sizes (thirtieth-edition referee: say exact).
    const closedForm = !copy && !random;
    const exact = closedForm ? ", each τ exact (closed-form spectrum), the interval the power law's fit alone" : "";
    const timeText = `${label}: ln τ(10⁹)/τ(10), τ(10⁹) extrapolated from N = ${first.n} … ${last.n}${exact}`;
    const timeEvidence = [
      estimateEvidence(`${label}: ln τ(10⁹) − ln τ(10)`, ratio, { reference: Math.log(IDENTICAL_FACTOR) }),
      estimateEvidence(
        `${label}: exponent of τ against N, N = ${first.n} … ${last.n}`,
        { value: fit.exponent, se: fit.se, df: fit.df },
        { reference: 0 },
      ),
      { name: `${label}: τ at N = 10⁹ (extrapolated; 95 % prediction interval)`, value: at.value, interval: at.interval },
      estimateEvidence(
        `${label}: ln τ at N = ${SMALL_N}${copy ? ` (${COPY_SMALL_RUNS} runs)` : random ? ` (${SMALL_GRAPHS} graphs)` : ""}`,
        smallLog,
      ),
      ...rows.map((r) => evidence(`${label}: τ at N = ${r.n}`, r.tau, { unit })),
      evidence(`${label}: τ(${last.n})/τ(10), measured`, last.tau / Math.exp(smallLog.value), { reference: IDENTICAL_FACTOR }),
    ];
    const time = beyond(ratio, Math.log(IDENTICAL_FACTOR), "below", timeText, timeEvidence);
    // A closed form has no sampling interval: where its fit's curvature does not show at the digits printed, the value
    // reads "exact" (thirty-fourth-edition referee: "exponent 2 [2, 2]"); torus's τ(10⁹) keeps its visible width.
    const shown = (value: number, [lo, hi]: readonly [number, number], digits: number): string => {
      const [v, l, h] = [value, lo, hi].map((x) => num(x, digits));
      return closedForm && l === v && h === v ? `${v} (exact)` : `${v} [${l}, ${h}]`;
    };
    const headline =
      `${label}: τ ${num(Math.exp(smallLog.value), 3)} ${unit} at N = 10 → ${num(last.tau, 3)} at N = ` +
      `${num(last.n)} (exponent ${shown(fit.exponent, fit.interval, 2)}) → ${shown(at.value, at.interval, 3)} extrapolated to 10⁹`;
    if (!copied)
      return {
        result: time,
        headline,
        reason:
          "Consensus time of the gradient flow is set by 1/λ₂ (times d_max for the stable step): it grows " +
          "like N² on a ring lattice and N on a torus. On §3.3's small world the shortcuts shrink it a lot, " +
          "but λ₂ still falls with N (the longest stretch without a shortcut grows like ln N) and d_max " +
          "grows slowly, so the time keeps growing: the formula is the same at every N, its behaviour is not.",
        sizes,
      };
    // Copy: "identical" needs the same time and the same outcome; a run that stops split has not agreed.
    const agreedLarge = consensusCount(copied.sized);
    const agreedSmall = consensusCount(copied.small);
    const outcome = ratesEqual(
      agreedLarge,
      agreedSmall,
      CONSENSUS_MARGIN,
      `${label}: runs ending on one value, N = ${first.n} … ${last.n} against N = ${SMALL_N}`,
      copyOutcomes(copied.small, copied.sized, label),
    );
    const result = everyCase(
      [
        { statement: "the time to §3.3's stop at 10⁹ within ten times that at 10", reading: time },
        { statement: `the share of runs ending on one value the same (±${CONSENSUS_MARGIN}) at large N as at 10`, reading: outcome },
      ],
      `${label}: the same time and the same outcome at N = 10⁹ as at 10`,
    );
    return {
      result,
      headline:
        `${headline}; one value at the end in ${agreedSmall.k}/${agreedSmall.n} runs ` +
        `at N = 10 and ${agreedLarge.k}/${agreedLarge.n} at N = ${first.n} … ${last.n}`,
      reason:
        kernel === "node0"
          ? "§3.3's code has every node propose node 0's ledger: a read of one node by all. Node 0 " +
            "never moves and no node leaves node 0's ledger once it holds it, while the other half " +
            "adopts it with probability ≥ e^(−d·π²/(2T)), near 1 at T₀ = 100: one sweep copies it " +
            "almost everywhere, the next finishes and the third sees no change, at every N. The time " +
            "and the outcome are constant because the kernel is a global broadcast, not a diffusion."
          : "Each node copies a drawn neighbour, so the two ledgers meet only along their boundary, which wanders " +
            "(a voter model while T is far above the local cost of a copy) and must cross half the graph for " +
            "one ledger to win. §3.3's stop ends the run at the first sweep in which no node changes: on a small " +
            "graph that is after agreement, on a large one it comes with the boundary still there (a quiet " +
            "sweep by chance while hot, or a boundary pinned once cooled), or the run reaches the 1000-sweep cap.",
      sizes,
    };
  },
};
export const scaleInvariance: Claim = withDerivedCells(
  scaleInvarianceCells,
  node0Derivation(
    "every node proposes its ledger and none leaves it once held: the network agrees on it in a few sweeps from any start, whatever N and the family",
  ),
);

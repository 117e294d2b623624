/**
 * p4.3-energy-reduces-entropy, "The energy expended corresponds directly to the reduction of informational entropy":
 * §3.3's decisions (./section4-decisions) among four sizes, the energy per bit removed at each against the smallest's,
 * in the grid's unit (the bath's entropy, Landauer's reading; or ℋ's own energy, the literal one).
 */
import type { Claim, Measurement, MeasureContext } from "./machinery/types";
import { KERNEL_GRID, kernelIn } from "./machinery/mechanism";
import { boundsEqual, estimateEvidence, everyCase, markBuilt } from "./machinery/decide";
import { powerLaw } from "../stats/regression";
import { REVIEW_FIFTEENTH } from "./reviews";
import { evidence, num, pm } from "./machinery/evidence";
import { LOOP_LIMIT, T0 } from "./section4-traps";
import { fold } from "../engine/random";
import { memoised } from "./machinery/memo";
import { node0Derivation, withDerivedCells } from "./machinery/derived-cells";
import { BIOEQUIVALENCE_RATIO } from "../stats/equivalence";
import { decide, type Decisions, DECISION, ENERGY, freezeSweeps, GRAPH, problemOf } from "./section4-decisions";

/** The bioequivalence margin for a ratio of constants: 0.80–1.25 (FDA, average bioequivalence), |ln ratio| < ln 1.25. */
const PROPORTIONAL_MARGIN = Math.log(BIOEQUIVALENCE_RATIO);
/**
 * The Landauer claim's decision, three each removing eight times the entropy of the one before, and N = 16 384: three
 * decades of N and of bits removed (thirty-third-edition referee: two sizes, under a decade, cannot show a trend;
 * thirty-fifth: 16 to 8192 is 2.7 decades, under VERDICTS.md §4's three).
 */
const SIZES = [16, 128, 1024, 8192, 16384] as const;
/**
 * Runs per size, planned so that each size's ln(heat per bit) against N = 16's has its MDE below ln 1.25 = 0.223 at
 * 80 % power under the neighbour kernel, the noisier one. N = 128 is heavy-tailed (runs pinned in a split state release
 * energy late, at low T; a pilot's CV of the heat 2.0): at 2000 runs SE ≈ 0.045, MDE ≈ 0.18–0.22 with the graph's draw.
 * Larger decisions average over more nodes (pilot CVs 0.83 at N = 1024, 0.19 at 8192; seeds apart from the claim's):
 * 250 runs give SE ≈ 0.052 and 50 give ≈ 0.027, MDEs ≈ 0.15 and ≈ 0.08 against N = 16; N = 16 384 averages over
 * twice 8192's nodes, so 8192's 50 runs bound its SE too.
 */
const PROPORTIONAL_RUNS: Readonly<Record<(typeof SIZES)[number], number>> = { 16: 2000, 128: 2000, 1024: 250, 8192: 50, 16384: 50 };

/**
 * Why the ℋ-unit cells are evidence: the energy released is H(start) − H(end), a state function, so the cell
 * compares two functions of where the runs start and end, whatever the update did between (the claim's own
 * byConstruction; thirty-fifth-edition referee, VERDICTS.md §3 and the one by-construction test).
 */
const STATE_FUNCTION =
  "in ℋ's units the energy released is H(start) − H(end), a state function: the energy per bit compares two " +
  "functions of the start and end states, about |E|/(N − 1) for a complete decision on a graph of fixed mean " +
  "degree, whatever the update did between them (an identity of algebra, not the text's mechanism)";

/** The unit of "energy expended": the two readings the text leaves open (thirty-fourth-edition referee). */
const UNIT = {
  values: ["kT", "H"],
  why: [
    "Landauer's reading, as p4.3-landauer's: each step's −ΔH_t over the temperature T_t it is handed to the bath at, " +
      "Σ −ΔH_t/T_t, the bath's entropy in units of k_B (§2.2's e^{−H/k_B T_net} makes k_B T_net the text's temperature); " +
      "§4.3's Landauer limit, ln 2 per bit, is a bound on it",
    "the sentence's literal 'energy': ℋ's own units, Σ −ΔH_t = H(start) − H(end), the energy a decision releases; " +
      "the text's cooling falls about 10⁴-fold during a decision, so the two units are not a constant factor apart " +
      "(VERDICTS.md §1's factor absorbed into T_net is a constant)",
  ],
} as const;

/** A size's energy per bit / ln 2 in the cell's unit, bracketed where its runs end split (exact where every run agrees). */
interface PerBit {
  n: number;
  exact: boolean;
  /** Bracket of the energy per bit / ln 2, each end with the energy's SE: lower from the larger bits removed. */
  lower: { value: number; se: number };
  upper: { value: number; se: number };
  bits: [number, number];
}

function perBit(d: Decisions, unit: "kT" | "H"): PerBit {
  const [energy, se] = unit === "H" ? [d.released, d.releasedSe] : [d.flow, d.flowSe];
  // Every run ending in a consensus leaves at most the bit of which one: the plug-in estimate stands.
  const exact = d.agreeing === d.runs;
  const most = d.bitsRemoved;
  const least = exact ? most : Math.min(d.bitsRemovedAtLeast, most);
  const at = (bits: number) => ({ value: energy / (Math.LN2 * bits), se: se / (Math.LN2 * bits) });
  return { n: d.n, exact, lower: at(most), upper: at(least), bits: [least, most] };
}

const shown = (p: PerBit) => (p.exact ? pm(p.lower.value, p.lower.se) : `[${num(p.lower.value)}, ${num(p.upper.value)}]`);
const lnRatio = (a: { value: number; se: number }, b: { value: number; se: number }) => ({
  value: Math.log(a.value / b.value),
  se: Math.hypot(a.se / a.value, b.se / b.value),
});

const energyReducesEntropyCells: Claim = {
  id: "p4.3-energy-reduces-entropy",
  source: "proposal",
  section: "4.3",
  quote: "The energy expended corresponds directly to the reduction of informational entropy.",
  short: "energy ∝ entropy removed",
  notebook: ENERGY,
  model:
    `${DECISION}, the text's cooling until it freezes (T < 0.01: 180 sweeps of T = 100·0.95^t; ` +
    `at most the §3.3 loop's ${LOOP_LIMIT}), decisions among N = ${SIZES.join(", ")} nodes ` +
    `(each up to 8192 removes about eight times the entropy of the one before; 16 384 makes three decades), ` +
    `${SIZES.map((n) => PROPORTIONAL_RUNS[n]).join(", ")} runs; the same runs read in both units. ` +
    `Energy expended in the grid's unit: kT, Σ_t −ΔH_t/T_t (units of k_B T_net, as in p4.3-landauer); H, Σ_t −ΔH_t = ` +
    `H(start) − H(end) (ℋ's units); per bit removed. ` +
    `Counting stops at the freeze: later moves are level moves along pinned boundaries whose ` +
    `rare downhill steps at T → 0 would count as unbounded entropy (heat into a bath at T ≈ 0). ` +
    `Bits removed = N − the entropy left: where every run ends in a consensus, the plug-in (Miller–Madow) entropy of the ` +
    `final states; where runs end split, a bracket: that estimate (at most about log₂ runs) bounds the bits removed from ` +
    `above, and the chain rule along the node order (1 + (N − 1)·h(the share of consecutive nodes that differ)) bounds ` +
    `the entropy left from above, so the bits removed from below.`,
  reading: {
    statement:
      "In the text's own units, the energy its update expends is proportional to the entropy a decision " +
      "removes: the energy per bit is one constant, the same for decisions 8, 64, 512 and 1024 times as large, " +
      "in whichever unit the cell reads 'energy' (the bath's entropy or ℋ's energy).",
    mechanism: "proposal",
  },
  decision: {
    rule:
      `everyCase (Holm) over N = ${SIZES.slice(1).join(", ")}: boundsEqual: ln(energy per bit at N) − ln(energy per bit ` +
      `at N = ${SIZES[0]}) within ±ln 1.25 (TOST at both ends of its bracket where runs end split; estimatesEqual where ` +
      `every run agrees); the power-law trend of energy per bit in bits removed beside it (t, ${SIZES.length - 2} df), ` +
      `fitted only where every size's runs end in consensus`,
    threshold: "a ratio of constants within 0.80–1.25",
    why:
      "'Corresponds directly' is proportionality: one constant per bit, an equivalence claim " +
      "tested by TOST. The margin is the standard one for calling two constants equal as a ratio " +
      "(average bioequivalence, 0.80–1.25). The sizes vary what the text leaves free between " +
      "decisions, how much entropy they remove; its loop, not a budget, decides when a decision ends. " +
      "One constant is every size's equal to the smallest's: one size beyond the margin refutes it. Where runs end " +
      "split no count of runs measures the entropy they leave (the final states are far more than the runs), so the " +
      "bits removed are bracketed and a size is shown equal, or different, only where its whole bracket is. The fitted " +
      "exponent is the trend a referee reads, evidence and not the test: a power law fitted to a curve that " +
      "bends has a residual error no run count shrinks, which would leave a clear difference undecided; on bracketed " +
      "bits it would fit the bracket's choice, so it is fitted only where every size's bits are measured.",
  },
  grid: { kernel: KERNEL_GRID, graph: GRAPH, unit: UNIT },
  repairs: [
    {
      variant: "quasistatic",
      why:
        "Landauer's limit is the second law's for an erasure in detailed balance run slowly: the bath's entropy per " +
        "bit is then ln 2 at every size, one constant. The text's copy kernels break detailed balance and its ×0.95 " +
        "cooling is fast, so the pair (symmetric kernel, the ten times slower ×0.995 of p4.3-landauer) is the smallest " +
        "change under which the theorem applies (the thirty-fourth-edition referee's variant, at ×0.98). In ℋ's units " +
        "the repair changes little: the energy released is a state function, fixed by where the runs start and end.",
      byTheorem:
        "Landauer's limit, the second law for an erasure in detailed balance run slowly: for any such annealer, not a property of EMTD",
    },
  ],
  byConstruction:
    "Partly algebra: a complete decision releases ⟨H(random values)⟩ − H(consensus) = |E| (each " +
    "edge disagrees with probability ½ at a cost 2) and removes about N − 1 bits, so the energy " +
    "per bit in units of H is |E|/(N − 1) on any graph family of fixed mean degree, whatever the update (the energy " +
    "released is a state function, H(start) − H(end)); where runs end split, how much energy and entropy the " +
    "domains keep is measured. In units of k_B T_net it also depends on the temperature at which the copying " +
    "happens, which is measured. " +
    "The ratio the node0 cells measure is that finite-size algebra in either unit: at a fixed mean degree " +
    "k, |E|/(N − 1) = kN/(2(N − 1)), so the energy per bit at N = 128 over that at 16 is (128/127)/(16/15) " +
    "≈ 0.945 (ln ratio −0.057), and at N = 8192 (8192/8191)/(16/15) ≈ 0.938 (−0.064): inside the margin at every " +
    "size, as the thirteenth-edition referee said a wider span of N would leave it. The unit = H cells are therefore " +
    "marked by construction, evidence (STATE_FUNCTION): the grid is decided by the kT cells.",
  review:
    "Review 3: 'A designed landscape decides the §4.3 claims: p4.3-landauer and p4.3-energy-reduces-entropy " +
    "(and the evidence of p4.3-proof-of-physics) are decided in cells that add a field of 1 " +
    "on node 0 to ℋ; a pinning field is a designed landscape' (defect 2). Fixed: every cell runs the " +
    "text's interaction energy alone (no field; wsSpinProblem and the ring lattice at signal 0), so " +
    "the two consensuses are the ground states and agreement is a consensus on either value. Review 2: " +
    "(no row; defect 1 applies: the update's kernel was not gridded). Fixed: kernel: KERNEL_GRID " +
    "(node0 and neighbour), read through kernelIn. Review 1: the budget part was underpowered (MDE " +
    "0.13–0.15 > margin 0.1) and compared 300 with 1000 sweeps, both after the cooling froze (the same law " +
    "by construction); the schedule part (refuted at every seed) compared the text's cooling with " +
    "one it does not use; 'partly' hid both. Fixed: one reading under the text's own schedule and loop; " +
    "what varies is the entropy a decision removes (N = 16 vs 128, eight times the bits); the margin " +
    "is a standard one (ratio 0.80–1.25) and the runs (2000 per size) are planned so the MDE (≈ 0.2 " +
    "in ln ratio) is below it (0.223) at 80 % power. Under the text's copy kernel the energy per bit " +
    "grows about tenfold from N = 16 to 128: fails (a single reading, so neither mixed nor partly)." +
    " VERDICTS.md §3's amended rule (issue 74): node0's ratio is finite-size algebra (byConstruction), evidence and not a holding cell; " +
    "the measured neighbour cells fail, so mixed → fails. " +
    "That reading was superseded before the re-draw by the one test below (the text's own mechanism is measured and counted): the re-draw measured mixed." +
    REVIEW_FIFTEENTH +
    " Thirty-third-edition referee: 'decides proportionality on two sizes, N = 16 and 128, under one decade; at least " +
    "four sizes over three decades, with a fitted trend'. Done: N = 16, 128, 1024, 8192, each larger size against " +
    "N = 16's (Holm), runs planned per size; the fitted exponent is evidence. The neighbour cells still fail: the heat " +
    "per bit rises about 15-fold from N = 16 to 128, then stays within about ±25 % of N = 128's to N = 8192. " +
    "Thirty-fourth-edition referee: '\"energy expended\" is measured as Σ −ΔH_t/T_t, the bath's entropy, no energy in " +
    "any fixed unit under a cooling that falls 10⁴-fold; in ℋ's own units every cell is inside the margin … grid the unit, " +
    "or justify one reading; report the bits removed as a bound where runs end split and fit no exponent on it; add the " +
    "detailed-balance repair'. Done: `unit` is a grid parameter (kT, the bath's entropy, Landauer's reading; H, the " +
    "energy released in ℋ's units); where runs end split the bits removed are bracketed (the chain-rule bound below, the " +
    "plug-in estimate above) and a cell holds or fails only where the whole bracket does; the exponent is fitted only " +
    "where every size's runs end in consensus; the repair quasistatic (symmetric kernel, ×0.995) is listed. " +
    "Thirty-fifth-edition referee: 'the ℋ-unit cells hold by the identity the record's own byConstruction states (the " +
    "energy released is a state function): mark them by construction, so the row reads mixed, decided by kernel; and " +
    "N = 16–8192 is 2.71 decades, under §4's three'. Done: the unit = H cells are marked by construction " +
    "(STATE_FUNCTION), and N = 16 384 is measured (50 runs, as 8192's).",
  uses: ["kernel", "schedule"],
  reference: { kind: "baseline", text: "the energy per bit at N = 16 in the cell's unit (ratio at every larger N within 0.80–1.25)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const kernel = kernelIn(ctx);
    const schedule = ctx.mechanism.schedule;
    const limit = freezeSweeps(schedule(T0));
    const unit = ctx.cell.unit === "H" ? "H" : "kT";
    const what = unit === "H" ? "energy released per bit (ℋ)" : "heat per bit (k_B T_net)";
    // One set of runs per kernel, graph and mechanism, read in both units.
    const all = SIZES.map((n) => {
      const key = fold(ctx.key("runs"), n);
      return memoised(
        `p4.3-decisions/${ctx.mechanism.key}/${kernel}/${String(ctx.cell.graph)}/${n}/${PROPORTIONAL_RUNS[n]}/${limit}`,
        [key],
        () => decide(kernel, problemOf(ctx, n), () => schedule(T0), { runs: PROPORTIONAL_RUNS[n], limit, stop: false }, key),
      );
    });
    const bits = all.map((d) => perBit(d, unit));
    const [small, large] = [bits[0]!, bits.at(-1)!];
    const cases = bits.slice(1).map((p, i) => ({
      statement: `N = ${p.n}`,
      reading: boundsEqual(
        lnRatio(p.lower, small.upper),
        lnRatio(p.upper, small.lower),
        PROPORTIONAL_MARGIN,
        `ln(${what} at N = ${p.n} / at N = ${small.n})`,
        [],
        all[i + 1]!.runs,
      ),
    }));
    const split = bits.filter((p) => !p.exact).map((p) => p.n);
    const trend =
      split.length === 0
        ? powerLaw(
            all.map((d) => d.bitsRemoved),
            bits.map((p) => p.lower.value),
          )
        : null;
    const result = everyCase(cases, `the ${what} equals N = 16's at every larger decision`);
    result.evidence.push(
      ...bits.flatMap((p) =>
        p.exact
          ? [estimateEvidence(`${what} / ln 2 at N = ${p.n}`, p.lower)]
          : [
              estimateEvidence(`${what} / ln 2 at N = ${p.n}, lower bound (bits removed at most)`, p.lower),
              estimateEvidence(`${what} / ln 2 at N = ${p.n}, upper bound (bits removed at least)`, p.upper),
            ],
      ),
      ...bits.flatMap((p) =>
        p.exact
          ? [evidence(`bits removed at N = ${p.n}`, p.bits[1], { reference: p.n, unit: "bit" })]
          : [
              evidence(`bits removed at N = ${p.n}, at least (chain-rule bound)`, p.bits[0], { reference: p.n, unit: "bit" }),
              evidence(`bits removed at N = ${p.n}, at most (plug-in entropy, ≤ log₂ runs)`, p.bits[1], { reference: p.n, unit: "bit" }),
            ],
      ),
      ...all.map((d) => evidence(`runs ending in a consensus at N = ${d.n}`, d.agreeing, { reference: d.runs })),
      ...(trend === null
        ? []
        : [estimateEvidence(`fitted exponent of ${what} in bits removed`, { value: trend.exponent, se: trend.se, df: trend.df })]),
      evidence(`sweeps per decision (until the freeze)`, limit),
    );
    const range = (p: PerBit) => (p.exact ? num(p.bits[1]) : `${num(p.bits[0])}–${num(p.bits[1])}`);
    const overall =
      large.exact && small.exact
        ? num(large.lower.value / small.lower.value)
        : `${num(large.lower.value / small.upper.value)}–${num(large.upper.value / small.lower.value)}`;
    const [first, second] = [all[0]!, all[1]!];
    return {
      result: unit === "H" ? markBuilt(result, STATE_FUNCTION) : result,
      headline:
        `${what} / ln 2 at N = ${bits.map((p) => `${p.n}: ${shown(p)}`).join(", ")} ` +
        `(${range(small)} to ${range(large)} bits): ratio ${overall} from N = ${small.n} to ${large.n}` +
        (trend === null
          ? `; no exponent fitted (runs end split at N = ${split.join(", ")}: bits removed bracketed)`
          : `, fitted exponent ${num(trend.exponent)} [${num(trend.interval[0])}, ${num(trend.interval[1])}]`),
      reason:
        result.finding.kind === "supported"
          ? unit === "H"
            ? "In ℋ's units the energy a decision releases is H(start) − H(end), about |E| for a complete decision " +
              "and less by what the domains left keep, which also keep entropy: the energy per bit is about " +
              "|E|/(N − 1), one constant of the graph's degree over this range of decisions."
            : "Each bit removed hands the bath about the same entropy: the energy per bit at the temperature it is " +
              "released at is one constant over this range of decisions."
          : result.finding.kind === "refuted" && kernel !== "symmetric"
            ? `§3.3's copying settles a decision in its first sweeps (consensus after ${num(first.settled / first.runs)} ` +
              `sweeps at N = ${first.n}, ${num(second.settled / second.runs)} at N = ${second.n}), ` +
              `and a larger network takes longer to agree, so its energy is released at a lower temperature: in ` +
              `units of k_B T_net the energy per bit is not one constant. In ℋ's units it is about |E|/(N − 1) per bit ` +
              `(the unit = H cells).`
            : result.finding.kind === "refuted"
              ? "With a detailed-balance update the decision is made near the ordering temperature, " +
                "and a larger network orders later and colder: the energy per bit grows with N."
              : "Where runs end split the bits removed are only bracketed, and the bracket is too wide to place the " +
                "energy per bit inside the margin or beyond it.",
    };
  },
};
const energyReducesEntropy: Claim = withDerivedCells(
  energyReducesEntropyCells,
  node0Derivation(
    "every node copies its value within a sweep or two at T ≈ T₀ whatever N: the energy per bit is |E|/(N − 1) (over " +
      "T₀ in units of k_B T_net), whose ratio at N over 16 is the finite-size algebra (N/(N − 1))/(16/15) on either graph",
  ),
);

export { energyReducesEntropy };

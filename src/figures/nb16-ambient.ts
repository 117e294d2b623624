/**
 * Figures of notebook 16 (the essay): each draws its claim's own experiment (the study function the claim calls,
 * with the claim's design, grid and named streams at replicate 0), so a figure shows the numbers its verdict was
 * decided on at that seed.
 */
import { ready } from "../engine/backend";
import type { Key } from "../engine/random";
import { scaleExperiment } from "../studies/ambient/ambient-experiments";
import { adversaryStrengths } from "../studies/ambient/byzantine";
import { FINALITY_AGES, FINALITY_DESIGN } from "../studies/ambient/finality-design";
import { SCALE_ATTACKERS, SCALE_DESIGN, SYBIL_DESIGN } from "../studies/ambient/adversary-design";
import { claimFinalityCurve, claimSybilArms } from "../claims/machinery/essay-runs";
import { BYZANTINE_DESIGN } from "../studies/ambient/byzantine-design";
import { ESSAY_MARGIN, NOISE, networkFrom } from "../studies/ambient/essay-design";
import { BIOEQUIVALENCE_RATIO } from "../stats/equivalence";
import { streamKey } from "../claims/machinery/streams";
import { figure, referenceLine } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/16-finality-through-ambient-entropy.ipynb";
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

/**
 * The figure's sizes: the claim's, up to 16 000 (N = 10⁵ alone takes about two thirds of the claim's run time). Each
 * size draws from fold(runs, its index), so these are the claim's numbers at those sizes.
 */
const FIGURE_SCALE_SIZES = SCALE_DESIGN.sizes.filter((n) => n <= 16_000);

/** The claim's named streams at `seed`, replicate 0: `runs` for the dynamics, the network drawn from `graph`. */
function claimStreams(id: string, seed: number): { runs: Key; network: ReturnType<typeof networkFrom> } {
  return { runs: streamKey(id, "runs", seed, 0), network: networkFrom(streamKey(id, "graph", seed, 0)) };
}

/** The claim's noise grid (e-finality-diffuses, e-sybil, e-no-byzantine all read it). */
const TEMPERATURES = NOISE.values.map(Number);

/** A Wilson band as a filled trace. */
function band(name: string, x: number[], lower: number[], upper: number[], colour: string) {
  return {
    type: "scatter",
    mode: "lines",
    name,
    x: [...x, ...x.slice().reverse()],
    y: [...upper, ...lower.slice().reverse()],
    fill: "toself",
    fillcolor: colour,
    line: { width: 0 },
    opacity: 0.2,
    hoverinfo: "skip",
    showlegend: false,
  };
}

export const figures: FigureSpec[] = [
  {
    id: "ambient-finality",
    title: "Ambient finality: risk of displacement against the age of the value, per noise T",
    section: "essay",
    claim: "e-finality-diffuses",
    notebook: NOTEBOOK,
    caption: `The claim's own runs (batches of ${FINALITY_DESIGN.runs} per noise T on ${FINALITY_DESIGN.nodes}-node ambient networks, 8 runs to a network, its streams at replicate 0): the probability that the held value is displaced within ${FINALITY_DESIGN.horizon} time units against its age, with Wilson 95 % bands at the effective runs (over the design effect across networks) where at least 30 runs are at risk; the claim compares ages ${FINALITY_AGES.young} and ${FINALITY_AGES.old} (dotted lines), a fall beyond ±${ESSAY_MARGIN} counting as diffusion. The risk is a probability at every age, never a declared step.`,
    async build(seed) {
      await ready();
      const traces: Record<string, unknown>[] = [];
      const rows: Record<string, number>[] = [];
      TEMPERATURES.forEach((temperature, t) => {
        const curve = claimFinalityCurve(temperature, seed);
        const ok = curve.ages.map((_, i) => i).filter((i) => curve.atRisk[i]! >= 30);
        const ages = ok.map((i) => curve.ages[i]!);
        const colour = COLOURS[t]!;
        traces.push(
          band(
            `Wilson 95 % band, T = ${temperature}`,
            ages,
            ok.map((i) => curve.lower[i]!),
            ok.map((i) => curve.upper[i]!),
            colour,
          ),
          {
            type: "scatter",
            mode: "lines",
            name: `P(displaced within ${curve.horizon}), T = ${temperature}`,
            x: ages,
            y: ok.map((i) => curve.probability[i]!),
            line: { color: colour },
          },
          {
            type: "scatter",
            mode: "lines",
            name: `share of runs holding the value, T = ${temperature}`,
            x: ages,
            y: ok.map((i) => curve.held[i]!),
            line: { color: colour, dash: "dot", width: 1 },
          },
        );
        for (const i of ok)
          rows.push({
            T: temperature,
            age: curve.ages[i]!,
            probability: curve.probability[i]!,
            lower: curve.lower[i]!,
            upper: curve.upper[i]!,
            atRisk: curve.atRisk[i]!,
            displaced: curve.displaced[i]!,
            held: curve.held[i]!,
          });
      });
      for (const age of [FINALITY_AGES.young, FINALITY_AGES.old])
        traces.push({
          type: "scatter",
          mode: "lines",
          name: `age ${age} (compared)`,
          x: [age, age],
          y: [0, 1],
          line: { color: "grey", dash: "dot" },
          showlegend: false,
        });
      return {
        figure: figure(traces, {
          title: {
            text: `Ambient finality on ${FINALITY_DESIGN.nodes} nodes, batches of ${FINALITY_DESIGN.runs} runs per T: displacement risk within ${FINALITY_DESIGN.horizon} against age`,
          },
          xaxis: { title: { text: "age a (time units since injection)" } },
          yaxis: { title: { text: "probability" }, range: [0, 1] },
        }),
        rows,
      };
    },
  },
  {
    id: "ambient-scale",
    title: "Scale against an attacker: share of honest nodes holding the value against N, per attacker",
    section: "essay",
    claim: "e-scale-thickens",
    notebook: NOTEBOOK,
    caption: `The claim's own runs up to N = ${FIGURE_SCALE_SIZES.at(-1)} (its streams at replicate 0, T = ${SCALE_DESIGN.temperature}, N = ${FIGURE_SCALE_SIZES.join(", ")} with ${FIGURE_SCALE_SIZES.map(SCALE_DESIGN.runs).join(", ")} runs, on the ambient model's fast path; the claim and notebook 16 go on to N = ${SCALE_DESIGN.sizes.at(-1)}, which takes minutes): the share of honest nodes holding A averaged over ${SCALE_DESIGN.duration} time units (±1.96 SE), per attacker of the claim's grid; the claim reads the change from the smallest to the largest N against ±${ESSAY_MARGIN}. The dashed line is the share held under the noise alone, about 0.89.`,
    async build(seed) {
      await ready();
      const { runs, network } = claimStreams("e-scale-thickens", seed);
      const traces: Record<string, unknown>[] = [];
      const rows: Record<string, number | string>[] = [];
      Object.entries(SCALE_ATTACKERS).forEach(([name, attacker], a) => {
        const points = scaleExperiment(attacker.mode, runs, {
          ...SCALE_DESIGN,
          sizes: [...FIGURE_SCALE_SIZES],
          weightEach: attacker.weightEach,
          network,
          runsPerNetwork: 1, // the claim's: a network per run
        });
        traces.push({
          type: "scatter",
          mode: "lines+markers",
          name: `${name}: ${attacker.label}`,
          x: points.map((p) => p.n),
          y: points.map((p) => p.heldOverTime.value),
          error_y: { type: "data", array: points.map((p) => 1.96 * p.heldOverTime.se), visible: true },
          line: { color: COLOURS[a] },
        });
        for (const p of points)
          rows.push({
            attacker: name,
            n: p.n,
            identities: p.identities,
            heldOverTime: p.heldOverTime.value,
            se: p.heldOverTime.se,
            heldAtEnd: p.heldAtEnd.value,
            displaced: p.displaced.k,
            runs: p.displaced.n,
          });
      });
      traces.push(referenceLine("noise alone (≈ 0.89)", FIGURE_SCALE_SIZES, 0.89, { color: "grey", dash: "dash" }));
      return {
        figure: figure(traces, {
          title: { text: `Share of honest nodes holding A over the run against N (T = ${SCALE_DESIGN.temperature})` },
          xaxis: { title: { text: "nodes N" }, type: "log", exponentformat: "power" },
          yaxis: { title: { text: "held share (±1.96 SE)" }, range: [0, 1] },
        }),
        rows,
      };
    },
  },
  {
    id: "ambient-sybil",
    title: "One attacker as 1 or 16 identities: budgeted influence against free identities, per noise T",
    section: "essay",
    claim: "e-sybil",
    notebook: NOTEBOOK,
    caption: `The claim's own runs (${SYBIL_DESIGN.runs} per arm on ${SYBIL_DESIGN.nodes}-node ambient networks, 8 runs to a network, its streams at replicate 0): the probability that the network is displaced within 20 time units (Wilson 95 % bars) when one attacker acts as 1 or ${SYBIL_DESIGN.identities[1]} identities, with a shared weight budget (presence costs) or free identities (weight ½ each), at each noise T of the claim's grid; the claim asks the 1 → ${SYBIL_DESIGN.identities[1]} ratio to stay within ${1 / BIOEQUIVALENCE_RATIO}–${BIOEQUIVALENCE_RATIO} (the bioequivalence limits).`,
    async build(seed) {
      await ready();
      const traces: Record<string, unknown>[] = [];
      const rows: Record<string, number | string>[] = [];
      let c = 0;
      for (const mode of ["budget", "free"] as const)
        for (const temperature of TEMPERATURES) {
          const points = claimSybilArms(mode, temperature, seed);
          traces.push({
            type: "scatter",
            mode: "lines+markers",
            name: `${mode === "budget" ? "budgeted (weight ½ shared)" : "free (weight ½ each)"}, T = ${temperature}`,
            x: points.map((p) => p.identities),
            y: points.map((p) => p.displaced.estimate),
            error_y: {
              type: "data",
              symmetric: false,
              array: points.map((p) => p.displaced.upper - p.displaced.estimate),
              arrayminus: points.map((p) => p.displaced.estimate - p.displaced.lower),
              visible: true,
            },
            line: { color: COLOURS[c++], dash: temperature === TEMPERATURES[0] ? "solid" : "dot" },
          });
          for (const p of points)
            rows.push({
              mode,
              T: temperature,
              identities: p.identities,
              weightEach: p.weightEach,
              displaced: p.displaced.k,
              runs: p.displaced.n,
              rate: p.displaced.estimate,
              lower: p.displaced.lower,
              upper: p.displaced.upper,
            });
        }
      return {
        figure: figure(traces, {
          title: {
            text: `Displacement by one attacker as 1 or ${SYBIL_DESIGN.identities[1]} identities (${SYBIL_DESIGN.runs} runs per arm)`,
          },
          xaxis: { title: { text: "identities s" }, type: "log", tickvals: [...SYBIL_DESIGN.identities] },
          yaxis: { title: { text: "P(displaced within 20)" }, range: [0, 1] },
        }),
        rows,
      };
    },
  },
  {
    id: "ambient-byzantine",
    title: "No history, no Byzantine problem? Held share with an adversary minus without, per strength ω, N and T",
    section: "essay",
    claim: "e-no-byzantine",
    notebook: NOTEBOOK,
    caption: `The claim's own runs (its streams at replicate 0; N = ${BYZANTINE_DESIGN.sizes.join(", ")} with ${BYZANTINE_DESIGN.sizes.map(BYZANTINE_DESIGN.runs).join(", ")} runs per arm, on the ambient model's fast path): the share of honest nodes holding A averaged over the run with one adversary identity of weight ω minus without it (±1.96 SE), for every case ω × N of the claim's universal, solid at T = ${TEMPERATURES[0]}, dotted at T = ${TEMPERATURES[1]}; the grey band is the margin ±${ESSAY_MARGIN}. One case beyond it fails the claim, but for the sizes where the adversary's 3 targets are under one node in a hundred, set aside as our model's dilution.`,
    async build(seed) {
      await ready();
      const { runs, network } = claimStreams("e-no-byzantine", seed);
      const traces: Record<string, unknown>[] = [];
      const rows: Record<string, number>[] = [];
      const sizes = [...BYZANTINE_DESIGN.sizes];
      TEMPERATURES.forEach((temperature, t) => {
        const points = adversaryStrengths(
          sizes,
          BYZANTINE_DESIGN.runs,
          BYZANTINE_DESIGN.omegas.map((o) => o.omega),
          runs,
          { temperature, network, runsPerNetwork: 1 }, // the claim's: a network per run
        );
        BYZANTINE_DESIGN.omegas.forEach(({ omega }, a) => {
          const diffs = points.map((p) => p.withAdversary[a]!.held.value - p.without.held.value);
          const ses = points.map((p) => Math.hypot(p.withAdversary[a]!.held.se, p.without.held.se));
          traces.push({
            type: "scatter",
            mode: "lines+markers",
            name: `ω = ${omega}, T = ${temperature}`,
            x: sizes,
            y: diffs,
            error_y: { type: "data", array: ses.map((s) => 1.96 * s), visible: true },
            line: { color: COLOURS[a], dash: t === 0 ? "solid" : "dot" },
          });
          points.forEach((p, i) =>
            rows.push({
              T: temperature,
              omega,
              n: p.n,
              runs: p.without.held.runs,
              heldWith: p.withAdversary[a]!.held.value,
              heldWithout: p.without.held.value,
              difference: diffs[i]!,
              se: ses[i]!,
              displacedWith: p.withAdversary[a]!.displaced.k,
              displacedWithout: p.without.displaced.k,
            }),
          );
        });
      });
      const ends = [sizes[0]!, sizes[sizes.length - 1]!];
      traces.unshift(band(`margin ±${ESSAY_MARGIN}`, ends, [-ESSAY_MARGIN, -ESSAY_MARGIN], [ESSAY_MARGIN, ESSAY_MARGIN], "grey"));
      return {
        figure: figure(traces, {
          title: {
            text: `Held share with the adversary minus without, per strength ω (solid T = ${TEMPERATURES[0]}, dotted T = ${TEMPERATURES[1]})`,
          },
          xaxis: { title: { text: "nodes N" }, type: "log", exponentformat: "power" },
          yaxis: { title: { text: "held share, with − without (±1.96 SE)" } },
        }),
        rows,
      };
    },
  },
];

/**
 * Figures of notebook 03 (§2.1, Ising): the sampler against Onsager and Yang, what aligned spins agree on, and the
 * claims' own experiments (the studies in src/studies/ising-isomorphism, drawn from the claims' replicate-0 streams at
 * the figure's seed, so each shows the numbers its verdict was decided on).
 */
import { fold, key } from "../engine/random";
import { ready } from "../engine/backend";
import { isingLattice } from "../spin/ising/ising-system";
import { isingSampler } from "../spin/ising/ising-sampler";
import { runIsing } from "../spin/ising/ising-run";
import { isingQuench } from "../studies/ising-quench/ising-quench";
import { CRITICAL_TEMPERATURE, onsagerEnergy, yangMagnetization } from "../spin/ising/ising-exact";
import { graphFromSpec } from "../graph/spec";
import { interaction } from "../hamiltonian/interaction";
import { ula } from "../dynamics/gradient";
import { geometric, constant } from "../dynamics/schedules";
import { releaseGraph } from "../ops/tensors";
import { streamKey } from "../claims/machinery/streams";
import { THERMAL_NOISE_RUNS, THERMAL_RUNS } from "../studies/ising-isomorphism/design";
import { fieldTransition } from "../studies/ising-isomorphism/field-transition";
import { spinCopyRuns, INITIAL_TEMPERATURE } from "../studies/ising-isomorphism/spin-copy-runs";
import { TEXT_KERNELS } from "../spin/update-kernels";
import { figure, scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/03-ising-isomorphism.ipynb";
const TEMPS = [1.6, 1.9, 2.1, 2.2, 2.25, 2.3, 2.35, 2.45, 2.6, 2.9, 3.3];
const fine = Array.from({ length: 181 }, (_, i) => 1.5 + (1.9 * i) / 180).filter((T) => Math.abs(T - CRITICAL_TEMPERATURE) > 1e-6);

/**
 * One observable of the colour-parallel Metropolis sampler across T_c (TEMPS, from cold spins, 200 sweeps of burn-in),
 * one series per lattice size L (its steps, and its key fold(key(seed), stream(L))) with ±2 MCSE bars, beside the
 * exact infinite-lattice curve on the fine grid.
 */
async function acrossTc(
  seed: number,
  o: {
    sizes: number[];
    steps: (L: number) => number;
    stream: (L: number) => number;
    observable: "energyPerSpin" | "absMagnetization";
    exact: { name: string; value: (T: number) => number };
    layout: Parameters<typeof scatterFigure>[2];
  },
): Promise<{ figure: ReturnType<typeof scatterFigure> }> {
  await ready();
  const runs = o.sizes.map((L) => ({
    L,
    r: runIsing(isingSampler(isingLattice(L), TEMPS), "cold", { steps: o.steps(L), burnIn: 200 }, fold(key(seed), o.stream(L))),
  }));
  return {
    figure: scatterFigure(
      runs.map(({ L, r }) => ({
        name: `L = ${L} (±2 MCSE)`,
        x: TEMPS,
        y: r.results.map((x) => x[o.observable].value),
        error: r.results.map((x) => 2 * x[o.observable].mcse),
      })),
      [{ name: o.exact.name, x: fine, y: fine.map(o.exact.value) }],
      o.layout,
    ),
  };
}

export const figures: FigureSpec[] = [
  {
    id: "ising-energy",
    title: "2D Ising energy per spin across T_c against Onsager's exact solution",
    section: "2.1",
    claim: "p2.1-ising-energy",
    notebook: NOTEBOOK,
    caption:
      "The colour-parallel Metropolis sampler on 16×16 and 32×32 tori reproduces Onsager's exact energy per spin away from T_c, with finite-size rounding near it.",
    build: (seed) =>
      acrossTc(seed, {
        sizes: [16, 32],
        steps: (L) => (L === 16 ? 1500 : 800),
        stream: (L) => L,
        observable: "energyPerSpin",
        exact: { name: "Onsager u(T) (L = ∞)", value: onsagerEnergy },
        layout: { title: "Energy per spin across T_c", xTitle: "temperature T", yTitle: "⟨e⟩" },
      }),
  },
  {
    id: "ising-magnetisation",
    title: "|magnetisation| across T_c: order below, none above (falling with L)",
    section: "2.1",
    claim: "p2.1-ising-thermal-noise",
    notebook: NOTEBOOK,
    caption: "Below T_c the spins align (Yang's exact M(T)); above it thermal noise destroys agreement: ⟨|m|⟩ falls as the lattice grows.",
    build: (seed) =>
      acrossTc(seed, {
        sizes: [8, 16, 32],
        steps: () => 1000,
        stream: (L) => 100 + L,
        observable: "absMagnetization",
        exact: { name: "Yang M(T) (L = ∞)", value: yangMagnetization },
        layout: { title: "|magnetisation| per spin across T_c", xTitle: "temperature T", yTitle: "⟨|m|⟩" },
      }),
  },
  {
    id: "ising-quench",
    title: "Sixteen networks quenched to T = 1.5: they order, on a value the noise picks",
    section: "2.1",
    claim: "p2.1-ising-alignment",
    notebook: NOTEBOOK,
    caption:
      "Sixteen 16×16 networks quenched from random spins to T = 1.5 < T_c: they align, but on +1 or −1 as the noise decides, not on an injected value.",
    async build(seed) {
      await ready();
      const m = isingQuench(fold(key(seed), 300), { size: 16, temperature: 1.5, replicas: 16, sweeps: 600, burnIn: 500 });
      const labels = m.map((_, i) => i + 1);
      return {
        figure: figure(
          [
            {
              type: "bar",
              name: "final m",
              x: labels,
              y: m,
              marker: { color: m.map((v) => (v > 0.9 ? "#1f77b4" : v < -0.9 ? "#d62728" : "#999999")) },
            },
          ],
          {
            title: { text: "Final magnetisation of 16 quenched networks (16×16, T = 1.5)" },
            xaxis: { title: { text: "network" }, dtick: 1 },
            yaxis: { title: { text: "final magnetisation m" }, range: [-1.05, 1.05] },
            showlegend: false,
          },
        ),
      };
    },
  },
  {
    id: "ising-field-transition",
    title: "The mechanism's field across the Ising T_c: its disagreement per unit T never changes",
    section: "2.1",
    claim: "p2.1-ising-energy",
    notebook: NOTEBOOK,
    caption:
      "On the 16×16 torus (the claim's headline cell): ⟨ℋ⟩/T_net of the field under the mechanism's Langevin integrator (ULA) against T_net, beside the Ising image's ⟨|m|⟩ at T_Ising = T_net/2. The image orders below T_c (T_net = 4.54) and the field's curve stays flat: a Gaussian law has no transition. T_net = 2 and 10 are the claim's two points, from its own streams.",
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p2.1-ising-energy", name, seed, 0);
      const graph = graphFromSpec("torus:16", stream("graph"));
      const temperatures = [2, 3, 4, 5, 6, 8, 10];
      const t = fieldTransition(stream, {
        graph,
        energy: interaction(graph),
        interaction: interaction(graph),
        integrator: ula,
        temperatures,
      });
      releaseGraph(graph);
      return {
        figure: scatterFigure(
          [
            {
              name: "field: ⟨ℋ⟩/T_net (±2 MCSE)",
              x: temperatures,
              y: t.energyPerT.map((e) => e.value),
              error: t.energyPerT.map((e) => 2 * e.se),
            },
            {
              name: "Ising image: ⟨|m|⟩ (±2 MCSE)",
              x: temperatures,
              y: t.isingAbsMagnetization.map((e) => e.value),
              error: t.isingAbsMagnetization.map((e) => 2 * e.se),
            },
          ],
          [],
          { title: "Field and Ising image across T_c (16×16 torus)", xTitle: "T_net (T_Ising = T_net/2)", yTitle: "value" },
        ),
        rows: temperatures.map((T, k) => ({
          T_net: T,
          energyPerT: t.energyPerT[k]!.value,
          energyPerTMcse: t.energyPerT[k]!.se,
          isingAbsM: t.isingAbsMagnetization[k]!.value,
        })),
      };
    },
  },
  {
    id: "ising-copy-runs",
    title: "§3.3's update on ±1 ledgers: runs aligned and frozen split, per proposal rule and N",
    section: "2.1",
    claim: "p2.1-ising-alignment",
    notebook: NOTEBOOK,
    caption: `${THERMAL_RUNS} runs per bar (the plan of the claim's runs per arm, of which its verdict reads the first, look by look) from random ±1 ledgers on ws(N, 4, 0.1), T₀ = 100 ×0.95, to §3.3's stop: the claim's four cells, from its own streams. Under node0 (§3.3's code) every node adopts node 0's value, so every run aligns; under neighbour (the §3.1 gossip) the network freezes split as it cools, the more the larger it is.`,
    async build(seed) {
      const stream = (name: string) => streamKey("p2.1-ising-alignment", name, seed, 0);
      const cells = [50, 500].flatMap((nodes) => TEXT_KERNELS.map((kernel) => ({ nodes, kernel })));
      const rows = cells.map(({ nodes, kernel }) => {
        const r = spinCopyRuns((name) => stream(`align/${name}`), {
          nodes,
          runs: THERMAL_RUNS, // p2.1-ising-alignment's runs per arm (ALIGN_RUNS = THERMAL_RUNS)
          kernel,
          schedule: () => geometric({ initial: INITIAL_TEMPERATURE, rate: 0.95 }),
        });
        return { cell: `${kernel}, N = ${nodes}`, aligned: r.aligned, frozenSplit: r.frozenSplit, runs: r.runs, meanSweeps: r.meanSweeps };
      });
      return {
        figure: figure(
          [
            { type: "bar", name: "aligned", x: rows.map((r) => r.cell), y: rows.map((r) => r.aligned) },
            { type: "bar", name: "frozen split", x: rows.map((r) => r.cell), y: rows.map((r) => r.frozenSplit) },
          ],
          {
            title: { text: `Runs aligned and frozen split at §3.3's stop (of ${THERMAL_RUNS})` },
            barmode: "group",
            xaxis: { title: { text: "proposal rule, N" } },
            yaxis: { title: { text: "runs" }, range: [0, THERMAL_RUNS] },
          },
        ),
        rows,
      };
    },
  },
  {
    id: "ising-noise-freezing",
    title: "Thermal noise and adversaries against a quench: runs frozen split, per proposal rule",
    section: "2.1",
    claim: "p2.1-ising-thermal-noise",
    notebook: NOTEBOOK,
    caption: `${THERMAL_RUNS} runs each on ws(50, 4, 0.1), the first ${THERMAL_RUNS} of each of the claim's arms (it decides on ${THERMAL_NOISE_RUNS} per arm), from its own streams (its cell with 20 % adversaries): §3.3's update quenched at T = 0, the same update with the schedule's noise (T₀ = 100 ×0.95), and the quench with 10 of 50 nodes pinned to −1. Under neighbour copy the quench freezes split, and noise prevents it; adversaries leave fewer runs split only by dragging them onto their ledger, captured (the claim counts a freeze with the honest nodes split, and shows the captured runs beside it). Under node0 hardly anything freezes without adversaries, quenched or not (no split minima form), and adversaries make half the runs end split.`,
    async build(seed) {
      const stream = (name: string) => streamKey("p2.1-ising-thermal-noise", name, seed, 0);
      const keys = (s: string) => (name: string) => stream(`${s}/${name}`);
      const rows = TEXT_KERNELS.flatMap((kernel) => [
        {
          kernel,
          schedule: "T = 0 quench",
          r: spinCopyRuns(keys("quench"), { nodes: 50, runs: THERMAL_RUNS, kernel, schedule: () => constant(0) }),
        },
        {
          kernel,
          schedule: "T₀ = 100 ×0.95",
          r: spinCopyRuns(keys("noise"), {
            nodes: 50,
            runs: THERMAL_RUNS,
            kernel,
            schedule: () => geometric({ initial: INITIAL_TEMPERATURE, rate: 0.95 }),
          }),
        },
        {
          kernel,
          schedule: "T = 0 quench, 20 % adversaries",
          r: spinCopyRuns(keys("attack"), { nodes: 50, runs: THERMAL_RUNS, kernel, schedule: () => constant(0), adversaries: 0.2 }),
        },
      ]).map(({ kernel, schedule, r }) => ({ kernel, schedule, frozenSplit: r.frozenSplit, aligned: r.aligned, runs: r.runs }));
      return {
        figure: figure(
          ["T = 0 quench", "T₀ = 100 ×0.95", "T = 0 quench, 20 % adversaries"].map((schedule) => {
            const sel = rows.filter((r) => r.schedule === schedule);
            return { type: "bar", name: schedule, x: sel.map((r) => r.kernel), y: sel.map((r) => r.frozenSplit) };
          }),
          {
            title: { text: `Runs frozen split at §3.3's stop (of ${THERMAL_RUNS}, N = 50)` },
            barmode: "group",
            xaxis: { title: { text: "proposal rule" } },
            yaxis: { title: { text: "runs frozen split" }, range: [0, THERMAL_RUNS] },
          },
        ),
        rows,
      };
    },
  },
];

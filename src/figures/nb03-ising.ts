/** Figures of notebook 03 (§2.1, Ising): the sampler against Onsager and Yang, and what aligned spins agree on. */
import { fold, key } from "../engine/random";
import { ready } from "../engine/backend";
import { isingLattice } from "../spin/ising/ising-system";
import { isingSampler } from "../spin/ising/ising-sampler";
import { run } from "../dynamics/run";
import { isingQuench } from "../studies/ising-quench/ising-quench";
import { CRITICAL_TEMPERATURE, onsagerEnergy, yangMagnetization } from "../spin/ising/ising-exact";
import { figure, scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/03-ising-isomorphism.ipynb";
const TEMPS = [1.6, 1.9, 2.1, 2.2, 2.25, 2.3, 2.35, 2.45, 2.6, 2.9, 3.3];
const fine = Array.from({ length: 181 }, (_, i) => 1.5 + (1.9 * i) / 180).filter((T) => Math.abs(T - CRITICAL_TEMPERATURE) > 1e-6);

export const figures: FigureSpec[] = [
  {
    id: "ising-energy",
    title: "2D Ising energy per spin across T_c against Onsager's exact solution",
    section: "2.1",
    claim: "p2.1-ising-energy",
    notebook: NOTEBOOK,
    caption:
      "The colour-parallel Metropolis sampler on 16×16 and 32×32 tori reproduces Onsager's exact energy per spin away from T_c, with finite-size rounding near it.",
    async build(seed) {
      await ready();
      const runs = [16, 32].map((L) => ({
        L,
        r: run(isingSampler(isingLattice(L), TEMPS), "cold", { steps: L === 16 ? 1500 : 800, burnIn: 200 }, fold(key(seed), L)),
      }));
      return {
        figure: scatterFigure(
          runs.map(({ L, r }) => ({
            name: `L = ${L} (±2 MCSE)`,
            x: TEMPS,
            y: r.results.map((x) => x.energyPerSpin.value),
            error: r.results.map((x) => 2 * x.energyPerSpin.mcse),
          })),
          [{ name: "Onsager u(T) (L = ∞)", x: fine, y: fine.map(onsagerEnergy) }],
          { title: "Energy per spin across T_c", xTitle: "temperature T", yTitle: "⟨e⟩" },
        ),
      };
    },
  },
  {
    id: "ising-magnetisation",
    title: "|magnetisation| across T_c: order below, none above (falling with L)",
    section: "2.1",
    claim: "p2.1-ising-thermal-noise",
    notebook: NOTEBOOK,
    caption: "Below T_c the spins align (Yang's exact M(T)); above it thermal noise destroys agreement: ⟨|m|⟩ falls as the lattice grows.",
    async build(seed) {
      await ready();
      const runs = [8, 16, 32].map((L) => ({
        L,
        r: run(isingSampler(isingLattice(L), TEMPS), "cold", { steps: 1000, burnIn: 200 }, fold(key(seed), 100 + L)),
      }));
      return {
        figure: scatterFigure(
          runs.map(({ L, r }) => ({
            name: `L = ${L} (±2 MCSE)`,
            x: TEMPS,
            y: r.results.map((x) => x.absMagnetization.value),
            error: r.results.map((x) => 2 * x.absMagnetization.mcse),
          })),
          [{ name: "Yang M(T) (L = ∞)", x: fine, y: fine.map(yangMagnetization) }],
          { title: "|magnetisation| per spin across T_c", xTitle: "temperature T", yTitle: "⟨|m|⟩" },
        ),
      };
    },
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
];

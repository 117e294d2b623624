/** Figures of notebook 06 (§2.2): the four phases of one run, and messages per decision against n. */
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { coolingGraph, coolingStudy } from "../studies/protocol/cooling-study";
import { releaseGraph } from "../ops/tensors";
import { emtdMessagesBySize, hotstuffMessages, pbftMessages, pushGossip } from "../analysis/messages";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/06-thermodynamic-cooling.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "cooling-phases",
    title: "Excitation, diffusion, annealing, crystallisation: one run on ws:60:4:0.1",
    section: "2.2",
    claim: "p2.2-crystallisation",
    notebook: NOTEBOOK,
    caption:
      "The four phases of §2.2 executed with the injecting node pinned: energy, temperature and distance to the injected value per round; agreement comes in the zero-temperature crystallisation, not in the hot phases.",
    async build(seed) {
      await ready();
      const graph = coolingGraph(fold(key(seed), 1));
      const c = coolingStudy(graph, fold(key(seed), 2)).full;
      releaseGraph(graph);
      const rounds = c.trace.map((r) => r.round);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines", name: "H (interaction + anchor)", x: rounds, y: c.trace.map((r) => r.energy), yaxis: "y" },
            { type: "scatter", mode: "lines", name: "temperature T", x: rounds, y: c.trace.map((r) => r.temperature), yaxis: "y2" },
            { type: "scatter", mode: "lines", name: "max |x_i − v|/|v|", x: rounds, y: c.trace.map((r) => r.maxDeviation), yaxis: "y3" },
          ],
          {
            title: { text: `The four phases on ws:60:4:0.1 (finalised after ${c.rounds} rounds)` },
            height: 620,
            xaxis: { title: { text: "round (synchronous message exchange)" }, type: "log", anchor: "y3" },
            yaxis: { title: { text: "H" }, type: "log", domain: [0.7, 1], exponentformat: "power" },
            yaxis2: { title: { text: "T" }, domain: [0.37, 0.63] },
            yaxis3: { title: { text: "max deviation" }, type: "log", domain: [0, 0.3] },
          },
        ),
        rows: c.trace.map((r) => ({
          phase: r.phase,
          round: r.round,
          energy: r.energy,
          temperature: r.temperature,
          maxDeviation: r.maxDeviation,
          holding: r.holding,
        })),
      };
    },
  },
  {
    id: "messages-per-decision",
    title: "Messages per decision against n: PBFT, HotStuff, push gossip and EMTD diffusion",
    section: "2.2",
    claim: "p2.2-diffusion-messages",
    notebook: NOTEBOOK,
    caption:
      "PBFT grows as n², HotStuff as n, push gossip as n ln n; EMTD's diffusion of one injected value on its own topology sends more messages than PBFT and grows about as fast.",
    async build(seed) {
      const sizes = [10, 30, 100, 300, 1000, 3000, 10000];
      const { sizes: emtdN, messages: emtd } = emtdMessagesBySize(
        sizes.filter((n) => n <= 300),
        (n) => fold(key(seed), 6000 + n),
      );
      const gossip = sizes.map((n) => {
        let m = 0;
        for (let r = 0; r < 10; r++) m += pushGossip(n, fold(key(seed), n * 100 + r)).messages / 10;
        return m;
      });
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines+markers", name: "PBFT 2n(n−1)", x: sizes, y: sizes.map((n) => pbftMessages(n).messages) },
            {
              type: "scatter",
              mode: "lines+markers",
              name: "HotStuff 8(n−1)",
              x: sizes,
              y: sizes.map((n) => hotstuffMessages(n).messages),
            },
            { type: "scatter", mode: "lines+markers", name: "push gossip (mean of 10)", x: sizes, y: gossip },
            { type: "scatter", mode: "lines+markers", name: "EMTD diffusion (ws:n:4:0.1)", x: emtdN, y: emtd },
          ],
          {
            title: { text: "Messages per decision against n" },
            xaxis: { title: { text: "nodes n" }, type: "log", exponentformat: "power" },
            yaxis: { title: { text: "messages" }, type: "log", exponentformat: "power" },
          },
        ),
      };
    },
  },
];

/** Figure of notebook 08 (§3.1): energy, temperature and agreement round by round in the executed pipeline. */
import { fold, key } from "../engine/random";
import { pipelineScenario, pipelineScenarioNetwork, runPipelineScenario } from "../studies/protocol/pipeline-scenario";
import { signerFromKey } from "../protocol/transaction";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "pipeline-rounds",
    title: "The executed §3.1 pipeline: finality waits for the temperature, not for agreement",
    section: "3.1",
    claim: "p3.1-finality-threshold",
    notebook: "notebooks/08-executable-pipeline.ipynb",
    caption:
      "Thirty peers run the §3.1 chart with real signatures and Merkle proofs: gossip stops within a few rounds, agreement plateaus below 1, and the block is finalised when T = 100·0.95^t crosses the threshold.",
    async build(seed) {
      const scenario = pipelineScenario(signerFromKey(key(100)), signerFromKey(key(101)));
      const r = runPipelineScenario(scenario, pipelineScenarioNetwork(fold(key(seed), 1)), fold(key(seed), 2));
      const x = r.rounds.map((q) => q.round);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines", name: "field energy H", x, y: r.rounds.map((q) => q.energy), yaxis: "y" },
            { type: "bar", name: "messages sent", x, y: r.rounds.map((q) => q.sent), yaxis: "y2" },
            { type: "scatter", mode: "lines", name: "temperature", x, y: r.rounds.map((q) => q.temperature), yaxis: "y3" },
            { type: "scatter", mode: "lines", name: "agreement (most common ledger)", x, y: r.rounds.map((q) => q.agreement), yaxis: "y4" },
          ],
          {
            title: {
              text: `30 peers, 3 client inputs: finalised in round ${r.finalised?.round ?? "—"} with support ${r.finalised ? r.finalised.support.toFixed(2) : "—"}`,
            },
            height: 640,
            xaxis: { title: { text: "round" }, anchor: "y4" },
            yaxis: { title: { text: "H" }, domain: [0.78, 1] },
            yaxis2: { title: { text: "messages" }, domain: [0.52, 0.74] },
            yaxis3: { title: { text: "T" }, type: "log", domain: [0.26, 0.48] },
            yaxis4: { title: { text: "agreement" }, domain: [0, 0.22], range: [0, 1.05] },
          },
        ),
        rows: r.rounds.map((q) => ({ round: q.round, energy: q.energy, sent: q.sent, temperature: q.temperature, agreement: q.agreement })),
      };
    },
  },
];

/**
 * The batched-chains benchmark: one step of R chains of ULA or MALA on H = Σ_⟨ij⟩ ‖x_i − x_j‖² in one tensor
 * [N, R·d] (hamiltonian/chain-energy), against one chain of the same integrator through the same code.
 *
 * - `msPerStep`: the whole batch of R chains, per step (median).
 * - `oneChainMsPerStep`: R = 1, same integrator and code.
 * - `batchOverOneChain`: msPerStep / oneChainMsPerStep (R separate chains would cost about R).
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key, normal, split, type Key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { interactionChains } from "../hamiltonian/chain-energy";
import { mala, ula } from "../dynamics/gradient";
import { disposeState } from "../dynamics/types";
import { time } from "./timing";
import { langevinBenchHead } from "./bench-langevin";
import { roundTo } from "../format";

export interface ChainsBenchOptions {
  graph: string;
  dim: number;
  steps: number;
  chains: number;
  integrator: "ula" | "mala";
  /** Seed of the graph and the chains (required: no seed is defaulted). */
  seed: number;
  backend?: string;
  /** Step size h (default 0.01) and temperature T (default 1). */
  step?: number;
  temperature?: number;
}

/**
 * Time one step of R chains of ULA or MALA in one tensor [N, R·d] against one chain through the same code (module
 * comment): the `emtd bench langevin --integrator … --chains R --json` object. Times in ms per step (medians of
 * `steps` timed steps); `batchOverOneChain` = msPerStep / oneChainMsPerStep. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const r = await benchChains({ graph: "ring:16:2", dim: 2, steps: 3, chains: 4, integrator: "ula", seed: 1, backend: "cpu" });
 * [r.graph, r.nodes, r.chains]; // → ["ring:16:2", 16, 4]
 * typeof r.batchOverOneChain; // → "number" (the timings vary from run to run)
 * ```
 */
export async function benchChains(o: ChainsBenchOptions): Promise<Record<string, unknown>> {
  const backend = await ready(o.backend ? { backend: o.backend } : {});
  const [graphKey, runKey] = split(key(o.seed), 2) as [Key, Key];
  const graph = graphFromSpec(o.graph, graphKey, { needsEdges: true });
  const h = o.step ?? 0.01;
  const T = o.temperature ?? 1;
  const timeChains = (R: number) => {
    const energy = interactionChains(graph, R);
    const integrator = o.integrator === "mala" ? mala(energy, { step: h, temperature: T }) : ula(energy, { step: h, temperature: T });
    const x = normal(fold(runKey, R), [graph.n, R * o.dim]) as tf.Tensor2D;
    let state = integrator.init(x);
    x.dispose();
    let t = 0;
    let accepted = 0;
    const timing = time(() => {
      const [next, info] = integrator.step(state, fold(runKey, t++));
      state = next;
      accepted += info.accepted.reduce((a, b) => a + b, 0) / R;
    }, o.steps);
    disposeState(state);
    return { timing, acceptance: accepted / t };
  };
  const batch = timeChains(o.chains);
  const one = timeChains(1);
  releaseGraph(graph);
  return {
    ...langevinBenchHead(graph, o.dim, backend),
    integrator: o.integrator,
    chains: o.chains,
    steps: o.steps,
    msPerStep: roundTo(batch.timing.median),
    minMsPerStep: roundTo(batch.timing.min),
    oneChainMsPerStep: roundTo(one.timing.median),
    batchOverOneChain: roundTo(batch.timing.median / one.timing.median),
    msPerChainStep: roundTo(batch.timing.median / o.chains),
    acceptance: roundTo(batch.acceptance),
  };
}

/**
 * Notebook 08's scenario of the §3.1 pipeline, in one place for the claims of §3.1, the figure and the notebook:
 * Alice and Bob sign three client transactions, the second forged (its payload changed after signing) and injected
 * at node 17; 30 peers on a Watts–Strogatz ws(30, 4, 0.1) network; 10 % of messages lost, 5 % tampered in flight,
 * delays of 0–1 extra rounds.
 */
import { type Key, uniformSource } from "../../engine/random";
import { type Adjacency, wattsStrogatzAdjacency } from "../../reference-port/smallworld";
import { type Injection, type PipelineOptions, type PipelineResult, runPipeline } from "../../protocol/pipeline";
import { type Signer, signTransaction, type Transaction } from "../../protocol/transaction";

/** The scenario's network conditions: 4 channels, 10 % loss, 5 % tampering, delay up to 1 extra round. */
export const PIPELINE_SCENARIO_OPTIONS: Readonly<PipelineOptions> = { dim: 4, loss: 0.1, tamper: 0.05, delay: 1 };

/** The scenario's peers. */
export const PIPELINE_SCENARIO_NODES = 30;

/** The three client inputs, and the forged one among them. */
export interface PipelineScenario {
  injections: Injection[];
  /** The second input: signed by Alice, its payload changed afterwards; injected at node 17 in round 2. */
  forged: Transaction;
}

/**
 * The client inputs of the scenario, signed by `alice` and `bob`.
 *
 * @example
 * ```ts
 * const { injections, forged } = pipelineScenario(signerFromKey(key(100)), signerFromKey(key(101)));
 * injections.map((i) => [i.round, i.node]); // → [[0, 0], [2, 17], [4, 9]]
 * verifyTransaction(forged); // → false
 * ```
 */
export function pipelineScenario(a: Signer, b: Signer): PipelineScenario {
  const forged = { ...signTransaction(a, 2, "alice pays carol 1"), payload: "alice pays mallory 100" };
  const injections: Injection[] = [
    { round: 0, node: 0, tx: signTransaction(a, 1, "alice pays bob 5") },
    { round: 2, node: 17, tx: forged },
    { round: 4, node: 9, tx: signTransaction(b, 1, "bob pays carol 2") },
  ];
  return { injections, forged };
}

/** The scenario's network, ws(30, 4, 0.1), drawn from `k`. */
export function pipelineScenarioNetwork(k: Key): Adjacency {
  return wattsStrogatzAdjacency(PIPELINE_SCENARIO_NODES, 4, 0.1, uniformSource(k));
}

/**
 * One run of the scenario on `network` (a {@link pipelineScenarioNetwork}), the pipeline's randomness (loss,
 * tampering, delays, Metropolis) drawn from `key`.
 *
 * @example
 * ```ts
 * const scenario = pipelineScenario(signerFromKey(key(100)), signerFromKey(key(101)));
 * const r = runPipelineScenario(scenario, pipelineScenarioNetwork(key(1000)), fold(key(1000), 1));
 * r.messages.sent === r.messages.delivered + r.messages.lost + r.messages.inFlight; // → true
 * ```
 */
export function runPipelineScenario(scenario: PipelineScenario, network: Adjacency, key: Key): PipelineResult {
  return runPipeline(network, scenario.injections, { ...PIPELINE_SCENARIO_OPTIONS }, key);
}

/**
 * Notebook 08's scenario of the §3.1 pipeline, in one place for the claims of §3.1, the figure and the notebook:
 * Alice and Bob sign three client transactions, the second forged (its payload changed after signing) and injected
 * at node 17; 30 peers on a Watts–Strogatz ws(30, 4, 0.1) network; 10 % of messages lost, 5 % tampered in flight,
 * delays of 0–1 extra rounds.
 */
import { fold, type Key, uniformSource } from "../engine/random";
import { type Adjacency, wattsStrogatzAdjacency } from "../reference/smallworld";
import { type Injection, type PipelineOptions, type PipelineResult, runPipeline } from "./pipeline";
import { signerFromKey, signTransaction, type Transaction } from "./transaction";

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
 * The client inputs of the scenario, Alice's and Bob's keys drawn from `alice` and `bob`.
 *
 * @example
 * ```ts
 * const { injections, forged } = pipelineScenario(key(100), key(101));
 * injections.map((i) => [i.round, i.node]); // → [[0, 0], [2, 17], [4, 9]]
 * verifyTransaction(forged); // → false
 * ```
 */
export function pipelineScenario(alice: Key, bob: Key): PipelineScenario {
  const a = signerFromKey(alice);
  const b = signerFromKey(bob);
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
 * One run of the scenario: its network drawn from `network`, the pipeline's randomness (loss, tampering, delays,
 * Metropolis) from `run` (by default `fold(network, 1)`, the stream the claims and the notebook use).
 *
 * @example
 * ```ts
 * const scenario = pipelineScenario(key(100), key(101));
 * const r = runPipelineScenario(scenario, key(1000));
 * r.messages.sent === r.messages.delivered + r.messages.lost + r.messages.inFlight; // → true
 * ```
 */
export function runPipelineScenario(scenario: PipelineScenario, network: Key, run: Key = fold(network, 1)): PipelineResult {
  return runPipeline(pipelineScenarioNetwork(network), scenario.injections, { ...PIPELINE_SCENARIO_OPTIONS }, run);
}

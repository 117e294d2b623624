/**
 * Random-walk Metropolis–Hastings on the field, site by site (Metropolis et al. 1953). A site proposal is
 * Ψ_i' = Ψ_i + σξ (symmetric), accepted with probability min(1, e^{−ΔH/T}). ΔH comes from the term's local
 * energies, so it is exact whenever the updated sites are mutually non-adjacent.
 *
 * - `order: "sequential"`: one site at a time in node order, as in the proposal's §3.3 (N updates per sweep, each a
 *   vectorised evaluation: O(N·E) per sweep; for small graphs and faithfulness).
 * - `order: "colour"`: all sites of one colour class at once (a proper colouring; the checkerboard on a torus):
 *   a handful of vectorised updates per sweep. Each colour update is a valid Metropolis kernel, and so is the sweep.
 *
 * A term without local energies (a user-written `defineTerm({ name, energy })`) runs in sequential order by default,
 * with ΔH from two whole-energy evaluations per site (exact for any term, N·2 evaluations per sweep).
 *
 * One `step` is one sweep. Target acceptance for step-size adaptation: 0.44 (optimal one-site random walk).
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, fold, normal, split, uniform } from "../engine/random";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { colourMasks } from "../ops/tensors";
import type { Term } from "../hamiltonian/term";
import { metropolisAcceptTensor, metropolisProbabilityTensor } from "./acceptance";
import { type ChainEnergy, chainsOf, energiesAt, isChainEnergy } from "../hamiltonian/chain-energy";
import { chainInfo, type Integrator, type StepInfo } from "./types";

export interface MetropolisOptions {
  /** Proposal scale σ > 0. */
  step: number;
  /** Temperature T > 0. Default 1. */
  temperature?: number;
  /** "colour" (default) or "sequential". */
  order?: "colour" | "sequential";
}

/**
 * Random-walk Metropolis on `graph` for `energy` (see the module comment): one `step` is one sweep of site proposals
 * Ψ_i' = Ψ_i + σξ with σ = `options.step` (field units), T = `options.temperature` > 0. Ψ [N, C]. Throws an
 * ArgumentError for order "colour" with a term that has no local energies.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(metropolis(interaction(graph), graph, { step: 1, temperature: 1 }), x0, { steps: 100, burnIn: 20 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [5.44, 0.97] (exact: (N − 1)T/2 = 4.5, one MCSE away)
 * r.acceptance; // → 0.51625
 * try {
 *   metropolis(defineTerm({ name: "mine", energy: (psi) => tf.sum(tf.square(psi)) }), graph, { step: 1, order: "colour" });
 * } catch (e) {
 *   (e as Error).message; // → 'emtd/dynamics/metropolis: energy must be a term with localEnergy for order "colour" (add localEnergy: (psi) => [N] per-node energies to defineTerm, or use order: "sequential", which needs only energy) (got "mine")'
 * }
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function metropolis(energy: Term | ChainEnergy, graph: Graph, options: MetropolisOptions): Integrator {
  const where = "emtd/dynamics/metropolis";
  const chains = chainsOf(energy);
  const R = chains.chains;
  // Without local energies (a user-written term), one site at a time is still exact: ΔH_r = H(X_r') − H(X_r), each
  // chain's whole energy broadcast to every node, of which only the updated site's entry is used. Colour order needs e_i.
  if (!chains.localEnergies && options.order === "colour") {
    throw new ArgumentError(
      where,
      "energy",
      `a term with localEnergy for order "colour" (add localEnergy: (psi) => [N] per-node energies to defineTerm, or use order: "sequential", which needs only energy)`,
      energy.name,
    );
  }
  const localEnergies = chains.localEnergies
    ? chains.localEnergies.bind(chains)
    : (psi: tf.Tensor2D) => tf.tidy(() => tf.broadcastTo(tf.reshape(energiesAt(chains, psi), [1, R]), [graph.n, R]) as tf.Tensor2D);
  /** H per chain as read (float32), [R]. */
  const energyValues = (psi: tf.Tensor2D): Float64Array => {
    const e = energiesAt(chains, psi);
    const values = Float64Array.from(e.dataSync());
    e.dispose();
    return values;
  };
  const defaults = {
    step: check.positive(where, "step", options.step),
    temperature: check.boltzmannTemperature(where, "temperature", options.temperature ?? 1),
  };
  const order = check.oneOf(where, "order", options.order ?? (chains.localEnergies ? "colour" : "sequential"), [
    "colour",
    "sequential",
  ] as const);
  // Colour masks live in the graph's tensor cache (freed by releaseGraph); sequential masks are one-hot, made per site.
  const maskOf = (c: number): tf.Tensor2D =>
    order === "colour" ? colourMasks(graph)[c]! : (tf.reshape(tf.oneHot(tf.tensor1d([c], "int32"), graph.n), [graph.n, 1]) as tf.Tensor2D);
  const updates = order === "colour" ? colourMasks(graph).length : graph.n;

  return {
    name: order === "colour" ? "metropolis-colour" : "metropolis-sequential",
    chains: R,
    temperature: defaults.temperature,
    stepSize: defaults.step,
    targetAcceptance: 0.44,
    init: (position) => {
      if (position.rank !== 2 || position.shape[0] !== graph.n || position.shape[1] % R !== 0) {
        throw new ArgumentError(
          where,
          "position",
          `a 2-D tensor with ${graph.n} rows, one per node of ${graph.label}${R > 1 ? `, and ${R}·d columns` : ""}`,
          position.shape,
        );
      }
      const p = position.clone();
      return { position: p, energies: energyValues(p), gradient: null };
    },
    step(state, key, overrides) {
      const sigma = check.positive(where, "step", overrides?.step ?? defaults.step);
      const t = check.boltzmannTemperature(where, "temperature", overrides?.temperature ?? defaults.temperature);
      const [n, width] = state.position.shape;
      let x = state.position;
      let accepted: tf.Tensor1D = tf.zeros([R]);
      let probability: tf.Tensor1D = tf.zeros([R]);
      for (let c = 0; c < updates; c++) {
        const [kn, ku] = split(fold(key, c), 2) as [Key, Key];
        const result = tf.tidy(() => {
          const mask = maskOf(c);
          const proposal = tf.add(x, tf.mul(mask, tf.mul(normal(kn, x.shape), sigma))) as tf.Tensor2D;
          // ΔH per site and chain, [N, R]; each chain's site decided on its own uniform.
          const delta = tf.sub(localEnergies(proposal), localEnergies(x));
          // The shared rule (dynamics/acceptance): u < min(1, e^{−ΔH/T}), NaN rejected.
          const accept = tf.logicalAnd(tf.greater(mask, 0), metropolisAcceptTensor(delta, t, uniform(ku, [n, R])));
          const blocks = (v: tf.Tensor) => tf.reshape(v, [n, R, width / R]);
          const next = tf.reshape(tf.where(tf.reshape(accept, [n, R, 1]), blocks(proposal), blocks(x)), [n, width]) as tf.Tensor2D;
          // min(1, e^{−ΔH/T}) with NaN → 0 (as metropolisProbability).
          const alpha = metropolisProbabilityTensor(delta, t);
          return {
            next,
            // Per chain over the sites (× mask, exactly the 0/1 decisions: tfjs-webgpu miscompiles an axis sum of a cast
            // bool tensor).
            accepted: tf.add(accepted, tf.sum(tf.mul(tf.cast(accept, "float32"), mask), 0)) as tf.Tensor1D,
            probability: tf.add(probability, tf.sum(tf.mul(alpha, mask), 0)) as tf.Tensor1D,
          };
        });
        x.dispose();
        accepted.dispose();
        probability.dispose();
        x = result.next;
        accepted = result.accepted;
        probability = result.probability;
      }
      const perChain = Float64Array.from(accepted.dataSync(), (a) => a / n);
      const probabilities = Float64Array.from(probability.dataSync(), (p) => p / n);
      tf.dispose([accepted, probability]);
      const energies = energyValues(x);
      const pooled = chainInfo(energies, perChain, probabilities);
      // Per chain where the sampler was made for chains (`run` reports them per chain); one field's info as ever.
      const { energy: total, acceptance, acceptanceProbability } = pooled;
      const info: StepInfo = isChainEnergy(energy) ? pooled : { energy: total, acceptance, acceptanceProbability };
      return [{ position: x, energies, gradient: null }, info];
    },
  };
}

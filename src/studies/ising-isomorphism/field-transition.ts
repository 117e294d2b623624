/**
 * §2.1's "isomorphic to the Ising model": the mechanism's field law across the Ising T_c, beside the Ising image on
 * the same graph. One function for the claim p2.1-ising-energy, figure nb03's field figure and notebook 03.
 *
 * The field is run with the mechanism's Langevin integrator at T_net = 2T_Ising (on ±1 states the interaction is
 * 2E + 2ℋ_Ising, so a Boltzmann weight e^{−ℋ/T_net} is the Ising weight at T_Ising = T_net/2); the Ising image is
 * the Metropolis sampler of the same graph's Ising model. An Ising-like law orders below T_c: its disagreement per
 * unit temperature changes across T_c. A Gaussian field's does not (⟨ℋ⟩ ∝ T).
 */
import * as tf from "@tensorflow/tfjs";
import { uniformSource, type Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { energyValue, type Term } from "../../hamiltonian/term";
import type { Integrator } from "../../dynamics/types";
import { run } from "../../dynamics/run";
import { isingEnergy, isingGraph } from "../../spin/ising/ising-system";
import { isingSampler } from "../../spin/ising/ising-sampler";
import { runIsing } from "../../spin/ising/ising-run";

/** A mean with its Monte-Carlo standard error. */
export interface McEstimate {
  value: number;
  se: number;
}

/** The field and its Ising image at each temperature pair (T_net = 2T_Ising). */
export interface FieldTransition {
  /** T_net of each point. */
  temperatures: number[];
  /** ⟨ℋ⟩/T_net of the field at each T_net (ULA-type integrator, from Ψ = 0). */
  energyPerT: McEstimate[];
  /** ⟨|m|⟩ of the Ising image at T_Ising = T_net/2 (Metropolis, hot start). */
  isingAbsMagnetization: McEstimate[];
  /** max |ℋ_int − (2E + 2ℋ_Ising)| over random ±1 states and both consensus states (an identity: evidence only). */
  identityGap: number;
}

/** What the study runs. */
export interface FieldTransitionOptions {
  graph: Graph;
  /** The mechanism's Hamiltonian on the graph (one channel). */
  energy: Term;
  /** The interaction alone (coupling 1), for the ±1 identity. */
  interaction: Term;
  /** The mechanism's Langevin integrator factory. */
  integrator: (energy: Term, options: { step: number; temperature: number }) => Integrator;
  /** T_net values (the Ising image runs at half each). Default [2, 10]: T_Ising = 1 and 5, either side of T_c. */
  temperatures?: readonly number[];
  /** Field steps (burn-in a quarter). Default 2000. */
  steps?: number;
}

/**
 * Runs the field at each T_net (key `stream("field/" + T)`), the Ising image (`stream("ising")`) and checks the ±1
 * identity on 32 random states (`stream("states")`). Disposes what it creates; the graph is the caller's.
 *
 * @example
 * ```ts
 * const g = graphFromSpec("torus:16", key(1));
 * const t = fieldTransition((name) => fold(key(2), name.length), { graph: g, energy: interaction(g), interaction: interaction(g), integrator: ula });
 * t.energyPerT[1].value / t.energyPerT[0].value; // → 1 ± 0.05 (⟨ℋ⟩ ∝ T: no transition)
 * ```
 */
export function fieldTransition(stream: (name: string) => Key, o: FieldTransitionOptions): FieldTransition {
  const { graph } = o;
  const temperatures = [...(o.temperatures ?? [2, 10])];
  const steps = o.steps ?? 2000;
  const step = 0.25 / Math.max(...graph.degree);
  const energyPerT = temperatures.map((T) => {
    const zero = tf.zeros([graph.n, 1]) as tf.Tensor2D;
    const r = run(
      o.integrator(o.energy, { step, temperature: T }),
      zero,
      { steps, burnIn: steps / 4, recordEvery: steps },
      stream(`field/${T}`),
    );
    tf.dispose([zero, r.final]);
    return { value: r.meanEnergy / T, se: r.energyMcse / T };
  });
  const system = isingGraph(graph);
  const image = runIsing(
    isingSampler(
      system,
      temperatures.map((T) => T / 2),
      { replicas: 2 },
    ),
    "hot",
    { steps: 300, burnIn: 150 },
    stream("ising"),
  );
  const isingAbsMagnetization = image.results.map((r) => ({ value: r.absMagnetization.value, se: r.absMagnetization.mcse }));
  const rng = uniformSource(stream("states"));
  const states = Array.from({ length: 32 }, () => Array.from({ length: graph.n }, () => (rng() < 0.5 ? -1 : 1)));
  states.push(new Array(graph.n).fill(1), new Array(graph.n).fill(-1));
  let identityGap = 0;
  for (const values of states) {
    const spins = tf.tensor2d(values, [graph.n, 1]);
    const ising = tf.tidy(() => isingEnergy(system, spins).dataSync()[0]!);
    identityGap = Math.max(identityGap, Math.abs(energyValue(o.interaction, spins) - (2 * graph.edgeCount + 2 * ising)));
    spins.dispose();
  }
  return { temperatures, energyPerT, isingAbsMagnetization, identityGap };
}

/**
 * `emtd hopfield`: store P random patterns in a Hopfield network of N neurons (Hebbian couplings, an Ising model),
 * recall the first pattern from a cue with a fraction Q of its signs flipped by asynchronous updates (T = 0: sign of
 * the local field; T > 0: heat bath), over K independent trials (fresh patterns each). Reports the mean final
 * overlap |ξ¹·s|/N beside the Amit–Gutfreund–Sompolinsky value at α = P/N and α_c ≈ 0.138.
 */
import { key } from "../../engine/random";
import { agsCriticalLoad, agsOverlap, retrieval } from "../../spin/hopfield/hopfield-network";
import type { Command } from "../../command/command";
import { fixed } from "../../format";

const summary =
  "Hopfield network (Hebbian couplings J = (1/N) Σ ξξᵀ): recall the first of P patterns from a cue with a fraction Q flipped; mean final overlap over K trials.";

const options: Command["options"] = {
  neurons: { kind: "int", min: 2, max: 20000, default: 1000, help: "number of neurons N" },
  patterns: { kind: "int", min: 1, max: 100000, default: 50, help: "stored patterns P (load α = P/N)" },
  noise: { kind: "number", min: 0, max: 1, default: 0.1, help: "fraction Q of the cue's signs flipped, in [0, 1]" },
  temperature: { kind: "number", min: 0, default: 0, help: "T ≥ 0 (0: sign rule; > 0: heat bath)" },
  sweeps: { kind: "int", min: 1, max: 1e6, default: 50, help: "maximum sweeps per trial (T = 0 stops at a fixed point)" },
  trials: { kind: "int", min: 1, max: 1e6, default: 10, help: "independent trials K (fresh patterns and cue each)" },
};

async function hopfield(values: Parameters<Command["run"]>[0]): Promise<Record<string, unknown>> {
  const neurons = values.neurons as number;
  const patterns = values.patterns as number;
  const started = performance.now();
  const r = retrieval(
    {
      neurons,
      patterns,
      noise: values.noise as number,
      temperature: values.temperature as number,
      sweeps: values.sweeps as number,
      trials: values.trials as number,
    },
    key(values.seed as number),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    command: "hopfield",
    neurons,
    patterns,
    load: r.load,
    noise: values.noise,
    temperature: values.temperature,
    sweeps: values.sweeps,
    trials: values.trials,
    seed: values.seed,
    overlap: r.overlap,
    overlapSe: r.overlapSe,
    overlaps: r.overlaps,
    cueOverlap: r.cueOverlap,
    meanSweeps: r.meanSweeps,
    reference: { agsOverlap: agsOverlap(r.load), criticalLoad: agsCriticalLoad() },
    timing: { seconds },
  };
}

function render(r: Record<string, unknown>): string {
  const ref = r.reference as { agsOverlap: number; criticalLoad: number };
  return [
    `Hopfield N=${r.neurons}, P=${r.patterns} (α = ${fixed(r.load, 4)}), cue noise ${r.noise} (cue overlap ${fixed(r.cueOverlap, 3)}), T=${r.temperature}, ${r.trials} trials`,
    `final overlap |m| = ${fixed(r.overlap, 4)} ± ${fixed(r.overlapSe, 4)} (SE); mean sweeps ${fixed(r.meanSweeps, 1)}`,
    `AGS (N → ∞, T = 0): m(α) = ${fixed(ref.agsOverlap, 4)}, α_c = ${fixed(ref.criticalLoad, 4)}`,
    ...(r.timing ? [`wall time ${fixed((r.timing as { seconds: number }).seconds, 2)} s`] : []),
  ].join("\n");
}

export const hopfieldCommand: Command = { name: "hopfield", summary, options, run: hopfield, render };

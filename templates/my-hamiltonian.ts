/**
 * Template: your own Hamiltonian term, checked and sampled. Copy this file, change `myTerm`, run it:
 *
 *   npx tsc --module node16 --moduleResolution node16 --target es2022 --outDir out/mine templates/my-hamiltonian.ts
 *   node out/mine/my-hamiltonian.js
 *
 * (or paste the body into a notebook cell on the EMTD kernel). Every number it prints comes from a seeded key.
 */
import {
  ready,
  key,
  split,
  graphFromSpec,
  defineTerm,
  checkGradient,
  sum,
  interaction,
  gradientFlow,
  ula,
  mala,
  metropolis,
  run,
  tf,
  type Integrator,
} from "emtd";

async function main(): Promise<void> {
  await ready();
  const [kGraph, kCheck, kRun] = split(key(1), 3);
  const graph = graphFromSpec("ring:40:4", kGraph);

  // 1. Your term: any scalar function of the field psi [N, C] written in tfjs ops. Here an on-site double well
  //    Σ_i (ψ_i² − 1)²; autodiff gives its gradient. Add `gradient: (psi) => …` for speed, and
  //    `localEnergy: (psi) => [N]` for colour-parallel Metropolis.
  const myTerm = defineTerm({
    name: "double well",
    energy: (psi) => tf.sum(tf.square(tf.sub(tf.square(psi), 1))) as tf.Scalar,
  });
  const H = sum(interaction(graph, { coupling: 0.25 }), myTerm);

  // 2. Check the gradient the integrators will use against finite differences of the energy.
  const probe = tf.randomNormal([40, 1], 0, 1, "float32", 3) as tf.Tensor2D;
  const { maxRelativeError } = checkGradient(H, probe, kCheck);
  probe.dispose();
  if (!(maxRelativeError < 1e-2)) throw new Error(`gradient check failed: max relative error ${maxRelativeError}`);
  console.log(`gradient check passed: max relative error ${maxRelativeError.toExponential(1)}`);

  // 3. Run it with each integrator from the same start and seed. (Gradient flow from ψ = 0 stays on the saddle
  //    between the wells: it is deterministic and 0 is a stationary point; the samplers leave it through noise.)
  const integrators: Integrator[] = [
    gradientFlow(H, { step: 0.02 }),
    ula(H, { step: 0.01, temperature: 0.5 }),
    mala(H, { step: 0.01, temperature: 0.5 }),
    metropolis(H, graph, { step: 0.5, temperature: 0.5 }),
  ];
  for (const integrator of integrators) {
    const result = run(integrator, tf.zeros([40, 1]), { steps: 300, burnIn: 100 }, kRun);
    console.log(
      `${integrator.name.padEnd(22)} ⟨H⟩ = ${result.meanEnergy.toFixed(2)} ± ${result.energyMcse.toFixed(2)}  acceptance ${result.acceptance.toFixed(2)}`,
    );
    result.final.dispose();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Template: your own Hamiltonian term, checked and sampled. Copy this file, change `myTerm`, run it. In the clone:
 *
 *   npx tsc --module node16 --moduleResolution node16 --target es2022 --skipLibCheck --rootDir templates --outDir out/mine templates/my-hamiltonian.ts
 *   node out/mine/my-hamiltonian.js
 *
 * In a folder of your own set up as the quick start of docs/prototyping.md says: `npx tsx my-hamiltonian.ts`, or to compile it,
 * `npm install --save-dev typescript @types/node` and the command above with `--rootDir . --outDir out my-hamiltonian.ts`
 * (`--skipLibCheck`: tfjs's own typings name a `Long` type they do not ship; `--rootDir`: tsc must know where the
 * sources end to resolve the package's export map).
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

/**
 * Steps and burn-in: short, so the template answers in seconds. The double well makes the chains hop between wells
 * rarely, so their ESS stays low and each line says so; there is no closed form for ⟨H⟩ of this law to print beside
 * them (gradient flow's H(0) = 40 is exact). Raise STEPS (and compare the samplers) before trusting a digit.
 */
const STEPS = 1000;
const BURN_IN = 300;

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

  // 3. Run it with each integrator from the same start and seed. Gradient flow from ψ = 0 stays on the saddle
  //    between the wells (it is deterministic and 0 is a stationary point), so it prints H(0) = 40 exactly; the
  //    samplers leave it through noise and should agree with each other within a few MCSE. An effective sample
  //    size (ESS) under 100 makes the MCSE itself unreliable: run more steps before comparing.
  const integrators: Integrator[] = [
    gradientFlow(H, { step: 0.02 }),
    ula(H, { step: 0.01, temperature: 0.5 }),
    mala(H, { step: 0.01, temperature: 0.5 }),
    metropolis(H, graph, { step: 0.5, temperature: 0.5 }),
  ];
  for (const integrator of integrators) {
    const result = run(integrator, tf.zeros([40, 1]), { steps: STEPS, burnIn: BURN_IN }, kRun);
    const flow = integrator.name.startsWith("gradient-flow");
    const note = flow
      ? "deterministic: stays at the saddle ψ = 0, where H = 40 exactly"
      : `ESS ${result.energyEss.toFixed(0)}${result.energyEss < 100 ? " < 100: MCSE unreliable, run more steps" : ""}`;
    console.log(
      `${integrator.name.padEnd(22)} ⟨H⟩ = ${result.meanEnergy.toFixed(2)} ± ${result.energyMcse.toFixed(2)}  acceptance ${result.acceptance.toFixed(2)}  ${note}`,
    );
    result.final.dispose();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

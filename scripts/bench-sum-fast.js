// ULA on a sum holding the interaction, timed as a user runs it (`run(ula(sum(interaction(graph), quartic), …))`),
// against the bound issue 75 sets: the interaction alone plus the quartic's own autodiff cost (energyAndGradient of
// the quartic, differentiated by tfjs). Also the same sum as a copy that ops/ does not recognise (the path every sum
// took before its parts were read: the noisy descent with the whole gradient). The four take turns, `rounds` times
// over; each figure is the median over rounds of ms per step. `node scripts/bench-sum-fast.js [spec] [steps] [rounds]`
// after `npx tsc -b` (default ring:100000:10, 20 steps a turn, 7 rounds; the backend is the engine's default, or
// EMTD_BACKEND). Beside each wall-clock median, the process's CPU time per step (every thread's), which a machine
// loaded by other work moves less. Three more cases take turns with them, an A/B of the kernel's rest input alone: a
// chain of the interaction's fused steps with a fixed G as the rest, each followed by the interaction's H at the new
// field as the sum's step forms it, in one pass (EmtdLangevinUpdate carrying G) and in two (the kernel, then − h·G
// in tfjs ops, as the sum's step ran before), beside the same chain without G.
const root = require("node:path").resolve(__dirname, "..");
const tf = require("@tensorflow/tfjs");
const { performance } = require("node:perf_hooks");
const { ready } = require(root + "/dist/src/engine/backend.js");
const { key } = require(root + "/dist/src/engine/random.js");
const { graphFromSpec } = require(root + "/dist/src/graph/spec.js");
const { interaction } = require(root + "/dist/src/hamiltonian/interaction.js");
const { defineTerm, energyAndGradient, sum } = require(root + "/dist/src/hamiltonian/term.js");
const { ula } = require(root + "/dist/src/dynamics/gradient.js");
const { run } = require(root + "/dist/src/dynamics/run.js");
const { fold } = require(root + "/dist/src/engine/random.js");
const { langevinUpdate, langevinUpdateWithRest } = require(root + "/dist/src/ops/langevin-update.js");

const [spec, steps, rounds] = [process.argv[2] ?? "ring:100000:10", Number(process.argv[3] ?? 20), Number(process.argv[4] ?? 7)];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const backend = await ready();
  const graph = graphFromSpec(spec, key(0));
  const x0 = tf.randomNormal([graph.n, 2], 0, 1, "float32", 3);
  // A quartic confinement Σ_i ‖ψ_i‖⁴ written in tfjs ops, differentiated by autodiff (hamiltonian/term's example).
  const quartic = defineTerm({
    name: "quartic",
    energy: (psi) => tf.tidy(() => tf.sum(tf.square(tf.sum(tf.square(psi), 1)))),
  });
  const coupling = interaction(graph);
  const both = sum(coupling, quartic);
  const options = { step: 0.002, temperature: 0.5 };
  // The A/B's chain: `steps` fused steps from x0, each followed by the interaction's H at the new field.
  const rest = tf.randomNormal([graph.n, 2], 0, 1, "float32", 4);
  const chain = (stepOf) => () => {
    let x = x0.clone();
    for (let t = 0; t < steps; t++) {
      const y = stepOf(x, fold(key(1), t));
      const e = coupling.energy(y);
      e.dataSync();
      tf.dispose([e, x]);
      x = y;
    }
    x.dispose();
  };
  const ulaRun = (energy) => () => {
    const r = run(ula(energy, options), x0, { steps, recordEvery: steps }, key(5));
    r.final.dispose();
  };
  const cases = {
    interaction: ulaRun(coupling),
    quarticAutodiff: () => {
      for (let t = 0; t < steps; t++) {
        const { energy, gradient } = energyAndGradient(quartic, x0);
        tf.dispose([energy, gradient]);
      }
    },
    sum: ulaRun(both),
    sumUnrecognised: ulaRun({ ...both }),
    stepAlone: chain((x, k) => langevinUpdate(x, graph, options, k)),
    stepOnePass: chain((x, k) => langevinUpdateWithRest(x, graph, options, k, rest)),
    stepTwoPasses: chain((x, k) => {
      const moved = langevinUpdate(x, graph, options, k);
      const y = tf.tidy(() => tf.sub(moved, tf.mul(rest, options.step)));
      moved.dispose();
      return y;
    }),
  };
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  const cpu = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const body of Object.values(cases)) body(); // warm-up: JIT, the graph's plan, tfjs's kernels
  for (let round = 0; round < rounds; round++) {
    for (const [name, body] of Object.entries(cases)) {
      const [t0, c0] = [performance.now(), process.cpuUsage()];
      body();
      const c = process.cpuUsage(c0);
      times[name].push((performance.now() - t0) / steps);
      cpu[name].push((c.user + c.system) / 1000 / steps);
    }
    console.log(
      `round ${round + 1}: ${Object.entries(times)
        .map(([n, ts]) => `${n} ${ts[round].toFixed(2)}`)
        .join(", ")} ms/step`,
    );
  }
  const m = Object.fromEntries(Object.entries(times).map(([n, ts]) => [n, median(ts)]));
  const mc = Object.fromEntries(Object.entries(cpu).map(([n, ts]) => [n, median(ts)]));
  const bound = m.interaction + m.quarticAutodiff;
  console.log(`${spec}, d = 2, ${backend}, ${steps} steps a turn, ${rounds} rounds; medians in ms per step:`);
  for (const [n, v] of Object.entries(m)) console.log(`  ${n}: ${v.toFixed(3)} (CPU of the process, every thread: ${mc[n].toFixed(3)})`);
  console.log(`  sum / (interaction + quarticAutodiff) = ${m.sum.toFixed(3)} / ${bound.toFixed(3)} = ${(m.sum / bound).toFixed(3)}`);
  console.log(`  sumUnrecognised / (interaction + quarticAutodiff) = ${(m.sumUnrecognised / bound).toFixed(3)}`);
  const cpuBound = mc.interaction + mc.quarticAutodiff;
  console.log(
    `  CPU: sum / (interaction + quarticAutodiff) = ${mc.sum.toFixed(3)} / ${cpuBound.toFixed(3)} = ${(mc.sum / cpuBound).toFixed(3)}`,
  );
  const over = (n) => `${(m[n] - m.stepAlone).toFixed(3)} (CPU ${(mc[n] - mc.stepAlone).toFixed(3)})`;
  console.log(`  the rest's h·G over the step alone: one pass ${over("stepOnePass")}, two passes ${over("stepTwoPasses")}`);
  tf.dispose([x0, rest]);
})();

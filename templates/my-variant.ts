/**
 * Template: your own variant of the mechanism, measured against the claims. Copy this file into a folder of your own,
 * change the parts, and run, in the quick-start folder of docs/prototyping.md (where `npm install --ignore-scripts /path/to/emtd-lab`
 * installed this package from your clone):
 *
 *   npx emtd verdicts --variant my-variant.ts            (add --only ID,ID… for a few claims, --replicates K, --json)
 *
 * or, from any other folder, the clone's own command:
 *
 *   node /path/to/emtd-lab/bin/emtd.js verdicts --variant my-variant.ts
 *
 * (`npx emtd` in a folder that has not installed the package asks the npm registry, where no `emtd` is published:
 * a 404.) The file is type-checked against `Variant` first; an error names the file, the line and the part.
 *
 * A variant is a module: it may import files of your own by relative path, as tsx runs them (`./coupling.ts`,
 * `./coupling.js` for that same .ts file, or `./coupling`; anywhere on disk, `../shared/x.ts` too), and packages by
 * name (`emtd` is always this library). Those files are type-checked with it and bundled into it (esbuild); one that is
 * missing or does not type-check is refused in one line naming it, exit 2:
 *
 *   emtd verdicts: --variant logcosh.ts: its import stable.ts:4 must type-check: Type 'string' is not assignable …
 *
 * In a notebook on the EMTD kernel, started in this folder, a cell imports the same file as tsx does:
 *
 *   import logcosh from "./variants/logcosh.ts";           // or "./variants/logcosh", "./variants/logcosh.js"
 *   await compareVariant(logcosh, { only: ["p1.2-interaction-energy"] });
 *
 * (The kernel compiles the files a cell imports with the notebook's folder as their root: a file outside that folder,
 * `../elsewhere/x.ts`, is refused there; put your variants beside or below your notebooks.)
 *
 * Every claim whose `uses` names a part you replace is measured again under your variant, with the same seeds,
 * rubric and replicates as the proposal, and shown beside the proposal's verdict; the rest are listed as unaffected.
 * In a notebook on the EMTD kernel, `await compareVariant(variant, { only, replicates })` does the same. Each side's
 * `reference` says what its verdict was compared with under its mechanism: a reference recomputed for your parts
 * (p1.3-langevin: generalised equipartition of your ℋ), or, where it is a closed form of the proposal's part you
 * replaced and does not hold for yours, "not comparable under this variant" with why, instead of a verdict.
 *
 * The parts a variant may replace (leave out those you keep; each ends with the proposal's own; `emtd help verdicts`
 * and docs/prototyping.md list the same):
 * - interaction(graph, { coupling }) → Term: the coupling term Σ_⟨ij⟩ J·J_ij ‖ψ_i − ψ_j‖² over the field ψ [N, C];
 *   honour the edge weights J_ij (`edgeWeights(graph)`) and act on every channel (proposal: the quadratic coupling);
 * - entropic(graph, { laplacian, lambda }) → Term: Definition 1.2's entropic penalty λΣ_i∇²S_i, the one part the
 *   claim about the penalty (p1.2-entropic-penalty) measures (proposal: the written term);
 * - terms(graph) → Term[]: terms added to the interaction wherever a claim builds the Hamiltonian it runs (they
 *   change the Hamiltonian every such claim samples, but no claim reads an added term as one of ℋ's named terms)
 *   (proposal: none);
 * - rule: the §4.1 consensus update rule, "mean" | "median" | "huber" | "trimmed" | "wmsr" (proposal: "mean");
 * - schedule(initial, landscape?) → Schedule: annealing from a starting temperature (proposal: geometric, T ← 0.95·T);
 *   `landscape.depth` is the claim's d* where it knows it, and a returned `horizon` is run to, with no quiet-sweep
 *   stop, by the claims that run §3.3's loop to an end (their `model` says so);
 * - integrator(energy, { step, temperature }) → Integrator: the Langevin integrator (proposal: ula);
 * - ricci: what the §2.1 Ricci flow evolves, "length" (the edge weight as a length) | "coupling" (the same
 *   equation on J, an inverse flow) (proposal: "length");
 * - kernel: the proposal kernel of the §3.2–§3.3 Metropolis step for every cell, "node0" | "neighbour" |
 *   "symmetric" (proposal: the text's two rules, node0 and neighbour, as a grid).
 *
 * Which claims read which part is each claim's `uses`, printed in about a second from the committed run (no claim is
 * measured; `emtd verdicts --json` would measure all 49, minutes), in the quick-start folder:
 *
 *   npx emtd verdicts --from node_modules/emtd/data/verdicts/verdicts.json --json
 *
 * (in the clone: `--from data/verdicts/verdicts.json`); each record of `claims` has its `id` and `uses`.
 *
 * As written, this variant re-implements the proposal's own interaction by hand, differentiated by autodiff: it must
 * reproduce the proposal's verdicts on every claim it touches (the law test/integration/cli/variants.test.ts checks), so it is the
 * place to start. To try a robust coupling instead, replace the squared distance r² by Huber's
 * ρ_δ(r) = r² − relu(r − δ)² (quadratic near 0, linear beyond δ): see notebook 18.
 */
import { defineTerm, edgeDifferences, edgeWeights, tf, type Variant } from "emtd";

const variant: Variant = {
  name: "quadratic coupling by hand (autodiff)",
  interaction: (graph, { coupling }) =>
    defineTerm({
      name: `my interaction(${graph.label})`,
      // Σ_e J·J_e ‖ψ_src(e) − ψ_dst(e)‖², each undirected edge once; no gradient given: autodiff differentiates it.
      energy: (psi) => tf.mul(tf.sum(tf.mul(edgeWeights(graph), tf.sum(tf.square(edgeDifferences(psi, graph)), 1, true))), coupling),
    }),
};

export default variant;

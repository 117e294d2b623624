/**
 * The essay claims' shared design on the ambient model (moved from their records' common module,
 * claims/essay-common, so that the claims, notebook 16's figures and the notebook take it from here): the margin of
 * a security effect, the grid every essay experiment shares (noise T, decay γ, coupling κ, degree k) with its reasons,
 * the memo tags and step of a cell's choice, and the networks the runs draw.
 */
import { fold, type Key } from "../../engine/random";
import { ambientGraph, type NetworkOf } from "./networks";

/** The smallest change of a rate treated as a security effect: one run in ten. */
export const ESSAY_MARGIN = 0.1;

/**
 * The noise T: the essay's "ambient entropy" has no temperature. 0.5 first: the noise every essay experiment runs
 * at, where thermal noise alone displaces a held value on small networks.
 */
export const NOISE = {
  values: [0.5, 0.05],
  why: [
    "the noise every essay experiment runs at (the headline): entropy that is ambient, not " +
      "negligible: thermal noise alone displaces a held value on a network of 32 in a few runs in ten",
    "low noise, T = b/20 (a twentieth of the holding depth): the dynamics nearly deterministic, the field's own drift decides",
  ],
};

/** The model's κ and degree a cell sets: {@link COUPLING} and {@link DEGREE}, the model's 1 and 6 where they do not apply. */
export interface AmbientChoice {
  coupling: number;
  degree: number;
}

/** The model's own κ and degree (the first values of {@link COUPLING} and {@link DEGREE}). */
export const MODEL_CHOICE: AmbientChoice = { coupling: 1, degree: 6 };

/**
 * The network of n nodes and degree `degree` (6) drawn from `graph`: one per size and block (fold(fold(graph, n), b);
 * an experiment that draws a network per run passes the run as its block), released by the experiment.
 */
export const networkFrom =
  (graph: Key, degree = MODEL_CHOICE.degree): NetworkOf =>
  (n: number, block = 0) =>
    ambientGraph(n, fold(fold(graph, n), block), degree);

/**
 * The decay γ: the essay names decay as its mechanism ("diffusion, decay, and replacement"; detached states
 * "dissolve") without a rate. γ = 0 is not a value of it (no decay is not the essay's mechanism); it is the ablation
 * the claims' byConstruction argue from.
 */
export const DECAY = {
  values: [0.1, 0.3],
  why: [
    "decay time 1/γ = 10, the finality horizon H: decay acts on the time scale the claims are read at (the model's default)",
    "three times faster, still below the holding depth: a fully participating node holds ψ*² = 1 − γ/b = 0.7",
  ],
};

/** The noise and decay of the headline cell: κ and the degree are varied there, one at a time. */
const HEADLINE = { T: [NOISE.values[0]!], gamma: [DECAY.values[0]!] } as const;

/**
 * The coupling κ/b between participants, relative to the holding depth: the essay's "local interactions resolve
 * globally through diffusion" fixes neither its strength nor its balance with presence (sixth-edition referee: not a
 * unit choice, since b sets the unit and κ/b is left). Varied at the headline noise and decay, one factor at a time:
 * the three values span a factor of 4 in the pull of a node's neighbours (κ·k = 3, 6 and 12 against its own well's b = 1).
 */
export const COUPLING = {
  values: [1, 0.5, 2],
  why: [
    "coupling and holding on one scale (κ = b): the model's, neither dominating",
    "holding ahead (κ = b/2): a participant's own well counts for more against its neighbours' pull, diffusion weaker",
    "coupling ahead (κ = 2b): the neighbours' pull dominates, the field moves more as one (the step halved: h = 0.025)",
  ],
  when: HEADLINE,
};

/**
 * The degree k of the Watts–Strogatz network: the model's 6, and §3.3's 4 (nx.watts_strogatz_graph(N, k=4, p=0.1)).
 * Varied at the headline cell and κ = 1.
 */
export const DEGREE = {
  values: [6, 4],
  why: [
    "six neighbours: the model's choice when it was built",
    "four neighbours, the proposal's §3.3 graph: fewer neighbours to restore a displaced node",
  ],
  when: { kappa: [1] },
};

/** The ambient model's decay γ, the first value of {@link DECAY}: what an essay experiment runs at when no cell sets it. */
export const MODEL_DECAY = 0.1;

/**
 * The memo tag of a decay: "" at the model's γ, so the memo keys (and the notebooks' calls without a γ) are the ones
 * they were before γ was a grid parameter; " γ=…" otherwise.
 */
export const gammaTag = (decay: number): string => (decay === MODEL_DECAY ? "" : ` γ=${decay}`);

/**
 * The memo tag of a choice: "" at the model's (so the memo keys of the cells that existed before κ and the degree
 * were grid parameters are the ones they were), " κ=…" and " k=…" otherwise.
 */
export const choiceTag = (c: AmbientChoice): string =>
  (c.coupling === MODEL_CHOICE.coupling ? "" : ` κ=${c.coupling}`) + (c.degree === MODEL_CHOICE.degree ? "" : ` k=${c.degree}`);

/** The step of the model: 0.05, shortened to 0.05/κ above κ = 1 (λ_max of the coupling grows with κ; h·λ_max stays ≤ 1.2). */
export const stepAt = (coupling: number): number => 0.05 / Math.max(1, coupling);

/** The simulation constants of a choice: its κ and the step that keeps it stable. */
export const constantsOf = (c: AmbientChoice): { coupling: number; dt: number } => ({ coupling: c.coupling, dt: stepAt(c.coupling) });

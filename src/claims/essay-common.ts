/**
 * What the essay's claim files share (essay-finality.ts, essay-value.ts, essay-adversaries.ts): the notebook, the
 * model in a sentence, the open choices every essay experiment has (the noise T, the decay γ) as grid parameters
 * with their reasons, the per-replicate random network, and the memo that lets claims reading one experiment share
 * one run per replicate.
 *
 * The essay gives no equations. Its own mechanism is named in words ("local interactions resolve globally through
 * diffusion, decay, and replacement"; states that detach from participation dissolve; presence is load-bearing);
 * the ambient model (src/studies/ambient/simulate.ts) is that mechanism made concrete: participants coupled to their
 * neighbours (diffusion), a decay term toward neutral (decay), holding wells weighted by participation (presence),
 * thermal noise (ambient entropy). A verdict is about that model; where the model contains what a claim asserts,
 * the claim's `byConstruction` says so.
 */
import { fold, key as makeKey, type Key } from "../engine/random";
import { ambientGraph, type NetworkOf } from "../studies/ambient/ambient-experiments";
import type { Proportion } from "../stats/binomial";
import { rateEvidence } from "./decide";
import { cachedExperiment } from "./measure-cache";
import { streamKey } from "./streams";
import type { Evidence, GridParameter, MeasureContext } from "./types";

export const NOTEBOOK = "notebooks/16-finality-through-ambient-entropy.ipynb";

export const MODEL =
  "The ambient model (src/studies/ambient/simulate.ts), the essay's 'diffusion, decay, and replacement' made concrete: Langevin dynamics of a value field ψ on a Watts–Strogatz network ws:N:k:0.1 drawn afresh for every replicate, participation coupling κ, holding wells of depth b = 1 weighted by participation, decay γ toward neutral, noise T, step h = 0.05 (0.05/κ above κ = 1, where the explicit step would otherwise be unstable). The essay names none of these: b = 1 sets the units (the wells' minima at ψ = ±1, energy in the holding depth), so T, γ and κ are read as T/b, γ/b and κ/b. The grid varies T and γ; at the headline T = 0.5, γ = 0.1 it also varies κ/b ∈ {1, ½, 2} (coupling and holding on one scale, holding ahead, coupling ahead) and, at κ = 1, the degree k ∈ {6, 4} (the model's 6, and the 4 of §3.3's graph); the network is the proposal's §3.3 family (Watts–Strogatz, rewiring 0.1, the only network either text names); h is a numerical step, not part of the mechanism";

/** The smallest change of a rate treated as a security effect: one run in ten. */
export const ESSAY_MARGIN = 0.1;

/** "Holds the value" against "lost it": more likely than not, or a value beyond ½, the A/neutral boundary. */
export const MAJORITY = 0.5;

/**
 * The noise T: the essay's "ambient entropy" has no temperature. 0.5 first: the noise every essay experiment runs
 * at, where thermal noise alone displaces a held value on small networks.
 */
export const TEMPERATURE: GridParameter = {
  values: [0.5, 0.05],
  why: [
    "the noise every essay experiment runs at (the headline): entropy that is ambient, not negligible: thermal noise alone displaces a held value on a network of 32 in a few runs in ten",
    "low noise, T = b/20 (a twentieth of the holding depth): the dynamics nearly deterministic, the field's own drift decides",
  ],
};

/**
 * The decay γ: the essay names decay as its mechanism ("diffusion, decay, and replacement"; detached states
 * "dissolve") without a rate. γ = 0 is not a value of it (no decay is not the essay's mechanism); it is the ablation
 * the claims' byConstruction argue from.
 */
export const DECAY: GridParameter = {
  values: [0.1, 0.3],
  why: [
    "decay time 1/γ = 10, the finality horizon H: decay acts on the time scale the claims are read at (the model's default)",
    "three times faster, still below the holding depth: a fully participating node holds ψ*² = 1 − γ/b = 0.7",
  ],
};

/** The noise and decay of the headline cell: κ and the degree are varied there, one at a time. */
const HEADLINE = { T: [TEMPERATURE.values[0]!], gamma: [DECAY.values[0]!] } as const;

/**
 * The coupling κ/b between participants, relative to the holding depth: the essay's "local interactions resolve
 * globally through diffusion" fixes neither its strength nor its balance with presence (sixth-edition referee: not a
 * unit choice, since b sets the unit and κ/b is left). Varied at the headline noise and decay, one factor at a time:
 * the three values span a factor of 4 in the pull of a node's neighbours (κ·k = 3, 6 and 12 against its own well's b = 1).
 */
export const COUPLING: GridParameter = {
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
export const DEGREE: GridParameter = {
  values: [6, 4],
  why: [
    "six neighbours: the model's choice when it was built",
    "four neighbours, the proposal's §3.3 graph: fewer neighbours to restore a displaced node",
  ],
  when: { kappa: [1] },
};

/** The model's κ and degree a cell sets: {@link COUPLING} and {@link DEGREE}, the model's 1 and 6 where they do not apply. */
export interface AmbientChoice {
  coupling: number;
  degree: number;
}

/** The model's own κ and degree (the first values of {@link COUPLING} and {@link DEGREE}). */
export const MODEL_CHOICE: AmbientChoice = { coupling: 1, degree: 6 };

/** The cell's κ and degree: its `kappa` and `degree`, or the model's where the cell has none. */
export function choiceAt(ctx: MeasureContext): AmbientChoice {
  const { kappa, degree } = ctx.cell;
  return {
    coupling: kappa === undefined ? MODEL_CHOICE.coupling : Number(kappa),
    degree: degree === undefined ? MODEL_CHOICE.degree : Number(degree),
  };
}

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

/** The ambient model's decay γ, the first value of {@link DECAY}: what an essay experiment runs at when no cell sets it. */
export const MODEL_DECAY = 0.1;

/**
 * The memo tag of a decay: "" at the model's γ, so the memo keys (and the notebooks' calls without a γ) are the ones
 * they were before γ was a grid parameter; " γ=…" otherwise.
 */
export const gammaTag = (decay: number): string => (decay === MODEL_DECAY ? "" : ` γ=${decay}`);

/** A grid value as a number. */
export const at = (ctx: MeasureContext, name: string): number => Number(ctx.cell[name]);

/** A rate as evidence, with its Wilson interval. */
export const ev = (name: string, p: Proportion): Evidence => rateEvidence(name, p.k, p.n);

/**
 * Claim `id`'s two named streams at `seed` and `replicate`, as measureContext draws them: its runs, and its network per
 * size (`graph`). The essay experiments shared with notebook 16 take a seed and a replicate and draw these.
 */
export function claimStreams(id: string, seed: number, replicate: number): { runs: Key; graph: Key } {
  return { runs: streamKey(id, "runs", seed, replicate), graph: streamKey(id, "graph", seed, replicate) };
}

/** The network of n nodes and degree `degree` (6) drawn from `graph` (one per size: fold(graph, n)), released by the experiment. */
export const networkFrom =
  (graph: Key, degree = MODEL_CHOICE.degree): NetworkOf =>
  (n: number) =>
    ambientGraph(n, fold(graph, n), degree);

/** FNV-1a of a string (as the registry names its streams). */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A stream shared by the essay claims that read one experiment (the detachment runs): like `ctx.key(name)` it
 * changes with `--seed` and with every replicate (so every replicate draws its own network), but it is the same for
 * each claim that reads it, so they read one run per replicate and cell whichever of them is measured first.
 */
export function sharedStream(ctx: MeasureContext, name: string): Key {
  const base = makeKey(fnv(`essay/${name}`));
  return ctx.seed === 0 && ctx.replicate === 0 ? base : fold(fold(base, ctx.seed), ctx.replicate);
}

const memo = new Map<string, unknown>();

/**
 * `compute()` once per experiment, design and stream: `what` names the experiment and its settings, `streams` are
 * the keys it draws from (so another replicate, seed or cell is another run). Deterministic: a hit returns what the
 * same inputs computed. Once per process, and once per test run through the disk cache (./measure-cache
 * cachedExperiment), so a notebook's figure and the claim it draws read one run.
 */
export function memoised<T>(what: string, streams: readonly Key[], compute: () => T): T {
  const id = `${what}|${streams.map((k) => `${k[0]}.${k[1]}`).join("|")}`;
  if (!memo.has(id)) memo.set(id, cachedExperiment(what, streams, compute));
  return memo.get(id) as T;
}

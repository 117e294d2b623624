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
  "The ambient model (src/studies/ambient/simulate.ts), the essay's 'diffusion, decay, and replacement' made concrete: Langevin dynamics of a value field ψ on a Watts–Strogatz network ws:N:6:0.1 drawn afresh for every replicate, participation coupling κ = 1, holding wells of depth b = 1 weighted by participation, decay γ toward neutral, noise T, step h = 0.05. Held fixed, each said (the fifth-edition referee: the essay names none of them): κ = b = 1 set the units (the wells' minima at ψ = ±1, energy in the holding depth), so T and γ, the grid, are read as T/b and γ/b, and κ/b = 1 puts coupling and holding on one scale, neither dominating (not gridded: its effect is not measured); the network is the proposal's §3.3 family (Watts–Strogatz, rewiring 0.1, the only network either text names), with degree 6 where §3.3 has 4 (the model's choice when it was built, not varied); h is a numerical step, not part of the mechanism";

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

/** The network of n nodes drawn from `graph` (one per size: fold(graph, n)), released by the experiment. */
export const networkFrom =
  (graph: Key): NetworkOf =>
  (n: number) =>
    ambientGraph(n, fold(graph, n));

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

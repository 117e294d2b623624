/**
 * The essay claims' shared design on the ambient model (moved from their records' common module,
 * claims/essay-common, so that the claims, notebook 16's figures and the notebook take it from here): the margin of
 * a security effect, the noise grid with its reasons, the model's κ and degree, and the networks the runs draw.
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

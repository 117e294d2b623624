/**
 * Every canonical figure, one file per notebook. To add the figures of another notebook, write
 * `src/figures/nbNN-topic.ts` exporting `figures: FigureSpec[]` and add one import and one spread below.
 */
import { ArgumentError } from "../errors";
import type { FigureSpec } from "./types";
import { figures as nb00 } from "./nb00-overview";
import { figures as nb01 } from "./nb01-hamiltonian";
import { figures as nb02 } from "./nb02-langevin";
import { figures as nb03 } from "./nb03-ising";
import { figures as nb04 } from "./nb04-ricci";
import { figures as nb05 } from "./nb05-merkle";
import { figures as nb06 } from "./nb06-cooling";
import { figures as nb08 } from "./nb08-pipeline";
import { figures as nb09 } from "./nb09-lemma";
import { figures as nb10 } from "./nb10-reference";
import { figures as nb17 } from "./nb17-performance";
// Notebooks 11–16 and 18.
import { figures as nb11 } from "./nb11-adversaries";
import { figures as nb12 } from "./nb12-scale";
import { figures as nb13 } from "./nb13-traps";
import { figures as nb14 } from "./nb14-energy";
import { figures as nb15 } from "./nb15-neuromorphic";
import { figures as nb16 } from "./nb16-ambient";
import { figures as nb18 } from "./nb18-prototype";

export const FIGURES: readonly FigureSpec[] = Object.freeze([
  ...nb00,
  ...nb01,
  ...nb02,
  ...nb03,
  ...nb04,
  ...nb05,
  ...nb06,
  ...nb08,
  ...nb09,
  ...nb10,
  ...nb11,
  ...nb12,
  ...nb13,
  ...nb14,
  ...nb15,
  ...nb16,
  ...nb17,
  ...nb18,
]);

/**
 * The figures with these ids (all when omitted); an unknown id is an {@link ArgumentError} listing the known ones.
 *
 * @example
 * ```ts
 * selectFigures(["ising-energy"])[0].section; // → "2.1"
 * try {
 *   selectFigures(["no-such-figure"]);
 * } catch (e) {
 *   console.log(e instanceof ArgumentError); // → true
 * }
 * ```
 */
export function selectFigures(ids?: readonly string[], figures: readonly FigureSpec[] = FIGURES): FigureSpec[] {
  if (ids === undefined) return [...figures];
  return ids.map((id) => {
    const found = figures.find((f) => f.id === id);
    if (!found) throw new ArgumentError("emtd/figures", "id", `one of ${figures.map((f) => f.id).join(", ")}`, id);
    return found;
  });
}

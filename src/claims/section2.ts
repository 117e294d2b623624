/**
 * Claims of the proposal's §2: the three isomorphisms of §2.1 (Ising, Ricci flow, Merkle-DAG) and the thermodynamic
 * cooling of §2.2, measured with the functions notebooks 03–06 call (the cooling runs through
 * `protocol/cooling-study.ts`, shared with notebook 06's figures), at sizes that take a few seconds.
 *
 * Each claim has two readings (issue 20): the literal one (what the words say) and the strongest reasonable one (the
 * version a fair reader would defend: the charitable mechanism, the model where the claim has a chance); the headline
 * verdict is the strongest reading's. Where the two readings need different models (the injecting node pinned or
 * free), each claim's `model` says both.
 *
 * One rule for symmetric outcomes, shared with the essay's e-double-spend: which of two symmetric values a quench
 * lands on is a coin flip and no part of a claim; whether agreement forms is.
 */
import type { Claim } from "./types";
import { claims as ising } from "./section2-ising";
import { claims as merkle } from "./section2-merkle";
import { claims as cooling } from "./section2-cooling";

export { isingEnergyClaim, isingAlignment, isingThermalNoise, ricciSmoothing } from "./section2-ising";
export { merkleImmutability, merkleMass, merkleDiffusion } from "./section2-merkle";
export { bftQuadratic, diffusionMessages, crystallisation, annealingRole, diffusionPropagates } from "./section2-cooling";

/** §2's claims in document order (the files are split by topic to stay under 600 lines each). */
export const claims: Claim[] = [...ising, ...merkle, ...cooling];

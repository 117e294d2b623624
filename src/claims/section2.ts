/**
 * Claims of the proposal's §2: the three isomorphisms of §2.1 (Ising, Ricci flow, Merkle-DAG) and the thermodynamic
 * cooling of §2.2, measured with the functions notebooks 03–06 call (the cooling runs through
 * `studies/protocol/cooling-study.ts`, shared with notebook 06's figures), at sizes that take a few seconds.
 *
 * Each claim has one faithful reading (issue 34): the text's own mechanism. Where the text has two mechanisms for one
 * thing (the §1.3 averaging flow and the §3.3 copy-and-accept rule both "diffuse"), both are cells of the claim's
 * grid (`update`); what would make a claim true with another mechanism (a pinned injecting node, logarithmic
 * cooling, an inverse Ricci flow) is a repair, measured beside the verdict.
 *
 * One rule for symmetric outcomes, shared with the essay's e-double-spend: which of two symmetric values a quench
 * lands on is a coin flip and no part of a claim; whether agreement forms is.
 */
import type { Claim } from "./machinery/types";
import { isingEnergyClaim } from "./section2-ising-energy";
import { claims as ising } from "./section2-ising";
import { claims as ricci } from "./section2-ricci";
import { claims as merkle } from "./section2-merkle";
import { claims as cooling } from "./section2-cooling";
import { claims as annealing } from "./section2-annealing";
import { diffusionPropagates } from "./section2-propagates";

export { isingEnergyClaim } from "./section2-ising-energy";
export { isingAlignment, isingThermalNoise } from "./section2-ising";
export { ricciSmoothing } from "./section2-ricci";
export { merkleImmutability, merkleMass, merkleDiffusion } from "./section2-merkle";
export { bftQuadratic, diffusionMessages, messagesOfCell } from "./section2-messages";
export { crystallisation } from "./section2-cooling";
export { annealingRole } from "./section2-annealing";
export { diffusionPropagates } from "./section2-propagates";

/** §2's claims in document order (the files are split by topic to stay under 600 lines each). */
export const claims: Claim[] = [isingEnergyClaim, ...ising, ...ricci, ...merkle, ...cooling, ...annealing, diffusionPropagates];

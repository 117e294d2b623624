/**
 * Claims of the proposal's §3, second edition: the executable pipeline (§3.1), each step of Lemma 1 (§3.2) and the
 * reference code (§3.3), measured with the functions notebooks 08–10 call. The files are split by topic to stay under
 * 600 lines each; this module lists them in document order.
 */
import type { Claim } from "./machinery/types";
import { claims as pipeline } from "./section3-pipeline";
import { claims as lemma } from "./section3-lemma";
import { claims as kernels } from "./section3-kernels";
import { claims as reference } from "./section3-reference";

export { pipelineVerification, finalityByTemperature } from "./section3-pipeline";
export { lemmaStep1, lemmaStep2 } from "./section3-lemma";
export { lemmaStep4, lemmaStep5, lemmaGroundState } from "./section3-kernels";
export { referenceHeatEquation, referenceAnnealing } from "./section3-reference";

/** §3's claims in document order. */
export const claims: Claim[] = [...pipeline, ...lemma, ...kernels, ...reference];

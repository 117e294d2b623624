/**
 * The essay "Finality through ambient entropy", claim by claim, second edition (issue 34; the rubric is
 * shared/VERDICTS.md), measured on the ambient model (src/studies/ambient/): one reading per claim, about the essay's own
 * mechanism (diffusion, decay, replacement, load-bearing presence) as the model makes it concrete, with the open
 * choices (noise T, decay γ, participation w, the attacker) as grids. The claims live by topic:
 *
 * - ./essay-finality: finality diffuses;
 * - ./essay-persistence: something persists, conflicts resolve globally;
 * - ./essay-value: detached states dissolve, identity and value only while participating, not stolen or hoarded;
 * - ./essay-adversaries: scale thickens the air, Sybils;
 * - ./essay-byzantine: no history, no Byzantine problem;
 * - ./essay-common: the shared grid parameters, network, streams and memo.
 */
import type { Claim } from "./machinery/types";
import { claims as field } from "./essay-finality";
import { claims as persisting } from "./essay-persistence";
import { claims as value } from "./essay-value";
import { claims as adversaries } from "./essay-adversaries";
import { claims as byzantine } from "./essay-byzantine";

export { ESSAY_MARGIN } from "./essay-common";

const byId = new Map([...field, ...persisting, ...value, ...adversaries, ...byzantine].map((c) => [c.id, c]));

/** The essay's claims in the essay's order (ids are a contract). */
export const claims: Claim[] = [
  "e-finality-diffuses",
  "e-detached-dissolve",
  "e-identity-participation",
  "e-not-stolen-hoarded",
  "e-value-circulates",
  "e-scale-thickens",
  "e-sybil",
  "e-persistence",
  "e-double-spend",
  "e-no-byzantine",
].map((id) => byId.get(id)!);

/**
 * Claims that read one experiment per replicate and cell (essay-value's detachment runs, memoised in the process
 * that measures them): a run that spreads claims over processes keeps each list in one, so the runs are made once.
 */
export const sharedRuns: ReadonlyArray<readonly string[]> = [value.map((c) => c.id)];

/** Claims by id, for notebooks. */
export const essayClaims: Record<string, Claim> = Object.fromEntries(claims.map((c) => [c.id, c]));

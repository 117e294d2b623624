/**
 * Claims of §4.2 (metastable traps, re-heating, "quantum tunnelling"), §4.3 (Landauer, energy and entropy, "Proof of
 * Physics") and §4.4 (Hebbian learning, neuromorphic substrate), second edition (issue 34), split by topic:
 * ./section4-traps, ./section4-tunnelling, ./section4-energy, ./section4-neuro. This file lists them in document order.
 */
import type { Claim } from "./machinery/types";
import { claims as traps } from "./section4-traps";
import { claims as tunnelling } from "./section4-tunnelling";
import { claims as energy } from "./section4-energy";
import { claims as neuro } from "./section4-neuro";

export const claims: Claim[] = [...traps, ...tunnelling, ...energy, ...neuro];

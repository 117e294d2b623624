/**
 * Named random streams (issue 34): a stream is keyed by its owner (a claim's id, or a shared experiment's name) and
 * its name, folded with `--seed` and the replicate, so every replicate draws its own graphs and runs, and a stream
 * does not depend on which other claims were measured before it.
 */
import { fold, key, type Key } from "../../engine/random";
import { ArgumentError } from "../../errors";

/** FNV-1a of a string: the 32-bit number a named stream is keyed by. */
function streamNumber(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The key of stream `name` of `owner` at a seed and replicate: `key(fnv(owner/name))` at seed 0, replicate 0,
 * otherwise folded with both.
 *
 * @example
 * ```ts
 * [...streamKey("p1.1-state-tensor", "graph", 0, 0)]; // → [1020716019, 2350362440] (key(fnv("p1.1-state-tensor/graph")))
 * ```
 */
export function streamKey(owner: string, name: string, seed: number, replicate: number): Key {
  if (typeof name !== "string" || name === "")
    throw new ArgumentError("emtd/claims/streams", "stream", "a non-empty stream name", String(name));
  const base = key(streamNumber(`${owner}/${name}`));
  return seed === 0 && replicate === 0 ? base : fold(fold(base, seed), replicate);
}

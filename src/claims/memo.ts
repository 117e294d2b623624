/** Results memoised per measure context: two claims that read one experiment run it once per seed and replicate. */
import { observed } from "./mechanism";
import type { MeasureContext, Part } from "./types";

/**
 * Wraps an experiment so that it runs once per measure context (seed, replicate and mechanism) in this process:
 * claims that read the same experiment share one run, and every replicate and every variant still gets its own. The
 * parts of the mechanism the experiment read are read again on each reuse, so a claim's reads are its own.
 */
export function perContext<T>(compute: (ctx: MeasureContext) => T): (ctx: MeasureContext) => T {
  const cache = new Map<string, { value: T; read: Part[] }>();
  return (ctx) => {
    const id = `${ctx.seed}/${ctx.replicate}/${ctx.mechanism.key}`;
    let hit = cache.get(id);
    if (!hit) {
      const read = new Set<Part>();
      const value = compute({ ...ctx, key: ctx.key, mechanism: observed(ctx.mechanism, (p) => read.add(p)) });
      hit = { value, read: [...read] };
      cache.set(id, hit);
    }
    for (const part of hit.read) void ctx.mechanism[part];
    return hit.value;
  };
}

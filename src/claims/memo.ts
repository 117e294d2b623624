/** Results memoised per measure context: two claims that read one experiment run it once per seed and replicate. */
import type { MeasureContext } from "./types";

/**
 * Wraps an experiment so that it runs once per measure context (seed and replicate) in this process: claims that
 * read the same experiment share one run, and every replicate still gets its own.
 */
export function perContext<T>(compute: (ctx: MeasureContext) => T): (ctx: MeasureContext) => T {
  const cache = new Map<string, T>();
  return (ctx) => {
    const id = `${ctx.seed}/${ctx.replicate}`;
    if (!cache.has(id)) cache.set(id, compute(ctx));
    return cache.get(id)!;
  };
}

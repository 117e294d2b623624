/** Results memoised: per measure context (`perContext`), and per experiment, design and stream (`memoised`). */
import type { Key } from "../../engine/random";
import { cachedExperiment } from "./measure-cache";
import { observed } from "./mechanism";
import { streamKey } from "./streams";
import type { MeasureContext, Part } from "./types";

/**
 * Wraps an experiment named `name` so that it runs once per measure context (seed, replicate, mechanism and grid
 * cell) in this process: claims that read the same experiment share one run, and every replicate, cell and variant
 * still gets its own. Its random streams are the experiment's own (`streamKey(name, …)`), not the calling claim's,
 * so the numbers do not depend on which claim asked first. The parts of the mechanism the experiment read are read
 * again on each reuse, so a claim's reads are its own.
 */
export function perContext<T>(name: string, compute: (ctx: MeasureContext) => T): (ctx: MeasureContext) => T {
  const cache = new Map<string, { value: T; read: Part[] }>();
  return (ctx) => {
    const id = `${ctx.seed}/${ctx.replicate}/${ctx.mechanism.key}/${JSON.stringify(ctx.cell)}`;
    let hit = cache.get(id);
    if (!hit) {
      const read = new Set<Part>();
      const value = compute({
        ...experimentContext(name, ctx),
        mechanism: observed(ctx.mechanism, (p) => read.add(p)),
      });
      hit = { value, read: [...read] };
      cache.set(id, hit);
    }
    for (const part of hit.read) void ctx.mechanism[part];
    return hit.value;
  };
}

/**
 * `ctx` as the shared experiment `name` sees it: its `key` gives the experiment's own streams (`streamKey(name, …)`
 * at ctx's seed and replicate), the same for every claim that reads the experiment.
 */
export function experimentContext(name: string, ctx: MeasureContext): MeasureContext {
  return { ...ctx, key: (stream: string) => streamKey(name, stream, ctx.seed, ctx.replicate) };
}

const memo = new Map<string, unknown>();

/**
 * `compute()` once per experiment, design and stream: `what` names the experiment and its settings, `streams` are
 * the keys it draws from (so another replicate, seed or cell is another run). Deterministic: a hit returns what the
 * same inputs computed. Once per process, and once per test run through the disk cache (./measure-cache
 * cachedExperiment), so a notebook's figure and the claim it draws read one run.
 */
export function memoised<T>(what: string, streams: readonly Key[], compute: () => T): T {
  const id = `${what}|${streams.map((k) => `${k[0]}.${k[1]}`).join("|")}`;
  if (!memo.has(id)) memo.set(id, cachedExperiment(what, streams, compute));
  return memo.get(id) as T;
}

/**
 * Memory budget: refuse before allocating what cannot fit. Estimates are per node and per edge, measured on
 * node 20 (bytes, peak of construction rounded up; see the comments), compared against the memory this machine has:
 * typed arrays against min(¾ of total memory, available memory), graphology objects against V8's heap limit too.
 */
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import { ResourceError } from "../errors";

/** Bytes per edge and per node of a graph packed in typed arrays (ring/ws/torus built directly: ~23–89 B/edge measured). */
export const PACKED_BYTES_PER_EDGE = 96;
export const PACKED_BYTES_PER_NODE = 64;
/**
 * Bytes per node of a structured graph (the ring lattice, the torus: graph/direct.ringGraph, torusGraph): it holds no index arrays, only
 * the float64 degrees once read; its edge arrays, when something reads them, are checked as a packed graph then.
 */
export const STRUCTURED_BYTES_PER_NODE = 8;
/** Heap bytes per edge and per node of a graphology graph (er/ba/complete: 250–365 B/edge measured), before packing. */
export const GRAPHOLOGY_HEAP_PER_EDGE = 400;
export const GRAPHOLOGY_HEAP_PER_NODE = 400;
/** graphology keeps edges in a Map, and a V8 Map holds at most 2²⁴ entries. */
export const GRAPHOLOGY_MAX_EDGES = 2 ** 24;

/**
 * Available memory: MemAvailable from /proc/meminfo where there is one, else os.freemem().
 *
 * @example
 * ```ts
 * const gib = availableMemory() / 2 ** 30; // bytes → GiB; depends on the machine
 * gib > 0; // → true
 * ```
 */
export function availableMemory(): number {
  try {
    const line = fs.readFileSync("/proc/meminfo", "utf8").match(/^MemAvailable:\s+(\d+) kB/m);
    if (line) return Number(line[1]) * 1024;
  } catch {
    // not Linux
  }
  return os.freemem();
}

/**
 * The limit for typed-array allocations, with how it was set (for the message).
 *
 * @example
 * ```ts
 * const { bytes, source } = memoryLimit();
 * [bytes > 0, source]; // → [true, …] ("¾ of this machine's memory", or "memory available now" when less is free)
 * ```
 */
export function memoryLimit(): { bytes: number; source: string } {
  const threeQuarters = 0.75 * os.totalmem();
  const available = availableMemory();
  return available < threeQuarters
    ? { bytes: available, source: "memory available now" }
    : { bytes: threeQuarters, source: "¾ of this machine's memory" };
}

/**
 * Throw a {@link ResourceError} when `bytes` of typed arrays (and `heapBytes` of JS objects) cannot fit.
 *
 * @example
 * ```ts
 * try {
 *   checkFits("emtd/graph", "graph ring:1000000000:2", 960e9);
 * } catch (error) {
 *   (error as Error).message; // → "emtd/graph: graph ring:1000000000:2 needs about 894 GiB but the limit is … (…); choose a smaller size" (the limit and its source depend on the machine)
 * }
 * ```
 */
export function checkFits(where: string, what: string, bytes: number, heapBytes = 0): void {
  const limit = memoryLimit();
  if (bytes + heapBytes > limit.bytes) throw new ResourceError(where, what, bytes + heapBytes, limit.bytes, limit.source);
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  if (heapBytes > heapLimit)
    throw new ResourceError(where, what, heapBytes, heapLimit, "node's JS heap limit; raise it with NODE_OPTIONS=--max-old-space-size=MB");
}

/**
 * Estimated bytes of a graph with `nodes` and `edges`, built directly (packed) or through graphology, or structured
 * (a ring lattice or torus: no index arrays, {@link STRUCTURED_BYTES_PER_NODE}).
 *
 * @example
 * ```ts
 * graphBytes(1000, 2000, false); // → { bytes: 256000, heapBytes: 0 }
 * graphBytes(1000, 2000, true); // → { bytes: 256000, heapBytes: 1200000 } (graphology's JS objects as well)
 * graphBytes(1000, 2000, false, true); // → { bytes: 8000, heapBytes: 0 } (structured: degrees only)
 * ```
 */
export function graphBytes(nodes: number, edges: number, viaGraphology: boolean, structured = false): { bytes: number; heapBytes: number } {
  if (structured) return { bytes: nodes * STRUCTURED_BYTES_PER_NODE, heapBytes: 0 };
  const bytes = nodes * PACKED_BYTES_PER_NODE + edges * PACKED_BYTES_PER_EDGE;
  return { bytes, heapBytes: viaGraphology ? nodes * GRAPHOLOGY_HEAP_PER_NODE + edges * GRAPHOLOGY_HEAP_PER_EDGE : 0 };
}

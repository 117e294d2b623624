/** Wall-clock timing for the benchmarks (never used by tests). */
import { availableParallelism } from "node:os";
import { configureThreads, parallelThreshold, threadCount } from "../engine";
import { median } from "../stats/summary";

export interface Timing {
  /** Median milliseconds per call over the timed repetitions. */
  median: number;
  /** Fastest call. */
  min: number;
  reps: number;
}

/**
 * Time `body` `reps` times after `warmup` untimed calls (JIT, caches) and return the median and minimum. The
 * median is the figure reported: on a shared machine the minimum flatters and the mean follows the neighbours.
 * Ten warm-up calls by default: the fused Langevin step through tfjs reaches its steady speed after ≈ 10–15 calls
 * (V8 optimising the JavaScript around the kernels), and a run is thousands of steps.
 */
export function time(body: () => void, reps: number, warmup = Math.min(10, reps)): Timing {
  for (let i = 0; i < warmup; i++) body();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    body();
    samples.push(performance.now() - t0);
  }
  return { median: median(samples), min: Math.min(...samples), reps };
}

/**
 * {@link time} with the kernels' rows split over `threads` threads (every size, no threshold), the previous thread
 * configuration restored afterwards.
 */
export function timeOnThreads(threads: number, body: () => void, reps: number): Timing {
  const before = threadCount();
  const threshold = parallelThreshold();
  configureThreads({ threads, threshold: 0 });
  try {
    return time(body, reps);
  } finally {
    configureThreads({ threads: before, threshold });
  }
}

/** {@link timeOnThreads} on two threads; null on a one-core machine. */
export function timeOnTwoThreads(body: () => void, reps: number): Timing | null {
  return availableParallelism() < 2 ? null : timeOnThreads(2, body, reps);
}

/**
 * `body` timed on each thread count of `threads` in turn, `rounds` times over ({@link timeOnThreads}'s
 * configuration per turn): each count's median over all its timed calls, `reps` a turn after two warm-up calls.
 * Interleaving puts every count under the same conditions on a shared machine, where timing one count after
 * the other measures the neighbours' load as much as the threads.
 */
export function timeThreadsInterleaved(threads: readonly number[], body: () => void, reps: number, rounds = 5): Timing[] {
  const before = threadCount();
  const threshold = parallelThreshold();
  const samples = threads.map(() => [] as number[]);
  try {
    for (let r = 0; r < rounds; r++) {
      threads.forEach((count, i) => {
        configureThreads({ threads: count, threshold: 0 });
        for (let w = 0; w < (r === 0 ? Math.min(10, reps) : 2); w++) body();
        for (let k = 0; k < reps; k++) {
          const t0 = performance.now();
          body();
          samples[i]!.push(performance.now() - t0);
        }
      });
    }
  } finally {
    configureThreads({ threads: before, threshold });
  }
  return samples.map((s) => ({ median: median(s), min: Math.min(...s), reps: s.length }));
}

/**
 * Several bodies timed in turn, `rounds` times over (`reps` timed calls each per turn, after warm-up calls in the
 * first round): each body's median over all its calls. Two paths compared as a ratio see the same machine.
 */
export function timeInterleaved(bodies: ReadonlyArray<() => void>, reps: number, rounds = 3): Timing[] {
  const samples = bodies.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    bodies.forEach((body, i) => {
      for (let w = 0; w < (r === 0 ? Math.min(10, reps) : 1); w++) body();
      for (let k = 0; k < reps; k++) {
        const t0 = performance.now();
        body();
        samples[i]!.push(performance.now() - t0);
      }
    });
  }
  return samples.map((s) => ({ median: median(s), min: Math.min(...s), reps: s.length }));
}

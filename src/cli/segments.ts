/**
 * The one segment loop of the resumable commands (`emtd sample`, `emtd ising` under `emtd run`): the run advances
 * in segments of about a quarter of a second (doubling while shorter, halving while longer), each ending at a
 * checkpoint boundary when one is due, so Ctrl-C and progress stay prompt. The numbers do not depend on the
 * segments: each resumes exactly (the key of step t is fold(key, t)).
 */
import type { RunSession } from "../command/command";

/** Segments shorter than this double; longer ones halve. */
const SEGMENT_SECONDS = 0.25;

/** One segment: advance from `from` (null: the start) to `until` steps; `done` when the run completed. */
export type Segment<C, R> = (from: C | undefined, until: number) => { done: R } | { paused: C };

/**
 * Drive `segment` from the session's checkpoint (decoded by `decode`) to `total` steps, saving each pause through
 * `session.segment` (encoded by `encode`); returns the completed run's value.

 */
export async function segmented<C, R>(
  session: RunSession,
  total: number,
  segment: Segment<C, R>,
  codec: { step: (checkpoint: C) => number; encode: (checkpoint: C) => unknown; decode: (encoded: unknown) => C },
): Promise<R> {
  let checkpoint: C | undefined = session.checkpoint ? codec.decode(session.checkpoint) : undefined;
  let length = 1;
  for (;;) {
    const done = checkpoint === undefined ? 0 : codec.step(checkpoint);
    const every = session.checkpointEvery || Math.max(1, Math.ceil(total / 20));
    const until = Math.min(total, done + length, (Math.floor(done / every) + 1) * every);
    const started = performance.now();
    const outcome = segment(checkpoint, until);
    if ("done" in outcome) return outcome.done;
    const next = outcome.paused;
    checkpoint = next;
    await session.segment(codec.step(next), total, () => codec.encode(next));
    if ((performance.now() - started) / 1000 < SEGMENT_SECONDS) length *= 2;
    else if (length > 1) length = Math.ceil(length / 2);
  }
}

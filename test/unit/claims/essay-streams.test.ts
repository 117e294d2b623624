/**
 * The essay's claims take their keys from `ctx.key` (issue 75, item 4): their own streams through `streamsOf(ctx)`,
 * the detachment runs the four value claims share through `experimentContext("essay", ctx)`. The keys must be the ones
 * the claims drew before, bit for bit, or every essay record would move: the old derivations are written out here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, type Key } from "../../../src/engine/random";
import { CLAIMS, measureContext } from "../../../src/claims/machinery/registry";
import { claimStreams, streamsOf } from "../../../src/claims/essay-common";
import { experimentContext } from "../../../src/claims/machinery/memo";

/** The old essay-common's own FNV-1a and folding (a copy of streams.ts'), as it keyed the shared detachment runs. */
function oldSharedStream(seed: number, replicate: number, name: string): Key {
  let h = 0x811c9dc5;
  const text = `essay/${name}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const base = key(h);
  return seed === 0 && replicate === 0 ? base : fold(fold(base, seed), replicate);
}

/** Each essay claim and the streams its measure draws: its own (runs, graph) or the shared detachment's. */
const STREAMS: Record<string, "own" | "detachment" | "none"> = {
  "e-finality-diffuses": "own",
  "e-persistence": "own",
  "e-double-spend": "own",
  "e-scale-thickens": "own",
  "e-sybil": "own",
  "e-no-byzantine": "own",
  "e-detached-dissolve": "detachment",
  "e-identity-participation": "detachment",
  "e-not-stolen-hoarded": "detachment",
  "e-value-circulates": "detachment",
};

const POINTS: [number, number][] = [
  [0, 0],
  [0, 1],
  [0, 19],
  [1, 0],
  [7, 3],
  [0xffffffff, 12],
];

test("the table names every essay claim of the registry", () => {
  const essay = CLAIMS.filter((c) => c.source === "essay").map((c) => c.id);
  assert.deepEqual([...essay].sort(), Object.keys(STREAMS).sort());
});

test("every essay claim's streams from ctx.key are the keys it drew before, at every seed and replicate", () => {
  let compared = 0;
  for (const [id, kind] of Object.entries(STREAMS)) {
    for (const [seed, replicate] of POINTS) {
      const ctx = measureContext(id, seed, replicate);
      if (kind === "own") {
        // Before: claimX(…, ctx.seed, ctx.replicate) drew claimStreams(id, seed, replicate).
        assert.deepEqual(streamsOf(ctx), claimStreams(id, seed, replicate), `${id} at seed ${seed}, replicate ${replicate}`);
        compared += 2;
      } else {
        const shared = experimentContext("essay", ctx);
        for (const name of ["detachment/graph", "detachment/runs"]) {
          assert.deepEqual(
            shared.key(name),
            oldSharedStream(seed, replicate, name),
            `${id} ${name} at seed ${seed}, replicate ${replicate}`,
          );
          compared++;
        }
      }
    }
  }
  assert.equal(compared, Object.keys(STREAMS).length * POINTS.length * 2);
});

test("the streams differ by claim, seed and replicate (the comparison above can fail)", () => {
  const a = streamsOf(measureContext("e-sybil", 0, 0));
  assert.notDeepEqual(a, streamsOf(measureContext("e-double-spend", 0, 0)));
  assert.notDeepEqual(a, streamsOf(measureContext("e-sybil", 0, 1)));
  assert.notDeepEqual(a, streamsOf(measureContext("e-sybil", 1, 0)));
  assert.notDeepEqual(a.runs, a.graph);
  assert.notDeepEqual(
    experimentContext("essay", measureContext("e-sybil", 0, 0)).key("detachment/runs"),
    oldSharedStream(0, 1, "detachment/runs"),
  );
});

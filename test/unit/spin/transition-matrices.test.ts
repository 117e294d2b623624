/**
 * The neighbour-copy proposal of the exact transition matrices (src/spin/lemma/transition-matrices.ts) against a
 * hand-computed 3-node case, and its absorbing consensus states.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as audit from "../../../src/spin/lemma/transition-matrices";

// The path 0 – 1 – 2 with values {0, 1, 3}: state index x0 + 3·x1 + 9·x2 (value indices).
const path = [
  [0, 1],
  [1, 2],
] as const;
const space = audit.stateSpace(3, [0, 1, 3]);
const E = audit.energies(space, audit.interactionEnergy(path));
const global = { kind: "global" as const, energy: E };
const at = (P: Float64Array, a: number[], b: number[]) => P[audit.encode(space, a) * space.size + audit.encode(space, b)]!;

test("copy-neighbour: node 1 of (0, 1, 3) proposes 0 or 3, each with probability ½, both uphill by 4 (hand-computed)", () => {
  const T = 2;
  const P = audit.siteTransitionMatrix(space, 1, T, global, audit.copyNeighbour(path));
  // H(0, 1, 3) = 1 + 4 = 5; H(0, 0, 3) = 0 + 9 = 9; H(0, 3, 3) = 9 + 0 = 9: ΔE = 4 either way.
  const move = 0.5 * Math.exp(-4 / T);
  assert.ok(Math.abs(at(P, [0, 1, 2], [0, 0, 2]) - move) < 1e-15);
  assert.ok(Math.abs(at(P, [0, 1, 2], [0, 2, 2]) - move) < 1e-15);
  assert.ok(Math.abs(at(P, [0, 1, 2], [0, 1, 2]) - (1 - 2 * move)) < 1e-15);
  // Node 0 has one neighbour: from (0, 1, 3) it proposes 1 with probability 1, downhill (ΔE = −1), always taken.
  const P0 = audit.siteTransitionMatrix(space, 0, T, global, audit.copyNeighbour(path));
  assert.equal(at(P0, [0, 1, 2], [1, 1, 2]), 1);
  // A neighbour holding node 1's own value is no move: from (1, 1, 3) node 1 moves to 3 with ½·e^(−ΔE/T), ΔE = 4 − 4 = 0.
  assert.equal(at(P, [1, 1, 2], [1, 2, 2]), 0.5);
  assert.equal(at(P, [1, 1, 2], [1, 1, 2]), 0.5);
});

test("copy-neighbour differs from copy-node-0 and from uniform, keeps rows stochastic, and absorbs exactly at the consensus states", () => {
  const T = 1;
  const sweep = audit.sweepTransitionMatrix(space, T, global, audit.copyNeighbour(path));
  assert.ok(audit.rowSumError(sweep, space.size) < 1e-14);
  const consensus = [0, 1, 2].map((v) => audit.encode(space, [v, v, v])).sort((a, b) => a - b);
  assert.deepEqual(audit.absorbingStates(sweep, space.size), consensus);
  const node0 = audit.siteTransitionMatrix(space, 2, T, global, "copy-node-0");
  const neighbour = audit.siteTransitionMatrix(space, 2, T, global, audit.copyNeighbour(path));
  // Node 2's only neighbour is node 1: from (0, 1, 3) gossip proposes 1 (downhill), node-0 copy proposes 0.
  assert.equal(at(neighbour, [0, 1, 2], [0, 1, 1]), 1);
  assert.equal(at(node0, [0, 1, 2], [0, 1, 0]), 1);
  assert.equal(at(neighbour, [0, 1, 2], [0, 1, 0]), 0);
});

/**
 * A difference known within bounds (p4.3-energy-reduces-entropy, where runs end split and the bits they remove are a
 * bracket): equal only where the whole bracket is, different only where the whole bracket is, and the chain-rule
 * bound on the entropy those runs leave is a bound, exact at its two extremes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { boundsEqual, estimatesEqual } from "../../../src/claims/machinery/decide";
import { chainEntropyBound } from "../../../src/claims/section4-decisions";

const MARGIN = Math.log(1.25);
const at = (value: number, se = 0.01) => ({ value, se });
const kind = (lower: number, upper: number) => boundsEqual(at(lower), at(upper), MARGIN, "ln ratio", []).finding.kind;

test("a bracket is equal only where both ends are inside the margin, different only where both are beyond one side", () => {
  assert.equal(kind(-0.15, 0.06), "supported"); // the referee's ℋ-unit reading at N = 8192: both ends inside ±0.223
  assert.equal(kind(2.4, 2.7), "refuted"); // the k_B T_net reading: the whole bracket above
  assert.equal(kind(-0.5, -0.3), "refuted");
  assert.equal(kind(-0.1, 0.3), "inconclusive"); // one end inside, one beyond: the bracket straddles
  assert.equal(kind(-0.3, 0.3), "inconclusive");
  // An end inside the margin but within its error of it is not shown inside.
  assert.equal(kind(-0.1, MARGIN - 0.005), "inconclusive");
  const straddling = boundsEqual(at(-0.1), at(0.3), MARGIN, "ln ratio", []);
  assert.match(straddling.finding.text, /a width no run count narrows/);
});

test("where the ends coincide the bracket is the one estimate, word for word", () => {
  for (const v of [0, 0.2, 0.5, -0.4]) {
    const one = estimatesEqual(at(v, 0.05), MARGIN, "ln ratio", [], 100);
    const both = boundsEqual(at(v, 0.05), at(v, 0.05), MARGIN, "ln ratio", [], 100);
    assert.deepEqual(both, one);
  }
});

test("the chain-rule bound: n bits for independent fair nodes, 1 bit for a law on the two consensuses, never above n", () => {
  // Independent fair nodes: half of the consecutive pairs differ, h(½) = 1 per node: the bound is n, their entropy.
  assert.equal(chainEntropyBound(64, 100, (63 * 100) / 2), 64);
  // Every run a consensus: no pair differs, the bound is the one bit of which consensus.
  assert.equal(chainEntropyBound(64, 100, 0), 1);
  // Domains of about 20 nodes on 8192: h(0.05) ≈ 0.286 bits per node.
  const b = chainEntropyBound(8192, 50, Math.round(0.05 * 8191 * 50));
  assert.ok(Math.abs(b - (1 + 8191 * 0.2864)) < 2, `${b}`);
  assert.ok(chainEntropyBound(4, 1, 3) <= 4);
});

/** §2.1 root-distance experiment: the sampler of distances between Merkle-root coordinates, against exact moments. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";
import { rootDistances, transactionPool } from "../../../src/studies/protocol/root-distances";

const pool = transactionPool(200, key(50)).transactions;

test("rootDistances: equal ledgers are at distance 0; a pool is distinct signed transactions", () => {
  assert.equal(new Set(pool.map((t) => Buffer.from(t).toString("hex"))).size, pool.length);
  const r = rootDistances(pool, { pairs: 20 }, key(1));
  assert.deepEqual(r.unchanged, new Array(20).fill(0));
  assert.ok(r.oneChanged.every((d) => d > 0) && r.allChanged.every((d) => d > 0));
});

test("rootDistances: every sample's mean squared distance is 2d/3 within 4 standard errors (exact variance 28d/45)", () => {
  const pairs = 400;
  const r = rootDistances(pool, { pairs, ledgerSize: 16, dimension: 6 }, key(2));
  const d = r.dimension;
  assert.equal(r.exactMeanSquare, (2 * d) / 3);
  const se = Math.sqrt((28 * d) / 45 / pairs);
  for (const [name, xs] of [
    ["one changed", r.oneChanged],
    ["all changed", r.allChanged],
    ["uniform", r.uniform],
  ] as const) {
    const mean = xs.reduce((s, x) => s + x * x, 0) / xs.length;
    assert.ok(Math.abs(mean - r.exactMeanSquare) < 4 * se, `${name}: mean ‖Δχ‖² ${mean} vs ${r.exactMeanSquare} ± ${se}`);
  }
});

test("rootDistances: one key, the same samples; the reference stream does not move the ledger samples", () => {
  const a = rootDistances(pool, { pairs: 10 }, key(3));
  const b = rootDistances(pool, { pairs: 10 }, key(3));
  assert.deepEqual(a, b);
  const c = rootDistances(pool, { pairs: 10 }, key(4));
  assert.notDeepEqual(a.oneChanged, c.oneChanged);
});

test("rootDistances: a pool too small for two disjoint ledgers is an ArgumentError naming the pool", () => {
  assert.throws(
    () => rootDistances(pool.slice(0, 64), { pairs: 1 }, key(5)),
    (e: unknown) => e instanceof ArgumentError && /pool must be at least 2·ledgerSize \+ 1 = 65/.test(e.message),
  );
  assert.throws(() => rootDistances(pool, { pairs: 0 }, key(5)), ArgumentError);
});

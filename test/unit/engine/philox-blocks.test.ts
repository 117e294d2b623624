/**
 * uniformSource's blocks in WebAssembly SIMD (kernels/simd/philox-blocks) are its JavaScript Philox's draws, bit for
 * bit: the fill against Philox4x32-10 by its formula at several keys, counters (the second word included) and the
 * edge below 2³², and uniformSource with the module ready against the same formula at lengths either side of its
 * switch from JavaScript blocks to filled ones and of a fill's end.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource, type Key } from "../../../src/engine/random";
import { philox4x32 } from "../../../src/engine/philox";
import { philoxUniforms, preparePhiloxBlocks, UNIFORM_BATCH } from "../../../src/engine/kernels/simd/philox-blocks";

const KEYS: Key[] = [key(0), key(1), fold(key(5), 123456), [0xffffffff, 0], [0, 0xffffffff]];

/** Draw n of the stream whose counter's last word is c3: block ⌊n/2⌋ at (its low word, its high word, 0, c3). */
function drawAt(k: Key, n: number, c3 = 1): number {
  const b = Math.floor(n / 2);
  const w = philox4x32([b % 2 ** 32, Math.floor(b / 2 ** 32), 0, c3], k);
  const [a, c] = n % 2 === 0 ? [w[0], w[1]] : [w[2], w[3]];
  return (Number(BigInt(a) >> 5n) * 2 ** 26 + Number(BigInt(c) >> 6n)) / 2 ** 53;
}

test("philoxUniforms fills 64 blocks' draws in order, Philox's words by the formula, at any counter below the carry", async () => {
  assert.equal(await preparePhiloxBlocks(), true, "the module builds here (wabt and SIMD present): the tests below need it");
  const out = new Float64Array(UNIFORM_BATCH);
  for (const k of KEYS)
    for (const [block, c3] of [
      [0, 1],
      [8, 1],
      [1000003, 2],
      [2 ** 32 - UNIFORM_BATCH / 2, 1],
      [3 * 2 ** 32 + 5, 1],
    ] as const) {
      assert.equal(philoxUniforms(out, block, k[0], k[1], c3), true, `block ${block}`);
      for (let j = 0; j < UNIFORM_BATCH; j++) assert.equal(out[j], drawAt(k, 2 * block + j, c3), `[${k}] block ${block}, draw ${j}`);
    }
  out.fill(7);
  assert.equal(
    philoxUniforms(out, 2 ** 32 - UNIFORM_BATCH / 2 + 1, 1, 2, 1),
    false,
    "a fill that would carry into the counter's second word is refused",
  );
  assert.ok(
    out.every((u) => u === 7),
    "and leaves the draws untouched",
  );
});

test("uniformSource with the blocks ready draws what its definition says, across the switch to filled blocks and each fill's end", async () => {
  assert.equal(await preparePhiloxBlocks(), true);
  for (const k of KEYS)
    for (const length of [1, 15, 16, 17, 143, 144, 145, 272, 273, 3001]) {
      const u = uniformSource(k);
      for (let n = 0; n < length; n++) assert.equal(u(), drawAt(k, n), `[${k}] draw ${n} of ${length}`);
    }
  // Two sources of one key, drawn in turn, and a third of another key between them: each its own stream.
  const [a, b, c] = [uniformSource(key(2)), uniformSource(key(2)), uniformSource(key(3))];
  for (let n = 0; n < 500; n++) {
    const x = a();
    assert.equal(c(), drawAt(key(3), n));
    assert.equal(b(), x);
    assert.equal(x, drawAt(key(2), n));
  }
});

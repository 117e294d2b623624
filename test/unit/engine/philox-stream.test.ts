/**
 * The fused kernels' block streams (engine/fastrandom `PhiloxStream`) pinned to Philox4x32-10 itself: draw p of
 * block b under a key is word p mod 4 of the allocating reference philox4x32 at counter (b, ⌊p/4⌋, 0, purpose), and
 * fillNormal's fast-path normals are the ziggurat's on those words. The WebAssembly passes are held to the JavaScript
 * loops bit for bit elsewhere (simd-langevin, simd-wide, structured*, threads-kernels); this ties both to the generator.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { philox4x32 } from "../../../src/engine/philox";
import { fillNormal, NOISE_BLOCK_ROWS, PhiloxStream, PURPOSE_NORMAL, PURPOSE_UNIFORM, ZIGGURAT_FAST } from "../../../src/engine/fastrandom";

/** Draw p of block b's stream for `purpose` under k, from the reference alone. */
function reference(k: readonly [number, number], b: number, purpose: number, p: number): number {
  return philox4x32([b, Math.floor(p / 4), 0, purpose], [k[0] >>> 0, k[1] >>> 0])[p % 4]! | 0;
}

test("a block stream's draws are philox4x32's words at counter (block, ⌊p/4⌋, 0, purpose), saved and loaded mid-counter", () => {
  for (const [k, b, purpose] of [
    [key(7), 0, PURPOSE_NORMAL],
    [key(7), 5, PURPOSE_NORMAL],
    [key(123456), 3, PURPOSE_UNIFORM],
  ] as const) {
    const stream = new PhiloxStream(k, b, purpose);
    const got = Array.from({ length: 41 }, () => stream.next());
    assert.deepEqual(
      got,
      Array.from({ length: 41 }, (_, p) => reference(k, b, purpose, p)),
    );
    // A pass keeps (k0, k1, block, pos): a stream loaded at pos 6 goes on with draw 6, whatever it held before.
    const state = new Int32Array(4);
    const at6 = new PhiloxStream(k, b, purpose);
    for (let p = 0; p < 6; p++) at6.next();
    at6.save(state);
    assert.deepEqual([...state], [k[0] | 0, k[1] | 0, b, 6]);
    const other = new PhiloxStream(key(1), 99, purpose);
    other.next();
    other.load(state);
    assert.deepEqual([other.next(), other.next(), other.next()], [got[6], got[7], got[8]]);
  }
});

test("fillNormal's fast-path normals are the ziggurat's on philox4x32's words, block by block", () => {
  const { K8, W8 } = ZIGGURAT_FAST;
  const rows = NOISE_BLOCK_ROWS + 40;
  const z = new Float32Array(2 * rows);
  fillNormal(z, 2, 0, rows, key(9));
  let checked = 0;
  for (const b of [0, 1])
    for (let p = 0; p < 80; p++) {
      const r = reference(key(9), b, PURPOSE_NORMAL, p);
      const m = r >>> 8;
      if (m >= K8[r & 255]!) continue; // a miss: the slow path draws past the block's fast-path words
      assert.equal(z[2 * b * NOISE_BLOCK_ROWS + p], Math.fround(m * W8[r & 255]!), `block ${b}, draw ${p}`);
      checked++;
    }
  assert.ok(checked > 150, `${checked} fast-path draws checked of 160`);
});

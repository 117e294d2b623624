/**
 * Philox4x32-10 (engine/philox) against Random123's published known-answer vectors, in both forms (the allocating
 * reference and the allocation-free one the CPU loops use), and its 32×32 → 64-bit product against BigInt. Here, not
 * only in the WebGPU suite, so a machine without a GPU stack checks the generator every claim's copy sweep draws from.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mulHiLo, philox4x32, philoxInto } from "../../../src/engine/philox";

const words = (hex: string) => hex.split(" ").map((h) => parseInt(h, 16));

// Random123 v1.14.0 tests/kat_vectors, philox4x32 10: counter, key, expected output.
const KAT: Array<[string, string, string]> = [
  ["00000000 00000000 00000000 00000000", "00000000 00000000", "6627e8d5 e169c58d bc57ac4c 9b00dbd8"],
  ["ffffffff ffffffff ffffffff ffffffff", "ffffffff ffffffff", "408f276d 41c83b0e a20bc7c6 6d5451fd"],
  ["243f6a88 85a308d3 13198a2e 03707344", "a4093822 299f31d0", "d16cfe09 94fdcceb 5001e420 24126ea1"],
];

test("Philox4x32-10 reproduces Random123's known-answer vectors, allocating and allocation-free", () => {
  const out = new Uint32Array(4);
  for (const [c, k, expected] of KAT) {
    const [c0, c1, c2, c3] = words(c) as [number, number, number, number];
    const [k0, k1] = words(k) as [number, number];
    assert.deepEqual(philox4x32([c0, c1, c2, c3], [k0, k1]), words(expected));
    assert.deepEqual([...philoxInto(out, c0, c1, c2, c3, k0, k1)], words(expected));
  }
});

test("philoxInto equals philox4x32 on drawn counters and keys (its own product, not mulHiLo's)", () => {
  const out = new Uint32Array(4);
  let s = 0x9e3779b9;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < 500; i++) {
    const c = [next(), next(), next(), next()] as [number, number, number, number];
    const k = [next(), next()] as [number, number];
    assert.deepEqual([...philoxInto(out, ...c, ...k)], philox4x32(c, k));
  }
});

test("mulHiLo is the exact 64-bit product (against BigInt)", () => {
  let a = 0x12345678;
  for (let i = 0; i < 2000; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const b = (Math.imul(a ^ 0x5bd1e995, 2246822519) + i) >>> 0;
    const p = BigInt(a) * BigInt(b);
    assert.deepEqual(mulHiLo(a, b), [Number(p >> 32n), Number(p & 0xffffffffn)]);
  }
  assert.deepEqual(mulHiLo(0xffffffff, 0xffffffff), [0xfffffffe, 1]);
});

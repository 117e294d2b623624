/**
 * The copy sweep's front end (ops/copy-sweep): its WebAssembly path and its JavaScript loop (`copySweeperReference`)
 * form the same labels, totals and draws sweep by sweep, for every kernel, with and without skipped nodes, hot, cold and
 * at T = 0; a uniform source without Alea's state takes the loop on the caller's own labels; and malformed inputs are
 * refused naming the argument. §3.3's loop on both paths is in test/unit/spin/update-kernels.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource } from "../../../src/engine/random";
import { prepareSimd } from "../../../src/engine/kernels/simd/simd-module";
import { copySweeper, copySweeperReference, type CopyKernel } from "../../../src/ops/copy-sweep";
import { wattsStrogatzAdjacency } from "../../../src/reference-port/smallworld";
import { ArgumentError } from "../../../src/errors";

const KERNELS: readonly CopyKernel[] = ["node0", "neighbour", "symmetric"];

test("the front end's WebAssembly sweep and its JavaScript loop give the same labels, totals and draws", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles here");
  let compared = 0;
  for (const [k, kernel] of KERNELS.entries())
    for (const K of [2, 5])
      for (const skipped of [false, true]) {
        const r = 10 * k + 2 * K + (skipped ? 1 : 0);
        const network = wattsStrogatzAdjacency(40, 4, 0.2, uniformSource(fold(key(21), r)));
        const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : 1 + (e % 3)));
        const start = uniformSource(fold(key(22), r));
        const labels = Int32Array.from({ length: 40 }, () => Math.floor(start() * K));
        const skip = skipped ? Uint8Array.from({ length: 40 }, (_, i) => (i % 5 === 2 ? 1 : 0)) : undefined;
        const [uFast, uLoop] = [0, 1].map(() => uniformSource(fold(key(23), r)));
        const fast = copySweeper({ network, labels, distances, K, kernel, skip }, uFast!);
        const loop = copySweeperReference({ network, labels: labels.slice(), distances, K, kernel, skip }, uLoop!);
        assert.notEqual(fast.labels.buffer, labels.buffer, "the front end took the module's memory");
        for (const T of [50, 2, 0.5, 0, 3]) {
          assert.equal(fast.sweep(T), loop.sweep(T), `${kernel}, K = ${K}, skip ${skipped}, T = ${T}: total`);
          assert.deepEqual([...fast.labels], [...loop.labels], `${kernel}, K = ${K}, skip ${skipped}, T = ${T}: labels`);
          compared++;
        }
        assert.equal(uFast!(), uLoop!(), "both drew the same number of uniforms");
      }
  assert.equal(compared, 3 * 2 * 2 * 5);
});

test("a uniform source without Alea's state sweeps the caller's labels in the JavaScript loop", () => {
  const network = wattsStrogatzAdjacency(20, 4, 0.1, uniformSource(key(3)));
  const labels = Int32Array.from({ length: 20 }, (_, i) => i % 2);
  const alea = uniformSource(key(4));
  const plain = () => alea(); // the same numbers, no state exposed
  const sweeper = copySweeper({ network, labels, distances: Float64Array.of(0, 1, 1, 0), K: 2, kernel: "neighbour" }, plain);
  assert.equal(sweeper.labels, labels);
  sweeper.sweep(1);
  const again = Int32Array.from({ length: 20 }, (_, i) => i % 2);
  const reference = copySweeperReference(
    { network, labels: again, distances: Float64Array.of(0, 1, 1, 0), K: 2, kernel: "neighbour" },
    uniformSource(key(4)),
  );
  reference.sweep(1);
  assert.deepEqual([...labels], [...reference.labels]);
});

test("the front end refuses malformed inputs, naming the argument", () => {
  const network = wattsStrogatzAdjacency(10, 2, 0, uniformSource(key(1)));
  const labels = new Int32Array(10);
  const d = Float64Array.of(0, 1, 1, 0);
  const u = uniformSource(key(2));
  const input = { network, labels, distances: d, K: 2, kernel: "neighbour" as CopyKernel };
  const cases: [() => unknown, string][] = [
    [() => copySweeper({ ...input, network: { ...network, n: -1 } }, u), "network.n"],
    [() => copySweeper({ ...input, network: { ...network, rowPtr: network.rowPtr.subarray(0, 5) } }, u), "network.rowPtr"],
    [() => copySweeper({ ...input, network: { ...network, col: Int32Array.from(network.col, () => 10) } }, u), "network.col"],
    [() => copySweeper({ ...input, K: 0 }, u), "K"],
    [() => copySweeper({ ...input, kernel: "gossip" as CopyKernel }, u), "kernel"],
    [() => copySweeper({ ...input, K: 3 }, u), "distances"],
    [() => copySweeper({ ...input, labels: new Int32Array(9) }, u), "labels"],
    [() => copySweeper({ ...input, labels: Int32Array.of(0, 0, 2, 0, 0, 0, 0, 0, 0, 0) }, u), "labels"],
    [() => copySweeper({ ...input, skip: new Uint8Array(3) }, u), "skip"],
    [() => copySweeper(input, u).sweep(-1), "temperature"],
    [() => copySweeperReference(input, () => 0.5).sweep(Number.NaN), "temperature"],
  ];
  for (const [call, argument] of cases)
    assert.throws(call, (e: unknown) => e instanceof ArgumentError && e.argument === argument, `refused naming ${argument}`);
});

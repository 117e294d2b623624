/**
 * tfjs-cpu's 2-D Transpose and row-broadcast Add/Sub/Multiply/RealDiv replacements (engine/kernels/tfjs/cpu-overrides,
 * issue 23: fields past tfjs-wasm's heap run on cpu) give the stock kernels' results bit for bit, and hand other
 * cases to them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { installCpuOverrides, removeCpuOverrides } from "../../../src/engine/kernels/tfjs/cpu-overrides";
import { consensusError } from "../../../src/field/field";
import { spreadField } from "../../helpers";

function both(body: () => tf.Tensor): [Float32Array | Int32Array, Float32Array | Int32Array, number[], number[]] {
  installCpuOverrides();
  const fast = body();
  removeCpuOverrides();
  const slow = body();
  installCpuOverrides();
  const out: [Float32Array | Int32Array, Float32Array | Int32Array, number[], number[]] = [
    fast.dataSync() as Float32Array,
    slow.dataSync() as Float32Array,
    fast.shape,
    slow.shape,
  ];
  tf.dispose([fast, slow]);
  return out;
}

test("cpu overrides: Transpose of 2-D, Sum and Mean over axis 0, row-broadcast binary ops equal stock bit for bit; consensusError too", async () => {
  await ready({ backend: "cpu" });
  const x = tf.tensor2d(spreadField(3001, 3), [3001, 2]);
  const x3 = tf.tensor2d(spreadField(1500, 4), [1000, 3]);
  const row = tf.tensor2d([[0.3, -2e30]]);
  const row3 = tf.tensor1d([1e-3, 7, -0]);
  const cases: Array<[string, () => tf.Tensor]> = [
    ["transpose", () => tf.transpose(x)],
    ["transpose int32", () => tf.transpose(tf.cast(x3, "int32"))],
    ["transpose 3-D (stock)", () => tf.transpose(tf.reshape(x3, [10, 100, 3]), [2, 0, 1])],
    ["sub rows row", () => tf.sub(x, row)],
    ["sub row rows", () => tf.sub(row, x)],
    ["add 1-D row", () => tf.add(x3, row3)],
    ["mul", () => tf.mul(row3, x3)],
    ["div", () => tf.div(x, row)],
    ["div row rows", () => tf.div(row, x)],
    ["column (stock)", () => tf.sub(x, tf.ones([3001, 1]))],
    ["mean axis 0", () => tf.mean(x, 0, true)],
    ["mean axis -2, 3 channels", () => tf.mean(x3, -2)],
    ["sum axis 0", () => tf.sum(x, 0)],
    ["sum axis 0 keepDims", () => tf.sum(x3, [0], true)],
    ["sum axis 1 (stock)", () => tf.sum(x3, 1)],
    ["mean all (stock)", () => tf.mean(x3)],
    ["consensus error", () => consensusError(x as tf.Tensor2D)],
  ];
  for (const [name, body] of cases) {
    const [fast, slow, fs, ss] = both(body);
    assert.deepEqual(fs, ss, `${name}: shape`);
    assert.deepEqual(fast, slow, `${name}: values`);
  }
  tf.dispose([x, x3, row, row3]);
});

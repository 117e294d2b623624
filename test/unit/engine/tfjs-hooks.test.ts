/**
 * The private tfjs internals the engine relies on (engine/kernels/tfjs/private-hooks), each checked against the
 * installed tfjs: the property exists and does what the kernels assume of it. A tfjs upgrade that renames or
 * reshapes one fails here, naming the hook, instead of as wrong numbers or a crash deep inside a kernel.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { cpuInternals, engineInternals, wasmInternals, wasmModuleOf } from "../../../src/engine/kernels/tfjs/private-hooks";
import { SHARE_ENV, Worker } from "node:worker_threads";
import { join } from "node:path";
import type { HookResult } from "../../webgpu-hooks";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

/** Run the check of one hook; any failure (an assertion, a missing function) is reported under the hook's name. */
function hook(name: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    assert.fail(`tfjs private hook "${name}" no longer holds on the installed tfjs (${tf.version_core}): ${why}`);
  }
}

const VALUES = [1.5, -2.25, 3.125];

test("tfjs-cpu's hooks: data.get(dataId).values is the tensor's array; makeTensorInfo adopts an array", async () => {
  await ready({ backend: "cpu" });
  const cpu = cpuInternals(tf.backend());
  const t = tf.tensor1d(VALUES);
  hook("cpu.data.get", () => {
    const values = cpu.data.get(t.dataId).values;
    assert.ok(values instanceof Float32Array, "values is a Float32Array");
    assert.deepEqual(Array.from(values), VALUES);
  });
  hook("cpu.makeTensorInfo", () => {
    const array = Float32Array.of(7, 8);
    const info = cpu.makeTensorInfo([2], "float32", array);
    assert.equal(cpu.data.get(info.dataId).values, array, "the array is adopted, not copied");
    const made = tf.engine().makeTensorFromTensorInfo(info);
    assert.deepEqual(Array.from(made.dataSync()), [7, 8]);
    made.dispose();
  });
  t.dispose();
});

test("tfjs-wasm's hooks: the module's heap, the storage map's memory offsets, outputs, views and reference counts", async () => {
  await ready({ backend: "wasm" });
  const backend = tf.backend();
  const wasm = wasmInternals(backend);
  const t = tf.tensor1d(VALUES);
  hook("wasm.wasm (HEAPU8, _malloc, _free, the memory)", () => {
    const module = wasmModuleOf(backend)!;
    assert.ok(module.HEAPU8 instanceof Uint8Array, "HEAPU8 is the heap's bytes");
    assert.equal(typeof module._malloc, "function");
    assert.equal(typeof module._free, "function");
    const memory = (module.asm?.memory ?? module.wasmExports?.memory) as { buffer: ArrayBuffer } | undefined;
    assert.ok(memory !== undefined, "the instance's memory is exported (asm.memory or wasmExports.memory)");
    assert.equal(memory.buffer, module.HEAPU8.buffer, "the memory is the heap");
    const ptr = module._malloc(16) >>> 0;
    assert.ok(ptr > 0 && ptr + 16 <= module.HEAPU8.length, `malloc gives a place on the heap (${ptr})`);
    module._free(ptr);
  });
  hook("wasm.dataIdMap.get(dataId).memoryOffset", () => {
    const entry = wasm.dataIdMap.get(t.dataId);
    assert.equal(typeof entry.memoryOffset, "number");
    assert.deepEqual(Array.from(new Float32Array(wasm.wasm.HEAPU8.buffer, entry.memoryOffset, VALUES.length)), VALUES);
  });
  hook("wasm.typedArrayFromHeap", () => {
    const view = wasm.typedArrayFromHeap(t);
    assert.ok(view instanceof Float32Array, "a Float32Array view");
    assert.equal(view.byteOffset, wasm.dataIdMap.get(t.dataId).memoryOffset, "over the tensor's bytes");
    assert.deepEqual(Array.from(view), VALUES);
  });
  hook("wasm.makeOutput", () => {
    const info = wasm.makeOutput([2], "float32");
    wasm.typedArrayFromHeap(info).set([4, 5]);
    const made = tf.engine().makeTensorFromTensorInfo(info);
    assert.deepEqual(Array.from(made.dataSync()), [4, 5]);
    made.dispose();
  });
  hook("wasm.incRef, wasm.refCount, wasm.disposeData", () => {
    assert.equal(wasm.refCount(t.dataId), 1);
    wasm.incRef(t.dataId);
    assert.equal(wasm.refCount(t.dataId), 2, "incRef counts one more reference");
    assert.equal(wasm.disposeData(t.dataId), false, "disposeData of a referenced tensor only drops a reference");
    assert.equal(wasm.refCount(t.dataId), 1);
    assert.deepEqual(Array.from(t.dataSync()), VALUES, "and leaves the values");
  });
  t.dispose();
});

test("tfjs's engine hooks: startTape, endTape and scopedRun record the tape in state.activeTape", async () => {
  await ready({ backend: "cpu" });
  const e = engineInternals(tf.engine());
  hook("engine.startTape, engine.endTape, engine.scopedRun, engine.state.activeTape", () => {
    assert.equal(typeof e.startTape, "function");
    assert.equal(typeof e.endTape, "function");
    assert.equal(typeof e.scopedRun, "function");
    assert.equal(typeof e.tidy, "function");
    const x = tf.tensor1d(VALUES);
    const y = e.scopedRun!(
      () => e.startTape!(),
      () => e.endTape!(),
      () => e.tidy!("forward", () => tf.sum(tf.square(x))),
    );
    const tape = e.state!.activeTape;
    assert.ok(Array.isArray(tape), "the tape is recorded in state.activeTape");
    // The kernels' nodes (besides the ops' scope nodes, "square__op"), in order, with the tensors they read and made.
    const square = tape.findIndex((node) => node.kernelName === "Square");
    const sum = tape.findIndex((node) => node.kernelName === "Sum");
    assert.ok(square >= 0 && sum > square, `a node per kernel, in order (${tape.map((n) => n.kernelName).join(", ")})`);
    assert.equal(tape[square]!.inputs.x, x, "a node's inputs are the tensors it read");
    assert.equal(tape[sum]!.outputs[0], y, "a node's outputs are the tensors it made");
    assert.equal(e.state!.gradientDepth, 0);
    e.state!.activeTape = null;
    tf.dispose([x, y]);
  });
});

test(
  "tfjs-backend-webgpu's hooks: programs run and recorded, uploads, reads, tensorMap records, disposal, the device",
  { skip: webgpuMissing() ?? false },
  async () => {
    allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
    // In a thread of its own, as in the product (the test's thread has the library's bridge under "webgpu").
    // SHARE_ENV: the worker may set VK_ICD_FILENAMES, which the Vulkan loader reads from the process environment.
    const worker = new Worker(join(__dirname, "..", "..", "webgpu-hooks.js"), { env: SHARE_ENV });
    const reply = await new Promise<{ results?: HookResult[]; error?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    assert.equal(reply.error, undefined, `the WebGPU backend started (${reply.error})`);
    assert.equal(reply.results!.length, 7, "every WebGPU hook was checked");
    for (const { name, why } of reply.results!) {
      hook(name, () => {
        if (why !== null) throw new Error(why);
      });
    }
  },
);

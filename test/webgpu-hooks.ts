/**
 * The WebGPU half of the private-hooks test (test/unit/engine/tfjs-hooks.test.ts), run as a worker thread: tfjs's
 * WebGPU backend lives in a thread of its own in the product (engine/webgpu/tfjs-worker.ts), and the test's thread
 * already has the library's bridge under the name "webgpu". Starts the backend the way the product's worker does,
 * then checks each hook of private-hooks.ts's `webgpuInternals` against the installed tfjs-backend-webgpu and posts
 * `{ name, why }` per hook (why: null when it holds).
 */
import { parentPort } from "node:worker_threads";
import type * as tfTypes from "@tensorflow/tfjs";
import { chooseAdapter } from "../src/engine/webgpu/adapter";
import { submitWebgpuQueue, webgpuInternals, webgpuTensorBuffer } from "../src/engine/kernels/tfjs/private-hooks";
import { AxisSumProgram } from "../src/engine/kernels/configs/webgpu/reduce-program";

export interface HookResult {
  name: string;
  why: string | null;
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

async function main(): Promise<HookResult[]> {
  const choice = await chooseAdapter("test/webgpu-hooks");
  Object.defineProperty(globalThis, "navigator", { value: { gpu: choice.gpu }, configurable: true, writable: true });
  const tf = require("@tensorflow/tfjs") as typeof tfTypes;
  require("@tensorflow/tfjs-backend-webgpu");
  expect(await tf.setBackend("webgpu"), "tfjs's WebGPU backend starts");
  const gpu = webgpuInternals(tf.backend());
  const results: HookResult[] = [];
  const hook = async (name: string, check: () => Promise<void> | void): Promise<void> => {
    try {
      await check();
      results.push({ name, why: null });
    } catch (e) {
      results.push({ name, why: e instanceof Error ? e.message : String(e) });
    }
  };
  const values = Float32Array.of(1.5, -2.25, 3.125);
  const x = gpu.makeTensorInfo([3], "float32", values.slice());
  const g = gpu.makeTensorInfo([3], "float32", Float32Array.of(2, 4, -8));
  await hook("webgpu.makeTensorInfo, webgpu.tensorMap.get", () => {
    const data = gpu.tensorMap.get(x.dataId);
    expect(data !== undefined, "tensorMap.get finds the new tensor");
    expect(data!.resource == null && data!.values != null, "its values are on the CPU, no GPU buffer yet");
    expect(String(data!.shape) === "3" && data!.dtype === "float32", "its shape and dtype are the record's");
  });
  await hook("webgpu.uploadToGPU", () => {
    gpu.uploadToGPU(x.dataId);
    const data = gpu.tensorMap.get(x.dataId)!;
    expect(data.resource != null && data.values == null, "the values move to a GPU buffer (resource set, values null)");
  });
  let out: tfTypes.TensorInfo | null = null;
  await hook("webgpu.runWebGPUProgram, webgpu.recordAndSubmit", () => {
    const record = gpu.recordAndSubmit.bind(gpu);
    let recorded = 0;
    gpu.recordAndSubmit = (program, output, inputs, uniforms) => {
      recorded++;
      expect(output.shape !== undefined && inputs.length === 2, "recordAndSubmit gets the output and the inputs");
      record(program, output, inputs, uniforms);
    };
    try {
      // The barrier-free sum's "centred" term over a [1, 1, 3] view: (x − g·param)² per element, param = −½.
      out = gpu.runWebGPUProgram(new AxisSumProgram([1, 1, 3], "centred"), [x, g], "float32", [
        { type: "int32", data: [1] },
        { type: "int32", data: [3] },
        { type: "int32", data: [1] },
        { type: "float32", data: [-0.5] },
        { type: "float32", data: [1] },
      ]);
    } finally {
      gpu.recordAndSubmit = record;
    }
    expect(recorded === 1, `one program run is one recordAndSubmit (${recorded})`);
    expect(String(out.shape) === "1,1,3" && out.dtype === "float32", "the output has the program's shape");
  });
  await hook("webgpu.read", async () => {
    expect(out !== null, "a program's output to read");
    const data = gpu.tensorMap.get(out!.dataId)!;
    expect(data.values == null && data.resource != null, "an output lives on the GPU only");
    const got = Array.from((await gpu.read(out!.dataId)) as Float32Array);
    // (x + g/2)² = (2.5², (−0.25)², (−0.875)²), exact in float32.
    expect(String(got) === String([6.25, 0.0625, 0.765625]), `read gives the program's values (${got})`);
    expect(gpu.tensorMap.get(out!.dataId)!.values != null, "and caches them on the CPU");
  });
  await hook(
    "webgpu.commandEncoder, endComputePassEncoder, submitQueue (submitWebgpuQueue), tensorMap resource (webgpuTensorBuffer)",
    async () => {
      const y = gpu.runWebGPUProgram(new AxisSumProgram([1, 1, 3], "value"), [x], "float32", [
        { type: "int32", data: [1] },
        { type: "int32", data: [3] },
        { type: "int32", data: [1] },
        { type: "float32", data: [0] },
        { type: "float32", data: [1] },
      ]);
      expect(gpu.commandEncoder !== null && gpu.commandEncoder !== undefined, "a recorded dispatch leaves tfjs's encoder open");
      submitWebgpuQueue(gpu);
      expect(gpu.commandEncoder === null, "submitQueue submits it and closes it");
      const buffer = webgpuTensorBuffer(gpu, y.dataId);
      expect(typeof buffer.destroy === "function" && buffer.size === 12, `the tensor's GPU buffer (${buffer.size} bytes)`);
      const got = Array.from((await gpu.read(y.dataId)) as Float32Array);
      expect(String(got) === String(values), `the buffer holds the values (${got})`);
      gpu.disposeData(y.dataId);
    },
  );
  await hook("webgpu.disposeData", () => {
    const before = tf.backend().numDataIds();
    for (const t of [x, g, out!]) expect(gpu.disposeData(t.dataId) === true, "a tensor of one reference is freed");
    expect(tf.backend().numDataIds() === before - 3, "the backend holds three tensors fewer");
  });
  await hook("webgpu.device (limits, error scopes, onuncapturederror, lost, createBuffer, destroy)", async () => {
    const device = gpu.device;
    expect(device.limits.maxStorageBufferBindingSize! > 0, "limits.maxStorageBufferBindingSize");
    expect(device.limits.maxStorageBuffersPerShaderStage! > 0, "limits.maxStorageBuffersPerShaderStage");
    device.pushErrorScope("validation");
    expect((await device.popErrorScope()) === null, "an empty error scope pops null");
    expect("onuncapturederror" in device, "onuncapturederror is a property of the device");
    expect(device.lost instanceof Promise, "lost is a promise");
    expect(typeof device.createBuffer === "function" && typeof device.destroy === "function", "createBuffer and destroy");
  });
  return results;
}

main().then(
  (results) => parentPort!.postMessage({ results }),
  (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);

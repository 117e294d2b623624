/**
 * Reading inputs and allocating outputs inside a kernel, per backend. cpu keeps each tensor's values in a JS
 * typed array (`backend.data.get(dataId).values`) and adopts a new array as an output without copying; wasm keeps
 * them in the module's heap (`backend.dataIdMap` → memory offset; `typedArrayFromHeap` views it) and allocates
 * outputs there with `makeOutput`. Allocating on the wasm heap may grow it, which detaches earlier views: a wasm
 * kernel allocates all its outputs first, then takes its views.
 */
import type { DataType, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { type BackendValues as TypedArray, cpuInternals, wasmInternals } from "../tfjs/private-hooks";

export interface KernelIO {
  /** Allocate outputs (all at once), then return views of inputs and outputs. */
  run<R>(
    inputs: TensorInfo[],
    outputs: Array<{ shape: number[]; dtype: DataType }>,
    body: (inputs: TypedArray[], outputs: TypedArray[]) => R,
  ): { result: R; outputs: TensorInfo[] };
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function allocate(dtype: DataType, n: number): TypedArray {
  if (dtype === "float32") return new Float32Array(n);
  if (dtype === "int32") return new Int32Array(n);
  if (dtype === "bool") return new Uint8Array(n);
  throw new Error(`emtd/kernels: unsupported dtype ${dtype}`);
}

export function cpuIO(backend: unknown): KernelIO {
  const cpu = cpuInternals(backend);
  return {
    run(inputs, outputs, body) {
      const outArrays = outputs.map((o) => allocate(o.dtype, size(o.shape)));
      const result = body(
        inputs.map((t) => cpu.data.get(t.dataId).values),
        outArrays,
      );
      return { result, outputs: outputs.map((o, i) => cpu.makeTensorInfo(o.shape, o.dtype, outArrays[i]!)) };
    },
  };
}

export function wasmIO(backend: unknown): KernelIO {
  const wasm = wasmInternals(backend);
  return {
    run(inputs, outputs, body) {
      const infos = outputs.map((o) => wasm.makeOutput(o.shape, o.dtype));
      const result = body(
        inputs.map((t) => wasm.typedArrayFromHeap(t)),
        infos.map((t) => wasm.typedArrayFromHeap(t)),
      );
      return { result, outputs: infos };
    },
  };
}

/**
 * The KernelConfig of a kernel written once over {@link KernelIO} (kernels/configs/*-kernel) on the cpu or the wasm
 * backend: the backend's IO handed to the kernel with the call's inputs and attributes. One file per kernel and
 * backend still registers it (kernels/configs/cpu, wasm); a backend with its own fast path writes its kernelFunc.
 */
export function hostKernelConfig<I, A>(
  kernelName: string,
  backendName: "cpu" | "wasm",
  kernel: (io: KernelIO, inputs: I, attrs: A) => TensorInfo | TensorInfo[],
): KernelConfig {
  const ioOf = backendName === "cpu" ? cpuIO : wasmIO;
  return {
    kernelName,
    backendName,
    kernelFunc: (({ inputs, backend, attrs }) => kernel(ioOf(backend), inputs as I, attrs as unknown as A)) as KernelFunc,
  };
}

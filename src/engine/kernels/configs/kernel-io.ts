/**
 * Reading inputs and allocating outputs inside a kernel, per backend. cpu keeps each tensor's values in a JS
 * typed array (`backend.data.get(dataId).values`) and adopts a new array as an output without copying; wasm keeps
 * them in the module's heap (`backend.dataIdMap` → memory offset; `typedArrayFromHeap` views it) and allocates
 * outputs there with `makeOutput`. Allocating on the wasm heap may grow it, which detaches earlier views: a wasm
 * kernel allocates all its outputs first, then takes its views.
 */
import type { DataType, TensorInfo } from "@tensorflow/tfjs";
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

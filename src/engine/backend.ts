/**
 * Backend choice. tfjs needs an asynchronous initialisation for wasm, so every program calls `await ready()` once
 * before it creates tensors. Order of preference: `tensorflow` (when `@tensorflow/tfjs-node` is installed; it is
 * optional because its installer downloads libtensorflow from outside the npm registry), then `wasm`, then `cpu`.
 * `webgpu` (tfjs's WebGPU backend on Dawn, the optional packages `webgpu` and `@tensorflow/tfjs-backend-webgpu`;
 * engine/gpu/tfjs-bridge.ts) is used only when asked for: on a machine without a GPU it runs on the software
 * SwiftShader, for tests. The environment variable `EMTD_BACKEND` (or the `backend` option) selects one explicitly;
 * an unknown or unavailable backend is a {@link BackendError}, never a silent fallback.
 */
import * as tf from "@tensorflow/tfjs";
import { BackendError, ResourceError } from "../errors";
import { registerFusedKernels } from "./kernels/configs/register";
import { prepareSimd } from "./kernels/simd/simd-module";
import { prepareHeapSimd } from "./kernels/simd/simd-heap";
import { preparePhiloxBlocks } from "./kernels/simd/philox-blocks";
import { prepareSpinSweep } from "./kernels/simd/spin-sweep";
import { startWebgpu, webgpuAdapter, webgpuBindingLimit, webgpuBufferLimit, webgpuCounters } from "./webgpu/tfjs-bridge";
import { TILE_ROWS } from "./kernels/configs/webgpu/step-wgsl";
import type { GpuCounters } from "./webgpu/tfjs-protocol";

export const BACKENDS = ["tensorflow", "wasm", "cpu", "webgpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

let wasmLoaded = false;
let nodeLoaded: boolean | undefined;

function loadWasm(): void {
  if (wasmLoaded) return;
  require("@tensorflow/tfjs-backend-wasm");
  wasmLoaded = true;
}

/** True when `@tensorflow/tfjs-node` can be loaded; it registers the `tensorflow` backend as a side effect. */
function loadTensorflow(): boolean {
  if (nodeLoaded !== undefined) return nodeLoaded;
  try {
    require.resolve("@tensorflow/tfjs-node");
  } catch {
    return (nodeLoaded = false);
  }
  try {
    require("@tensorflow/tfjs-node");
    nodeLoaded = true;
  } catch {
    nodeLoaded = false;
  }
  return nodeLoaded;
}

/**
 * Which backends can be used on this machine, best first (`webgpu`, chosen only by name, is not probed).
 *
 * @example
 * ```ts
 * const backends = availableBackends(); // e.g. ["wasm", "cpu"]; "tensorflow" first where tfjs-node loads
 * backends.includes("cpu"); // → true (always there)
 * ```
 */
export function availableBackends(): BackendName[] {
  const out: BackendName[] = [];
  if (loadTensorflow()) out.push("tensorflow");
  loadWasm();
  out.push("wasm", "cpu");
  return out;
}

export interface ReadyOptions {
  /** Backend to use; default: `EMTD_BACKEND`, else the best available. */
  backend?: string;
}

/**
 * Initialise tfjs on the chosen backend and return its name. Idempotent: calling it again with the same choice is
 * free; with another choice it switches backend (tensors of the old backend stay valid but are slower to use).
 *
 * @example
 * ```ts
 * import { ready } from "emtd";
 * const backend = await ready(); // "wasm" on a stock install
 * ```
 */
export async function ready(options: ReadyOptions = {}): Promise<BackendName> {
  const requested = options.backend ?? process.env.EMTD_BACKEND ?? "";
  const name = requested === "" ? availableBackends()[0]! : requested;
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw new BackendError(`emtd/engine: backend must be one of ${BACKENDS.join(", ")} (got ${JSON.stringify(name)})`);
  }
  if (name === "tensorflow" && !loadTensorflow()) {
    throw new BackendError("emtd/engine: backend tensorflow needs @tensorflow/tfjs-node, which is not installed (use wasm or cpu)");
  }
  if (name === "wasm") loadWasm();
  if (name === "webgpu") sayIfSoftware(await startWebgpu());
  silenceNodeHint();
  registerFusedKernels();
  await prepareSimd(); // the WebAssembly SIMD loops of the fused kernels (JS loops if unavailable)
  await prepareHeapSimd(); // the same inside tfjs-wasm's memory, for the autodiff path's kernels
  await preparePhiloxBlocks(); // uniformSource's blocks in WebAssembly (the same draws in JavaScript if unavailable)
  await prepareSpinSweep(); // §3.3's ±1-spin sweep in WebAssembly (the same numbers in JavaScript if unavailable)
  if (tf.getBackend() !== name || !initialised.has(name)) {
    const before = processHandlers();
    const ok = await tf.setBackend(name);
    removeHandlersAddedSince(before);
    if (!ok) throw new BackendError(`emtd/engine: backend ${name} failed to initialise on this machine`);
    await tf.ready();
    removeHandlersAddedSince(before);
    initialised.add(name);
  }
  return name as BackendName;
}

const initialised = new Set<string>();

/**
 * True once {@link ready} has chosen a backend in this process; before that tfjs runs on its own default (cpu in
 * Node), which is not what `emtd verdicts` measures on.
 */
export function backendChosen(): boolean {
  return initialised.size > 0;
}

/**
 * The backend as a result JSON names it: `{ backend }`, and on `webgpu` the adapter it ran on in words and `gpu`, the
 * GPU work of the run so far (dispatches, round trips, bytes uploaded, downloaded and bound: engine/webgpu/counters.ts),
 * so that a step's cost is measurable without a GPU.
 *
 * Example (an internal function: not part of the package's API, so not run as a doc test):
 * ```ts
 * backendFields("wasm"); // → { backend: "wasm" }
 * backendFields("webgpu"); // → … (after ready({ backend: "webgpu" }) it names the adapter, e.g. "SwiftShader driver 5.0.0")
 * ```
 */
export function backendFields(backend: string): { backend: string; adapter?: string; gpu?: GpuCounters } {
  const gpu = backend === "webgpu" ? webgpuAdapter() : null;
  return gpu === null ? { backend } : { backend, adapter: gpu.adapter, gpu: webgpuCounters()! };
}

let saidSoftware = false;

/** One line on stderr, once, when `webgpu` runs on SwiftShader: its numbers are right, its speed says nothing. */
function sayIfSoftware(gpu: { adapter: string; software: boolean }): void {
  if (!gpu.software || saidSoftware) return;
  saidSoftware = true;
  process.stderr.write(`emtd: webgpu runs on ${gpu.adapter}, a software GPU (EMTD_WEBGPU_ADAPTER=software): right numbers, no speed\n`);
}

/** tfjs-wasm keeps tensors in a 32-bit heap: at most 4 GiB, some of it its own (measured: 5 × 745 MiB fit, not 6). */
export const WASM_TENSOR_HEAP = 3.5 * 2 ** 30;

/**
 * The backend for a run whose tensors take `bytes` at once, on `backend` now: the same when they fit; past
 * tfjs-wasm's heap ({@link WASM_TENSOR_HEAP}), the cpu backend — tensors in the engine's own memory, no 32-bit
 * limit, the same fused kernels and the same numbers — unless wasm was asked for by name (`explicit`), which is
 * refused with a ResourceError (`where` names the caller). Switches the backend when it changes.
 *
 * @example
 * ```ts
 * await tensorBackend("wasm", 12 * 4 * 2e8, false, "emtd sample"); // → "cpu" (12 fields of 10⁸ × 2 floats)
 * ```
 */
export async function tensorBackend(backend: BackendName, bytes: number, explicit: boolean, where: string): Promise<BackendName> {
  if (backend !== "wasm" || bytes <= WASM_TENSOR_HEAP) return backend;
  if (explicit)
    throw new ResourceError(
      where,
      "the tensors of the run in tfjs-wasm's heap",
      bytes,
      WASM_TENSOR_HEAP,
      "tfjs-wasm's 32-bit heap; use --backend cpu",
    );
  return ready({ backend: "cpu" });
}

/**
 * Refuse, before any work, a field of `rows` × `columns` float32 the `webgpu` backend cannot run: one above the
 * device's largest buffer (`maxBufferSize`: it cannot be one tensor, so it cannot fit the device), or one above the
 * largest storage binding (`maxStorageBufferBindingSize`, or `EMTD_WEBGPU_MAX_BINDING_BYTES`) where the run cannot go
 * in blocks (`blocks` false: only the fused steps bind a field in blocks, configs/webgpu/fused-stepper.ts) or a block
 * cannot hold one tile of TILE_ROWS rows. A ResourceError naming `what` (the arguments that size it) and the limit;
 * nothing on other backends. Below the binding limit nothing changes; between it and the buffer limit the fused steps
 * run the field in blocks, with the numbers of one block. The WebGPU worker refuses any other dispatch past the
 * binding limit besides (engine/webgpu/binding.ts), so an entry without a check ends the same way.
 *
 * Example (an internal function: not part of the package's API, so not run as a doc test):
 * ```ts
 * checkGpuFits("webgpu", "emtd sample", "the field of --graph ring:300000:10 × --dim 1000", 300000, 1000, true); // throws on a 1 GiB device
 * ```
 */
export function checkGpuFits(backend: string, where: string, what: string, rows: number, columns: number, blocks: boolean): void {
  if (backend !== "webgpu") return;
  const buffer = webgpuBufferLimit();
  const binding = webgpuBindingLimit();
  const bytes = rows * columns * 4;
  if (buffer !== null && bytes > buffer.bytes) {
    throw new ResourceError(where, `${what} on the GPU`, bytes, buffer.bytes, `the GPU's largest buffer: ${buffer.source}`);
  }
  if (binding === null || bytes <= binding.bytes) return;
  if (!blocks) {
    throw new ResourceError(
      where,
      `${what} in one GPU binding`,
      bytes,
      binding.bytes,
      `the GPU's largest storage binding: ${binding.source}; only --integrator ula or mala runs a field in blocks`,
    );
  }
  const tile = TILE_ROWS * columns * 4;
  if (tile > binding.bytes) {
    throw new ResourceError(
      where,
      `one block of ${TILE_ROWS} rows of ${what}`,
      tile,
      binding.bytes,
      `the GPU's largest storage binding: ${binding.source}`,
    );
  }
}

let warnedNotReady = false;

/**
 * Say once, on stderr, that `await ready()` was not called: tfjs then picks its pure-JS `cpu` backend on the first
 * tensor, several times slower than `wasm`, and nothing else would tell. Called by the library's entry points
 * (`run`); silent once `ready()` initialised the backend in use.
 */
export function warnIfNotReady(where: string): void {
  if (warnedNotReady || initialised.has(tf.getBackend())) return;
  warnedNotReady = true;
  process.stderr.write(
    `${where}: \`await ready()\` was not called, so tfjs chose its ${tf.getBackend()} backend (slow); call \`await ready()\` before creating tensors\n`,
  );
}

const HANDLED = ["uncaughtException", "unhandledRejection"] as const;

/** A process event listener, as `process.listeners` returns it. */
type Listener = (...args: never[]) => void;

function processHandlers(): Map<string, Listener[]> {
  return new Map(HANDLED.map((event) => [event, process.listeners(event as "uncaughtException") as Listener[]]));
}

/**
 * The wasm backend's Emscripten runtime installs `uncaughtException`/`unhandledRejection` handlers that rethrow:
 * any later error of the user's program is then printed under `tf-backend-wasm.node.js … throw ex;` and node exits
 * with 7. Its own `_dispose` means to remove them but its filter is inverted, so ready() removes what it added.
 */
function removeHandlersAddedSince(before: Map<string, Listener[]>): void {
  for (const event of HANDLED) {
    const old = before.get(event)!;
    for (const listener of process.listeners(event as "uncaughtException")) {
      if (!old.includes(listener)) process.removeListener(event as "uncaughtException", listener);
    }
  }
}

/**
 * The backend in use, or a clear error when `ready()` has not been awaited.
 *
 * @example
 * ```ts
 * await ready({ backend: "cpu" });
 * currentBackend(); // → "cpu"
 * ```
 */
export function currentBackend(): BackendName {
  const name = tf.getBackend();
  if (!initialised.has(name)) {
    throw new BackendError("emtd/engine: call `await ready()` before using the library");
  }
  return name as BackendName;
}

/**
 * The cpu backend prints an advert for tfjs-node on first use in Node (through tfjs's `warn`, which is silent in
 * PROD mode); it would corrupt `--json` output and notebook stderr checks.
 */
function silenceNodeHint(): void {
  tf.env().set("PROD", true);
}
// Also at load: a program that forgets `await ready()` gets the cpu backend on its first tensor, and with it the
// advert, before any of the library's code runs (warnIfNotReady says the useful thing instead).
silenceNodeHint();

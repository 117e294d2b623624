import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { webgpuCounters, webgpuReads, webgpuStorageBuffersPerStage } from "../../../src/engine/webgpu/tfjs-bridge";
import type { GpuCounters } from "../../../src/engine/webgpu/tfjs-protocol";
import { ringGraph } from "../../../src/graph/direct";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { DEFERRED_READ_BLOCK } from "../../../src/dynamics/loop";
import { FAN } from "../../../src/engine/kernels/configs/webgpu/reduce-program";
import { releaseGraph } from "../../../src/ops/tensors";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";

// The GPU counters of `--json` (engine/webgpu/counters.ts) against what the code path must do: the test watches which
// kernels a ULA run posts to the worker, and derives from each kernel's source how many dispatches it records and how
// many bytes they bind; the counters must equal that sum, and the round trips the kernels posted plus the reads.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is

/** One kernel posted by this thread: its name and its inputs' shapes. */
interface Posted {
  name: string;
  shapes: number[][];
}

/** Run `f` while recording every kernel this thread posts to the WebGPU worker (the proxy backend's one entry). */
function watchKernels<T>(f: () => T): [T, Posted[]] {
  const backend = tf.backend() as unknown as { kernel(name: string, inputs: unknown, attrs: unknown): unknown };
  const original = backend.kernel;
  const posted: Posted[] = [];
  backend.kernel = function (name, inputs, attrs) {
    const list = (Array.isArray(inputs) ? inputs : Object.values(inputs as object)) as Array<tf.TensorInfo | null>;
    posted.push({ name, shapes: list.filter((i) => i !== null).map((i) => i!.shape) });
    return original.call(this, name, inputs, attrs);
  };
  try {
    return [f(), posted];
  } finally {
    backend.kernel = original;
  }
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * tfjs's Concat of n tensors of `entries` float32 entries in all: at most m − 1 inputs per dispatch (m storage buffers
 * per stage, one for the output), so chunks are concatenated first and then the chunks' results (Concat_impl.js);
 * each level binds every entry twice (in, out).
 */
function concatTree(n: number, entries: number, m: number): { dispatches: number; boundBytes: number } {
  const most = m - 1;
  if (n <= most) return { dispatches: 1, boundBytes: 8 * entries };
  const chunks = Math.ceil(n / most);
  const next = concatTree(chunks, entries, m);
  return { dispatches: chunks + next.dispatches, boundBytes: 8 * entries + next.boundBytes };
}

/** What each kernel the ULA run posts must dispatch, from its source (configs/webgpu and tfjs-backend-webgpu). */
function expected(p: Posted, m: number): { dispatches: number; boundBytes: number } {
  const [rows = 0, channels = 0] = p.shapes[0] ?? [];
  const e = 4 * rows * channels; // bytes of one [N, C] float32 field
  switch (p.name) {
    case "EmtdNoisyDescent": // one GraphStepProgram pass: x, ∇H in, x' out
      return { dispatches: 1, boundBytes: 3 * e };
    case "EmtdInteraction": // GraphStepProgram (x → ∇H; a ring binds no CSR), HalfDotProgram (x, ∇H → x·∇H/2), tfjs's Sum (→ [1])
      return { dispatches: 3, boundBytes: 2 * e + 3 * e + (e + 4) };
    case "EmtdConsensusError": // three AxisSum passes, one each while N ≤ FAN: column sums, centred squares, their total
      assert.ok(rows <= FAN, "one pass per sum while N ≤ FAN");
      return { dispatches: 3, boundBytes: e + 4 * channels + (e + 4 * channels + 4 * channels) + (4 * channels + 4) };
    case "Reshape": // a view: no dispatch
    case "Identity":
      return { dispatches: 0, boundBytes: 0 };
    case "Concat":
      return concatTree(
        p.shapes.length,
        p.shapes.reduce((s, shape) => s + size(shape), 0),
        m,
      );
    default:
      assert.fail(`a kernel this test has not derived: ${p.name}`);
  }
}

const minus = (a: GpuCounters, b: GpuCounters): GpuCounters =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof GpuCounters] - b[k as keyof GpuCounters]])) as unknown as GpuCounters;

test(
  "the gpu counters of a ULA run equal the dispatches, bytes and round trips of the kernels it posts",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const graph = ringGraph(64, 2);
    const channels = 2;
    const m = webgpuStorageBuffersPerStage();
    assert.ok(m >= 4, `maxStorageBuffersPerShaderStage ${m}`);
    /** A run of `steps` from zeros: its counters, the kernels it posted, its reads. */
    const once = (steps: number) => {
      const before = webgpuCounters()!;
      const reads = webgpuReads();
      const x0 = tf.zeros([graph.n, channels]);
      const [r, posted] = watchKernels(() =>
        run(ula(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps, burnIn: 0, recordEvery: 16 }, key(3)),
      );
      tf.dispose([x0, r.final]);
      return { counts: minus(webgpuCounters()!, before), posted, reads: webgpuReads() - reads };
    };
    once(8); // pipelines compiled, the graph's plan sent
    const short = once(DEFERRED_READ_BLOCK);
    const long = once(2 * DEFERRED_READ_BLOCK);
    // A whole run: the zeros written once (the field's only upload), one read of 2·64 + 8 float32 per block.
    assert.equal(short.counts.uploadBytes, 4 * graph.n * channels, "the starting field, uploaded once");
    for (const r of [short, long]) {
      const sum = r.posted.reduce(
        (s, p) => {
          const x = expected(p, m);
          return { dispatches: s.dispatches + x.dispatches, boundBytes: s.boundBytes + x.boundBytes };
        },
        { dispatches: 0, boundBytes: 0 },
      );
      assert.equal(r.counts.dispatches, sum.dispatches, "dispatches");
      assert.equal(r.counts.boundBytes, sum.boundBytes, "bound bytes");
      // Every kernel posted and every read waits for its answer; the zeros are written (one more).
      assert.equal(r.counts.roundTrips, r.posted.length + r.reads + 1, "round trips");
    }
    // One more block of 64 steps: what each step and each block must cost, and nothing uploaded.
    const block = minus(long.counts, short.counts);
    const records = DEFERRED_READ_BLOCK / 16;
    const e = 4 * graph.n * channels;
    const concat = concatTree(DEFERRED_READ_BLOCK + records, DEFERRED_READ_BLOCK + records, m);
    assert.equal(block.uploadBytes, 0, "no upload per step");
    assert.equal(block.downloadBytes, 4 * (DEFERRED_READ_BLOCK + records), "one read of the block's H and consensus errors");
    assert.equal(block.dispatches, DEFERRED_READ_BLOCK * (1 + 3) + records * 3 + concat.dispatches, "dispatches per block");
    assert.equal(
      block.boundBytes,
      DEFERRED_READ_BLOCK * (3 * e + 6 * e + 4) + records * (2 * e + 16 * channels + 4) + concat.boundBytes,
      "bound bytes per block",
    );
    releaseGraph(graph);
  },
);

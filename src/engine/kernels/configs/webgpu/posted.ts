/**
 * The kernels whose outputs' shapes and dtypes the library's thread knows before they run, from their inputs'
 * shapes and their attributes: the fused multi-step kernels a sampler calls once per step or block of steps. The
 * bridge (engine/webgpu/tfjs-bridge.ts) posts them to the WebGPU worker without waiting for the answer, naming their
 * outputs itself; the worker reports a failure of one at the next request that waits (engine/webgpu/tfjs-worker.ts).
 * Every other kernel waits for its answer (tfjs's own kernels size their outputs as they run).
 */
import { LANGEVIN_STEPS, SUMS_PER_COLUMN } from "../langevin-steps-kernel";
import { MALA_STEP, malaNumbersLength } from "../mala-step-kernel";
import { ISING_STEPS, type IsingStepsAttrs } from "../ising-kernel";
import { ISING_COUNTS } from "./ising-stepper";

/** One output as the two threads will name it: its shape and dtype. */
export interface OutputSpec {
  shape: number[];
  dtype: "float32" | "int32";
}

type Shapes = Record<string, { shape: number[] } | null>;

/** Per posted kernel (each returns a list of outputs), its outputs from its inputs' shapes and its attributes. */
const POSTED: Record<string, (inputs: Shapes, attrs: Record<string, unknown>) => OutputSpec[]> = {
  // The field after K steps, and each step's sums [K, 4C].
  [LANGEVIN_STEPS]: ({ x }, attrs) => [
    { shape: x!.shape.slice(), dtype: "float32" },
    { shape: [(attrs.steps as unknown[]).length, SUMS_PER_COLUMN * x!.shape[1]!], dtype: "float32" },
  ],
  // The kept field, and the decisions and sums of R chains of C/R columns.
  [MALA_STEP]: ({ x }, attrs) => [
    { shape: x!.shape.slice(), dtype: "float32" },
    { shape: [malaNumbersLength(x!.shape[1]!, (attrs.chains as number | undefined) ?? 1)], dtype: "float32" },
  ],
  // The spins after K sweeps, and each sweep's counts [K, R, 3].
  [ISING_STEPS]: ({ spins }, attrs) => {
    const { sweeps, replicas } = attrs as unknown as IsingStepsAttrs;
    return [
      { shape: spins!.shape.slice(), dtype: "float32" },
      { shape: [sweeps.length, replicas, ISING_COUNTS], dtype: "int32" },
    ];
  },
};

/** The outputs of kernel `name` on these inputs and attributes where it is posted without waiting, else null. */
export function postedOutputs(name: string, inputs: Shapes, attrs: Record<string, unknown>): OutputSpec[] | null {
  const spec = POSTED[name];
  return spec === undefined ? null : spec(inputs, attrs);
}

/**
 * Running the graph programs (graph-program.ts) on tfjs's WebGPU backend from a kernel: a plan's CSR arrays are
 * uploaded on its first kernel and kept by its id (graph-wire.ts) until the library's thread releases the id
 * ({@link releaseUploadedPlan}; tfjs frees a buffer only once the commands that read it are done). The field and the
 * outputs stay on the GPU.
 */
import type { TensorInfo } from "@tensorflow/tfjs";
import type { WirePlan } from "./graph-wire";
import { type GraphKind, GraphStepProgram } from "./graph-program";
import type { WebGpuBackendInternals } from "../../tfjs/private-hooks";

/** The CSR tensors on the GPU per plan id: rowPtr, col and, when weighted, the weights. */
const uploads = new Map<number, { backend: WebGpuBackendInternals; tensors: TensorInfo[] }>();

/** The CSR of a CSR plan on `backend`, uploaded on first use. */
function uploaded(backend: WebGpuBackendInternals, plan: WirePlan): TensorInfo[] {
  const held = uploads.get(plan.id);
  if (held !== undefined && held.backend === backend) return held.tensors;
  // Copies: Dawn's writeBuffer does not take a SharedArrayBuffer's memory (the plan's arrays live on one).
  const tensors = [
    backend.makeTensorInfo([plan.rowPtr!.length], "int32", plan.rowPtr!.slice()),
    backend.makeTensorInfo([plan.col!.length], "int32", plan.col!.slice()),
    ...(plan.weight === null ? [] : [backend.makeTensorInfo([plan.weight.length], "float32", plan.weight.slice())]),
  ];
  if (held !== undefined) releaseUploadedPlan(plan.id);
  uploads.set(plan.id, { backend, tensors });
  return tensors;
}

/** Free the CSR held for plan `id` (the worker calls it when the library's thread releases the id). */
export function releaseUploadedPlan(id: number): void {
  const held = uploads.get(id);
  if (held === undefined) return;
  uploads.delete(id);
  for (const t of held.tensors) held.backend.disposeData(t.dataId);
}

/** How many plans hold a CSR on the GPU (tests). */
export function uploadedPlanCount(): number {
  return uploads.size;
}

export function kindOf(plan: WirePlan): GraphKind {
  if (plan.structure !== undefined) return plan.structure.kind;
  return plan.weight === null ? "csr" : "weighted";
}

/** The rule's width uniform: the ring's h, the torus's side, 0 for CSR. */
function widthOf(plan: WirePlan): number {
  const s = plan.structure;
  return s === undefined ? 0 : s.kind === "ring" ? s.halfWidth : s.side;
}

export interface StepParams {
  a: number;
  b: number;
  sigma: number;
  key0: number;
  key1: number;
}

/**
 * out = a·x + b·(L x) + σ·ξ for `{ plan }`, or a·x + b·G + σ·ξ for `{ gradient }`, x [N, C] float32 on `backend`.
 * Caller owns the output.
 */
export function graphStep(
  backend: WebGpuBackendInternals,
  x: TensorInfo,
  second: { plan: WirePlan; gradient?: undefined } | { gradient: TensorInfo; plan?: undefined },
  p: StepParams,
): TensorInfo {
  const [rows, channels] = x.shape as [number, number];
  const { plan, gradient } = second;
  const kind = plan === undefined ? "csr" : kindOf(plan);
  const graph = plan === undefined || (kind !== "csr" && kind !== "weighted") ? [] : uploaded(backend, plan);
  const program = new GraphStepProgram(x.shape, gradient === undefined ? "graph" : "gradient", kind);
  const uniforms = [
    { type: "int32", data: [rows] },
    { type: "int32", data: [channels] },
    { type: "int32", data: [plan === undefined ? 0 : widthOf(plan)] },
    { type: "float32", data: [p.a] },
    { type: "float32", data: [p.b] },
    { type: "float32", data: [p.sigma] },
    { type: "uint32", data: [p.key0 >>> 0] },
    { type: "uint32", data: [p.key1 >>> 0] },
  ];
  return backend.runWebGPUProgram(program, [x, ...(gradient === undefined ? graph : [gradient])], "float32", uniforms);
}

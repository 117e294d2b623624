/**
 * A graph plan on tfjs's WebGPU backend: the kind of step it takes (its rule, or CSR rows) and, for CSR rows, its
 * arrays, uploaded on its first kernel and kept by its id (graph-wire.ts) until the library's thread releases the id
 * ({@link releaseUploadedPlan}; tfjs frees a buffer only once the commands that read it are done).
 */
import type { TensorInfo } from "@tensorflow/tfjs";
import type { WirePlan } from "./graph-wire";
import type { GraphKind } from "./step-wgsl";
import type { WebGpuBackendInternals } from "../../tfjs/private-hooks";

/** The CSR tensors on the GPU per plan id: rowPtr, col and, when weighted, the weights. */
const uploads = new Map<number, { backend: WebGpuBackendInternals; tensors: TensorInfo[] }>();

/** The CSR of a CSR plan on `backend`, uploaded on first use. */
export function uploaded(backend: WebGpuBackendInternals, plan: WirePlan): TensorInfo[] {
  const held = uploads.get(plan.id);
  if (held !== undefined && held.backend === backend) return held.tensors;
  // Copies: Dawn's writeBuffer does not take a SharedArrayBuffer's memory (the plan's arrays live on one).
  const tensors = [
    backend.makeTensorInfo([plan.rowPtr!.length], "int32", plan.rowPtr!.slice()),
    // A graph without edges still binds one entry (never read: every row is empty).
    plan.col!.length === 0
      ? backend.makeTensorInfo([1], "int32", Int32Array.of(0))
      : backend.makeTensorInfo([plan.col!.length], "int32", plan.col!.slice()),
    ...(plan.weight === null
      ? []
      : [
          backend.makeTensorInfo(
            [Math.max(1, plan.weight.length)],
            "float32",
            plan.weight.length === 0 ? Float32Array.of(0) : plan.weight.slice(),
          ),
        ]),
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
export function widthOf(plan: WirePlan): number {
  const s = plan.structure;
  return s === undefined ? 0 : s.kind === "ring" ? s.halfWidth : s.side;
}

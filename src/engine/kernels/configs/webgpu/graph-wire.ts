/**
 * The graph plan as it crosses to the WebGPU worker (engine/webgpu/tfjs-bridge.ts posts each kernel's attributes).
 * A ring lattice or torus that a program steps by its rule is sent as the rule alone, so its CSR is never built on
 * the library's thread; any other plan as its CSR (SharedArrayBuffers: shared with the worker, not copied). The
 * degree and the edge list stay behind: the programs sum J_e (x_i − x_j) over the rows.
 */
import type { GraphStructure } from "../../../edges";
import type { GraphPlan } from "../../loops/graph-plan";

export interface WirePlan {
  n: number;
  edgeCount: number;
  /** Present when the programs step the graph by its rule; the CSR arrays are then absent. */
  structure?: GraphStructure;
  rowPtr?: Int32Array;
  col?: Int32Array;
  weight: Float32Array | null;
}

/** The rule a program can step `plan` by: a torus, or a ring lattice whose 2h neighbours are distinct (N > 2h). */
export function gpuStencilOf(plan: { n: number; structure?: GraphStructure }): GraphStructure | null {
  const s = plan.structure;
  if (s === undefined) return null;
  return s.kind === "torus" || plan.n > 2 * s.halfWidth ? s : null;
}

export function planOnWire(plan: GraphPlan): WirePlan {
  const structure = gpuStencilOf(plan);
  if (structure !== null) return { n: plan.n, edgeCount: plan.edgeCount, structure, weight: null };
  return { n: plan.n, edgeCount: plan.edgeCount, rowPtr: plan.rowPtr, col: plan.col, weight: plan.weight };
}

/** A kernel's attributes for the worker: the `plan` attribute (every graph kernel's) in its wire form. */
export function wireAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const plan = attrs.plan as GraphPlan | undefined;
  return plan === undefined || plan === null ? { ...attrs } : { ...attrs, plan: planOnWire(plan) };
}

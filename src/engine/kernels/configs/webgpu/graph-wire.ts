/**
 * The graph plan as it crosses to the WebGPU worker (engine/webgpu/tfjs-bridge.ts posts each kernel's attributes).
 * A ring lattice or torus that a program steps by its rule is sent as the rule alone, so its CSR is never built on
 * the library's thread; any other plan as its CSR (SharedArrayBuffers: shared with the worker, not copied). The
 * degree and the edge list stay behind: the programs sum J_e (x_i − x_j) over the rows.
 *
 * Each plan object gets an id on this thread; the worker uploads a CSR once per id and keeps it on the GPU
 * (graph-webgpu.ts) until the id is released: by `releaseGraph` (ops/tensors), or when the plan is collected.
 */
import type { GraphStructure, PackedEdges } from "../../../edges";
import { cachedPlan, type GraphPlan } from "../../loops/graph-plan";

export interface WirePlan {
  /** The plan object's id on the library's thread: the worker's key for its uploaded CSR. */
  id: number;
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

const ids = new WeakMap<GraphPlan, number>();
let nextId = 1;
/** How a released id reaches the worker: set by the bridge once the worker runs (engine/webgpu/tfjs-bridge). */
let releaseId: ((id: number) => void) | null = null;
const collected = new FinalizationRegistry<number>((id) => releaseId?.(id));

/** Route released plan ids to the worker (the bridge calls it when it starts). */
export function setWirePlanRelease(release: (id: number) => void): void {
  releaseId = release;
}

function idOf(plan: GraphPlan): number {
  let id = ids.get(plan);
  if (id === undefined) {
    ids.set(plan, (id = nextId++));
    collected.register(plan, id, plan);
  }
  return id;
}

/**
 * Free what the worker holds for `graph`'s plan (its CSR on the GPU), if anything: `releaseGraph` calls it. A later
 * kernel on the graph uploads it again under a new id.
 */
export function releaseWirePlan(graph: PackedEdges): void {
  const plan = cachedPlan(graph);
  const id = plan === undefined ? undefined : ids.get(plan);
  if (plan === undefined || id === undefined) return;
  ids.delete(plan);
  collected.unregister(plan);
  releaseId?.(id);
}

export function planOnWire(plan: GraphPlan): WirePlan {
  const structure = gpuStencilOf(plan);
  if (structure !== null) return { id: 0, n: plan.n, edgeCount: plan.edgeCount, structure, weight: null };
  return { id: idOf(plan), n: plan.n, edgeCount: plan.edgeCount, rowPtr: plan.rowPtr, col: plan.col, weight: plan.weight };
}

/** A kernel's attributes for the worker: the `plan` attribute (every graph kernel's) in its wire form. */
export function wireAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const plan = attrs.plan as GraphPlan | undefined;
  return plan === undefined || plan === null ? { ...attrs } : { ...attrs, plan: planOnWire(plan) };
}

/**
 * Row-partitioned parallelism for the fused kernels (placeholder: runs on the calling thread).
 */
import type { GraphPlan } from "./plan";

export function threadCount(): number {
  return 1;
}

export function parallelRows(
  _kind: string,
  _plan: GraphPlan,
  _x: Float32Array,
  _out: Float32Array,
  _channels: number,
  _params: Record<string, number>,
  serial: () => void,
): void {
  serial();
}

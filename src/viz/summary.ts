/**
 * Compact displays of library values: a tensor or field as its shape and statistics (never its N×C numbers), a
 * graph as its size and degrees, a run as its estimates. Registered as display adapters, so `display(x)` shows
 * these for tensors, graphs and run results.
 */
import * as tf from "@tensorflow/tfjs";
import type { Graph } from "../graph/graph";
import { isConnected } from "../graph/graph";
import type { FieldLayout } from "../field/field";
import type { RunResult, TraceRecord } from "../dynamics/run";
import { DISPLAY, type Displayable, escapeHtml, registerDisplayAdapter } from "./display";
import { Table } from "./table";

function stats(values: ArrayLike<number>): { min: number; max: number; mean: number; sd: number } {
  let min = Infinity;
  let max = -Infinity;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    min = Math.min(min, v);
    max = Math.max(max, v);
    s += v;
  }
  const mean = s / values.length;
  let q = 0;
  for (let i = 0; i < values.length; i++) q += (values[i]! - mean) ** 2;
  return { min, max, mean, sd: Math.sqrt(q / Math.max(1, values.length - 1)) };
}

function summaryDisplay(title: string, table: Table, warnings: readonly string[] = []): Displayable {
  const html = warnings.map((w) => `<div class="emtd-warning">⚠ warning: ${escapeHtml(w)}</div>`).join("");
  const text = warnings.map((w) => `\nwarning: ${w}`).join("");
  return {
    [DISPLAY]: () => ({
      "text/html": `<div class="emtd-summary"><b>${escapeHtml(title)}</b>${table.html()}${html}</div>`,
      "text/plain": `${title}\n${table.toString()}${text}`,
    }),
  };
}

/**
 * Shape, dtype and per-column min/max/mean/sd of a rank ≤ 2 tensor (columns = channels). Reads the tensor once.
 *
 * @example
 * ```ts
 * const x = tf.tensor2d([
 *   [1, 10],
 *   [3, 20],
 * ]);
 * console.log(String(mimeBundle(tensorSummary(x, "x"))["text/plain"]));
 * // → x [2, 2] float32
 * //              min  max  mean      sd
 * //   channel 0    1    3     2  1.4142
 * //   channel 1   10   20    15  7.0711
 * x.dispose();
 * ```
 */
export function tensorSummary(t: tf.Tensor, name = "Tensor"): Displayable {
  const values = t.dataSync() as Float32Array;
  const title = `${name} [${t.shape.join(", ")}] ${t.dtype}`;
  if (t.rank === 2 && t.shape[1]! <= 16) {
    const [n, c] = t.shape as [number, number];
    const rows = Array.from({ length: c }, (_, j) => {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = values[i * c + j]!;
      const s = stats(col);
      return [s.min, s.max, s.mean, s.sd];
    });
    return summaryDisplay(
      title,
      new Table(
        ["min", "max", "mean", "sd"],
        rows,
        rows.map((_, j) => `channel ${j}`),
      ),
    );
  }
  const s = stats(values);
  return summaryDisplay(title, new Table(["size", "min", "max", "mean", "sd"], [[t.size, s.min, s.max, s.mean, s.sd]]));
}

/**
 * Ψ by blocks: the Merkle block's spread and consensus error, and the trust phase's |φ| and arg φ.
 *
 * @example
 * ```ts
 * const layout = fieldLayout(4, 1, { phase: true });
 * const psi = initialField(layout, key(1), { merkle: 2 });
 * String(mimeBundle(fieldSummary(psi, layout))["text/plain"]).split("\n")[1]; // → "             min  max  mean  sd"
 * // rows: χ channel 0 (2, 2, 2, 0), |φ| (1, 1, 1, 0), arg φ (0, 0, 0, 0); consensus error 0.000
 * psi.dispose();
 * ```
 */
export function fieldSummary(psi: tf.Tensor2D, layout: FieldLayout): Displayable {
  const values = psi.dataSync() as Float32Array;
  const { nodes: n, channels: c, merkleDim: d } = layout;
  const rows: unknown[][] = [];
  const labels: string[] = [];
  let consensus = 0;
  for (let j = 0; j < d; j++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = values[i * c + j]!;
    const s = stats(col);
    consensus += s.sd ** 2 * ((n - 1) / n);
    labels.push(`χ channel ${j}`);
    rows.push([s.min, s.max, s.mean, s.sd]);
  }
  if (layout.phase) {
    const modulus = new Float64Array(n);
    const angle = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const re = values[i * c + d]!;
      const im = values[i * c + d + 1]!;
      modulus[i] = Math.hypot(re, im);
      angle[i] = Math.atan2(im, re);
    }
    for (const [label, col] of [
      ["|φ|", modulus],
      ["arg φ", angle],
    ] as const) {
      const s = stats(col);
      labels.push(label);
      rows.push([s.min, s.max, s.mean, s.sd]);
    }
  }
  const title = `Field Ψ [${n}, ${c}]: Merkle block d=${d}${layout.phase ? " + trust phase (Re φ, Im φ)" : ""}; consensus error (1/N)Σ‖χ_i − χ̄‖² = ${consensus.toPrecision(4)}`;
  return summaryDisplay(title, new Table(["min", "max", "mean", "sd"], rows, labels));
}

/**
 * Nodes, edges, degree range, connectivity.
 *
 * @example
 * ```ts
 * console.log(String(mimeBundle(graphSummary(ringGraph(10, 2)))["text/plain"]));
 * // → Graph ring:10:2
 * //   nodes  edges  min degree  mean degree  max degree  connected
 * //      10     10           2            2           2       true
 * ```
 */
export function graphSummary(graph: Graph): Displayable {
  const d = stats(graph.degree);
  return summaryDisplay(
    `Graph ${graph.label}`,
    new Table(
      ["nodes", "edges", "min degree", "mean degree", "max degree", "connected"],
      [[graph.n, graph.edgeCount, d.min, d.mean, d.max, String(isConnected(graph))]],
    ),
  );
}

/**
 * ⟨H⟩ ± MCSE, ESS, acceptance, step size and time of a run, and its warnings (dynamics/warnings), one line each.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * String(mimeBundle(runSummary(r, "ring"))["text/plain"]).split("\n")[0]; // → "ring: 200 steps (50 burn-in), … s" (the time varies)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function runSummary(result: RunResult, name = "run"): Displayable {
  return summaryDisplay(
    `${name}: ${result.chains > 1 ? `${result.chains} chains (pooled), ` : ""}${result.steps} steps (${result.burnIn} burn-in), ${result.seconds.toFixed(1)} s`,
    new Table(
      ["⟨H⟩", "MCSE", "ESS", "acceptance", "step"],
      [[result.meanEnergy, result.energyMcse, result.energyEss, result.acceptance, result.stepSize]],
    ),
    result.warnings ?? [],
  );
}

/**
 * A trace (the records of a run) as one row per field: min, mean, max, first and last value.
 *
 * @example
 * ```ts
 * const trace = [
 *   { step: 0, energy: 5, acceptance: 1, temperature: 1 },
 *   { step: 10, energy: 3, acceptance: 0.8, temperature: 1 },
 * ];
 * String(mimeBundle(traceSummary(trace))["text/plain"]).split("\n")[0]; // → "Trace: 2 records, steps 0…10"
 * ```
 */
export function traceSummary(trace: readonly TraceRecord[]): Displayable {
  const fields = Object.keys(trace[0] ?? {}).filter((k) => k !== "step");
  const rows = fields.map((f) => {
    const column = trace.map((r) => r[f]!);
    const s = stats(column);
    return [s.min, s.mean, s.max, column[0], column[column.length - 1]];
  });
  const steps = trace.length > 0 ? `steps ${trace[0]!.step}…${trace[trace.length - 1]!.step}` : "empty";
  return summaryDisplay(`Trace: ${trace.length} records, ${steps}`, new Table(["min", "mean", "max", "first", "last"], rows, fields));
}

function isTrace(x: unknown): x is TraceRecord[] {
  return (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every((r) => typeof r === "object" && r !== null && typeof r.step === "number" && typeof r.energy === "number")
  );
}

function isGraph(x: unknown): x is Graph {
  const g = x as Graph;
  // A structured Graph (ring lattice) is recognised without building its edge arrays.
  return (
    typeof x === "object" &&
    x !== null &&
    typeof g.n === "number" &&
    (g.structure !== undefined || g.src instanceof Int32Array) &&
    typeof g.label === "string"
  );
}

function isRunResult(x: unknown): x is RunResult {
  const r = x as RunResult;
  return typeof x === "object" && x !== null && Array.isArray(r.trace) && typeof r.meanEnergy === "number" && r.final instanceof tf.Tensor;
}

registerDisplayAdapter((x) => (x instanceof tf.Tensor ? tensorSummary(x) : null));
registerDisplayAdapter((x) => (isGraph(x) ? graphSummary(x) : null));
registerDisplayAdapter((x) => (isRunResult(x) ? runSummary(x) : null));
registerDisplayAdapter((x) => (isTrace(x) ? traceSummary(x) : null));

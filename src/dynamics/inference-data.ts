/**
 * A run's kept draws (dynamics/draws) in ArviZ's InferenceData layout (arviz-devs/arviz `schema.md`), written as a
 * Zarr v2 store (files/zarr) that `xarray.open_zarr(store, group=…)` and `arviz.from_zarr` read:
 *
 * - `posterior`: `energy` (chain, draw): H after each kept step; `mean_field` (chain, draw, channel): the mean over
 *   nodes of each channel of Ψ;
 * - `sample_stats`: `acceptance_rate` (chain, draw): min(1, α) of the step's proposal (1 when unadjusted);
 *   `accepted` (chain, draw): whether it was accepted; `step_size` (chain, draw): the step used;
 * - every group carries the coordinates `chain`, `draw` (and `channel`) as integer arrays and the attributes
 *   `created_at` (ISO 8601, UTC), `inference_library` = "emtd", `inference_library_version`, plus any given.
 *
 * One chain is a chain dimension of length 1. A `run` result ({@link toInferenceData}) holds H by chain and draw
 * always and the mean fields where it recorded them (`diagnostics`); its kept steps share the step size it ended
 * with, and the per-draw acceptance is what `emtd sample --out` records beside (a `drawRecorder` fed by `onDraw`).
 */
import { writeZarrStore, type ZarrArray, type ZarrGroup } from "../files/zarr";
import { VERSION } from "../package";
import type { Draws } from "./draws";
import type { RunResult } from "./run-result";
import { meanFieldName } from "./diagnosed";
import { stackChains } from "../stats/diagnostics";

/** The draws a store is written from: H always, the rest where recorded (a {@link Draws} has them all). */
export type StoreDraws = Pick<Draws, "chains" | "draws" | "channels" | "energy"> &
  Partial<Pick<Draws, "meanField" | "acceptanceRate" | "accepted" | "stepSize">>;

/** Draws per chunk along `draw` (about 512 KiB of float64 per chunk, whatever the run's length). */
const CHUNK_VALUES = 65536;

/** Provenance of an InferenceData store. */
export interface InferenceDataAttributes {
  /** When the draws were made (default: now), ISO 8601. */
  createdAt?: string;
  /** More group attributes (JSON values), e.g. the run's settings. */
  attrs?: Record<string, unknown>;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * The groups `posterior` and `sample_stats` of {@link Draws} as Zarr groups (module comment). Pure.
 *
 * @example
 * ```ts
 * const recorder = drawRecorder(1, 2, 100); // fed by run(…, { onDraw: recorder.onDraw }, key)
 * const groups = inferenceDataGroups(recorder.draws, { createdAt: "2026-11-23T00:00:00.000Z" });
 * groups.posterior.arrays.mean_field.dims; // → ["chain", "draw", "channel"]
 * groups.sample_stats.attrs.inference_library; // → "emtd"
 * ```
 */
export function inferenceDataGroups(draws: StoreDraws, attributes: InferenceDataAttributes = {}): Record<string, ZarrGroup> {
  const { chains: R, draws: D, channels: d } = draws;
  const attrs = {
    created_at: attributes.createdAt ?? new Date().toISOString(),
    inference_library: "emtd",
    inference_library_version: VERSION,
    ...(attributes.attrs ?? {}),
  };
  const along = Math.max(1, Math.min(D, CHUNK_VALUES));
  const series = (data: ArrayLike<number>, dtype: ZarrArray["dtype"] = "<f8"): ZarrArray => ({
    dims: ["chain", "draw"],
    shape: [R, D],
    dtype,
    data,
    chunks: [1, along],
  });
  const coords = {
    chain: { dims: ["chain"], shape: [R], dtype: "<i8", data: range(R) } as ZarrArray,
    draw: { dims: ["draw"], shape: [D], dtype: "<i8", data: range(D) } as ZarrArray,
  };
  const meanField = draws.meanField !== undefined && d > 0;
  const stats: Record<string, ZarrArray> = {
    ...(draws.acceptanceRate ? { acceptance_rate: series(draws.acceptanceRate) } : {}),
    ...(draws.accepted ? { accepted: series(draws.accepted, "|b1") } : {}),
    ...(draws.stepSize ? { step_size: series(draws.stepSize) } : {}),
  };
  return {
    posterior: {
      attrs,
      arrays: {
        ...coords,
        ...(meanField ? { channel: { dims: ["channel"], shape: [d], dtype: "<i8", data: range(d) } as ZarrArray } : {}),
        energy: series(draws.energy),
        ...(meanField
          ? {
              mean_field: {
                dims: ["chain", "draw", "channel"],
                shape: [R, D, d],
                dtype: "<f8",
                data: draws.meanField!,
                chunks: [1, Math.max(1, Math.min(D, Math.floor(CHUNK_VALUES / d))), d],
              } as ZarrArray,
            }
          : {}),
      },
    },
    ...(Object.keys(stats).length > 0 ? { sample_stats: { attrs, arrays: { ...coords, ...stats } } } : {}),
  };
}

/**
 * A `run` result's kept draws as InferenceData groups (module comment): posterior `energy` (chain, draw), and
 * `mean_field` (chain, draw, channel) where the run recorded the mean fields (`diagnostics`); sample_stats
 * `step_size`, the one step every kept draw used. Pure; {@link writeInferenceData} writes them.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
 * const r = run(mala(interactionChains(graph, 4), { step: 0.05 }), x0, { steps: 200, burnIn: 50, diagnostics: true }, key(1));
 * const groups = toInferenceData(r);
 * groups.posterior.arrays.energy.shape; // → [4, 150]
 * groups.posterior.arrays.mean_field.shape; // → [4, 150, 1]
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function toInferenceData(result: RunResult, attributes: InferenceDataAttributes = {}): Record<string, ZarrGroup> {
  const energy = result.draws.energy;
  const R = energy.length;
  const D = energy[0]?.length ?? 0;
  const fields: Float64Array[][] = [];
  for (let k = 0; result.draws[meanFieldName(k)] !== undefined; k++) fields.push(result.draws[meanFieldName(k)]!);
  const d = fields.length;
  const meanField = new Float64Array(R * D * d);
  for (let r = 0; r < R; r++) for (let t = 0; t < D; t++) for (let c = 0; c < d; c++) meanField[(r * D + t) * d + c] = fields[c]![r]![t]!;
  return inferenceDataGroups(
    {
      chains: R,
      draws: D,
      channels: d,
      energy: stackChains(energy),
      ...(d > 0 ? { meanField } : {}),
      stepSize: new Float64Array(R * D).fill(result.stepSize),
    },
    attributes,
  );
}

/**
 * Write the InferenceData of `draws` (a recorder's {@link Draws}, or a `run` result: {@link toInferenceData}) as the
 * Zarr v2 store `store` (a directory, replaced whole and atomically). Returns the bytes written.
 */
export function writeInferenceData(store: string, draws: StoreDraws | RunResult, attributes: InferenceDataAttributes = {}): number {
  const groups = "perChain" in draws ? toInferenceData(draws, attributes) : inferenceDataGroups(draws, attributes);
  return writeZarrStore(store, groups, {});
}

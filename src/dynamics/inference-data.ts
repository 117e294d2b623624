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
 * One chain is a chain dimension of length 1.
 */
import { writeZarrStore, type ZarrArray, type ZarrGroup } from "../files/zarr";
import { VERSION } from "../package";
import type { Draws } from "./draws";

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
export function inferenceDataGroups(draws: Draws, attributes: InferenceDataAttributes = {}): Record<string, ZarrGroup> {
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
  return {
    posterior: {
      attrs,
      arrays: {
        ...coords,
        channel: { dims: ["channel"], shape: [d], dtype: "<i8", data: range(d) },
        energy: series(draws.energy),
        mean_field: {
          dims: ["chain", "draw", "channel"],
          shape: [R, D, d],
          dtype: "<f8",
          data: draws.meanField,
          chunks: [1, Math.max(1, Math.min(D, Math.floor(CHUNK_VALUES / d))), d],
        },
      },
    },
    sample_stats: {
      attrs,
      arrays: {
        ...coords,
        acceptance_rate: series(draws.acceptanceRate),
        accepted: series(draws.accepted, "|b1"),
        step_size: series(draws.stepSize),
      },
    },
  };
}

/**
 * Write {@link inferenceDataGroups} of `draws` as the Zarr v2 store `store` (a directory, replaced whole and
 * atomically). Returns the bytes written.
 */
export function writeInferenceData(store: string, draws: Draws, attributes: InferenceDataAttributes = {}): number {
  return writeZarrStore(store, inferenceDataGroups(draws, attributes), {});
}

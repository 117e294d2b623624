/**
 * What `emtd sample --out DIR` and `emtd run` of a sample config write beside the result: the kept draws as
 * `DIR/draws.csv` (one row per chain and draw) and as `DIR/inference_data.zarr`, ArviZ's InferenceData layout in
 * Zarr v2 (dynamics/inference-data); and, for `emtd sample --out`, `DIR/result.json` (the `--json` object; `emtd
 * run` writes its own). Every file is written atomically; the store and the CSV are written before result.json, so a
 * result.json means the draws beside it are complete. Checkpoints of `emtd run` carry the draws recorded so far
 * ({@link encodeDraws}), so a resumed run writes every draw.
 */
import path from "node:path";
import type { Draws } from "../dynamics/draws";
import { writeInferenceData } from "../dynamics/inference-data";
import { writeFileAtomic } from "../files/atomic";
import { base64ToFloat64, float64ToBase64, numberReplacer } from "../runs/encode";
import { ArgumentError } from "../errors";
import { makeDirectory } from "../files/directory";

/** File names under DIR. */
export const SAMPLE_FILES = { inferenceData: "inference_data.zarr", draws: "draws.csv", result: "result.json" } as const;

/** The CSV of the draws: header `chain,draw,energy,mean_field_0…,acceptance_rate,accepted,step_size`, full precision. */
export function drawsCsv(draws: Draws): string {
  const { chains: R, draws: D, channels: d } = draws;
  const header = [
    "chain",
    "draw",
    "energy",
    ...Array.from({ length: d }, (_, c) => `mean_field_${c}`),
    "acceptance_rate",
    "accepted",
    "step_size",
  ];
  const lines = [header.join(",")];
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < D; t++) {
      const i = r * D + t;
      const field = Array.from(draws.meanField.subarray(i * d, (i + 1) * d), String);
      lines.push([r, t, draws.energy[i], ...field, draws.acceptanceRate[i], draws.accepted[i], draws.stepSize[i]].join(","));
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * Write the draws (CSV and Zarr store) and, when `result` is given, result.json into `dir` (created if needed).
 * `attrs` become attributes of each InferenceData group (the run's settings).
 */
export function writeSampleOutputs(dir: string, draws: Draws, attrs: Record<string, unknown>, result?: Record<string, unknown>): void {
  makeDirectory(dir);
  writeInferenceData(path.join(dir, SAMPLE_FILES.inferenceData), draws, { attrs });
  writeFileAtomic(path.join(dir, SAMPLE_FILES.draws), drawsCsv(draws));
  if (result) writeFileAtomic(path.join(dir, SAMPLE_FILES.result), JSON.stringify(result, numberReplacer) + "\n");
}

/** The draws in a checkpoint (lossless JSON values). */
export interface EncodedDraws {
  chains: number;
  draws: number;
  channels: number;
  energy: string;
  meanField: string;
  acceptanceRate: string;
  accepted: string;
  stepSize: string;
}

/** {@link Draws} as JSON values (base64 of the bytes). */
export function encodeDraws(d: Draws): EncodedDraws {
  return {
    chains: d.chains,
    draws: d.draws,
    channels: d.channels,
    energy: float64ToBase64(d.energy),
    meanField: float64ToBase64(d.meanField),
    acceptanceRate: float64ToBase64(d.acceptanceRate),
    accepted: Buffer.from(d.accepted.buffer, d.accepted.byteOffset, d.accepted.byteLength).toString("base64"),
    stepSize: float64ToBase64(d.stepSize),
  };
}

/** Inverse of {@link encodeDraws}. */
export function decodeDraws(e: EncodedDraws): Draws {
  const draws: Draws = {
    chains: e.chains,
    draws: e.draws,
    channels: e.channels,
    energy: base64ToFloat64(e.energy, "draws.energy"),
    meanField: base64ToFloat64(e.meanField, "draws.meanField"),
    acceptanceRate: base64ToFloat64(e.acceptanceRate, "draws.acceptanceRate"),
    accepted: Uint8Array.from(Buffer.from(e.accepted, "base64")),
    stepSize: base64ToFloat64(e.stepSize, "draws.stepSize"),
  };
  const n = e.chains * e.draws;
  if (draws.energy.length !== n || draws.meanField.length !== n * e.channels || draws.accepted.length !== n)
    throw new ArgumentError("emtd/cli/sample-output", "checkpoint draws", `${e.chains} chains × ${e.draws} draws`, draws.energy.length);
  return draws;
}

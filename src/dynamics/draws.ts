/**
 * The kept draws of a run, step by step, as ArviZ keeps them: for each chain and each post-burn-in step, H, the
 * mean field per channel (the mean over nodes of each column of Ψ), the acceptance probability min(1, α), whether
 * the proposal was accepted, and the step size. A recorder is fed by `run`'s `onDraw` (one chain, or R in one
 * tensor); its arrays are plain numbers, so a checkpoint can carry them
 * ({@link DrawRecorder.snapshot}, {@link DrawRecorder.restore}). dynamics/inference-data maps them to InferenceData.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";

const WHERE = "emtd/dynamics/draws";

/** Kept draws of R chains × D steps; every array is chain-major (index r·D + t, and (r·D + t)·d + c for the field). */
export interface Draws {
  chains: number;
  draws: number;
  channels: number;
  /** H, [R·D]. */
  energy: Float64Array;
  /** Mean over nodes of channel c, [R·D·d]. */
  meanField: Float64Array;
  /** min(1, α) of the step's proposal (1 when unadjusted), [R·D]. */
  acceptanceRate: Float64Array;
  /** 1 where the proposal was accepted, [R·D]. */
  accepted: Uint8Array;
  /** The step size used, [R·D]. */
  stepSize: Float64Array;
}

/** A recorder of {@link Draws}, filled one kept step at a time. */
export interface DrawRecorder {
  /** The arrays, filled up to `recorded` draws. */
  readonly draws: Draws;
  /** Draws recorded so far (per chain). */
  readonly recorded: number;
  /**
   * Record kept step `draw` (0-based after burn-in) from the field [N, R·d] (chain r in columns r·d … r·d + d − 1),
   * each chain's H, acceptance probability and accepted flag, and the step size. Reads the field's column means
   * (one small synchronous read); disposes nothing it was given.
   */
  record(
    draw: number,
    position: tf.Tensor2D,
    energies: ArrayLike<number>,
    acceptanceProbability: ArrayLike<number>,
    accepted: ArrayLike<number>,
    stepSize: number,
  ): void;
  /** The first `count` draws of each chain (copies), for a checkpoint. */
  snapshot(count: number): Draws;
  /** Continue from a snapshot (its draws are the first ones). */
  restore(saved: Draws): void;
}

/** Column means of x [N, W] as a [1, W] product (reducing the leading axis would make tfjs transpose x first). */
function columnMeans(x: tf.Tensor2D): Float32Array {
  const [n] = x.shape;
  const means = tf.tidy(() => tf.div(tf.matMul(tf.ones([1, n]), x), n));
  const values = means.dataSync() as Float32Array;
  means.dispose();
  return values;
}

/**
 * A recorder for `draws` kept steps of `chains` chains of `channels` channels each.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
 * const recorder = drawRecorder(1, 2, 150);
 * const r = run(mala(interaction(graph), { step: 0.05 }), x0, { steps: 200, burnIn: 50, onDraw: recorder.onDraw }, key(1));
 * recorder.draws.energy[149] === r.energies[149]; // → true
 * recorder.draws.meanField.length; // → 300 (150 draws × 2 channels)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function drawRecorder(
  chains: number,
  channels: number,
  draws: number,
): DrawRecorder & {
  /** `run`'s `onDraw` (one chain). */
  onDraw: (
    draw: number,
    position: tf.Tensor2D,
    info: { energy: number; acceptance: number; acceptanceProbability: number },
    stepSize: number,
  ) => void;
  /** `run`'s `onDraw` for R chains in one tensor. */
  onChainsDraw: (
    draw: number,
    position: tf.Tensor2D,
    info: { energies: ArrayLike<number>; accepted: ArrayLike<number>; acceptanceProbabilities: ArrayLike<number> },
    stepSize: number,
  ) => void;
} {
  const R = check.integer(WHERE, "chains", chains, 1);
  const d = check.integer(WHERE, "channels", channels, 1);
  const D = check.integer(WHERE, "draws", draws, 0);
  const out: Draws = {
    chains: R,
    draws: D,
    channels: d,
    energy: new Float64Array(R * D).fill(Number.NaN),
    meanField: new Float64Array(R * D * d).fill(Number.NaN),
    acceptanceRate: new Float64Array(R * D).fill(Number.NaN),
    accepted: new Uint8Array(R * D),
    stepSize: new Float64Array(R * D).fill(Number.NaN),
  };
  let recorded = 0;
  const recorder: DrawRecorder = {
    draws: out,
    get recorded() {
      return recorded;
    },
    record(draw, position, energies, acceptanceProbability, accepted, stepSize) {
      if (!(Number.isInteger(draw) && draw >= 0 && draw < D)) throw new ArgumentError(WHERE, "draw", `an integer in [0, ${D - 1}]`, draw);
      if (position.shape[1] !== R * d) throw new ArgumentError(WHERE, "position", `a field of ${R}·${d} columns`, position.shape);
      const means = columnMeans(position);
      for (let r = 0; r < R; r++) {
        const i = r * D + draw;
        out.energy[i] = energies[r]!;
        out.acceptanceRate[i] = acceptanceProbability[r]!;
        out.accepted[i] = accepted[r]! ? 1 : 0;
        out.stepSize[i] = stepSize;
        for (let c = 0; c < d; c++) out.meanField[i * d + c] = means[r * d + c]!;
      }
      recorded = Math.max(recorded, draw + 1);
    },
    snapshot(count) {
      const n = check.integer(WHERE, "count", count, 0, D);
      const perChain = <T extends Float64Array | Uint8Array>(a: T, width: number): T => {
        const copy = new (a.constructor as new (length: number) => T)(R * n * width);
        for (let r = 0; r < R; r++) copy.set(a.subarray(r * D * width, (r * D + n) * width), r * n * width);
        return copy;
      };
      return {
        chains: R,
        draws: n,
        channels: d,
        energy: perChain(out.energy, 1),
        meanField: perChain(out.meanField, d),
        acceptanceRate: perChain(out.acceptanceRate, 1),
        accepted: perChain(out.accepted, 1),
        stepSize: perChain(out.stepSize, 1),
      };
    },
    restore(saved) {
      if (saved.chains !== R || saved.channels !== d || !(saved.draws <= D))
        throw new ArgumentError(WHERE, "saved", `draws of ${R} chains × ${d} channels, at most ${D} each`, [
          saved.chains,
          saved.channels,
          saved.draws,
        ]);
      const n = saved.draws;
      const put = <T extends Float64Array | Uint8Array>(to: T, from: T, width: number) => {
        for (let r = 0; r < R; r++) to.set(from.subarray(r * n * width, (r + 1) * n * width), r * D * width);
      };
      put(out.energy, saved.energy, 1);
      put(out.meanField, saved.meanField, d);
      put(out.acceptanceRate, saved.acceptanceRate, 1);
      put(out.accepted, saved.accepted, 1);
      put(out.stepSize, saved.stepSize, 1);
      recorded = n;
    },
  };
  return Object.assign(recorder, {
    onDraw: (
      draw: number,
      position: tf.Tensor2D,
      info: { energy: number; acceptance: number; acceptanceProbability: number },
      stepSize: number,
    ) => recorder.record(draw, position, [info.energy], [info.acceptanceProbability], [info.acceptance], stepSize),
    onChainsDraw: (
      draw: number,
      position: tf.Tensor2D,
      info: { energies: ArrayLike<number>; accepted: ArrayLike<number>; acceptanceProbabilities: ArrayLike<number> },
      stepSize: number,
    ) => recorder.record(draw, position, info.energies, info.acceptanceProbabilities, info.accepted, stepSize),
  });
}

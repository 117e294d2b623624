/**
 * Lossless JSON forms for checkpoints: typed arrays as base64 of their bytes (a float32 field round-trips bit for
 * bit, which decimal text would not guarantee for every reader), and non-finite numbers as tagged strings (JSON has
 * no NaN or ∞).
 */
import type { RunCheckpoint, TraceRecord } from "../dynamics/run";
import type { IsingCheckpoint } from "../ising/sampler";
import { ArgumentError } from "../errors";

const WHERE = "emtd/runs/encode";

/**
 * Bytes of a float32 array as base64.
 *
 * @example
 * ```ts
 * float32ToBase64(Float32Array.of(1, -0.5)); // → "AACAPwAAAL8="
 * ```
 */
export function float32ToBase64(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

/**
 * Bytes of a float64 array as base64.
 *
 * @example
 * ```ts
 * float64ToBase64(Float64Array.of(0.1)); // → "mpmZmZmZuT8="
 * ```
 */
export function float64ToBase64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function bytes(text: string, width: number, argument: string): Buffer {
  const b = Buffer.from(text, "base64");
  if (b.length % width !== 0) throw new ArgumentError(WHERE, argument, `base64 of a multiple of ${width} bytes`, `${b.length} bytes`);
  return b;
}

/**
 * Inverse of {@link float32ToBase64} (a fresh, aligned array).
 *
 * @example
 * ```ts
 * Array.from(base64ToFloat32("AACAPwAAAL8=")); // → [1, -0.5]
 * ```
 */
export function base64ToFloat32(text: string, argument = "float32 data"): Float32Array {
  const b = bytes(text, 4, argument);
  const out = new Float32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * Inverse of {@link float64ToBase64} (a fresh, aligned array).
 *
 * @example
 * ```ts
 * base64ToFloat64(float64ToBase64(Float64Array.of(0.1)))[0] === 0.1; // → true (bit for bit)
 * try {
 *   base64ToFloat64("AAAA");
 * } catch (e) {
 *   (e as Error).message; // → 'emtd/runs/encode: float64 data must be base64 of a multiple of 8 bytes (got "3 bytes")'
 * }
 * ```
 */
export function base64ToFloat64(text: string, argument = "float64 data"): Float64Array {
  const b = bytes(text, 8, argument);
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * JSON.stringify replacer keeping NaN and ±∞ (as `{ "$number": "NaN" }`).
 *
 * @example
 * ```ts
 * JSON.stringify({ a: NaN, b: -Infinity, c: 1 }, numberReplacer); // → '{"a":{"$number":"NaN"},"b":{"$number":"-Infinity"},"c":1}'
 * ```
 */
export function numberReplacer(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? { $number: String(value) } : value;
}

/**
 * JSON.parse reviver undoing {@link numberReplacer}.
 *
 * @example
 * ```ts
 * JSON.parse('{"a":{"$number":"NaN"},"c":1}', numberReviver); // → { a: NaN, c: 1 }
 * ```
 */
export function numberReviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && "$number" in value && Object.keys(value).length === 1) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}

/** The JSON form of a {@link RunCheckpoint}; `energies` keeps only its filled prefix. */
export interface EncodedRunCheckpoint {
  step: number;
  shape: [number, number];
  position: string;
  energy: number;
  gradient: string | null;
  stepSize: number;
  logStep: number;
  logStepSum: number;
  logStepCount: number;
  energiesLength: number;
  energies: string;
  trace: TraceRecord[];
  acceptedSinceRecord: number;
  stepsSinceRecord: number;
  acceptedAfterBurnIn: number;
  rejectedStreak: number;
}

/**
 * A run checkpoint as plain JSON values (lossless; use {@link numberReplacer} when stringifying).
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const integrator = mala(interaction(graph), { step: 0.1, temperature: 1 });
 * const options = { steps: 100, burnIn: 20 };
 * const paused = run(integrator, x0, { ...options, until: 50 }, key(1)); // stop after 50 steps
 * const json = JSON.stringify(encodeRunCheckpoint(paused.checkpoint!, options.burnIn), numberReplacer);
 * const resume = decodeRunCheckpoint(JSON.parse(json, numberReviver));
 * const resumed = run(integrator, x0, { ...options, resume }, key(1));
 * const straight = run(integrator, x0, options, key(1));
 * resumed.meanEnergy === straight.meanEnergy; // → true (3.0621659196913242 both: bit for bit)
 * tf.dispose([x0, paused.final, resumed.final, straight.final]);
 * releaseGraph(graph);
 * ```
 */
export function encodeRunCheckpoint(c: RunCheckpoint, burnIn: number): EncodedRunCheckpoint {
  const filled = Math.max(0, c.step - burnIn);
  return {
    step: c.step,
    shape: c.position.shape,
    position: float32ToBase64(c.position.data),
    energy: c.energy,
    gradient: c.gradient ? float32ToBase64(c.gradient) : null,
    stepSize: c.stepSize,
    logStep: c.logStep,
    logStepSum: c.logStepSum,
    logStepCount: c.logStepCount,
    energiesLength: c.energies.length,
    energies: float64ToBase64(c.energies.subarray(0, filled)),
    trace: c.trace,
    acceptedSinceRecord: c.acceptedSinceRecord,
    stepsSinceRecord: c.stepsSinceRecord,
    acceptedAfterBurnIn: c.acceptedAfterBurnIn,
    rejectedStreak: c.rejectedStreak ?? 0,
  };
}

/**
 * Inverse of {@link encodeRunCheckpoint}.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const integrator = mala(interaction(graph), { step: 0.1, temperature: 1 });
 * const options = { steps: 100, burnIn: 20 };
 * const paused = run(integrator, x0, { ...options, until: 50 }, key(1)); // stop after 50 steps
 * const json = JSON.stringify(encodeRunCheckpoint(paused.checkpoint!, options.burnIn), numberReplacer);
 * const resume = decodeRunCheckpoint(JSON.parse(json, numberReviver));
 * const resumed = run(integrator, x0, { ...options, resume }, key(1));
 * const straight = run(integrator, x0, options, key(1));
 * resumed.meanEnergy === straight.meanEnergy; // → true (3.0621659196913242 both: bit for bit)
 * tf.dispose([x0, paused.final, resumed.final, straight.final]);
 * releaseGraph(graph);
 * ```
 */
export function decodeRunCheckpoint(e: EncodedRunCheckpoint): RunCheckpoint {
  const energies = new Float64Array(e.energiesLength);
  energies.set(base64ToFloat64(e.energies, "checkpoint energies"));
  const data = base64ToFloat32(e.position, "checkpoint position");
  if (data.length !== e.shape[0] * e.shape[1])
    throw new ArgumentError(WHERE, "checkpoint position", `${e.shape[0]}×${e.shape[1]} floats`, data.length);
  return {
    step: e.step,
    position: { shape: e.shape, data },
    energy: e.energy,
    gradient: e.gradient === null ? null : base64ToFloat32(e.gradient, "checkpoint gradient"),
    stepSize: e.stepSize,
    logStep: e.logStep,
    logStepSum: e.logStepSum,
    logStepCount: e.logStepCount,
    energies,
    trace: e.trace,
    acceptedSinceRecord: e.acceptedSinceRecord,
    stepsSinceRecord: e.stepsSinceRecord,
    acceptedAfterBurnIn: e.acceptedAfterBurnIn,
    rejectedStreak: e.rejectedStreak,
  };
}

/** The JSON form of an {@link IsingCheckpoint}; each series keeps only its filled prefix. */
export interface EncodedIsingCheckpoint {
  sweep: number;
  spins: string;
  kept: number;
  energy: string[];
  magnetization: string[];
  flips: string;
  lastMagnetization: string;
}

/**
 * An Ising checkpoint as plain JSON values (lossless).
 *
 * @example
 * ```ts
 * const system = isingLattice(4);
 * const options = { temperature: 2, sweeps: 100, burnIn: 10 };
 * const paused = runIsing(system, { ...options, until: 40 }, key(1));
 * const json = JSON.stringify(encodeIsingCheckpoint(paused.checkpoint!, options.burnIn));
 * const resumed = runIsing(system, { ...options, resume: decodeIsingCheckpoint(JSON.parse(json)) }, key(1));
 * const straight = runIsing(system, options, key(1));
 * resumed.results[0]!.energyPerSpin.value === straight.results[0]!.energyPerSpin.value; // → true (−1.6972… both)
 * ```
 */
export function encodeIsingCheckpoint(c: IsingCheckpoint, burnIn: number): EncodedIsingCheckpoint {
  const filled = Math.max(0, c.sweep - burnIn);
  return {
    sweep: c.sweep,
    spins: float32ToBase64(c.spins),
    kept: c.energy[0]?.length ?? 0,
    energy: c.energy.map((s) => float64ToBase64(s.subarray(0, filled))),
    magnetization: c.magnetization.map((s) => float64ToBase64(s.subarray(0, filled))),
    flips: float64ToBase64(c.flips),
    lastMagnetization: float64ToBase64(c.lastMagnetization),
  };
}

/**
 * Inverse of {@link encodeIsingCheckpoint}.
 *
 * @example
 * ```ts
 * const system = isingLattice(4);
 * const options = { temperature: 2, sweeps: 100, burnIn: 10 };
 * const paused = runIsing(system, { ...options, until: 40 }, key(1));
 * const json = JSON.stringify(encodeIsingCheckpoint(paused.checkpoint!, options.burnIn));
 * const resumed = runIsing(system, { ...options, resume: decodeIsingCheckpoint(JSON.parse(json)) }, key(1));
 * const straight = runIsing(system, options, key(1));
 * resumed.results[0]!.energyPerSpin.value === straight.results[0]!.energyPerSpin.value; // → true (−1.6972… both)
 * ```
 */
export function decodeIsingCheckpoint(e: EncodedIsingCheckpoint): IsingCheckpoint {
  const series = (text: string) => {
    const out = new Float64Array(e.kept);
    out.set(base64ToFloat64(text, "checkpoint series"));
    return out;
  };
  return {
    sweep: e.sweep,
    spins: base64ToFloat32(e.spins, "checkpoint spins"),
    energy: e.energy.map(series),
    magnetization: e.magnetization.map(series),
    flips: base64ToFloat64(e.flips, "checkpoint flips"),
    lastMagnetization: base64ToFloat64(e.lastMagnetization, "checkpoint magnetization"),
  };
}

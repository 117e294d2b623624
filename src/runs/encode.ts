/**
 * Lossless JSON forms for checkpoints, by one encoder ({@link encodeCheckpoint}) driven by a table of field kinds:
 * typed arrays as base64 of their bytes (a float32 field round-trips bit for bit, which decimal text would not
 * guarantee for every reader), post-burn-in series as their filled prefix only, and non-finite numbers as tagged
 * strings (JSON has no NaN or ∞). The run and Ising checkpoints are two tables of it; their JSON forms are those
 * `emtd run` has always written, so older checkpoint files resume.
 */
import type { RunCheckpoint, TraceRecord } from "../dynamics/run";
import type { IsingCheckpoint } from "../spin/ising/ising-sampler";
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

/**
 * How one field of a checkpoint is written: "plain" as is (numbers, records; stringify with {@link numberReplacer}),
 * "f32" / "f64" a typed array (or null) as base64 of its bytes, "series" a Float64Array as base64 of its filled
 * prefix (padded back with zeros on decoding), "series[]" an array of such series.
 */
export type FieldKind = "plain" | "f32" | "f64" | "series" | "series[]";

/** A checkpoint kind's fields in the order they are written. */
export type CheckpointFields = Readonly<Record<string, FieldKind>>;

/**
 * The one checkpoint encoder: every field of `fields` taken from `value` by its kind, series cut to their first
 * `filled` entries (the steps after burn-in completed so far).
 *
 * @example
 * ```ts
 * const fields = { step: "plain", spins: "f32", energy: "series" } as const;
 * encodeCheckpoint({ step: 3, spins: Float32Array.of(1, -1), energy: Float64Array.of(0.5, 0) }, fields, 1);
 * // → { step: 3, spins: "AACAPwAAgL8=", energy: "AAAAAAAA4D8=" }
 * ```
 */
export function encodeCheckpoint(
  value: Readonly<Record<string, unknown>>,
  fields: CheckpointFields,
  filled: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const v = value[name];
    if (kind === "plain") out[name] = v;
    else if (kind === "f32") out[name] = v === null ? null : float32ToBase64(v as Float32Array);
    else if (kind === "f64") out[name] = v === null ? null : float64ToBase64(v as Float64Array);
    else if (kind === "series") out[name] = float64ToBase64((v as Float64Array).subarray(0, filled));
    else out[name] = (v as Float64Array[]).map((x) => float64ToBase64(x.subarray(0, filled)));
  }
  return out;
}

/**
 * Inverse of {@link encodeCheckpoint}: series padded with zeros to `length` entries (their full length), each
 * decoding error naming "checkpoint FIELD".
 *
 * @example
 * ```ts
 * const fields = { step: "plain", spins: "f32", energy: "series" } as const;
 * const c = decodeCheckpoint({ step: 3, spins: "AACAPwAAgL8=", energy: "AAAAAAAA4D8=" }, fields, 2);
 * [c.step, Array.from(c.spins as Float32Array), Array.from(c.energy as Float64Array)]; // → [3, [1, -1], [0.5, 0]]
 * ```
 */
export function decodeCheckpoint(
  encoded: Readonly<Record<string, unknown>>,
  fields: CheckpointFields,
  length: number,
): Record<string, unknown> {
  const series = (text: string, argument: string) => {
    const out = new Float64Array(length);
    out.set(base64ToFloat64(text, argument));
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const v = encoded[name];
    const argument = `checkpoint ${name}`;
    if (kind === "plain") out[name] = v;
    else if (kind === "f32") out[name] = v === null ? null : base64ToFloat32(v as string, argument);
    else if (kind === "f64") out[name] = v === null ? null : base64ToFloat64(v as string, argument);
    else if (kind === "series") out[name] = series(v as string, argument);
    else out[name] = (v as string[]).map((x) => series(x, argument));
  }
  return out;
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

/** The fields of a run checkpoint, in the order `emtd run` writes them. */
const RUN_FIELDS = {
  step: "plain",
  shape: "plain",
  position: "f32",
  energy: "plain",
  gradient: "f32",
  stepSize: "plain",
  logStep: "plain",
  logStepSum: "plain",
  logStepCount: "plain",
  energiesLength: "plain",
  energies: "series",
  trace: "plain",
  acceptedSinceRecord: "plain",
  stepsSinceRecord: "plain",
  acceptedAfterBurnIn: "plain",
  rejectedStreak: "plain",
} as const satisfies CheckpointFields;

/** The fields of an Ising checkpoint, in the order `emtd run` writes them. */
const ISING_FIELDS = {
  sweep: "plain",
  spins: "f32",
  kept: "plain",
  energy: "series[]",
  magnetization: "series[]",
  flips: "f64",
  lastMagnetization: "f64",
} as const satisfies CheckpointFields;

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
  const flat = {
    ...c,
    shape: c.position.shape,
    position: c.position.data,
    energiesLength: c.energies.length,
    rejectedStreak: c.rejectedStreak ?? 0,
  };
  return encodeCheckpoint(flat, RUN_FIELDS, Math.max(0, c.step - burnIn)) as unknown as EncodedRunCheckpoint;
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
  const c = decodeCheckpoint(e as unknown as Record<string, unknown>, RUN_FIELDS, e.energiesLength) as unknown as EncodedRunCheckpoint &
    Pick<RunCheckpoint, "gradient" | "energies"> & { position: Float32Array };
  const data = c.position;
  if (data.length !== e.shape[0] * e.shape[1])
    throw new ArgumentError(WHERE, "checkpoint position", `${e.shape[0]}×${e.shape[1]} floats`, data.length);
  const { shape, energiesLength: _length, ...rest } = c;
  return { ...rest, position: { shape, data } };
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
 * const settings = { steps: 100, burnIn: 10 };
 * const paused = runIsing(isingSampler(system, [2]), "cold", { ...settings, until: 40 }, key(1));
 * const json = JSON.stringify(encodeIsingCheckpoint(paused.checkpoint!, settings.burnIn));
 * const resumed = runIsing(isingSampler(system, [2]), "cold", { ...settings, resume: decodeIsingCheckpoint(JSON.parse(json)) }, key(1));
 * const straight = runIsing(isingSampler(system, [2]), "cold", settings, key(1));
 * resumed.results[0]!.energyPerSpin.value === straight.results[0]!.energyPerSpin.value; // → true (−1.6972… both)
 * ```
 */
export function encodeIsingCheckpoint(c: IsingCheckpoint, burnIn: number): EncodedIsingCheckpoint {
  const flat = { ...c, kept: c.energy[0]?.length ?? 0 };
  return encodeCheckpoint(flat, ISING_FIELDS, Math.max(0, c.sweep - burnIn)) as unknown as EncodedIsingCheckpoint;
}

/**
 * Inverse of {@link encodeIsingCheckpoint}.
 *
 * @example
 * ```ts
 * const system = isingLattice(4);
 * const settings = { steps: 100, burnIn: 10 };
 * const paused = runIsing(isingSampler(system, [2]), "cold", { ...settings, until: 40 }, key(1));
 * const json = JSON.stringify(encodeIsingCheckpoint(paused.checkpoint!, settings.burnIn));
 * const resumed = runIsing(isingSampler(system, [2]), "cold", { ...settings, resume: decodeIsingCheckpoint(JSON.parse(json)) }, key(1));
 * const straight = runIsing(isingSampler(system, [2]), "cold", settings, key(1));
 * resumed.results[0]!.energyPerSpin.value === straight.results[0]!.energyPerSpin.value; // → true (−1.6972… both)
 * ```
 */
export function decodeIsingCheckpoint(e: EncodedIsingCheckpoint): IsingCheckpoint {
  const { kept: _kept, ...c } = decodeCheckpoint(e as unknown as Record<string, unknown>, ISING_FIELDS, e.kept);
  return c as unknown as IsingCheckpoint;
}

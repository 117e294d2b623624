/**
 * Typed errors. Every error the library throws on bad input is an {@link EmtdError}; its message names the
 * module, the argument and the accepted range, so a user can fix the call without reading the source.
 */

import { echo } from "./format";

/** Base class of every error thrown deliberately by the library. */
export class EmtdError extends Error {
  override name = "EmtdError";
}

/** An argument is outside its accepted range. `argument` and `accepted` are machine-readable copies of the message. */
export class ArgumentError extends EmtdError {
  override name = "ArgumentError";
  constructor(
    readonly where: string,
    readonly argument: string,
    readonly accepted: string,
    readonly got?: unknown,
  ) {
    super(`${where}: ${argument} must be ${accepted}${got === undefined ? "" : ` (got ${formatGot(got)})`}`);
  }
}

/** A backend was requested that is unknown or cannot be initialised on this machine. */
export class BackendError extends EmtdError {
  override name = "BackendError";
}

/** The offending value as the message echoes it: cut past format.ECHO_MAX characters (length shown), controls escaped. */
function formatGot(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return echo(value);
}

/**
 * The lowest temperature a Boltzmann factor is evaluated at: 2⁻¹⁰⁰ ≈ 7.9e−31. Below it β = 1/T, or ΔE/T for
 * energy changes up to 10⁸, overflows float32 (max 3.4e38) in the tensor kernels, and 0·∞ = NaN would silently
 * reject the ΔE = 0 moves that the T → 0 limit accepts. The frozen limit is reached long before (e^{−ΔE/T} = 0 in
 * float64 for ΔE/T > 745).
 */
export const MIN_TEMPERATURE = 2 ** -100;

/** Checks helpers shared by constructors: each throws an ArgumentError naming `where` and `argument`. */
export const check = {
  /** A temperature for Boltzmann factors: finite and ≥ {@link MIN_TEMPERATURE}. */
  boltzmannTemperature(where: string, argument: string, value: number): number {
    if (!(Number.isFinite(value) && value >= MIN_TEMPERATURE)) {
      throw new ArgumentError(
        where,
        argument,
        `a finite number ≥ 2^-100 ≈ 7.9e-31 (below it e^(−ΔE/T) overflows float32; T = 7.9e-31 is already frozen)`,
        value,
      );
    }
    return value;
  },
  integer(where: string, argument: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ArgumentError(where, argument, `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}]`, value);
    }
    return value;
  },
  positive(where: string, argument: string, value: number): number {
    if (!(Number.isFinite(value) && value > 0)) throw new ArgumentError(where, argument, "a finite number > 0", value);
    return value;
  },
  nonNegative(where: string, argument: string, value: number): number {
    if (!(Number.isFinite(value) && value >= 0)) throw new ArgumentError(where, argument, "a finite number ≥ 0", value);
    return value;
  },
  finite(where: string, argument: string, value: number): number {
    if (!Number.isFinite(value)) throw new ArgumentError(where, argument, "a finite number", value);
    return value;
  },
  probability(where: string, argument: string, value: number): number {
    if (!(Number.isFinite(value) && value >= 0 && value <= 1)) throw new ArgumentError(where, argument, "a number in [0, 1]", value);
    return value;
  },
  oneOf<T extends string>(where: string, argument: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) throw new ArgumentError(where, argument, `one of ${allowed.join(", ")}`, value);
    return value as T;
  },
};

/** A request that cannot fit in this machine's memory, refused before allocating: the estimate and the limit. */
export class ResourceError extends EmtdError {
  override name = "ResourceError";
  constructor(
    readonly where: string,
    readonly what: string,
    readonly estimateBytes: number,
    readonly limitBytes: number,
    readonly limitSource: string,
  ) {
    super(
      `${where}: ${what} needs about ${gigabytes(estimateBytes)} but the limit is ${gigabytes(limitBytes)} (${limitSource}); choose a smaller size`,
    );
  }
}

function gigabytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toPrecision(3)} GiB` : `${(bytes / 2 ** 20).toPrecision(3)} MiB`;
}

/** What a numerical fault was: the field left the finite numbers, or the sampler stopped accepting moves. */
export type NumericalFault = "divergence" | "acceptance-collapse" | "not-converged";

/**
 * A numerical fault detected where it arose (the run stops there): the message names the cause and a fix;
 * `step` is the step at which it was seen and `partial` keeps what was recorded up to it (for runs: the trace, the
 * post-burn-in energies so far and the step size).
 */
export class NumericalError extends EmtdError {
  override name = "NumericalError";
  constructor(
    message: string,
    readonly fault: NumericalFault,
    readonly step: number,
    readonly partial?: unknown,
  ) {
    super(message);
  }
}

/** The field diverged (H or Ψ not finite): usually a step above the stability bound h < 1/λ_max. */
export class DivergenceError extends NumericalError {
  override name = "DivergenceError";
  constructor(message: string, step: number, partial?: unknown) {
    super(message, "divergence", step, partial);
  }
}

/** A worker thread did not finish its share of a kernel in time (it died or stalled); the pool was reset. */
export class WorkerTimeoutError extends EmtdError {
  override name = "WorkerTimeoutError";
}

/**
 * The GPU behind the `webgpu` backend failed mid-run: a validation, out-of-memory or internal error of WebGPU, a lost
 * device, or the WebGPU worker thread dead or silent. The run stops there and no result is read back from it; the
 * backend refuses further work in this process (its buffers may hold anything).
 */
export class GpuFaultError extends EmtdError {
  override name = "GpuFaultError";
}

/**
 * A file could not be written because its file system is full (ENOSPC), over quota (EDQUOT) or read-only (EROFS).
 * The previous file, if any, is left as it was; `bytes` is what the write needed.
 */
export class StorageError extends EmtdError {
  override name = "StorageError";
  constructor(
    readonly file: string,
    readonly directory: string,
    readonly code: string,
    readonly bytes: number,
  ) {
    const why = code === "EROFS" ? "is read-only" : code === "EDQUOT" ? "is over its disk quota" : "has no space left";
    super(
      `cannot write ${file}: ${directory} ${why} (${code}); it needs ${bytes} bytes free there (any previous version of the file is kept)`,
    );
  }
}

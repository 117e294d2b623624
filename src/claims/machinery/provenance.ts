/**
 * Where a verdict run comes from (issue 20): the code (git commit, and whether src/ had uncommitted changes), the
 * package version, the tfjs backend and versions, the seed and the number of replicates, and the seconds it took.
 * Everything here but `seconds` is the same for two runs of one checkout on one machine.
 */
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs";
import { packageRoot } from "../../package";
import { VERSION } from "../../package";

/** The provenance of a verdict run, as `emtd verdicts --json` prints it. */
export interface Provenance {
  /** The git commit of the package checkout (null outside a git checkout, e.g. installed from npm). */
  commit: string | null;
  /** True when src/, package.json or package-lock.json differ from `commit` (the numbers may not be the commit's). */
  dirty: boolean;
  /** The package version (package.json). */
  version: string;
  /** The tfjs backend the claims were measured on (several, comma-separated, if the tasks differed). */
  backend: string;
  /** Node.js version (`process.version`). */
  node: string;
  /** tfjs version. */
  tfjs: string;
  /** The `--seed` offset of every stream. */
  seed: number;
  /** Replicates per claim (K). */
  replicates: number;
  /** Wall-clock seconds of the whole run (null with --no-timing): the one field that varies between two runs. */
  seconds: number | null;
  /**
   * Where `emtd verdicts --record --refactor` last renewed the records' fingerprints on later code than `commit`: that
   * code's identity and how many claims it measured equal to their committed records at replicate 0 (their numbers
   * still `commit`'s run's). Absent in a run no refactor renewed.
   */
  renewed?: { commit: string | null; dirty: boolean; claims: number };
}

function git(args: string[], root: string): string | null {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The code's identity: the commit of the checkout at `root` and whether its code differs from it.
 *
 * @example
 * ```ts
 * const { commit, dirty } = codeIdentity(); // e.g. { commit: "51b177a…", dirty: false }
 * ```
 */
export function codeIdentity(root: string = packageRoot()): { commit: string | null; dirty: boolean } {
  const commit = git(["rev-parse", "HEAD"], root);
  if (commit === null) return { commit: null, dirty: false };
  const status = git(["status", "--porcelain", "--", "src", "package.json", "package-lock.json"], root);
  return { commit, dirty: status !== null && status !== "" };
}

/**
 * The provenance of a run measured now on `backend` (the name `ready()` returned).
 *
 * @example
 * ```ts
 * const backend = await ready();
 * provenance({ backend, seed: 0, replicates: 1, seconds: 21.4 }).node === process.version; // → true
 * ```
 */
export function provenance(run: { backend: string; seed: number; replicates: number; seconds: number | null }): Provenance {
  const tfjs = (tf.version as Record<string, string>).tfjs ?? tf.version_core;
  return {
    ...codeIdentity(),
    version: VERSION,
    backend: run.backend,
    node: process.version,
    tfjs,
    seed: run.seed,
    replicates: run.replicates,
    seconds: run.seconds,
  };
}

/**
 * Where the committed verdict run lives (./committed reads and writes it), apart from its reader so that the modules
 * below the registry can find the file without importing what the registry's records are.
 */
import * as path from "node:path";
import { packageRoot } from "../../package";

/** The committed run's path, relative to the package root. */
export const COMMITTED_RUN = "data/verdicts/verdicts.json";

/**
 * The committed run's absolute path in the package at `root`.
 *
 * @example
 * ```ts
 * committedRunFile("/pkg"); // → "/pkg/data/verdicts/verdicts.json"
 * ```
 */
export function committedRunFile(root: string = packageRoot()): string {
  return path.join(root, COMMITTED_RUN);
}

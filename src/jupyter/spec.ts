/**
 * The `emtd` kernelspec: Jupyter starts `node kernel/launch.js --config-path {connection_file}` from the checkout
 * it was installed from, which runs that checkout's library (its banner says which). Paths are absolute because
 * Jupyter starts kernels from the notebook's folder. `name` lets two checkouts be installed side by side.
 */
import * as path from "node:path";
import { packageRoot } from "../package";

export const KERNEL_NAME = "emtd";
export const KERNEL_DISPLAY_NAME = "EMTD (TypeScript)";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode?: "signal" | "message";
  metadata?: Record<string, unknown>;
  env?: Record<string, string>;
}

import { KERNEL_NAME_ENV, KERNEL_PLOTLY_FILE, isKernelName } from "../viz/kernelspec-name";

export { KERNEL_NAME_ENV, KERNEL_PLOTLY_FILE, isKernelName };

/**
 * The display name of kernel `name`: the default one, or with the name when it is not the default.
 *
 * @example
 * ```ts
 * displayName(); // → "EMTD (TypeScript)"
 * displayName("emtd-dev"); // → "EMTD (TypeScript), emtd-dev"
 * ```
 */
export function displayName(name = KERNEL_NAME): string {
  return name === KERNEL_NAME ? KERNEL_DISPLAY_NAME : `${KERNEL_DISPLAY_NAME}, ${name}`;
}

/**
 * kernel.json for the checkout at `root`, run by `node` at `nodePath` (default: the node running this code).
 * @example kernelSpec("/home/me/emtd", process.execPath, "emtd-dev").display_name === "EMTD (TypeScript), emtd-dev"
 */
export function kernelSpec(root = packageRoot(), nodePath = process.execPath, name = KERNEL_NAME): KernelSpec {
  return {
    argv: [nodePath, path.join(root, "kernel", "launch.js"), "--config-path", "{connection_file}"],
    display_name: displayName(name),
    language: "typescript",
    interrupt_mode: "message",
    metadata: { emtd: { root, name } },
    env: { [KERNEL_NAME_ENV]: name },
  };
}

/**
 * The `emtd` kernelspec: Jupyter starts `node kernel/launch.js --config-path {connection_file}` from this checkout,
 * which runs the project's own tslab. Paths are absolute because Jupyter starts kernels from the notebook's folder.
 */
import * as path from "node:path";

export const KERNEL_NAME = "emtd";
export const KERNEL_DISPLAY_NAME = "EMTD (TypeScript)";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode?: "signal" | "message";
  metadata?: Record<string, unknown>;
}

/** The checkout (or installed package) root: dist/src/jupyter/spec.js → three levels up. */
export function packageRoot(): string {
  return path.resolve(__dirname, "..", "..", "..");
}

/** kernel.json for this checkout, run by `node` at `nodePath` (default: the node running this code). */
export function kernelSpec(root = packageRoot(), nodePath = process.execPath): KernelSpec {
  return {
    argv: [nodePath, path.join(root, "kernel", "launch.js"), "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { emtd: { root } },
  };
}

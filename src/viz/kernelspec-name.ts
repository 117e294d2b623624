/**
 * What a figure and the kernelspec share: the variable naming the installed kernelspec and the plotly.js copy beside
 * its kernel.json. Here, below both, so that viz (figures) need not import the Jupyter layer.
 */

/** The variable kernel.json sets to the kernelspec's name: figures load plotly.js from the spec's folder by it. */
export const KERNEL_NAME_ENV = "EMTD_KERNEL_NAME";
/** The copy of plotly.js the install puts beside kernel.json (Jupyter serves it at `kernelspecs/NAME/plotly.min.js`). */
export const KERNEL_PLOTLY_FILE = "plotly.min.js";

/**
 * A kernel name Jupyter accepts: ASCII letters, digits, `-`, `.`, `_` (jupyter_client's rule).
 *
 * @example
 * ```ts
 * isKernelName("emtd-dev"); // → true
 * isKernelName("emtd lab"); // → false
 * ```
 */
export function isKernelName(name: string): boolean {
  return /^[a-zA-Z0-9._-]+$/.test(name);
}

/**
 * Asking the notebook's user for a line of text: `await input("T = ")` in a cell of the emtd kernel shows a prompt
 * under the cell (Jupyter's `input_request` on the stdin channel) and resolves with what the user typed. The kernel
 * installs its stdin channel under {@link KERNEL_STDIN}, a process-wide symbol like the display publisher, so the
 * library and the kernel agree even when loaded as two copies. Outside a kernel the line is read from stdin.
 */
import { createInterface } from "node:readline";
import { EmtdError } from "../errors";

/** Where the emtd Jupyter kernel (src/jupyter/stdin.ts) puts the stdin channel of the running cell. */
export const KERNEL_STDIN: unique symbol = Symbol.for("emtd.jupyter.stdin") as never;

/** What the kernel installs under {@link KERNEL_STDIN}. */
export interface KernelStdin {
  /** Whether the running execute_request allows stdin (`allow_stdin`: false in `emtd notebooks`, nbconvert, papermill). */
  allowed(): boolean;
  /** Send `input_request` and resolve with the `input_reply`'s value. */
  ask(prompt: string, password: boolean): Promise<string>;
}

/**
 * The front end cannot answer: the execute_request said `allow_stdin: false` (a headless run: `emtd notebooks`,
 * nbconvert, papermill), so a prompt would wait forever. Give the value in the cell (or a parameters cell) instead.
 */
export class StdinNotAllowedError extends EmtdError {
  override name = "StdinNotAllowedError";
  constructor(readonly prompt: string) {
    super(
      `emtd/display input: stdin is not allowed by this front end (allow_stdin: false), so ${JSON.stringify(prompt)} cannot be asked; set the value in the cell instead`,
    );
  }
}

function kernelStdin(): KernelStdin | null {
  const stdin = (globalThis as Record<symbol, unknown>)[KERNEL_STDIN];
  return typeof stdin === "object" && stdin !== null ? (stdin as KernelStdin) : null;
}

/**
 * Ask the user for one line: in a notebook a prompt under the cell (with `password`, the typed text is hidden),
 * resolving with the text typed (without its newline). Await it: `const t = Number(await input("T = "))`.
 * Throws {@link StdinNotAllowedError} when the front end does not take input (headless runs); outside a kernel,
 * reads a line from the process's stdin (resolving "" at its end).
 *
 * @example
 * ```text
 * import { input } from "emtd/display";
 * const name = await input("Your name: ");
 * const secret = await input("Token: ", { password: true });
 * ```
 */
export async function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const stdin = kernelStdin();
  if (stdin) {
    if (!stdin.allowed()) throw new StdinNotAllowedError(prompt);
    return stdin.ask(prompt, options.password ?? false);
  }
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    process.stdout.write(prompt);
    for await (const line of lines) return line;
    return "";
  } finally {
    lines.close();
  }
}

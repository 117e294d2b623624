/**
 * Execute a Jupyter notebook (nbformat 4) top to bottom on a fresh kernel and build its executed copy.
 *
 * Outputs follow the messaging spec: consecutive stream text of one name is merged; `display_data` carrying a
 * `transient.display_id` is remembered, and a later `update_display_data` with that id replaces its data in
 * place (how progress bars and live plots end up as their final state); `execute_result` and `error` are kept.
 * The widgets' state after the last cell is saved in the notebook's metadata (widget-state.ts).
 * `clear_output` clears at once, or with `wait` when the next output arrives. A cell fails when its reply status
 * is not "ok", when it published an `error`, or when it wrote to stderr; a kernel that dies or hangs past the cell
 * timeout fails the cell it was running and is stopped.
 */
import type * as nbformat from "@jupyterlab/nbformat";
import * as path from "node:path";
import { KernelClient, KernelExited, KernelTimeout, type Published } from "./client";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, type KernelSpec, kernelSpec } from "./spec";
import { ArgumentError } from "../errors";
import { readBounded } from "../files/bounded";
import { WIDGET_STATE_MIME, widgetStateOf } from "./widget-state";

/** A notebook (nbformat 4), in Jupyter's own types (@jupyterlab/nbformat). */
export type Notebook = nbformat.INotebookContent;
export type NotebookCell = nbformat.ICell;
export type Output = nbformat.IOutput;

export interface CellFailure {
  /** 1-based index among all cells, as a front end numbers them. */
  cell: number;
  message: string;
}

export interface ExecutedNotebook {
  notebook: Notebook;
  seconds: number;
  /** Seconds per executed code cell, by 1-based cell index. */
  cellSeconds: Record<number, number>;
  failure: CellFailure | null;
}

/**
 * Parse an nbformat 4 notebook file, read within the notebook byte budget (files/bounded: a device or FIFO is
 * refused); throws when it is not one.
 *
 * @example
 * ```ts
 * const path = require("node:path");
 * const nb = readNotebook(path.join(packageRoot(), "notebooks", "04-ricci-flow.ipynb"));
 * console.log(nb.nbformat, hasOutputs(nb)); // → 4 false
 * ```
 */
export function readNotebook(file: string): Notebook {
  const nb = JSON.parse(readBounded(file, "notebook", { where: "emtd/jupyter/notebook", argument: "notebook" })) as Notebook;
  if (nb === null || typeof nb !== "object" || nb.nbformat !== 4 || !Array.isArray(nb.cells) || !isObject(nb.metadata))
    throw new Error(`emtd/jupyter/notebook: ${file} is not an nbformat 4 notebook`);
  // The fields every reader of a cell relies on: a malformed cell is named here, not met as a TypeError later.
  nb.cells.forEach((cell: unknown, i) => {
    const c = cell as Partial<NotebookCell> | null;
    const source = c?.source as unknown;
    const sourceOk = typeof source === "string" || (Array.isArray(source) && source.every((line) => typeof line === "string"));
    if (c === null || typeof c !== "object" || typeof c.cell_type !== "string" || !sourceOk || !isObject(c.metadata))
      throw new Error(`emtd/jupyter/notebook: ${file} cell ${i + 1} must be an object with cell_type, source (text or lines) and metadata`);
  });
  return nb;
}

const isObject = (x: unknown): boolean => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * The outputs of a code cell (none for other cells).
 *
 * @example
 * ```ts
 * const output = { output_type: "execute_result", data: { "text/plain": "2" }, metadata: {}, execution_count: 1 };
 * outputsOf({ cell_type: "code", source: "1 + 1", metadata: {}, execution_count: 1, outputs: [output] }).length; // → 1
 * outputsOf({ cell_type: "markdown", source: "# Title", metadata: {} }).length; // → 0
 * ```
 */
export function outputsOf(cell: NotebookCell): Output[] {
  return cell.cell_type === "code" ? ((cell as nbformat.ICodeCell).outputs ?? []) : [];
}

/** A cell's source as one string (nbformat allows a string or a list of lines). */
export const sourceText = (cell: NotebookCell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/** Turn one cell's iopub messages into nbformat outputs; `displays` maps display ids to the outputs they own. */
export function collectOutputs(published: readonly Published[], executionCount: number | null, displays: Map<string, Output[]>): Output[] {
  const outputs: Output[] = [];
  // clear_output with wait: clear when the next output arrives, not at once (how animations avoid flicker).
  let clearPending = false;
  for (const { msg_type: type, content } of published) {
    if (clearPending && type !== "clear_output" && type !== "update_display_data") {
      outputs.length = 0;
      clearPending = false;
    }
    const last = outputs[outputs.length - 1];
    if (type === "stream") {
      if (last?.output_type === "stream" && last.name === content.name) last.text += content.text;
      else outputs.push({ output_type: "stream", name: content.name, text: content.text });
    } else if (type === "display_data") {
      const out: Output = { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
      outputs.push(out);
      const id = content.transient?.display_id;
      if (id) displays.set(id, [...(displays.get(id) ?? []), out]);
    } else if (type === "update_display_data") {
      for (const out of displays.get(content.transient?.display_id) ?? []) {
        out.data = content.data;
        out.metadata = content.metadata ?? {};
      }
    } else if (type === "execute_result") {
      outputs.push({
        output_type: "execute_result",
        execution_count: executionCount,
        data: content.data,
        metadata: content.metadata ?? {},
      });
    } else if (type === "error") {
      outputs.push({ output_type: "error", ename: content.ename, evalue: content.evalue, traceback: content.traceback ?? [] });
    } else if (type === "clear_output") {
      if (content.wait) clearPending = true;
      else outputs.length = 0;
    }
  }
  return outputs;
}

/** Why a cell failed, in one line, or null when it succeeded. */
export function cellFailure(status: string, outputs: readonly Output[]): string | null {
  const stderr = outputs
    .filter((o) => o.output_type === "stream" && o.name === "stderr")
    .map((o) => o.text as string)
    .join("");
  const error = outputs.find((o) => o.output_type === "error");
  // A thrown error prints "file:line", the source line and a caret before "TypeError: …": prefer that line.
  const firstLine = (s: string) => {
    const lines = s
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    return lines.find((l) => /^([A-Z]\w*)?(Error|Exception)\b/.test(l)) ?? lines[0] ?? "";
  };
  if (error) return `${error.ename}: ${error.evalue}`;
  if (stderr.trim() !== "") return `${status === "ok" ? "wrote to stderr: " : ""}${firstLine(stderr)}`;
  if (status === "abort") return "execution aborted by the kernel";
  if (status !== "ok") return `execute_reply status "${status}"`;
  return null;
}

/** The tag of the cell that holds a notebook's default parameters (papermill's convention). */
export const PARAMETERS_TAG = "parameters";
/** The tag of the cell {@link injectParameters} adds. */
export const INJECTED_TAG = "injected-parameters";

/**
 * A copy of `notebook` whose parameters are set to `parameters` (papermill's convention, minimally): a code cell
 * tagged `injected-parameters` that declares each one is inserted after the cell tagged `parameters` (which holds
 * the defaults), or first when there is none; a previous injected cell is replaced. The parameters are recorded in
 * the notebook's metadata, papermill's way (`metadata.papermill.parameters`) and as `metadata.emtd.parameters`.
 * Values are written as JSON literals.
 *
 * @example
 * ```ts
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "const seed = 7;", metadata: { tags: ["parameters"] }, execution_count: null, outputs: [] },
 *   { cell_type: "code", source: "seed", metadata: {}, execution_count: null, outputs: [] },
 * ] };
 * const out = injectParameters(nb, { seed: 3 });
 * out.cells[1]!.source; // → "// Parameters injected by emtd notebooks\nconst seed = 3;\n"
 * out.metadata.emtd; // → { parameters: { seed: 3 } }
 * out.metadata.papermill; // → { parameters: { seed: 3 } }
 * ```
 */
export function injectParameters(notebook: Notebook, parameters: Record<string, unknown>): Notebook {
  for (const name of Object.keys(parameters)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new ArgumentError("injectParameters", "a parameter name", "a JavaScript identifier", name);
  }
  const tags = (cell: NotebookCell) => (Array.isArray(cell.metadata.tags) ? (cell.metadata.tags as string[]) : []);
  const cells = notebook.cells.filter((cell) => !tags(cell).includes(INJECTED_TAG));
  const source =
    "// Parameters injected by emtd notebooks\n" +
    Object.entries(parameters)
      .map(([name, value]) => `const ${name} = ${JSON.stringify(value)};\n`)
      .join("");
  const injected: NotebookCell = {
    cell_type: "code",
    // nbformat 4.5 gives every cell an id; papermill names this one after its tag.
    ...(notebook.nbformat_minor >= 5 ? { id: INJECTED_TAG } : {}),
    source,
    metadata: { tags: [INJECTED_TAG] },
    execution_count: null,
    outputs: [],
  };
  const at = cells.findIndex((cell) => cell.cell_type === "code" && tags(cell).includes(PARAMETERS_TAG));
  cells.splice(at + 1, 0, injected);
  const emtd = {
    ...((notebook.metadata.emtd as Record<string, unknown> | undefined) ?? {}),
    parameters,
  } as unknown as nbformat.INotebookMetadata[string];
  const papermill = {
    ...((notebook.metadata.papermill as Record<string, unknown> | undefined) ?? {}),
    parameters,
  } as unknown as nbformat.INotebookMetadata[string];
  return { ...notebook, metadata: { ...notebook.metadata, emtd, papermill }, cells };
}

export interface ExecuteOptions {
  /** Parameters to set in the notebook before it runs (see {@link injectParameters}). */
  parameters?: Record<string, unknown>;
  spec?: KernelSpec;
  /** Per-cell time limit. Default 600 s. */
  cellTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run every code cell of the notebook at `file` on a fresh kernel started in the notebook's folder.
 *
 * It starts a kernel, so there is no runnable example; the CLI runs it for each notebook:
 * ```sh
 * npx emtd notebooks --only 04-ricci-flow   # executeNotebook("notebooks/04-ricci-flow.ipynb"), fails on a cell's error
 * ```
 */
export async function executeNotebook(file: string, options: ExecuteOptions = {}): Promise<ExecutedNotebook> {
  const notebook = options.parameters ? injectParameters(readNotebook(file), options.parameters) : readNotebook(file);
  const started = performance.now();
  const kernel = await KernelClient.start(options.spec ?? kernelSpec(), {
    cwd: path.dirname(path.resolve(file)),
    // Live displays (progress) draw only their final state: the file keeps that, and nobody watches.
    env: { ...(options.env ?? process.env), EMTD_PROGRESS: "final" },
  });
  const displays = new Map<string, Output[]>();
  const cellSeconds: Record<number, number> = {};
  let failure: CellFailure | null = null;
  let current = 0;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      current = index + 1;
      if (cell.cell_type !== "code") continue;
      const code = sourceText(cell);
      if (failure || code.trim() === "") {
        cell.outputs = [];
        cell.execution_count = null;
        continue;
      }
      const result = await kernel.execute(code, options.cellTimeoutMs ?? 600_000);
      cell.execution_count = result.executionCount;
      const outputs = collectOutputs(result.published, result.executionCount, displays);
      cell.outputs = outputs;
      cellSeconds[index + 1] = result.seconds;
      const why = cellFailure(result.status, outputs);
      if (why) failure = { cell: index + 1, message: why };
    }
    // The widgets' last state, for readers without a kernel (the book, nbconvert, GitHub's renderer).
    const widgets = failure ? null : await widgetStateOf(kernel);
    if (widgets) notebook.metadata.widgets = JSON.parse(JSON.stringify({ [WIDGET_STATE_MIME]: widgets })) as Notebook["metadata"][string];
  } catch (error) {
    // The kernel hung or died: this cell is the one to blame, and the kernel is stopped below.
    const message =
      error instanceof KernelTimeout
        ? `no result within ${error.seconds} s (--cell-timeout); the kernel was stopped`
        : error instanceof KernelExited
          ? `the kernel died (${error.how.replace(/^kernel exited \((.*)\)$/, "$1")})${error.lastLog ? `: ${error.lastLog}` : ""}`
          : (error as Error).message;
    failure = { cell: current, message: message.split("\n")[0]! };
  } finally {
    await kernel.shutdown();
  }
  notebook.metadata.kernelspec = { name: KERNEL_NAME, display_name: KERNEL_DISPLAY_NAME, language: "typescript" };
  return { notebook, seconds: (performance.now() - started) / 1000, cellSeconds, failure };
}

/**
 * A copy of the notebook with every output and execution count removed (what git holds).
 *
 * @example
 * ```ts
 * const output = { output_type: "execute_result", data: { "text/plain": "2" }, metadata: {}, execution_count: 1 };
 * const cell = { cell_type: "code", source: "1 + 1", metadata: {}, execution_count: 1, outputs: [output] };
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
 * console.log(hasOutputs(nb), hasOutputs(stripOutputs(nb))); // → true false
 * ```
 */
export function stripOutputs(notebook: Notebook): Notebook {
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
  }
  return copy;
}

/**
 * True when any code cell carries outputs or an execution count.
 *
 * @example
 * ```ts
 * const cell = { cell_type: "code", source: "1 + 1", metadata: {}, execution_count: 1, outputs: [] };
 * hasOutputs({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] }); // → true (an execution count)
 * ```
 */
export function hasOutputs(notebook: Notebook): boolean {
  return notebook.cells.some((c) => c.cell_type === "code" && (outputsOf(c).length > 0 || (c.execution_count ?? null) !== null));
}

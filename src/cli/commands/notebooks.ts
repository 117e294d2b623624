/**
 * `emtd notebooks`: execute every notebook in notebooks/ top to bottom, each on a fresh `emtd` kernel, write the
 * executed copies (display updates applied) to --out, and report the time of each. No Python Jupyter is needed:
 * the kernel is launched and driven over ZeroMQ by src/jupyter/. A failing cell (an error, or any stderr output),
 * a kernel that dies, or a cell past --cell-timeout stops that notebook (its kernel is killed), the next notebook
 * still runs, and the command fails with one line naming each failed notebook, cell and message.
 */
import * as path from "node:path";
import { executeNotebook, hasOutputs, type Notebook, readNotebook, stripOutputs } from "../../jupyter/notebook";
import { checkParameters, parameterPairs } from "../../jupyter/parameters";
import { ArgumentError } from "../../errors";
import { CommandFailed, type Command } from "../../command/command";
import { writeFileAtomic } from "../../files/atomic";
import { fixed } from "../../format";
import { CELL_TIMEOUT_OPTION, outputFolder, selectionOptions, selectNotebooks } from "../notebook-folder";

const summary =
  "Execute every notebook on a fresh emtd kernel (no Python Jupyter needed); write executed copies; fail on any cell error or stderr.";

const options: Command["options"] = {
  out: { kind: "string", default: "out/notebooks", placeholder: "dir", help: "folder for the executed copies" },
  ...selectionOptions("run", "01,02"),
  "cell-timeout": CELL_TIMEOUT_OPTION,
  strip: { kind: "flag", help: "remove outputs and execution counts from the notebooks in place (what git holds); runs nothing" },
  // No default: without --seed (or --param) the notebooks run exactly as written.
  seed: {
    kind: "int",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    help: "set the parameter `seed` to N (same as --param seed=N)",
  },
  param: {
    kind: "string",
    multiple: true,
    placeholder: "NAME=VALUE",
    help: "set a parameter declared in the notebook's cell tagged `parameters` (repeatable): injected in a cell after it, recorded in the output's metadata; VALUE of the default's type",
  },
};

/**
 * The `NAME=VALUE` pairs of `--seed` (as `seed=N`) and every `--param` (repeatable, papermill's convention; a
 * `--param` may also hold several pairs joined by commas). Null when neither was given.
 */
export function parameterArguments(seed: number | undefined, param: string | string[] | undefined): Array<[string, string]> | null {
  if (seed === undefined && param === undefined) return null;
  const pairs = parameterPairs(param === undefined ? [] : Array.isArray(param) ? param : [param], "emtd notebooks");
  return seed === undefined ? pairs : [["seed", String(seed)], ...pairs];
}

interface NotebookReport {
  notebook: string;
  seconds: number;
  cells: number;
  output: string;
  ok: boolean;
  failure?: { cell: number; message: string };
}

async function notebooks(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const { dir, names } = selectNotebooks("notebooks", values, fail);
  // Every selected notebook must parse before anything runs: a broken file is named, not hit halfway.
  const parsed = new Map<string, Notebook>();
  for (const name of names) {
    try {
      parsed.set(name, readNotebook(path.join(dir, name)));
    } catch (error) {
      fail(`emtd notebooks: ${name} is not a readable nbformat 4 notebook: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  if (values.strip) {
    const stripped = names.filter((name) => {
      const file = path.join(dir, name);
      const nb = parsed.get(name)!;
      if (!hasOutputs(nb)) return false;
      writeFileAtomic(file, JSON.stringify(stripOutputs(nb), null, 1) + "\n");
      return true;
    });
    return { command: "notebooks", ok: true, dir, stripped, notebooks: [], seconds: 0 };
  }
  // Checked against every selected notebook's declared defaults before any kernel starts.
  const perNotebook = new Map<string, Record<string, unknown>>();
  try {
    const pairs = parameterArguments(values.seed as number | undefined, values.param as string | string[] | undefined);
    if (pairs) for (const name of names) perNotebook.set(name, checkParameters(parsed.get(name)!, pairs, `emtd notebooks: ${name}`));
  } catch (error) {
    if (error instanceof ArgumentError) fail(error.message);
    throw error;
  }
  const parameters = perNotebook.size > 0 ? [...perNotebook.values()][0]! : null;
  const out = outputFolder("notebooks", values.out as string, fail);
  const reports: NotebookReport[] = [];
  const failures: string[] = [];
  const started = performance.now();
  for (const name of names) {
    const run = await executeNotebook(path.join(dir, name), {
      cellTimeoutMs: (values["cell-timeout"] as number) * 1000,
      ...(perNotebook.has(name) ? { parameters: perNotebook.get(name)! } : {}),
    });
    const output = path.join(out, name);
    writeFileAtomic(output, JSON.stringify(run.notebook, null, 1) + "\n");
    const report: NotebookReport = {
      notebook: name,
      seconds: run.seconds,
      cells: Object.keys(run.cellSeconds).length,
      output,
      ok: run.failure === null,
      ...(run.failure ? { failure: run.failure } : {}),
    };
    reports.push(report);
    if (!values.json) process.stderr.write(`${name.padEnd(44)} ${fixed(run.seconds, 1).padStart(7)} s  ${run.failure ? "FAILED" : "ok"}\n`);
    // A failed notebook (its kernel already stopped) is reported; the next one still runs.
    if (run.failure) failures.push(`${name}, cell ${run.failure.cell}: ${run.failure.message}`);
  }
  if (failures.length > 0) {
    const result = { command: "notebooks", ok: false, dir, out, notebooks: reports, seconds: (performance.now() - started) / 1000 };
    const message = failures.length === 1 ? failures[0] : `${failures.length} of ${names.length} notebooks failed: ${failures.join("; ")}`;
    throw new CommandFailed(`emtd notebooks: ${message}`, result);
  }
  return {
    command: "notebooks",
    ok: true,
    dir,
    out,
    ...(parameters ? { parameters } : {}),
    notebooks: reports,
    seconds: (performance.now() - started) / 1000,
  };
}

function render(r: Record<string, unknown>): string {
  if (r.stripped) {
    const stripped = r.stripped as string[];
    return stripped.length === 0 ? "no notebook carried outputs" : `stripped outputs from ${stripped.join(", ")}`;
  }
  const list = r.notebooks as NotebookReport[];
  return [
    ...list.map((n) => `${n.notebook}: ${n.cells} cells in ${fixed(n.seconds, 1)} s → ${n.output}`),
    `${list.length === 1 ? "1 notebook" : `all ${list.length} notebooks`} ran in ${fixed(r.seconds, 1)} s`,
  ].join("\n");
}

export const notebooksCommand: Command = { name: "notebooks", summary, options, run: notebooks, render, omitCommon: ["no-timing"] };

/**
 * `emtd book --out DIR`: the study as a static site (front page with the verdict table, every notebook executed
 * and rendered, the gallery, the provenance) that opens offline. Executions are frozen under DIR/_freeze by a hash
 * of the notebook, its parameters and the library, so a rebuild re-executes only what changed; --force re-executes all.
 */
import { CommandFailed, type Command } from "../../command/command";
import { buildBook, type BookReport } from "../../book/build";
import { fixed } from "../../format";
import { CELL_TIMEOUT_OPTION, outputFolder, selectionOptions, selectNotebooks } from "../notebook-folder";

const summary =
  "Build the study as a static site that opens offline: verdict table, every notebook executed and rendered, gallery, provenance.";

const options: Command["options"] = {
  out: { kind: "string", default: "out/book", placeholder: "dir", help: "folder of the book (its executions are frozen in DIR/_freeze)" },
  ...selectionOptions("build", "15,17"),
  force: { kind: "flag", help: "re-execute every notebook, ignoring the freeze" },
  "cell-timeout": CELL_TIMEOUT_OPTION,
  // No default: without --seed the notebooks run as written (their own seeds).
  seed: {
    kind: "int",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    help: "set every notebook's parameter `seed` to N (as emtd notebooks --seed); the freeze is kept per seed",
  },
};

async function book(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const { dir, only } = selectNotebooks("book", values, fail);
  const out = outputFolder("book", values.out as string, fail);
  const report = await buildBook({
    out,
    dir,
    ...(only ? { only } : {}),
    force: values.force === true,
    ...(values.seed === undefined ? {} : { seed: values.seed as number }),
    cellTimeoutMs: (values["cell-timeout"] as number) * 1000,
    ...(values.json ? {} : { onProgress: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  const result = { command: "book", ok: report.notebooks.every((n) => n.ok), ...report };
  const failed = report.notebooks.filter((n) => n.failure);
  if (failed.length > 0) {
    throw new CommandFailed(
      `emtd book: ${failed.map((n) => `${n.notebook}, cell ${n.failure!.cell}: ${n.failure!.message}`).join("; ")} (the book was written with the failure shown)`,
      result,
    );
  }
  return result;
}

function render(r: Record<string, unknown>): string {
  const report = r as unknown as BookReport;
  return [
    ...report.notebooks.map((n) => `${n.notebook}: ${n.executed ? `executed in ${fixed(n.seconds, 1)} s` : "from the freeze"} → ${n.page}`),
    ...report.notebooks.flatMap((n) => n.texErrors.map((e) => `${n.notebook}: TeX error in $${e.tex}$ (${e.message}), shown as source`)),
    `${report.executed} executed, ${report.frozen} from the freeze${report.texErrors > 0 ? `, ${report.texErrors} TeX errors` : ""}, in ${fixed(report.seconds, 1)} s; open ${report.index}`,
  ].join("\n");
}

export const bookCommand: Command = {
  name: "book",
  summary,
  options,
  run: book,
  render,
  omitCommon: ["no-timing"],
  runnable: false,
};

import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { decode, encode, request } from "../../../src/jupyter/wire";
import {
  cellFailure,
  collectOutputs,
  hasOutputs,
  outputsOf,
  readNotebook,
  type Notebook,
  type NotebookCell,
  type Output,
} from "../../../src/jupyter/notebook";
import { KERNEL_DISPLAY_NAME } from "../../../src/jupyter/spec";

const root = path.resolve(TEST_DIR, "..", "..");
const emtd = (args: string[]) => spawnSync(process.execPath, [path.join(root, "bin", "emtd.js"), ...args], { cwd: root, encoding: "utf8" });

test("wire: messages are HMAC-SHA256 signed; a tampered or foreign message is rejected", () => {
  const message = request("execute_request", { code: "1 + 1" }, "session-1");
  const frames = encode(message, "secret");
  assert.equal(frames[0]!.toString(), "<IDS|MSG>");
  assert.match(frames[1]!.toString(), /^[0-9a-f]{64}$/);
  assert.deepEqual(decode([Buffer.from("router-identity"), ...frames], "secret"), message);
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ code: "process.exit()" }));
  assert.throws(() => decode(tampered, "secret"), /bad HMAC/);
  assert.throws(() => decode(frames, "other key"), /bad HMAC/);
  assert.equal(encode(message, "")[1]!.toString(), "", "no key, no signature (allowed by the spec)");
});

test("outputs: streams merge, update_display_data rewrites the entry it names, clear_output clears", () => {
  const displays = new Map<string, Output[]>();
  const first = collectOutputs(
    [
      { msg_type: "stream", content: { name: "stdout", text: "a" } },
      { msg_type: "stream", content: { name: "stdout", text: "b\n" } },
      { msg_type: "display_data", content: { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "bar" } } },
      { msg_type: "stream", content: { name: "stderr", text: "warn" } },
    ],
    1,
    displays,
  );
  assert.deepEqual(
    first.map((o) => o.output_type),
    ["stream", "display_data", "stream"],
  );
  assert.equal(first[0]!.text, "ab\n");
  // A later cell updates the bar shown by the first one: the first cell's output changes, the second gets none.
  const second = collectOutputs(
    [{ msg_type: "update_display_data", content: { data: { "text/plain": "100%" }, metadata: {}, transient: { display_id: "bar" } } }],
    2,
    displays,
  );
  assert.deepEqual(second, []);
  assert.deepEqual(first[1]!.data, { "text/plain": "100%" });
  const cleared = collectOutputs(
    [
      { msg_type: "stream", content: { name: "stdout", text: "x" } },
      { msg_type: "clear_output", content: {} },
    ],
    3,
    displays,
  );
  assert.deepEqual(cleared, []);
  // wait: true keeps the old output until the next one arrives, then replaces it; a trailing wait clears nothing.
  const frame = (n: number) => ({ msg_type: "display_data", content: { data: { "text/plain": `frame ${n}` }, metadata: {} } });
  const waited = collectOutputs(
    [frame(1), { msg_type: "clear_output", content: { wait: true } }, frame(2), { msg_type: "clear_output", content: { wait: true } }],
    4,
    displays,
  );
  assert.deepEqual(
    waited.map((o) => (o as any).data["text/plain"]),
    ["frame 2"],
  );
});

test("a cell fails on reply status error or abort, and on any stderr output even with status ok", () => {
  const stderr: Output = { output_type: "stream", name: "stderr", text: "\n2:7 - Type 'string' is not assignable\nmore" };
  assert.equal(cellFailure("ok", []), null);
  assert.equal(cellFailure("ok", [{ output_type: "stream", name: "stdout", text: "fine" }]), null);
  assert.equal(cellFailure("error", [stderr]), "2:7 - Type 'string' is not assignable");
  assert.equal(cellFailure("ok", [stderr]), "wrote to stderr: 2:7 - Type 'string' is not assignable");
  assert.equal(cellFailure("error", []), 'execute_reply status "error"');
  assert.equal(cellFailure("abort", []), "execution aborted by the kernel");
  const thrown: Output = {
    output_type: "stream",
    name: "stderr",
    text: "evalmachine.<anonymous>:5\nx.foo;\n  ^\n\nTypeError: Cannot read properties of null\n    at evalmachine",
  };
  assert.equal(cellFailure("error", [thrown]), "TypeError: Cannot read properties of null");
});

test("kernel:install writes the emtd kernelspec into a prefix; without Jupyter it says so in one line", () => {
  const prefix = mkdtempSync(path.join(tmpdir(), "emtd-prefix-"));
  try {
    const ok = spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--prefix", prefix], { encoding: "utf8" });
    assert.equal(ok.status, 0, ok.stderr);
    const spec = JSON.parse(readFileSync(path.join(prefix, "share", "jupyter", "kernels", "emtd", "kernel.json"), "utf8"));
    assert.equal(spec.display_name, KERNEL_DISPLAY_NAME);
    assert.equal(spec.display_name, "EMTD (TypeScript)");
    assert.equal(spec.language, "typescript");
    assert.deepEqual(spec.argv.slice(1), [path.join(root, "kernel", "launch.js"), "--config-path", "{connection_file}"]);
    assert.ok(existsSync(spec.argv[0]), "node is referenced by an absolute path");
    assert.equal(spec.metadata.emtd.root, root, "the kernelspec names the checkout whose library it runs");
    assert.deepEqual(spec.env, { EMTD_KERNEL_NAME: "emtd" }, "the kernel knows its kernelspec's name");
    assert.equal(
      readFileSync(path.join(prefix, "share", "jupyter", "kernels", "emtd", "plotly.min.js"), "utf8"),
      readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8"),
      "plotly.js beside kernel.json, for figures whose page lacks it",
    );
    // A second checkout installs under its own name beside the first; neither replaces the other.
    const second = spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--prefix", prefix, "--name", "emtd-other"], {
      encoding: "utf8",
    });
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`runs the library in ${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const other = JSON.parse(readFileSync(path.join(prefix, "share", "jupyter", "kernels", "emtd-other", "kernel.json"), "utf8"));
    assert.equal(other.display_name, "EMTD (TypeScript), emtd-other");
    assert.ok(existsSync(path.join(prefix, "share", "jupyter", "kernels", "emtd", "kernel.json")));
    for (const bad of [["--name"], ["--name", "has space"]]) {
      const r = spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--prefix", prefix, ...bad], { encoding: "utf8" });
      assert.equal(r.status, 2, bad.join(" "));
      assert.equal(r.stderr.trim().split("\n").length, 1);
      assert.match(r.stderr, /--name/);
    }

    const none = spawnSync(process.execPath, [path.join(root, "kernel", "install.js")], {
      encoding: "utf8",
      env: { ...process.env, PATH: "" },
    });
    assert.equal(none.status, 1);
    assert.equal(none.stderr.trim().split("\n").length, 1);
    assert.match(none.stderr, /no Jupyter found on PATH/);
    const bad = spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--sys"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});

test("kernel:install names the kernelspec it would replace and refuses without --force; --name keeps both", () => {
  const prefix = mkdtempSync(path.join(tmpdir(), "emtd-prefix-"));
  const install = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--prefix", prefix, ...args], { encoding: "utf8" });
  const file = path.join(prefix, "share", "jupyter", "kernels", "emtd", "kernel.json");
  try {
    assert.equal(install().status, 0);
    const again = install();
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^reinstalled kernel "emtd"/, "the same checkout reinstalls without --force");
    // Another checkout's kernelspec under the same name.
    const other = JSON.parse(readFileSync(file, "utf8"));
    other.metadata.emtd.root = "/elsewhere/emtd-lab";
    other.argv[1] = "/elsewhere/emtd-lab/kernel/launch.js";
    const otherText = JSON.stringify(other, null, 1) + "\n";
    writeFileSync(file, otherText);
    const refused = install();
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr.trim().split("\n").length, 1, refused.stderr);
    assert.match(refused.stderr, /already holds the kernel of the checkout in \/elsewhere\/emtd-lab; pass --force .* or --name NAME/);
    assert.equal(readFileSync(file, "utf8"), otherText, "the other checkout's kernelspec is untouched");
    const beside = install("--name", "emtd-here");
    assert.equal(beside.status, 0, beside.stderr);
    assert.equal(readFileSync(file, "utf8"), otherText);
    const forced = install("--force");
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(
      forced.stdout,
      /^emtd kernel:install: replacing the kernel of the checkout in \/elsewhere\/emtd-lab\nreplaced kernel "emtd"/,
    );
    assert.equal(JSON.parse(readFileSync(file, "utf8")).metadata.emtd.root, root);
    // A kernelspec that is not ours at all is named by its command line.
    writeFileSync(file, JSON.stringify({ argv: ["python", "-m", "ipykernel"], display_name: "Python", language: "python" }));
    const foreign = install();
    assert.equal(foreign.status, 1);
    assert.match(foreign.stderr, /not this project's \(argv: python -m ipykernel\)/);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});

test("committed notebooks carry no outputs and name the emtd kernel", () => {
  const dir = path.join(root, "notebooks");
  const names = readdirSync(dir).filter((n) => n.endsWith(".ipynb"));
  assert.ok(names.length >= 3);
  for (const name of names) {
    const nb = readNotebook(path.join(dir, name));
    assert.equal(hasOutputs(nb), false, `${name} was committed with outputs: strip them (npx emtd notebooks --strip)`);
    assert.equal(nb.metadata.kernelspec?.name, "emtd", name);
  }
  const withOutput = {
    cells: [{ cell_type: "code", source: "", metadata: {}, execution_count: 3, outputs: [] }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  } as Notebook;
  assert.equal(hasOutputs(withOutput), true, "an execution count alone counts as an output");
});

/** Notebooks written for the runner tests, in a temporary folder outside the checkout: the kernel resolves `emtd` itself. */
function fixtures(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-test-notebooks-"));
  const nb = (cells: string[]) => ({
    cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
    metadata: { kernelspec: { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
  const write = (name: string, cells: string[]) => writeFileSync(path.join(dir, name), JSON.stringify(nb(cells)));
  write("a-good.ipynb", [
    'import { display, lineFigure, progressBar, table } from "emtd/display";\nconsole.log("hello");',
    'display(lineFigure([1, 2], { y: [3, 4] }, { title: "two points" }));\ndisplay(table([{ a: 1 }]));',
    "const bar = progressBar(10);\nfor (let step = 1; step <= 10; step++) bar({ step, energy: step, temperature: 1, acceptance: 1, consensusError: 0, stepSize: 0.1 });",
  ]);
  write("b-type-error.ipynb", ['console.log("before")', 'const n: number = "text";', 'console.log("never")']);
  write("c-throws.ipynb", ['throw new Error("boom in cell one")', 'console.log("never")']);
  write("d-stderr.ipynb", ['console.log("ok")', 'console.error("a warning is a failure")', 'console.log("never")']);
  return dir;
}

test("emtd notebooks: executes on a fresh kernel, writes the executed copy with display updates applied", () => {
  const dir = fixtures();
  const out = path.join(dir, "out");
  try {
    const run = emtd(["notebooks", "--dir", dir, "--only", "a-good", "--out", out, "--json"]);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.notebooks.length, 1);
    assert.ok(result.notebooks[0].seconds > 0);
    const nb = readNotebook(path.join(out, "a-good.ipynb"));
    const [c1, c2, c3] = nb.cells;
    const outs = (c: NotebookCell | undefined) => outputsOf(c!) as any[];
    assert.deepEqual(outs(c1), [{ output_type: "stream", name: "stdout", text: "hello\n" }]);
    assert.deepEqual([c1!.execution_count, c2!.execution_count, c3!.execution_count], [1, 2, 3]);
    const [figure, tableOut] = outs(c2);
    assert.deepEqual(Object.keys(figure!.data).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    assert.ok((figure!.data["text/html"] as string).includes("data-emtd-plotly"), "plotly.js travels with the first figure");
    assert.ok((tableOut!.data["text/html"] as string).startsWith("<table"));
    assert.equal(outs(c3).length, 1, "the progress bar is one overwritten entry");
    assert.match(outs(c3)[0]!.data["text/plain"], /step 10\/10 \(100%\)/);
    assert.equal(nb.metadata.kernelspec?.name, "emtd");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("emtd notebooks: a failing cell (type error, exception, stderr) fails the run with notebook, cell and message", () => {
  const dir = fixtures();
  try {
    const cases: Array<[string, RegExp]> = [
      [
        "b-type-error",
        /^emtd notebooks: b-type-error\.ipynb, cell 2: CompileError: 1:7 - Type 'string' is not assignable to type 'number'\.$/,
      ],
      ["c-throws", /^emtd notebooks: c-throws\.ipynb, cell 1: Error: boom in cell one$/],
      ["d-stderr", /^emtd notebooks: d-stderr\.ipynb, cell 2: wrote to stderr: a warning is a failure$/],
    ];
    for (const [name, expected] of cases) {
      const run = emtd(["notebooks", "--dir", dir, "--only", name, "--out", path.join(dir, "out")]);
      assert.equal(run.status, 1, `${name}: ${run.stderr}`);
      const lines = run.stderr.trim().split("\n");
      assert.match(lines[lines.length - 1]!, expected);
      const executed = readNotebook(path.join(dir, "out", `${name}.ipynb`));
      const last = executed.cells[executed.cells.length - 1]!;
      assert.equal(last.execution_count, null, `${name}: cells after the failure are not run`);
    }
    const missing = emtd(["notebooks", "--dir", dir, "--only", "zzz"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--only must match one of the notebooks/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("emtd notebooks: a kernel that exits, runs out of memory or hangs past --cell-timeout fails its cell, is stopped, and the next notebook runs", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-test-notebooks-"));
  const nb = (cells: string[]) =>
    JSON.stringify({
      cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
  try {
    writeFileSync(path.join(dir, "1-exit.ipynb"), nb(['console.log("up")', "process.exit(3)", 'console.log("never")']));
    writeFileSync(path.join(dir, "2-hang.ipynb"), nb(["while (true) {}", 'console.log("never")']));
    writeFileSync(path.join(dir, "3-good.ipynb"), nb(["1 + 1"]));
    const run = emtd(["notebooks", "--dir", dir, "--out", path.join(dir, "out"), "--cell-timeout", "4", "--json"]);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, 1, run.stderr);
    assert.match(
      lines[0]!,
      /^emtd notebooks: 2 of 3 notebooks failed: 1-exit\.ipynb, cell 2: the kernel died \(code 3\); 2-hang\.ipynb, cell 1: no result within 4 s \(--cell-timeout\); the kernel was stopped$/,
    );
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.notebooks.map((n: { ok: boolean }) => n.ok),
      [false, false, true],
    );
    const good = readNotebook(path.join(dir, "out", "3-good.ipynb"));
    assert.deepEqual(
      outputsOf(good.cells[0]!).map((o) => (o as any).data?.["text/plain"]),
      ["2"],
      "the notebook after the failures ran",
    );
    // Out of memory: V8 aborts the kernel (a 300 MB heap, so that it happens fast); the cell and the reason are named.
    writeFileSync(
      path.join(dir, "4-oom.ipynb"),
      nb(["const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1e6).fill(1.5));", "1"]),
    );
    const oom = spawnSync(
      process.execPath,
      [path.join(root, "bin", "emtd.js"), "notebooks", "--dir", dir, "--only", "4-oom", "--out", path.join(dir, "out")],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=300" },
      },
    );
    assert.equal(oom.status, 1, oom.stderr);
    assert.match(
      oom.stderr.trim().split("\n").pop()!,
      /^emtd notebooks: 4-oom\.ipynb, cell 1: the kernel died \(SIGABRT\): FATAL ERROR: .*heap/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("emtd notebooks: a malformed notebook, an --out that cannot be made and an empty --dir are one-line errors naming them", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-test-notebooks-"));
  try {
    const empty = emtd(["notebooks", "--dir", dir]);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr.trim(), /^emtd notebooks: --dir must be a folder with \.ipynb notebooks \(.* has none\)$/);
    writeFileSync(path.join(dir, "broken.ipynb"), '{"cells": [');
    const broken = emtd(["notebooks", "--dir", dir]);
    assert.equal(broken.status, 2);
    assert.equal(broken.stderr.trim().split("\n").length, 1, broken.stderr);
    assert.match(broken.stderr, /^emtd notebooks: broken\.ipynb is not a readable nbformat 4 notebook: /);
    writeFileSync(path.join(dir, "broken.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    writeFileSync(path.join(dir, "a-file"), "not a folder");
    const out = emtd(["notebooks", "--dir", dir, "--out", path.join(dir, "a-file", "sub")]);
    assert.equal(out.status, 2);
    assert.equal(out.stderr.trim().split("\n").length, 1, out.stderr);
    assert.match(out.stderr, /^emtd notebooks: --out must be a folder that can be created \(got ".*a-file\/sub": ENOTDIR\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("emtd notebooks --strip removes outputs in place and runs nothing", () => {
  const dir = fixtures();
  try {
    const file = path.join(dir, "a-good.ipynb");
    const nb = readNotebook(file);
    nb.cells[0]!.outputs = [{ output_type: "stream", name: "stdout", text: "hello\n" }];
    nb.cells[0]!.execution_count = 7;
    writeFileSync(file, JSON.stringify(nb));
    const run = emtd(["notebooks", "--dir", dir, "--strip", "--json"]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).stripped, ["a-good.ipynb"]);
    const after = readNotebook(file);
    assert.equal(hasOutputs(after), false);
    assert.equal(after.cells.length, nb.cells.length);
    assert.equal(after.cells[0]!.source, nb.cells[0]!.source);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the fixture folder pattern is ignored by git", () => {
  const ignore = readFileSync(path.join(root, ".gitignore"), "utf8");
  assert.ok(ignore.split("\n").includes("/.test-notebooks-*/"));
});

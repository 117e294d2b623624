/**
 * Interrupts and prompts on a real emtd kernel through KernelClient (issue 24, part 4): an interrupt stops a cell
 * busy after an await (in the cell or in one of its async functions), by interrupt_request on control and by
 * SIGINT (the kernelspec's two interrupt modes), with an "Interrupted" error reply, and the kernel keeps the
 * variables of earlier cells; a cell's input() is answered through onInput.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { KernelClient, type Published } from "../../../src/jupyter/client";
import { kernelSpec } from "../../../src/jupyter/spec";
import { resource } from "../../support/resources";

resource("exclusive"); // it times an interrupt's reply (under 5 s): no other test file beside it

const root = path.resolve(TEST_DIR, "..", "..");
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withKernel(mode: "message" | "signal", fn: (kernel: KernelClient) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-interrupt-"));
  const kernel = await KernelClient.start({ ...kernelSpec(root), interrupt_mode: mode }, { cwd: dir });
  try {
    await fn(kernel);
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

const value = (published: Published[]) => published.find((p) => p.msg_type === "execute_result")?.content.data["text/plain"];

/** Run `code`, interrupt it once it has run for a while, and return the reply, its error and the latency. */
async function interrupted(kernel: KernelClient, code: string) {
  const running = kernel.execute(code, 60_000);
  // Long enough for the cell to be past its await and spinning, even on a loaded machine.
  await delay(1000);
  const sent = performance.now();
  await kernel.interrupt();
  const result = await running;
  const seconds = (performance.now() - sent) / 1000;
  return { result, error: result.published.find((p) => p.msg_type === "error")?.content, seconds };
}

const BUSY_AFTER_AWAIT = [
  "await sleep(10);\nlet spins = 0;\nwhile (true) spins++;",
  // a long synchronous compute after an awaited call, inside the cell's own async function
  "async function compute(): Promise<number> {\n  await sleep(10);\n  let s = 0;\n  for (;;) s += Math.sqrt(s + 1);\n}\nawait compute();",
];

for (const mode of ["message", "signal"] as const) {
  test(`interrupt (${mode}): a cell busy after an await stops with an Interrupted error and the kernel keeps its variables`, async (t) => {
    await withKernel(mode, async (kernel) => {
      assert.equal(
        (await kernel.execute("let kept = 41;\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));")).status,
        "ok",
      );
      for (const code of BUSY_AFTER_AWAIT) {
        const { result, error, seconds } = await interrupted(kernel, code);
        t.diagnostic(`interrupt latency ${seconds.toFixed(3)} s: ${code.split("\n").pop()}`);
        assert.equal(result.status, "error");
        assert.equal(error?.ename, "Interrupted");
        assert.ok(seconds < 5, `the reply came ${seconds.toFixed(1)} s after the interrupt`);
        // The kernel still runs cells, with the variables of earlier ones.
        const after = await kernel.execute("kept + 1");
        assert.equal(after.status, "ok");
        assert.equal(value(after.published), "42");
      }
      // A synchronous loop and a bare await stop too.
      for (const code of ["while (true) {}", "await new Promise(() => {});"]) {
        const { error } = await interrupted(kernel, code);
        assert.equal(error?.ename, "Interrupted", code);
      }
      // Async code still runs as written: values, recursion, for await, async methods and arrows, and errors name
      // the async function and the cell's line.
      const ok = await kernel.execute(
        "class Box { constructor(readonly v: number) {} async twice() { await sleep(1); return this.v * 2; } }\n" +
          "async function* count() { yield 1; await sleep(1); yield 2; }\n" +
          "async function fact(n: number): Promise<number> { await sleep(0); return n <= 1 ? 1 : n * (await fact(n - 1)); }\n" +
          "const half = async (n: number) => { await sleep(0); return n / 2; };\n" +
          "let total = 0;\nfor await (const n of count()) total += n;\n" +
          "[await new Box(21).twice(), total, { ...{ a: 1 } }.a, await fact(5), await half(3)]",
      );
      assert.equal(value(ok.published), "[ 42, 3, 1, 120, 1.5 ]");
      const failed = await kernel.execute("async function g() {\n  await sleep(1);\n  throw new TypeError('deep');\n}\nawait g();");
      const traceback = failed.published.find((p) => p.msg_type === "error")?.content.traceback.join("\n");
      assert.match(traceback, /TypeError: deep\n +at g \(cell \d+, line 3:9\)/, "the column of `new TypeError`");
    });
  });
}

test("onInput: a cell's input() is answered through the stdin channel", async () => {
  await withKernel("message", async (kernel) => {
    const prompts: Array<[string, boolean]> = [];
    kernel.onInput((prompt, password) => {
      prompts.push([prompt, password]);
      return password ? "s3cret" : "0.25";
    });
    const code =
      'import { input } from "emtd/display";\nconst t = await input("T = ");\nconst token = await input("token: ", { password: true });\n[Number(t) * 2, token.length]';
    const result = await kernel.execute(code, 60_000);
    assert.equal(result.status, "ok", JSON.stringify(result.published));
    assert.equal(value(result.published), "[ 0.5, 6 ]");
    assert.deepEqual(prompts, [
      ["T = ", false],
      ["token: ", true],
    ]);
    // Without a handler execute says allow_stdin: false, and input() fails at once.
    kernel.onInput(null);
    const refused = await kernel.execute('import { input } from "emtd/display";\nawait input("T = ")', 60_000);
    assert.equal(refused.published.find((p) => p.msg_type === "error")?.content.ename, "StdinNotAllowedError");
  });
});

test("a cell that fails or is interrupted keeps the declarations and imports of its completed top-level statements (issue 44, item 7)", async () => {
  await withKernel("message", async (kernel) => {
    const error = (r: { published: Published[] }) => r.published.find((p) => p.msg_type === "error")?.content;
    const run = async (code: string) => {
      const r = await kernel.execute(code, 60_000);
      assert.equal(r.status, "ok", `${code}: ${JSON.stringify(error(r))}`);
      return value(r.published);
    };
    // Interrupted in a synchronous loop: `big` completed.
    const { error: stopped } = await interrupted(kernel, "const big = 42; while (true) {}");
    assert.equal(stopped?.ename, "Interrupted");
    assert.equal(await run("big + 0"), "42");
    // Interrupted at an await: what came before it stays.
    const { error: waited } = await interrupted(kernel, "const before = 'b';\nawait new Promise(() => {});\nconst after = 'a';");
    assert.equal(waited?.ename, "Interrupted");
    assert.equal(await run("before"), "'b'");
    // A throwing cell: its import, its value and its type stay; what it declares after the throw does not.
    assert.equal(await run("let w = 5;"), undefined);
    const thrown = await kernel.execute(
      'import * as fs from "node:fs";\ntype Pair = [number, number];\nconst a = 1;\nthrow new Error("e");\nconst w = "shadow";\nconst later = 2;',
    );
    assert.equal(thrown.status, "error");
    assert.equal(error(thrown)?.evalue, "e");
    assert.equal(await run("const p: Pair = [a, w];\n[typeof fs.readFileSync, p, w * 2]"), "[ 'function', [ 1, 5 ], 10 ]");
    const missing = await kernel.execute("later");
    assert.equal(missing.status, "error");
    assert.match(String(error(missing)?.evalue), /Cannot find name 'later'/);
    // A failure in the first statement keeps nothing of the cell, and the earlier cells' names as they were.
    const first = await kernel.execute("const z: number = (() => { throw new Error('first'); })();\nconst big = 0;");
    assert.equal(first.status, "error");
    assert.equal(await run("big"), "42");
  });
});

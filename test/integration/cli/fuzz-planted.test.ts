/**
 * Issue 38: each property suite fails on a planted defect of its kind, so a green run means something. The checker
 * first, on outcomes as the four holes of the issue left them; then each suite on code with its defect planted: an
 * unbounded reader (readFileSync), a long echo (the messages of before the issue: values and lines whole), a stack
 * trace (an internal error with EMTD_DEBUG), and a malformed header echoed (the kernel with its validation off).
 * Plants replace exports of the compiled modules, so they run from the build (npm test); under tsx, whose modules
 * export getters, those tests are skipped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import * as bounded from "../../../src/files/bounded";
import * as format from "../../../src/format";
import { checkCli } from "../../fuzz/cli";
import { checkConfigs } from "../../fuzz/configs";
import { checkGraphFiles } from "../../fuzz/graph-files";
import { problems } from "../../fuzz/invariants";
import { checkBatch, kernelProperty } from "../../fuzz/kernel";
import { FuzzKernel, PYTHON } from "../../fuzz/kernel-harness";
import { checkReader } from "../../fuzz/reader";

const SEED = 3838;

/** Replace `patch`'s keys on `module` for the duration of `body` (compiled CommonJS exports are writable). */
async function planted<T extends object>(module: T, patch: Partial<T>, body: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(Object.keys(patch).map((k) => [k, module[k as keyof T]]));
  Object.assign(module, patch);
  try {
    await body();
  } finally {
    Object.assign(module, saved);
  }
}

/** `run` must fail as a fast-check property does: its counterexample's error (the `cause`) matching `pattern`. */
async function failsWith(run: () => unknown, pattern: RegExp): Promise<void> {
  let error: unknown = null;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, "the property held on the planted defect");
  const cause = (error.cause as Error | undefined)?.message ?? error.message;
  assert.match(cause, pattern);
  assert.match(error.message, /Counterexample: /);
}

const writable = Object.getOwnPropertyDescriptor(format, "oneLine")?.writable === true;
const skipPlant = writable ? false : "plants need the build's writable exports (npm test, or node --test on tsc's output)";

test("the checker catches each hole as the issue found it", () => {
  const long = `emtd sample: --integrator must be one of ula, mala, metropolis, gradient-flow (got "${"x".repeat(10_000)}")`;
  assert.match(problems({ code: 2, stdout: "", stderr: `${long}\n` }).join(), /error line of 100\d\d characters/);
  const abort = {
    code: 134,
    stdout: "",
    stderr: "terminate called after throwing an instance of 'std::bad_alloc'\n",
    rssBytes: 16.5 * 2 ** 30,
  };
  assert.match(problems(abort).join(), /exit 134.*peak memory 16896 MiB above the bound 1024 MiB/);
  const trace = "emtd sample: internal error: x\nTypeError: x\n    at graphFromFile (/x/dist/src/graph/files.js:52:11)\n";
  assert.match(problems({ code: 1, stdout: "", stderr: trace }).join(), /a stack trace on stderr/);
  assert.match(problems({ code: 2, stdout: "", stderr: "one\ntwo\n" }).join(), /2 lines on stderr/);
  assert.match(problems({ code: 2, stdout: "", stderr: "bad \u001b[31m value\n" }).join(), /control characters/);
  assert.deepEqual(problems({ code: 2, stdout: "", stderr: 'emtd sample: --dim must be an integer in [1, 4096] (got "0")\n' }), []);
});

test("planted unbounded reader (readFileSync): the reader suite fails", async () => {
  await failsWith(() => checkReader({ numRuns: 200, seed: SEED }, (file) => readFileSync(file, "utf8"), false), /past the limits/);
});

test(
  "planted long echo (messages printed whole, values echoed whole): the CLI and config suites fail",
  { skip: skipPlant, timeout: 120_000 },
  async () => {
    const before = { oneLine: (m: string) => m.split("\n")[0]!, echo: (v: unknown) => JSON.stringify(v) ?? String(v) };
    await planted(format, before, async () => {
      await failsWith(() => checkCli({ numRuns: 400, seed: SEED }), /error line of \d+ characters|control characters/);
      await failsWith(() => checkConfigs({ numRuns: 150, seed: SEED }), /error line of \d+ characters|control characters/);
    });
  },
);

test(
  "planted stack trace (an internal error reported with EMTD_DEBUG=1): the graph-file suite fails",
  { skip: skipPlant, timeout: 120_000 },
  async () => {
    const fault = () => {
      throw new TypeError("Cannot read properties of null (reading 'length')");
    };
    process.env.EMTD_DEBUG = "1";
    try {
      await planted(bounded, { readBounded: fault }, async () => {
        await failsWith(() => checkGraphFiles({ numRuns: 50, seed: SEED }), /internal error[^]*a stack trace on stderr/);
      });
    } finally {
      delete process.env.EMTD_DEBUG;
    }
  },
);

const hasClient = spawnSync(PYTHON, ["-c", "import jupyter_client"]).status === 0;
const skipKernel = !hasClient ? "no jupyter_client" : path.extname(__filename) === ".ts" ? "the kernel runs from the build" : false;

test(
  "planted malformed header echoed (the kernel without its validation): the kernel check fails as jupyter_client did",
  { skip: skipKernel, timeout: 120_000 },
  async () => {
    const kernel = await FuzzKernel.start({ planted: true });
    try {
      await assert.rejects(
        checkBatch(kernel, [{ channel: "shell", parts: [[], {}, {}, { code: "1 + 1" }] }]),
        /a front end could not read \d+ IOPub messages: AttributeError\("'list' object has no attribute 'get'"\)/,
      );
      // And as a property: the kernel suite's own property, with the defect planted, fails too.
      await failsWith(() => fc.assert(kernelProperty(kernel), { numRuns: 40, seed: SEED }), /a front end could not read/);
    } finally {
      await kernel.stop();
    }
  },
);

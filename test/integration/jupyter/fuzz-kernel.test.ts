/**
 * Issue 38, parts 3 and 4: the kernel validates before it answers. Signed messages with random headers, parent
 * headers, metadata and content (test/fuzz/kernel.ts), with a fixed seed, while a real jupyter_client (Debian
 * python3-jupyter-client) reads every IOPub message as front ends do; and the message of the issue itself.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { checkBatch, checkKernel } from "../../fuzz/kernel";
import { FuzzKernel, PYTHON, signedFrames } from "../../fuzz/kernel-harness";
import { decode } from "../../../src/jupyter/wire";
import { contentProblem } from "../../../src/jupyter/validate";

const SEED = 3838;
const hasClient = spawnSync(PYTHON, ["-c", "import jupyter_client"], { encoding: "utf8" }).status === 0;
// The kernel's control thread is a worker that loads its own file: it needs the build (npm test), not tsx.
const skip = !hasClient
  ? `${PYTHON} has no jupyter_client (Debian python3-jupyter-client)`
  : path.extname(__filename) === ".ts"
    ? "the kernel runs from the build: npm test, or node --test on tsc's output"
    : false;

/** One kernel and one listener for the tests below (a start is several seconds of tslab's compiler). */
let kernel: FuzzKernel;
before(async () => {
  if (!skip) kernel = await FuzzKernel.start();
});
after(async () => {
  if (!skip) await kernel.stop();
});

test("wire: a signed message whose parts are not a message's is refused by decode, with the reason", () => {
  const header = { msg_id: "1", msg_type: "execute_request", session: "s", username: "u", date: "", version: "5.3" };
  const frames = (parts: unknown[]) =>
    signedFrames(
      "k",
      parts.map((p) => Buffer.from(JSON.stringify(p))),
    );
  assert.doesNotThrow(() => decode(frames([header, {}, {}, { code: "1" }]), "k"));
  const cases: Array<[unknown[], RegExp]> = [
    [[[], {}, {}, {}], /header is a list, not an object/],
    [[null, {}, {}, {}], /header is null, not an object/],
    [[header, [], {}, {}], /parent_header is a list, not an object/],
    [[header, {}, "m", {}], /metadata is string, not an object/],
    [[header, {}, {}, 5], /content is number, not an object/],
    [[{ ...header, msg_type: 7 }, {}, {}, {}], /header\.msg_type must be a non-empty string/],
    [[{ ...header, session: [] }, {}, {}, {}], /header\.session is a list, not a string/],
    [[header, { msg_id: {} }, {}, {}], /parent_header\.msg_id is object, not a string/],
  ];
  for (const [parts, reason] of cases) assert.throws(() => decode(frames(parts), "k"), reason);
  assert.equal(contentProblem("execute_request", { code: "1", silent: "no" }), "content.silent is string, not true or false");
  assert.equal(contentProblem("kernel_info_request", { anything: 1 }), null);
});

test(
  "a signed message whose header is a list is dropped: jupyter_client keeps reading IOPub and the kernel answers",
  { skip, timeout: 120_000 },
  async () => {
    for (const header of [[], null, "x", 5, { msg_id: "1" }, { msg_id: 7, msg_type: "execute_request" }]) {
      await checkBatch(kernel, [{ channel: "shell", parts: [header, {}, {}, { code: "1 + 1" }] }]);
    }
    // Parent header, metadata and content that are not objects: the same.
    const header = { msg_id: "m", msg_type: "execute_request", session: "s", username: "u", date: "", version: "5.3" };
    for (const parts of [
      [header, [], {}, { code: "1" }],
      [header, {}, "meta", { code: "1" }],
      [header, {}, {}, [1, 2]],
    ] as const)
      await checkBatch(kernel, [{ channel: "shell", parts: [...parts] as [unknown, unknown, unknown, unknown] }]);
    assert.match(kernel.log.text, /dropped a message: emtd\/jupyter\/wire: malformed message: header is a list, not an object/);
  },
);

test(
  "a valid header with content of the wrong type is answered with an error reply naming the field",
  { skip, timeout: 120_000 },
  async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ["execute_request", { code: null }, /content\.code is null, not a string/],
      ["complete_request", { code: "Math.", cursor_pos: -1 }, /content\.cursor_pos is -1, not an integer ≥ 0/],
      ["inspect_request", { code: "Math", cursor_pos: 2, detail_level: "x" }, /content\.detail_level is string, not 0 or 1/],
      ["is_complete_request", { code: ["1"] }, /content\.code is a list, not a string/],
    ];
    for (const [type, content, evalue] of cases) {
      const id = `${type}-1`;
      const header = { msg_id: id, msg_type: type, session: "s", username: "u", date: new Date().toISOString(), version: "5.3" };
      await kernel.send(
        "shell",
        [header, {}, {}, content].map((p) => Buffer.from(JSON.stringify(p))),
      );
      const reply = await kernel.reply("shell", id);
      assert.equal(reply.header.msg_type, type.replace(/_request$/, "_reply"));
      assert.equal(reply.content.status, "error");
      assert.equal(reply.content.ename, "InvalidRequest");
      assert.match(String(reply.content.evalue), evalue);
    }
    await checkBatch(kernel, []);
  },
);

test(
  "signed messages of every type with random content: the kernel stays alive and answering, IOPub stays readable",
  { skip, timeout: 120_000 },
  async () => {
    await checkKernel({ numRuns: 40, seed: SEED }, kernel);
  },
);

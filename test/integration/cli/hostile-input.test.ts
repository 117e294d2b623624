/**
 * Issue 38, the four holes as the issue measured them, now: each ends with one line and exit 2, within seconds and
 * under 1 GiB of peak memory (getrusage's maxRSS of the `emtd` process, spawned as bin/emtd.js runs it). Before the
 * issue: /dev/zero and a FIFO fed by `yes` read until 16.5 GB and an abort (exit 134, 40–55 s); a 200 MB one-token
 * file was a graph of 1 node and 0 edges, exit 0; a 10 000-character --integrator was a 10 087-character line.
 * The fourth (the kernel echoing a malformed header) is test/integration/jupyter/fuzz-kernel.test.ts.
 */
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import * as path from "node:path";
import { scratch, spawnEmtd } from "../../fuzz/harness";
import { mkfifoSync } from "../../fuzz/special-files";
import { MEMORY_BOUND, problems, type Outcome } from "../../fuzz/invariants";

/** Seconds a refusal may take here: a process start with tfjs is 1–3 s of it on this shared 2-core machine. */
const SECONDS = 20;

/** Checks the refusal; its seconds and peak memory go to the test's diagnostics (the numbers the issue asks for). */
function refusedQuickly(outcome: Outcome, pattern: RegExp, t?: TestContext): void {
  t?.diagnostic(
    `exit ${outcome.code}, ${outcome.seconds!.toFixed(2)} s, peak ${(outcome.rssBytes! / 2 ** 20).toFixed(0)} MiB: ${outcome.stderr.trim()}`,
  );
  assert.deepEqual(problems(outcome), [], outcome.stderr);
  assert.equal(outcome.code, 2, outcome.stderr);
  assert.match(outcome.stderr, pattern);
  assert.ok(outcome.seconds! < SECONDS, `${outcome.seconds} s`);
  assert.ok(outcome.rssBytes! < MEMORY_BOUND, `${outcome.rssBytes} bytes`);
}

test("--graph file:/dev/zero: refused before reading (a character device), one line, exit 2", async (t) => {
  refusedQuickly(
    await spawnEmtd(["sample", "--graph", "file:/dev/zero"]),
    /must be a regular file .*got "\/dev\/zero: a character device"/,
    t,
  );
});

test("verdicts --from /dev/zero: refused before reading (a character device), one line naming --from, exit 2", async (t) => {
  refusedQuickly(
    await spawnEmtd(["verdicts", "--from", "/dev/zero"]),
    /^emtd verdicts: --from must be a regular file .*got "\/dev\/zero: a character device"/,
    t,
  );
});

test("--graph file:/dev/zero when devices are asked for (EMTD_READ_SPECIAL=1): cut at the line cap, one line, exit 2", async (t) => {
  const outcome = await spawnEmtd(["sample", "--graph", "file:/dev/zero"], { env: { EMTD_READ_SPECIAL: "1" } });
  refusedQuickly(outcome, /line 1 must be a line of at most 64 KiB/, t);
});

test("--graph file:FIFO fed by `yes`: refused before reading; asked for, cut at the byte budget", async (t) => {
  const { dir, remove } = scratch("fifo");
  const fifo = path.join(dir, "edges.txt");
  mkfifoSync(fifo);
  let yes: ChildProcess | null = null;
  try {
    refusedQuickly(await spawnEmtd(["sample", "--graph", `file:${fifo}`]), /a FIFO \(named pipe\)/, t);
    yes = spawn("sh", ["-c", `exec yes > '${fifo}'`], { stdio: "ignore" });
    const outcome = await spawnEmtd(["sample", "--graph", `file:${fifo}`], { env: { EMTD_READ_SPECIAL: "1" } });
    refusedQuickly(outcome, /must be an edge list of at most 64 MiB .*got ".*: more than 64 MiB"/, t);
  } finally {
    yes?.kill("SIGKILL");
    remove();
  }
});

test("a 200 MB file of one token and no newline: refused (byte budget; raised, the line cap), never a graph of 0 edges", async (t) => {
  const { dir, remove } = scratch("token");
  const file = path.join(dir, "token.txt");
  const fd = openSync(file, "w");
  const block = Buffer.alloc(8 * 2 ** 20, "a");
  for (let i = 0; i < 25; i++) writeSync(fd, block);
  closeSync(fd);
  try {
    refusedQuickly(await spawnEmtd(["sample", "--graph", `file:${file}`]), /must be an edge list of at most 64 MiB .*got ".*: 200 MiB"/, t);
    const raised = await spawnEmtd(["sample", "--graph", `file:${file}`], { env: { EMTD_MAX_INPUT_BYTES: "256M" } });
    refusedQuickly(raised, /line 1 must be a line of at most 64 KiB/, t);
    // Within every limit, a file of isolated nodes is still refused: the sampler needs an edge.
    const small = await spawnEmtd(["sample", "--graph", `file:${file}`], {
      env: { EMTD_MAX_INPUT_BYTES: "256M", EMTD_MAX_LINE_BYTES: "256M" },
    });
    refusedQuickly(small, /at least one edge .*1 node, 0 edges/, t);
  } finally {
    remove();
  }
});

test("a 10 000-character --integrator is echoed cut with its length; bounds read 2^-100", async (t) => {
  const long = await spawnEmtd(["sample", "--integrator", "x".repeat(10_000)]);
  refusedQuickly(long, /--integrator must be one of ula, mala, metropolis, gradient-flow \(got "x{60}…x{40}" \(10000 chars\)\)/, t);
  assert.ok(long.stderr.length < 300, `${long.stderr.length} characters`);
  const cold = await spawnEmtd(["sample", "--temperature", "0"]);
  refusedQuickly(cold, /--temperature must be a number in \[2\^-100, ∞\) \(got "0"\)/, t);
});

/**
 * `emtd verdicts --variant FILE --watch` as a user meets it (issue 73 item 2): the real command on a small variant
 * family (its kernel a choice, so it touches p3.2-step5-boltzmann, a claim of about 3 s), saved again unchanged (read
 * from the cache), saved with a syntax error (one line; the watch goes on), saved changed while a measurement runs (the
 * old worker gone within a second, no row of it printed), then Ctrl-C: the command ends with exit 0 and no worker
 * process it started is left.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(TEST_DIR, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "emtd-variant-watch-"));
after(() => rmSync(work, { recursive: true, force: true }));

const family = (kernelDefault: string, extra = "", version = "", slow = "") => `import { variantFamily } from "emtd/variants";
${extra}
export default variantFamily({
  name: "kernel family",
  parameters: { kernel: { choices: ["node0", "neighbour", "symmetric"], default: "${kernelDefault}" } },
  variant: ({ kernel }) => {${slow}
    return { name: \`kernel \${kernel}${version}\`, kernel: kernel as "node0" | "neighbour" | "symmetric" };
  },
});
`;

/** In the watch's worker only (a forked process has process.send): busy for 20 s before the variant is returned. */
const SLOW_IN_WORKER = `
    if (typeof (globalThis as { process?: { send?: unknown } }).process?.send === "function") {
      const end = Date.now() + 20_000;
      while (Date.now() < end);
    }`;

/** The pids of `pid`'s worker processes now (its children running variant-watch-worker.js), or of all its children. */
function childrenOf(pid: number, all = false): number[] {
  const ps = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .filter((line) => line.trim() !== "" && (all || line.includes("variant-watch-worker.js")))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((n) => n > 0);
}

/** Whether `pid` still runs: listed by ps and not a zombie (exited, waiting for a parent to reap it). */
const alive = (pid: number) => {
  const stat = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return stat !== "" && !stat.startsWith("Z");
};

test("bad --param input is one line naming the argument and its range, exit 2", () => {
  const file = path.join(work, "param.ts");
  writeFileSync(file, family("symmetric"));
  for (const [param, expected] of [
    ["kernel=diagonal", /^emtd verdicts: --param kernel must be one of "node0", "neighbour", "symmetric" \(got "diagonal"\)$/],
    ["delta=2", /^emtd verdicts: --param delta must be a parameter of kernel family \(kernel\) \(got "delta"\)$/],
    ["kernel", /^emtd verdicts: --param must be name=value/],
  ] as const) {
    const r = spawnSync("node", ["bin/emtd.js", "verdicts", "--variant", file, "--param", param, "--watch"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.trim(), expected);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
  const repair = spawnSync("node", ["bin/emtd.js", "verdicts", "--variant", "mala", "--watch"], { cwd: root, encoding: "utf8" });
  assert.equal(repair.status, 2, repair.stderr);
  assert.match(
    repair.stderr.trim(),
    /^emtd verdicts: --watch watches a file: --variant must be a \.ts or \.js file \(got the repair mala, which no save changes\)$/,
  );
});

test("--watch decides at each save, reads the cache for the same contents, survives a syntax error, cancels a stale measurement and ends on Ctrl-C with no worker left", async (t) => {
  const file = path.join(work, "watched.ts");
  writeFileSync(file, family("node0"));
  // Each worker writes its pid as it starts (a --require hook through NODE_OPTIONS, which fork passes on): sampling the
  // watch's children with ps missed a short-lived worker on a loaded machine.
  const pids = path.join(work, "worker-pids");
  const hook = path.join(work, "record-worker.cjs");
  writeFileSync(
    hook,
    `if ((process.argv[1] ?? "").includes("variant-watch-worker")) require("node:fs").appendFileSync(${JSON.stringify(pids)}, process.pid + "\\n");\n`,
  );
  const child = spawn(
    "node",
    ["bin/emtd.js", "verdicts", "--variant", file, "--watch", "--only", "p3.2-step5-boltzmann", "--param", "kernel=symmetric"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${hook}` },
    },
  );
  let stdout = "";
  let stderr = "";
  const workers = () => (existsSync(pids) ? readFileSync(pids, "utf8").trim().split("\n").map(Number) : []);
  const spawned = new Set<number>(); // every child: the workers and esbuild's service
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const until = async (what: string, ok: () => boolean, seconds = 90) => {
    const end = Date.now() + seconds * 1000;
    while (!ok()) {
      for (const pid of childrenOf(child.pid!, true)) spawned.add(pid);
      if (Date.now() > end) assert.fail(`waited ${seconds} s for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      if (child.exitCode !== null) assert.fail(`the watch exited (${child.exitCode}) while waiting for ${what}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const decided = () => stdout.match(/^decided in .*$/gm) ?? [];
  try {
    // 1. The first decision: the one claim measured.
    await until("the first decision", () => decided().length === 1);
    assert.match(decided()[0]!, /: 0 claims \(0 cells\) read from the cache, 1 claim \(\d+ cells?\) measured$/);
    assert.match(stdout, /^kernel symmetric: 1 of 1 claims use a part it replaces/m);
    assert.match(stdout, /^p3\.2-step5-boltzmann .* → /m);

    // 2. Saved unchanged but for a comment: the bundle is the same, so the row is read from the cache.
    writeFileSync(file, family("node0", "// a comment the bundle drops"));
    await until("the second decision", () => decided().length === 2);
    assert.match(decided()[1]!, /: 1 claim \(\d+ cells?\) read from the cache, 0 claims \(0 cells\) measured$/);

    // 3. A syntax error: one line on stderr, and the watch goes on.
    const before = stderr.length;
    writeFileSync(file, family("node0").replace("variantFamily({", "variantFamily({ ,"));
    await until("the refusal", () => /must type-check/.test(stderr.slice(before)));
    const refusal = stderr
      .slice(before)
      .split("\n")
      .filter((l) => /must type-check/.test(l));
    assert.equal(refusal.length, 1);
    assert.match(refusal[0]!, /^emtd verdicts: --variant watched\.ts:\d+ must type-check: /);
    assert.equal(child.exitCode, null, "the watch is still running");

    // 4. Saved changed (its worker made to take 20 s before it measures: JavaScript busy in a loop, as a long
    //    measurement is), then changed again: that worker is stopped within a second and prints nothing.
    const rowsBefore = (stdout.match(/^p3\.2-step5-boltzmann /gm) ?? []).length;
    writeFileSync(file, family("node0", "", " v2", SLOW_IN_WORKER));
    await until("the changed file's worker", () => childrenOf(child.pid!).length === 1);
    const stale = childrenOf(child.pid!)[0]!;
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(file, family("node0", "", " v3"));
    const saved = Date.now();
    await until("the stale worker to exit", () => !alive(stale), 10);
    t.diagnostic(`the stale worker exited ${Date.now() - saved} ms after the save`);
    // The save settles for 150 ms, then SIGTERM; a second is the bound asked of a cancel.
    assert.ok(Date.now() - saved < 150 + 1000, `the stale worker exited ${Date.now() - saved} ms after the save`);
    await until("the last decision", () => decided().length === 3);
    assert.match(decided()[2]!, /: 0 claims \(0 cells\) read from the cache, 1 claim \(\d+ cells?\) measured$/);
    assert.match(stdout, /^kernel symmetric v3: 1 of 1 claims/m);
    assert.equal((stdout.match(/^p3\.2-step5-boltzmann /gm) ?? []).length, rowsBefore + 1, "no row of the cancelled measurement");
    assert.doesNotMatch(stderr, /\(kernel symmetric v2\)/, "no progress of the cancelled measurement");

    // 5. Ctrl-C: exit 0, every worker gone.
    for (const pid of childrenOf(child.pid!, true)) spawned.add(pid);
    child.kill("SIGINT");
    assert.equal(await exited, 0, stderr);
    assert.match(
      stdout,
      /^stopped watching .*: 3 decisions; 1 claim \(\d+ cells?\) read from the cache, 2 claims \(\d+ cells\) measured$/m,
    );
    assert.equal(new Set(workers()).size, 3, `one worker a measured decision, the stale one included: ${workers().join(", ")}`);
    await new Promise((r) => setTimeout(r, 200)); // esbuild's service ends when its pipe to the watch closes
    assert.deepEqual(
      [...spawned, ...workers()]
        .filter(alive)
        .map((pid) => execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim()),
      [],
    );
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

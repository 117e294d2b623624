/**
 * How the suite runs (test/support/): two files at a time, except that two files declaring the same resource never
 * run together, a file declaring "exclusive" runs alone, and a lock left by a killed file is taken over; every
 * declaration names a known resource, once per file; the runner's plan keeps every file and its constraints; the
 * tiers the test-suite page names (docs/testing.md, linked from the README) are package scripts on the one runner.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, sources } from "../../house";
import { RESOURCES } from "../../support/resources";
import { declared, plan } from "../../support/run-suite";

const SUPPORT = path.join(ROOT, "dist", "test", "support", "resources.js");

/**
 * Start a process that takes `take` (resource names, "suite" for joining the suite) in a lock folder of its own,
 * notes when it got them and when it let go (after `holdMs`) in `log`, and exits.
 */
function holder(dir: string, log: string, label: string, take: string[], holdMs: number): Promise<number | null> {
  const script = `
    const { resource, enterSuite } = require(${JSON.stringify(SUPPORT)});
    const names = ${JSON.stringify(take)};
    if (names.includes("suite")) enterSuite();
    else resource(...names);
    const note = (what) => require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ label: ${JSON.stringify(label)}, what, at: Date.now() }) + "\\n");
    note("start");
    setTimeout(() => note("end"), ${holdMs});`;
  const child = spawn(process.execPath, ["-e", script], {
    env: { ...process.env, EMTD_TEST_RESOURCES: dir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve) => child.on("close", resolve));
}

/** The [start, end] of each label in the log. */
function spans(log: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const line of fs
    .readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l !== "")) {
    const { label, what, at } = JSON.parse(line) as { label: string; what: string; at: number };
    const span = out.get(label) ?? [NaN, NaN];
    span[what === "start" ? 0 : 1] = at;
    out.set(label, span);
  }
  return out;
}

const apart = (a: [number, number], b: [number, number]) => a[1] <= b[0] || b[1] <= a[0];

function lockFolder(): { dir: string; log: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-resources-test-"));
  return { dir, log: path.join(dir, "log.jsonl") };
}

test("two files declaring the same resource never hold it together; different resources run side by side", async () => {
  const { dir, log } = lockFolder();
  const codes = await Promise.all([
    holder(dir, log, "a", ["slurm"], 800),
    holder(dir, log, "b", ["slurm"], 800),
    holder(dir, log, "c", ["chromium"], 800),
  ]);
  assert.deepEqual(codes, [0, 0, 0]);
  const s = spans(log);
  assert.ok(apart(s.get("a")!, s.get("b")!), JSON.stringify([...s]));
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith(".lock")),
    [],
    "every lock is let go at exit",
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test("an exclusive file waits for the running files and they for it", async () => {
  const { dir, log } = lockFolder();
  const first = holder(dir, log, "running", ["suite"], 1000);
  await new Promise((r) => setTimeout(r, 300));
  const alone = holder(dir, log, "alone", ["exclusive", "slurm"], 800);
  await new Promise((r) => setTimeout(r, 300));
  const later = holder(dir, log, "later", ["suite"], 100);
  assert.deepEqual(await Promise.all([first, alone, later]), [0, 0, 0]);
  const s = spans(log);
  assert.ok(apart(s.get("running")!, s.get("alone")!), JSON.stringify([...s]));
  assert.ok(apart(s.get("later")!, s.get("alone")!), JSON.stringify([...s]));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a lock whose owner died (a killed test file) is taken over; one whose owner lives is not", async () => {
  const { dir, log } = lockFolder();
  const gone = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => gone.on("close", r));
  fs.writeFileSync(path.join(dir, "slurm.lock"), `${os.hostname()} ${gone.pid} 1`);
  fs.writeFileSync(path.join(dir, "chromium.lock"), `${os.hostname()} ${process.pid} ${statStart(process.pid)}`);
  assert.equal(await holder(dir, log, "taker", ["slurm"], 0), 0);
  assert.ok(spans(log).get("taker")![1] > 0);
  const waiting = spawn(process.execPath, ["-e", `require(${JSON.stringify(SUPPORT)}).resource("chromium"); console.log("took it")`], {
    env: { ...process.env, EMTD_TEST_RESOURCES: dir },
  });
  let out = "";
  waiting.stdout.on("data", (d) => (out += d));
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(out, "", "a live owner's lock is kept");
  fs.rmSync(path.join(dir, "chromium.lock"));
  await new Promise((r) => waiting.on("close", r));
  assert.equal(out, "took it\n");
  fs.rmSync(dir, { recursive: true, force: true });
});

function statStart(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]!;
}

test("every resource(...) call names known resources, once, at the top of a test file", () => {
  const testDir = path.join(ROOT, "test");
  const calls = sources(testDir)
    .filter((f) => !f.startsWith("support/"))
    .map((f) => ({ f, text: fs.readFileSync(path.join(testDir, f), "utf8") }))
    .filter(({ text }) => /^resource\(/m.test(text));
  assert.ok(calls.length >= 20, `${calls.length} files declare resources`);
  for (const { f, text } of calls) {
    assert.ok(f.endsWith(".test.ts"), `${f}: only a test file declares resources`);
    assert.equal(text.match(/^resource\(/gm)!.length, 1, `${f}: one resource(...) call naming everything`);
    for (const name of declared(text)) assert.ok(Object.hasOwn(RESOURCES, name), `${f}: ${name}`);
    const source = text.slice(text.indexOf("\nresource("));
    assert.doesNotMatch(source, /^import /m, `${f}: resource(...) comes after the imports, before other statements`);
  }
  assert.deepEqual(declared('(0, resources_1.resource)("exclusive", "slurm");'), ["exclusive", "slurm"]);
  assert.throws(() => declared('resource("gpu");'), /unknown test resource "gpu"/);
});

test("the plan keeps every file once, and never overlaps two files of one resource or anything with an exclusive file", () => {
  const files = [
    { file: "a", resources: [], seconds: 10 },
    { file: "b", resources: ["chromium" as const], seconds: 100 },
    { file: "c", resources: ["chromium" as const], seconds: 90 },
    { file: "d", resources: ["exclusive" as const], seconds: 5 },
    { file: "e", resources: [], seconds: 50 },
    { file: "f", resources: ["swiftshader" as const], seconds: 80 },
  ];
  const order = plan(files, 2);
  assert.deepEqual([...order].sort(), ["a", "b", "c", "d", "e", "f"]);
  // The first two started are the two longest that can run together: b (chromium) and f (swiftshader), not c.
  assert.deepEqual(order.slice(0, 2), ["b", "f"]);
  assert.deepEqual(plan(files, 1).length, 6);
});

test("the test commands of the README and docs/testing.md are package scripts on the one runner; npm test installs the system packages first", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const page = fs.readFileSync(path.join(ROOT, "docs", "testing.md"), "utf8");
  assert.match(readme, /^npm test\b/m, "the README's set-up block runs npm test");
  assert.ok(readme.includes("docs/testing.md"), "the README links the test-suite page");
  for (const tier of ["test:unit", "test:quick"]) {
    assert.ok(page.includes(`npm run ${tier}`), `docs/testing.md names npm run ${tier}`);
    assert.match(pkg.scripts[tier]!, /node dist\/test\/support\/run-suite\.js dist\/test\/unit/);
  }
  // The claims' suite measures whole claims (minutes each without the run's cache), so it is not in the inner tiers.
  assert.match(pkg.scripts["test:claims"]!, /node dist\/test\/support\/run-suite\.js dist\/test\/integration\/claims$/);
  for (const tier of ["test:unit", "test:quick"])
    assert.doesNotMatch(pkg.scripts[tier]!, /integration\/claims|dist\/test\/integration(\s|$)/);

  assert.match(pkg.scripts.test!, /^bash scripts\/system-packages\.sh && .*run-suite\.js dist\/test\/unit dist\/test\/integration$/);
  assert.doesNotMatch(pkg.scripts.lint!, /tsc/, "the build type-checks, once");
  assert.equal(pkg.scripts.build, "tsc -b");
  const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
  assert.deepEqual(
    ci.split("\n").filter((l) => /^[a-z]/.test(l) && !/^(set|cd) /.test(l)),
    ["npm ci --no-audit --no-fund", "npm test"],
  );
});

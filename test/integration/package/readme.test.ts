/**
 * The TypeScript snippets of the README and of its docs pages (test/docs-commands.ts lists them) are code a user will
 * paste into a folder of their own: each is copied into an empty folder set up by exactly the commands of the quick
 * start (docs/prototyping.md, "Quick start (TypeScript)"), run with its run command, and must print the exact value it
 * promises.
 */
import { TEST_DIR } from "../../support/dirs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";
import { DOC_PAGES } from "../../docs-commands";
import { quickStartFolder } from "../../support/quick-start";

resource("swiftshader");

const ROOT = path.resolve(TEST_DIR, "../..");
/** The page with the TypeScript quick start. */
const QUICK_START = "docs/prototyping.md";
const PROTOTYPING = fs.readFileSync(path.join(ROOT, QUICK_START), "utf8");

/** The shell block of the quick start: the set-up commands a user types, one per line (comments dropped). */
function setupCommands(): string[] {
  const section = /## Quick start \(TypeScript\)([\s\S]*?)```ts\n/.exec(PROTOTYPING);
  assert.ok(section, `${QUICK_START} has a TypeScript quick start`);
  const sh = /```sh\n([\s\S]*?)```/.exec(section[1]!);
  assert.ok(sh, "the quick start says how to set up a folder, in a sh block before the first snippet");
  return sh[1]!
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

/** Every ```ts block of the README and its docs pages, in page order. */
const blocks = DOC_PAGES.flatMap((page) =>
  [...fs.readFileSync(path.join(ROOT, page), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({ page, code: m[1]! })),
);
const snippets = blocks.map((b) => b.code);
/** The quick start's two snippets: its first (saved as quickstart.ts) and the own term after it. */
const quickStart = blocks.findIndex((b) => b.page === QUICK_START);

/** The quick start's run command (the last of its sh block): `npx tsx quickstart.ts`. */
function runCommand(): string {
  const run = setupCommands().at(-1)!;
  assert.match(run, /^npx tsx quickstart\.ts$/, "the last command runs quickstart.ts");
  return run;
}

/**
 * The one quick-start folder of this file, set up on first use as the quick start says (test/support/quick-start.ts)
 * and shared by the tests that work in it; removed after them.
 */
let made: ReturnType<typeof quickStartFolder> | undefined;
function setUp(): { dir: string; run: string } | string {
  made ??= quickStartFolder();
  return typeof made === "string" ? made : { dir: made.dir, run: runCommand() };
}
after(() => {
  if (typeof made === "object") made.remove();
});

test("every TypeScript snippet of the README and its docs pages runs in a fresh folder set up as the quick start says", (t) => {
  assert.ok(snippets.length >= 3, "the quick start, the own-term snippet and the variant");
  assert.ok(quickStart >= 0 && blocks[quickStart + 1]?.page === QUICK_START, `${QUICK_START} has the quick start and the own term`);
  const folder = setUp();
  if (typeof folder === "string") return t.skip(folder);
  const pkg = JSON.parse(fs.readFileSync(path.join(folder.dir, "package.json"), "utf8"));
  assert.equal(pkg.type, "module");
  assert.ok(pkg.dependencies?.emtd, "emtd is a dependency of the folder");
  assert.ok(fs.realpathSync(path.join(folder.dir, "node_modules", "emtd")) === fs.realpathSync(ROOT), "emtd is this checkout");
  const outputs: string[] = [];
  for (const [i, snippet] of snippets.entries()) {
    // The quick start's first is saved as quickstart.ts, as the page says; the others under their own names.
    const file = i === quickStart ? "quickstart.ts" : `snippet-${i + 1}.ts`;
    fs.writeFileSync(path.join(folder.dir, file), snippet);
    const r: SpawnSyncReturns<string> = spawnSync("bash", ["-c", folder.run.replace("quickstart.ts", file)], {
      cwd: folder.dir,
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(r.status, 0, `${file} (${blocks[i]!.page}):\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /tfjs-node/, "no tfjs banner");
    outputs.push(r.stdout);
  }
  // The quick start: ⟨H⟩ against the exact equipartition value (N − 1)·d·T/2 = 99, within 4 MCSE.
  const equipartition = (output: string) => {
    const m = /⟨H⟩ = ([\d.]+) ± ([\d.]+); exact ([\d.]+)/.exec(output);
    assert.ok(m, output);
    const [measured, mcse, exact] = [Number(m[1]), Number(m[2]), Number(m[3])];
    assert.equal(exact, 99);
    assert.ok(Math.abs(measured - exact) < 4 * mcse + 0.05, output);
  };
  equipartition(outputs[quickStart]!);
  // The same quick start on the GPU backend (issue 35): EMTD_BACKEND=webgpu, through SwiftShader where no GPU is. Its
  // 20000 MALA steps take about 220 s there (each step's kernels are round trips to the WebGPU worker), so it runs a
  // tenth of them: 2000 steps, 400 of burn-in; the check is the same, within 4 of that run's MCSE.
  const missing = webgpuMissing();
  if (missing) t.diagnostic(`quick start on webgpu not run: ${missing}`);
  else {
    const shorter = snippets[quickStart]!.replace("steps: 20000, burnIn: 4000", "steps: 2000, burnIn: 400");
    assert.notEqual(shorter, snippets[quickStart], "the quick start's step counts are where this test shortens them");
    fs.writeFileSync(path.join(folder.dir, "quickstart-webgpu.ts"), shorter);
    const r = spawnSync("bash", ["-c", folder.run.replace("quickstart.ts", "quickstart-webgpu.ts")], {
      cwd: folder.dir,
      encoding: "utf8",
      timeout: 300_000,
      env: { ...process.env, EMTD_BACKEND: "webgpu", EMTD_WEBGPU_ADAPTER: "software" }, // SwiftShader on purpose where no GPU is
    });
    assert.equal(r.status, 0, `quickstart.ts on webgpu:\n${r.stderr}`);
    assert.match(r.stdout + r.stderr, /webgpu/, "the run says it ran on webgpu");
    equipartition(r.stdout);
  }
  // Your own term: a gradient that autodiff got right, and a finite mean energy with an error bar.
  const ownOutput = outputs[quickStart + 1]!;
  const own = /gradient error ([\d.e+-]+); ⟨H⟩ = (-?[\d.]+) ± ([\d.]+)/.exec(ownOutput);
  assert.ok(own, ownOutput);
  assert.ok(Number(own[1]) < 1e-2, ownOutput);
  assert.ok(Number.isFinite(Number(own[2])) && Number(own[3]) > 0, ownOutput);
});

test("the quick start's second snippet defines a term, checks its gradient and samples it (under 15 lines)", () => {
  const lines = snippets[quickStart + 1]!.trimEnd().split("\n");
  assert.ok(lines.length < 15, `${lines.length} lines`);
  assert.ok(lines.some((l) => l.includes("defineTerm(")));
});

test("templates/my-variant.ts: its commands work as written, in the quick-start folder and from any other folder", (t) => {
  const template = fs.readFileSync(path.join(ROOT, "templates", "my-variant.ts"), "utf8");
  const commands = [
    ...template.matchAll(/^ \* {3}((?:npx emtd|node \/path\/to\/emtd-lab\/bin\/emtd\.js) verdicts --variant my-variant\.ts)/gm),
  ].map((m) => m[1]!);
  assert.equal(commands.length, 2, "the template names the command for the quick-start folder and for any other");
  const folder = setUp();
  if (typeof folder === "string") return t.skip(folder);
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-variant-elsewhere-"));
  try {
    for (const [command, dir] of [
      [commands[0]!, folder.dir],
      [commands[1]!, elsewhere],
    ] as const) {
      fs.copyFileSync(path.join(ROOT, "templates", "my-variant.ts"), path.join(dir, "my-variant.ts"));
      // One claim of the interaction, as the template's "add --only ID" says; the command otherwise as written.
      const line = `${command.replace("/path/to/emtd-lab", JSON.stringify(ROOT))} --only p1.2-interaction-energy --json`;
      const r = spawnSync("bash", ["-c", line], { cwd: dir, encoding: "utf8", timeout: 300_000 });
      assert.equal(r.status, 0, `${line} in ${dir}:\n${r.stderr}`);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.variant.replaces, ["interaction"], line);
      assert.equal(out.claims.length, 1, line);
    }
    // Each claim's `uses`, as the template says: from the committed run, in the quick-start folder, as written.
    const from = /^ \* {3}(npx emtd verdicts --from \S+ --json)$/m.exec(template)?.[1];
    assert.ok(from, "the template names the command that lists each claim's uses");
    const r = spawnSync("bash", ["-c", from], { cwd: folder.dir, encoding: "utf8", timeout: 60_000, maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, `${from} in ${folder.dir}:\n${r.stderr}`);
    const records = (JSON.parse(r.stdout) as { claims: Array<{ id: string; uses: unknown }> }).claims;
    assert.ok(records.length > 0 && records.every((c) => Array.isArray(c.uses)), from);
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

/**
 * The folder a newcomer makes by the TypeScript quick start (`mkdir my-study && cd my-study`, `npm init -y`,
 * `npm pkg set type=module`, `npm install --save-dev tsx`, `npm install --ignore-scripts /path/to/emtd-lab`), set up
 * by exactly the commands of the sh block that does it, wherever the README or a docs/ page puts it (now
 * docs/prototyping.md). Two substitutions, neither changing what is installed: the clone's path for
 * `/path/to/emtd-lab`, and npm's `--offline` (the package cache of this checkout's own install holds tsx), falling
 * back to the registry.
 *
 * test/integration/package/readme.test.ts sets up one such folder for its tests and checks the block's run command.
 */
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_DIR } from "./dirs";

const ROOT = path.resolve(TEST_DIR, "../..");

/** The quick start's set-up commands, one per line (comments dropped), without the last one that runs a snippet. */
export function quickStartCommands(): string[] {
  const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => path.join("docs", f))].filter((f) => f.endsWith(".md"));
  const blocks = pages.flatMap((page) =>
    [...fs.readFileSync(path.join(ROOT, page), "utf8").matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!),
  );
  const block = blocks.find((b) => /^mkdir my-study/m.test(b));
  assert.ok(block, "README.md or a docs/ page has a sh block that sets up a folder (mkdir my-study …)");
  const lines = block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
  assert.ok(
    lines.some((l) => l.includes("/path/to/emtd-lab")),
    "the block installs the package from the clone",
  );
  return lines.filter((l) => !/^npx tsx /.test(l));
}

/** A fresh quick-start folder (`dir`), or why none could be made here (no npm cache and no registry). */
export function quickStartFolder(): { dir: string; remove(): void } | string {
  const commands = quickStartCommands();
  assert.equal(commands[0], "mkdir my-study && cd my-study");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-quick-start-"));
  const dir = path.join(parent, "my-study");
  const remove = () => fs.rmSync(parent, { recursive: true, force: true });
  const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  for (const command of commands) {
    const line = command.replace("/path/to/emtd-lab", JSON.stringify(ROOT));
    const sh = (text: string): SpawnSyncReturns<string> =>
      spawnSync("bash", ["-c", text], { cwd: parent, env, encoding: "utf8", timeout: 300_000 });
    const inFolder = (text: string) => (text.startsWith("mkdir my-study") ? text : `cd my-study && ${text}`);
    let r = sh(inFolder(line.replace(/^npm install /, "npm install --offline ")));
    if (r.status !== 0 && line.startsWith("npm install ")) r = sh(inFolder(line.replace(/^npm install /, "npm install --prefer-offline ")));
    if (r.status !== 0 && /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(r.stderr)) {
      remove();
      return `no npm cache or registry here (${line})`;
    }
    assert.equal(r.status, 0, `${line}\n${r.stderr}`);
  }
  return { dir, remove };
}

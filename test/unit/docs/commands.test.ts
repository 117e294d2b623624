/**
 * The README reads in ten minutes and points at the rest (issue 51, item 11): it fits in 250 lines and links every docs
 * page that took its text; every link of those pages reaches a file (and a heading, where it names one); and every
 * command of them is run by a test, or says why not (test/docs-commands.ts holds the table; the commands marked
 * `here` run in test/integration/package/docs-commands.test.ts).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { COMMANDS, DOC_PAGES, docCommands, pageCommands } from "../../docs-commands";

const root = path.resolve(TEST_DIR, "..", "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

test("the README fits in 250 lines and links every docs page that holds what it left out", () => {
  const readme = read("README.md");
  const lines = readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0);
  assert.ok(lines <= 250, `README.md has ${lines} lines`);
  for (const page of DOC_PAGES.filter((p) => p !== "README.md")) assert.ok(readme.includes(`](${page}`), `README links ${page}`);
  // Its three uses, each with a command and a picture, and the two set-up commands and the main job.
  const uses = readme.slice(readme.indexOf("\n## Three uses\n"), readme.indexOf("\n## Where to go next\n"));
  const sections = uses.split(/\n### /).slice(1);
  assert.equal(sections.length, 3, "three uses");
  for (const s of sections) {
    assert.match(s, /```sh\n[^`]+```/, `a command: ${s.split("\n")[0]}`);
    assert.match(s, /!\[[^\]]+\]\(docs\/gallery\/[a-z-]+\.png\)/, `a picture: ${s.split("\n")[0]}`);
  }
  assert.deepEqual(
    pageCommands(root, "README.md")
      .filter((c) => !c.inline)
      .slice(0, 3)
      .map((c) => c.command),
    ["npm install", "npm test", "npx emtd verdicts"],
  );
});

test("every command of the README and the docs pages is run by a test, or says why not; no entry is stale", () => {
  const commands = docCommands(root);
  assert.ok(commands.length >= 30, `${commands.length} commands found`);
  assert.deepEqual(
    commands.filter((c) => !(c.command in COMMANDS)).map((c) => `${c.page}:${c.line}: ${c.command}`),
    [],
    "add each to COMMANDS in test/docs-commands.ts with the test that runs it",
  );
  const seen = new Set(commands.map((c) => c.command));
  assert.deepEqual(
    Object.keys(COMMANDS).filter((c) => !seen.has(c)),
    [],
    "no page has these commands any more: drop them from COMMANDS",
  );
  for (const [command, runner] of Object.entries(COMMANDS)) {
    if ("test" in runner) {
      assert.ok(existsSync(path.join(root, runner.test)), `${command}: ${runner.test} exists`);
      assert.ok(read(runner.test).includes(runner.shows), `${command}: ${runner.test} contains ${runner.shows}`);
    } else if ("suite" in runner) assert.ok(existsSync(path.join(root, runner.suite)), `${command}: ${runner.suite} exists`);
    else if ("here" in runner) for (const b of runner.before ?? []) assert.ok(b in COMMANDS, `${command}: ${b} is a command of the pages`);
    else assert.ok(runner.notRun.length > 20, `${command}: why no test runs it`);
  }
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

test("every relative link and image of the README and the docs pages reaches a file, and a heading where it names one", () => {
  const problems: string[] = [];
  for (const page of DOC_PAGES) {
    const text = read(page).replace(/^```[\s\S]*?^```/gm, "");
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [file, anchor] = target.split("#") as [string, string | undefined];
      const resolved = file === "" ? page : path.posix.join(path.posix.dirname(page), file);
      if (!existsSync(path.join(root, resolved))) {
        problems.push(`${page}: ${target} (no ${resolved})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith(".md")) {
        const headings = [...read(resolved).matchAll(/^#{1,6} (.+)$/gm)].map((h) => slug(h[1]!));
        if (!headings.includes(anchor)) problems.push(`${page}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/**
 * `emtd book`: the study as a static site. Built from two small notebooks in a temporary folder (executing the
 * curated ones takes minutes; `emtd notebooks` and test/notebooks.test.ts run those), one of them named as a
 * curated notebook so that its claims on the front page link into it. Checked: the freeze (a second build with
 * nothing changed executes nothing; a changed notebook alone is re-executed; --force re-executes), and in headless
 * Chromium over file://, every page draws each of its figures and logs no error; every internal link resolves to
 * a file and, with a #fragment, to an element of that page.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { markdownToHtml } from "../src/book/markdown";

const root = path.resolve(__dirname, "..", "..");
const BIN = path.join(root, "bin", "emtd.js");
const CHROMIUM = "/usr/bin/chromium";
const work = mkdtempSync(path.join(tmpdir(), "emtd-book-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

const code = (source: string, tags?: string[]) => ({
  cell_type: "code",
  source,
  metadata: tags ? { tags } : {},
  execution_count: null,
  outputs: [],
});
const markdown = (source: string) => ({ cell_type: "markdown", source, metadata: {} });
const notebook = (cells: object[]) => ({
  cells,
  metadata: { kernelspec: { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
});

// Named as the curated notebook 15, whose claims (p4.4-…) the front page links to its "Verdict" section.
const FIGURE_NOTEBOOK = "15-neuromorphic-projection.ipynb";
const TEXT_NOTEBOOK = "b-text.ipynb";
const dir = path.join(work, "notebooks");
mkdirSync(dir);
writeFileSync(
  path.join(dir, FIGURE_NOTEBOOK),
  JSON.stringify(
    notebook([
      markdown("# A figure\n\nIt has **one** figure, a [link to the other notebook](b-text.ipynb) and math $x^2$."),
      code('import { display, lineFigure, table } from "emtd/display";'),
      code("const n = 3; // points", ["parameters"]),
      code('display(lineFigure([1, 2, 3].slice(0, n), { y: [1, 4, 9].slice(0, n) }, { title: "squares" }));'),
      markdown("## Verdict\n\n| claim | verdict |\n|---|---|\n| squares | holds |"),
      code("display(table([{ claim: 'squares', verdict: 'holds' }]));"),
    ]),
  ),
);
const textNotebook = (extra: string) =>
  JSON.stringify(notebook([markdown("# Text only\n\n- a list\n- of two"), code(`console.log("plain text${extra}");`)]));
writeFileSync(path.join(dir, TEXT_NOTEBOOK), textNotebook(""));

function book(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "book", "--dir", dir, "--json", ...args], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { executed: number; frozen: number; notebooks: Array<{ notebook: string; executed: boolean }> };
}
const executedNames = (r: ReturnType<typeof book>) => r.notebooks.filter((n) => n.executed).map((n) => n.notebook);

const out = path.join(work, "book");

test("the freeze: a second build executes nothing; a changed notebook alone is re-executed; --force re-executes", () => {
  const first = book("--out", out);
  assert.deepEqual(executedNames(first), [FIGURE_NOTEBOOK, TEXT_NOTEBOOK]);
  const second = book("--out", out);
  assert.equal(second.executed, 0, "nothing changed: nothing executed");
  assert.equal(second.frozen, 2);
  const forced = book("--out", out, "--only", "b-text", "--force");
  assert.deepEqual(executedNames(forced), [TEXT_NOTEBOOK]);
  writeFileSync(path.join(dir, TEXT_NOTEBOOK), textNotebook(", changed"));
  const third = book("--out", out);
  assert.deepEqual(executedNames(third), [TEXT_NOTEBOOK], "only the changed notebook");
  assert.match(readFileSync(path.join(out, "notebooks", "b-text.html"), "utf8"), /plain text, changed/);
});

test("bad --only and --dir are one line, exit 2", () => {
  for (const args of [
    ["--only", "no-such-notebook"],
    ["--dir", path.join(work, "missing")],
  ]) {
    const r = spawnSync(process.execPath, [BIN, "book", "--out", out, ...args], { encoding: "utf8" });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

function pages(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? (name === "_freeze" ? [] : pages(file)) : name.endsWith(".html") ? [file] : [];
  });
}

test("every internal link and asset of the book resolves, to an existing element for a #fragment", () => {
  assert.ok(existsSync(path.join(out, "index.html")), "the book was built");
  const all = pages(out);
  assert.ok(all.length >= 5, `index, gallery, provenance and two notebooks (got ${all.length})`);
  let links = 0;
  let claimLinks = 0;
  for (const file of all) {
    const html = readFileSync(file, "utf8");
    for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
      const url = m[1]!;
      if (/^(data:|https?:|mailto:)/.test(url)) continue;
      links++;
      const [target, fragment] = url.split("#") as [string, string | undefined];
      const resolved = target === "" ? file : path.resolve(path.dirname(file), target);
      assert.ok(existsSync(resolved), `${path.relative(out, file)}: ${url} does not resolve`);
      if (fragment) {
        assert.ok(
          readFileSync(resolved, "utf8").includes(`id="${fragment}"`),
          `${path.relative(out, file)}: ${url}: no element #${fragment}`,
        );
        if (file.endsWith("index.html") && target.startsWith("notebooks/")) claimLinks++;
      }
    }
  }
  assert.ok(links > 10, `links checked: ${links}`);
  assert.ok(claimLinks >= 2, "the claims of notebook 15 link to its Verdict section");
  assert.doesNotMatch(readFileSync(path.join(out, "notebooks", "15-neuromorphic-projection.html"), "utf8"), /data-emtd-plotly/);
});

test(
  "in headless Chromium over file://, every page draws its figures and logs no error",
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` },
  async (t) => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launchPersistentContext(mkdtempSync(path.join(work, "chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
    try {
      let drawn = 0;
      for (const file of pages(out)) {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") problems.push(`console error: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const expected = (readFileSync(file, "utf8").match(/class="emtd-plotly/g) ?? []).length;
        // Runs in the page (typed loosely: the test is compiled without the DOM library).
        await page
          .waitForFunction((n) => (globalThis as any).document.querySelectorAll(".emtd-plotly .main-svg").length >= n, expected, {
            timeout: 20_000,
          })
          .catch(() => undefined);
        const plots: Array<{ drawn: boolean; traces: number }> = await page.evaluate(() =>
          Array.from((globalThis as any).document.querySelectorAll(".emtd-plotly")).map((d: any) => ({
            drawn: d.classList.contains("js-plotly-plot") && d.querySelectorAll(".main-svg").length > 0,
            traces: d.querySelectorAll(".trace, .hm").length,
          })),
        );
        assert.equal(plots.length, expected, `${file}: one plot per figure`);
        for (const p of plots) assert.ok(p.drawn && p.traces > 0, `${file}: a figure was not drawn`);
        drawn += plots.length;
        assert.deepEqual(problems, [], `${path.relative(out, file)} logged errors`);
        await page.close();
      }
      t.diagnostic(`${drawn} figures drawn`);
      assert.ok(drawn >= 1, "the figure notebook's figure was drawn");
    } finally {
      await browser.close();
    }
  },
);

test("the book's Markdown: heading ids (repeats numbered), tables, lists, escaped math and code, notebook links", () => {
  const ids = new Set<string>();
  const html = markdownToHtml(
    "# §1.1 — The <state>\n\n## Verdict\n\n| a | b |\n|---|---|\n| `x<y` | **y** |\n\n- one\n- two $a<b$\n\nSee [the Ising notebook](03-ising-isomorphism.ipynb#verdict).\n\n## Verdict",
    ids,
  );
  assert.match(html, /<h1 id="1-1-the-state">§1\.1 — The &lt;state&gt;<\/h1>/);
  assert.match(html, /<h2 id="verdict">Verdict<\/h2>[\s\S]*<h2 id="verdict-2">Verdict<\/h2>/);
  assert.match(html, /<td><code>x&lt;y<\/code><\/td><td><strong>y<\/strong><\/td>/);
  assert.match(html, /<ul><li>one<\/li><li>two <span class="math">\$a&lt;b\$<\/span><\/li><\/ul>/);
  assert.match(html, /<a href="03-ising-isomorphism\.html#verdict">the Ising notebook<\/a>/);
  assert.deepEqual([...ids], ["1-1-the-state", "verdict", "verdict-2"]);
});

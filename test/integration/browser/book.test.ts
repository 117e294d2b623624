/**
 * `emtd book`: the study as a static site. Built from two small notebooks in a temporary folder (executing the
 * curated ones takes minutes; `emtd notebooks` and test/integration/jupyter/notebooks.test.ts run those), one of them named as a
 * curated notebook so that its claims on the front page link into it. Checked: the freeze (a second build with
 * nothing changed executes nothing; a changed notebook alone is re-executed; --force re-executes), and in headless
 * Chromium over file://, every page draws each of its figures and logs no error; every internal link resolves to
 * a file and, with a #fragment, to an element of that page; math is typeset by KaTeX (no TeX left between
 * dollars), its fonts load from the book's own assets, and a TeX error is shown as source and counted.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { markdownToHtml } from "../../../src/book/markdown";
import { plainText, type TexError } from "../../../src/book/math";
import { CHROMIUM, launchChromium } from "../../classic-notebook";
import { resource } from "../../support/resources";
import { codeCell, emtdNotebook, markdownCell } from "../../emtd-notebook";

resource("chromium");

const root = path.resolve(TEST_DIR, "..", "..");
const BIN = path.join(root, "bin", "emtd.js");
const work = mkdtempSync(path.join(tmpdir(), "emtd-book-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

const code = (source: string, tags?: string[]) => codeCell(source, tags ? { tags } : {});
const markdown = markdownCell;
const notebook = emtdNotebook;

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
      markdown("## Energy $E_0$\n\n$$\n\\langle H \\rangle = \\frac{(N-1)\\, d\\, T}{2}\n$$\n\nA typo stays readable: $\\frac{1}{$."),
      code('import { display, lineFigure, markdown, table } from "emtd/display";\ndisplay(markdown("from a cell: $\\\\alpha^2$"));'),
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
  return JSON.parse(r.stdout) as {
    executed: number;
    frozen: number;
    texErrors: number;
    notebooks: Array<{ notebook: string; executed: boolean; texErrors: TexError[] }>;
  };
}
const executedNames = (r: ReturnType<typeof book>) => r.notebooks.filter((n) => n.executed).map((n) => n.notebook);

const out = path.join(work, "book");

test("the freeze: a second build executes nothing; a changed notebook alone is re-executed; --force re-executes", () => {
  const first = book("--out", out);
  assert.deepEqual(executedNames(first), [FIGURE_NOTEBOOK, TEXT_NOTEBOOK]);
  // The one TeX error is reported, and does not fail the build.
  assert.equal(first.texErrors, 1);
  assert.deepEqual(
    first.notebooks[0]!.texErrors.map((e) => e.tex),
    ["\\frac{1}{"],
  );
  const second = book("--out", out);
  assert.equal(second.executed, 0, "nothing changed: nothing executed");
  assert.equal(second.frozen, 2);
  assert.equal(second.texErrors, 1, "frozen pages are typeset again");
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
  // KaTeX's stylesheet is linked from every page (checked above as a link) and its fonts are in the book.
  const css = readFileSync(path.join(out, "assets", "katex", "katex.min.css"), "utf8");
  const fonts = [...css.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => m[1]!);
  assert.ok(fonts.length >= 20, `fonts referenced: ${fonts.length}`);
  for (const font of fonts) assert.ok(existsSync(path.join(out, "assets", "katex", font)), `${font} is in the book`);
  for (const file of all) assert.match(readFileSync(file, "utf8"), /assets\/katex\/katex\.min\.css/, `${file} links KaTeX's CSS`);
});

test(
  "in headless Chromium over file://, every page draws its figures and logs no error",
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` },
  async (t) => {
    const browser = await launchChromium(mkdtempSync(path.join(work, "chromium-")));
    try {
      let drawn = 0;
      let mathPages = 0;
      for (const file of pages(out)) {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") problems.push(`console error: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
        const fontsLoaded: string[] = [];
        page.on("requestfinished", (r) => {
          if (/\/assets\/katex\/fonts\/KaTeX_/.test(r.url())) fontsLoaded.push(r.url());
        });
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const math: { katex: number; spans: number; withDollars: string[]; errors: number; faces: string[]; fontFamily: string } =
          await page.evaluate(async () => {
            const doc = (globalThis as any).document;
            await doc.fonts.ready;
            const spans = Array.from(doc.querySelectorAll(".math")) as any[];
            const first = doc.querySelector(".katex-html");
            return {
              katex: doc.querySelectorAll(".katex").length,
              spans: spans.length,
              withDollars: spans.map((s) => s.textContent as string).filter((t) => t.includes("$")),
              errors: doc.querySelectorAll(".math-error").length,
              faces: Array.from(doc.fonts as Iterable<any>)
                .filter((f) => f.status === "loaded" && /^"?KaTeX_/.test(f.family))
                .map((f) => `${f.family} ${f.style} ${f.weight}`),
              fontFamily: first ? ((globalThis as any).getComputedStyle(first).fontFamily as string) : "",
            };
          });
        if (math.spans > 0) {
          mathPages++;
          assert.equal(math.katex, math.spans - math.errors, `${file}: every math span but the errors is typeset`);
          assert.deepEqual(math.withDollars, [], `${file}: no TeX left between dollars`);
          assert.ok(math.faces.length > 0 && fontsLoaded.length > 0, `${file}: KaTeX's fonts load (${math.faces.join(", ")})`);
          assert.match(math.fontFamily, /KaTeX_Main/, `${file}: KaTeX's stylesheet applies`);
          if (file.endsWith("15-neuromorphic-projection.html")) {
            assert.equal(math.errors, 1, "the typo is shown as source");
            assert.equal(math.katex, 4, "inline, display, in a heading and in a cell's Markdown output");
          }
        }
        const expected = (readFileSync(file, "utf8").match(/class="emtd-plotly[ "]/g) ?? []).length;
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
      t.diagnostic(`${drawn} figures drawn, ${mathPages} pages with math`);
      assert.ok(drawn >= 1, "the figure notebook's figure was drawn");
      assert.ok(mathPages >= 1, "the figure notebook has math");
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
  assert.match(html, /<ul><li>one<\/li><li>two <span class="math"><span class="katex">[\s\S]*a&lt;b[\s\S]*<\/span><\/li><\/ul>/);
  assert.match(html, /<a href="03-ising-isomorphism\.html#verdict">the Ising notebook<\/a>/);
  assert.deepEqual([...ids], ["1-1-the-state", "verdict", "verdict-2"]);
});

test("the book's Markdown typesets math with KaTeX: inline, display, not in code or prices, an error shown as source", () => {
  const typeset = (md: string) => {
    const errors: TexError[] = [];
    return { html: markdownToHtml(md, new Set(), errors), errors };
  };
  const tex = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);
  // Inline: KaTeX's HTML and MathML, the TeX kept as the MathML annotation, no dollars left.
  const inline = typeset("For $T < T_c$ the energy is $\\langle H \\rangle$; over a line break, $a +\nb$; and $\\chi = $ `f(x)`.");
  assert.deepEqual(tex(inline.html), ["T &lt; T_c", "\\langle H \\rangle", "a +\nb", "\\chi = "]);
  assert.equal((inline.html.match(/<span class="math"><span class="katex">/g) ?? []).length, 4);
  assert.match(inline.html, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML">/);
  assert.equal(plainText(inline.html), "For T &lt; T_c the energy is \\langle H \\rangle; over a line break, a +\nb; and \\chi =  f(x).");
  // Display: a block over several lines, and $$…$$ within a paragraph.
  const display = typeset("$$\n\\frac{(N-1)\\, d\\, T}{2}\n$$\n\nand $$x^2$$ inline");
  assert.match(display.html, /^<div class="math display"><span class="katex-display"><span class="katex">/);
  assert.match(display.html, /<span class="math display"><span class="katex-display">/);
  assert.deepEqual(tex(display.html), ["\\frac{(N-1)\\, d\\, T}{2}", "x^2"]);
  // Code spans and fenced code keep their dollars; so do prices and an escaped dollar.
  const code = typeset("Run `echo $HOME $x$` then pay $5 and $6, or \\$7.\n\n```\nconst s = `$${a}$`;\n```");
  assert.equal(code.errors.length, 0);
  assert.doesNotMatch(code.html, /katex/);
  assert.match(code.html, /<code>echo \$HOME \$x\$<\/code> then pay \$5 and \$6, or \$7\./);
  assert.match(code.html, /<pre><code>const s = `\$\$\{a\}\$`;<\/code><\/pre>/);
  // Invalid TeX: the source in an error span titled with KaTeX's message, recorded, and the rest still typeset.
  const bad = typeset("Broken $\\frac{1}{$ and fine $y$.");
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0]!.tex, "\\frac{1}{");
  assert.match(bad.errors[0]!.message, /KaTeX parse error/);
  assert.match(bad.html, /<span class="math"><span class="math-error" title="KaTeX parse error: [^"]*">\\frac\{1\}\{<\/span><\/span>/);
  assert.deepEqual(tex(bad.html), ["y"]);
});

/**
 * Widget output in nbconvert's HTML (issue 51, item 10). An executed notebook whose `interact` shows a progress bar,
 * a table and a figure in its Output widget, rendered by `jupyter nbconvert --to html` with the widget renderer flag
 * docs/jupyter.md gives, is drawn by headless Chromium (file://, every network request refused) as HTML: a table element,
 * a progress element and a drawn plotly figure in the widget's output, not their source text, and the page logs no
 * error.
 *
 * The cause: nbconvert before 7.2.8 (Debian 12's is 6.5.3) HTML-escapes the saved widget state inside its <script>
 * tag, where the browser never unescapes it, so the ipywidgets HTML manager alone draws `&lt;table …` as text (checked
 * here on the same page with the manager alone in place of the renderer). kernel/widget-renderer.js undoes that
 * escaping before the manager reads the state, and leaves a state a newer nbconvert wrote unescaped as it is (checked
 * here on the same page with its state written that way).
 */
import { TEST_DIR } from "../../support/dirs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { readNotebook } from "../../../src/jupyter/notebook";
import { WIDGET_STATE_MIME } from "../../../src/jupyter/widget-state";
import { CHROMIUM, launchChromium } from "../../classic-notebook";
import { findNbconvert, widgetRendererFlag } from "../../support/nbconvert";
import { resource } from "../../support/resources";
import { codeCell, emtdNotebook } from "../../emtd-notebook";

resource("chromium");

const root = path.resolve(TEST_DIR, "..", "..");
const BIN = path.join(root, "bin", "emtd.js");
const work = mkdtempSync(path.join(tmpdir(), "emtd-nbconvert-widgets-"));
after(() => rmSync(work, { recursive: true, force: true }));
const nbconvert = findNbconvert();

/** An `interact` whose output is a progress bar (the run's), a table and a figure: what notebook 18's shows. */
const CELLS = [
  'import { interact } from "emtd/widgets";\nimport { display, table, lineFigure } from "emtd/display";\nimport { ready, graphs, interaction, mala, run, key, tf } from "emtd";\nawait ready();',
  `const live = interact(({ temperature }) => {
  const x0 = tf.zeros([16, 1]) as tf.Tensor2D;
  const r = run(mala(interaction(graphs.ring(16, 2)), { step: 0.1, temperature }), x0, { steps: 400, burnIn: 100 }, key(3));
  tf.dispose([x0, r.final]);
  display(table([{ T: temperature, "⟨H⟩": r.meanEnergy, MCSE: r.energyMcse }]));
  return lineFigure(r.trace.map((p) => p.step), { energy: r.trace.map((p) => p.energy) }, { title: \`T = \${temperature}\`, xTitle: "step", yTitle: "H" });
}, { temperature: [0.1, 3, 0.1] });
await live.settled();
live`,
];

const STATE_TAG = new RegExp(`(<script type="${WIDGET_STATE_MIME.replace(/[+.]/g, "\\$&")}">)([\\s\\S]*?)(</script>)`);
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

test(
  "nbconvert's HTML with the documented widget renderer draws an interact's output as HTML: its table, its progress bar, its figure",
  {
    timeout: 600_000,
    skip: !nbconvert
      ? "nbconvert is not installed (Debian python3-nbconvert)"
      : !existsSync(CHROMIUM)
        ? `${CHROMIUM} is not installed`
        : false,
  },
  async (t) => {
    const flag = widgetRendererFlag();
    t.diagnostic(flag);
    const dir = path.join(work, "notebooks");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "w-interact.ipynb"),
      JSON.stringify(emtdNotebook(CELLS.map((source, i) => codeCell(source, { id: `cell-${i}` })))),
    );
    const executed = path.join(work, "executed");
    const ran = spawnSync(process.execPath, [BIN, "notebooks", "--dir", dir, "--out", executed, "--json"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(ran.status, 0, ran.stderr);
    // The Output widget's saved outputs: the progress bar, the table and the figure, each with its HTML.
    const saved = readNotebook(path.join(executed, "w-interact.ipynb")).metadata.widgets as Record<string, any>;
    const output = Object.values(saved[WIDGET_STATE_MIME].state as Record<string, any>).find((m) => m.model_name === "OutputModel");
    const htmls = (output.state.outputs as any[]).map((o) => String(o.data?.["text/html"] ?? ""));
    assert.equal(htmls.length, 3, "three outputs");
    assert.match(htmls[0]!, /^<div class="emtd-progress"><progress /);
    assert.match(htmls[1]!, /^<table class="dataframe/);
    assert.match(htmls[2]!, /<div [^>]*class="emtd-plotly /);

    const htmlDir = path.join(work, "html");
    const converted = spawnSync(
      nbconvert![0]!,
      [...nbconvert!.slice(1), "--to", "html", flag, "--output-dir", htmlDir, path.join(executed, "w-interact.ipynb")],
      { cwd: root, encoding: "utf8", timeout: 300_000 },
    );
    assert.equal(converted.status, 0, converted.stderr);
    const page = path.join(htmlDir, "w-interact.html");
    const html = readFileSync(page, "utf8");
    const state = STATE_TAG.exec(html);
    assert.ok(state, "the page holds the widget state");
    const escaped = /&lt;table/.test(state[2]!);
    const version = spawnSync(nbconvert![0]!, [...nbconvert!.slice(1), "--version"], { encoding: "utf8" }).stdout.trim();
    t.diagnostic(`nbconvert ${version}: the saved state ${escaped ? "is HTML-escaped in the page" : "is written as it is"}`);
    // The same page as nbconvert 7.2.8 and later write it (the state as it is, only `</` escaped: jupyter/nbconvert#1934),
    // and with the HTML manager alone.
    const asIs = path.join(htmlDir, "as-is.html");
    const newer = (body: string) => unescapeHtml(body).replace(/<\//g, "<\\/");
    writeFileSync(
      asIs,
      html.replace(STATE_TAG, (_, open: string, body: string, close: string) => open + newer(body) + close),
    );
    const manager = pathToFileURL(path.join(root, "node_modules", "@jupyter-widgets", "html-manager", "dist", "embed-amd.js")).href;
    const renderer = flag.slice(flag.indexOf("=") + 1);
    const alone = path.join(htmlDir, "manager-alone.html");
    writeFileSync(alone, html.split(renderer).join(manager));
    assert.ok(html.includes(renderer), "the page loads the renderer named by the flag");

    const browser = await launchChromium(mkdtempSync(path.join(work, "profile-")));
    try {
      const look = async (file: string) => {
        const p = await browser.newPage();
        const problems: string[] = [];
        p.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
        p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        await p.route(/^https?:/, (route) => {
          problems.push(`network: ${route.request().url()}`);
          return route.abort();
        });
        await p.goto(pathToFileURL(file).href, { waitUntil: "load" });
        const out = p.locator(".widget-output").first();
        await out.waitFor({ timeout: 60_000 });
        await out.locator(".jp-OutputArea-child").nth(2).waitFor({ timeout: 60_000 });
        await p
          .waitForFunction(() => (globalThis as any).document.querySelectorAll(".widget-output .main-svg").length > 0, null, {
            timeout: 30_000,
          })
          .catch(() => undefined);
        const seen = {
          tables: await out.locator("table").count(),
          headers: await out.locator("table th").allInnerTexts(),
          progress: await out.locator("progress").count(),
          plots: await out.locator(".js-plotly-plot .main-svg").count(),
          text: await out.innerText(),
          renderer: await p.evaluate(() => (globalThis as any).emtdWidgetRenderer ?? null),
          problems,
        };
        await p.close();
        return seen;
      };
      const expectDrawn = (seen: Awaited<ReturnType<typeof look>>, which: string) => {
        assert.equal(seen.tables, 1, `${which}: the table is a table element`);
        assert.deepEqual(seen.headers, ["T", "⟨H⟩", "MCSE"], which);
        assert.equal(seen.progress, 1, `${which}: the progress bar is a progress element`);
        assert.ok(seen.plots > 0, `${which}: the figure is drawn`);
        assert.doesNotMatch(seen.text, /<table|<div|<progress|&lt;/, `${which}: no source text shows`);
        assert.deepEqual(seen.problems, [], `${which}: no error, no network`);
      };
      const drawn = await look(page);
      t.diagnostic(`renderer: ${JSON.stringify(drawn.renderer)}`);
      expectDrawn(drawn, "nbconvert's page");
      assert.equal(drawn.renderer?.repaired, escaped ? 1 : 0, "the renderer repaired the state where it was escaped");
      const asWritten = await look(asIs);
      expectDrawn(asWritten, "the page with its state as it is");
      assert.equal(asWritten.renderer?.repaired, 0, "a state written as it is is left alone");
      if (escaped) {
        // The cause: the manager alone draws the escaped state's HTML as its source text.
        const bare = await look(alone);
        assert.equal(bare.tables, 0, "the manager alone draws no table from the escaped state");
        assert.match(bare.text, /<table class="dataframe/, "… but its source text");
      }
    } finally {
      await browser.close();
    }
  },
);

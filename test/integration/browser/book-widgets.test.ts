/**
 * Widgets in the book (issue 37): `emtd book` executes a notebook with a slider, a dropdown and an `interact`, keeps
 * their state in the notebook's metadata, and its page draws them from that state with the ipywidgets 8 HTML manager
 * copied into the book, in headless Chromium over file:// with every network request refused: the controls show
 * their last values, each says it needs a kernel to act, and the page logs no error.
 */
import { TEST_DIR } from "../../support/dirs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { WIDGET_STATE_MIME } from "../../../src/jupyter/widget-state";
import { resource } from "../../support/resources";
import { codeCell, emtdNotebook, markdownCell } from "../../emtd-notebook";

resource("chromium");

const root = path.resolve(TEST_DIR, "..", "..");
const BIN = path.join(root, "bin", "emtd.js");
const CHROMIUM = "/usr/bin/chromium";
const work = mkdtempSync(path.join(tmpdir(), "emtd-book-widgets-"));
after(() => rmSync(work, { recursive: true, force: true }));

const CELLS = [
  'import { slider, dropdown, interact } from "emtd/widgets";\nimport { table } from "emtd/display";\nconst t = slider({ min: 0, max: 3, step: 0.5, value: 1.5, description: "T" });\nt.value = 2;\nt',
  'dropdown({ options: ["ula", "mala"], value: "mala", description: "integrator" })',
  "interact(({ n }) => table([{ n, square: n * n }]), { n: [1, 9, 1] })",
];

test(
  "emtd book draws a notebook's saved widgets offline with the HTML widget manager, without console errors",
  { timeout: 300_000 },
  async (t) => {
    const dir = path.join(work, "notebooks");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "w-widgets.ipynb"),
      JSON.stringify(emtdNotebook([markdownCell("# Widgets"), ...CELLS.map((source) => codeCell(source))])),
    );
    const out = path.join(work, "book");
    const built = spawnSync(process.execPath, [BIN, "book", "--dir", dir, "--out", out, "--json"], { encoding: "utf8", timeout: 240_000 });
    assert.equal(built.status, 0, built.stderr);
    const page = path.join(out, "notebooks", "w-widgets.html");
    const html = readFileSync(page, "utf8");
    assert.match(html, new RegExp(`<script type="${WIDGET_STATE_MIME.replace(/[+.]/g, "\\$&")}">`), "the page holds the widget state");
    assert.equal(html.match(/application\/vnd\.jupyter\.widget-view\+json/g)?.length, 3, "one view per widget output");
    assert.ok(existsSync(path.join(out, "assets", "widgets", "embed.js")), "the manager is in the book");
    if (!existsSync(CHROMIUM)) return t.skip(`${CHROMIUM} is not installed`);

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const p = await browser.newPage();
      const problems: string[] = [];
      const network: string[] = [];
      p.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      p.on("pageerror", (e) => problems.push(e.message));
      await p.route(/^https?:/, (route) => {
        network.push(route.request().url());
        return route.abort();
      });
      await p.goto(`file://${page}`, { waitUntil: "load" });
      await p.locator(".widget-slider").first().waitFor({ timeout: 30_000 });
      await p.locator(".widget-dropdown select").first().waitFor({ timeout: 30_000 });
      const sliders = await p.locator(".widget-slider").count();
      t.diagnostic(`sliders drawn: ${sliders}; widget notes: ${await p.locator(".widget-note").count()}`);
      assert.equal(sliders, 2, "the slider and interact's slider");
      assert.equal(await p.locator(".widget-readout").first().innerText(), "2.0", "the slider's last value");
      assert.equal(await p.locator(".widget-dropdown select").first().inputValue(), "mala");
      assert.match(await p.locator(".widget-output").first().innerText(), /square/, "interact's output, from its saved state");
      assert.equal(await p.locator(".widget-note").count(), 3, "each drawn widget says it needs a kernel to act");
      assert.deepEqual(network, [], "no network request");
      assert.deepEqual(problems, [], "no console error");
    } finally {
      await browser.close();
    }
  },
);

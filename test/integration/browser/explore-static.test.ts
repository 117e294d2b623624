/**
 * The explorer drawn statically (issue 73 item 3): a notebook whose cell shows `explore(…)` and awaits its first
 * value, executed once by `emtd notebooks`, then drawn by `emtd book`'s page and by nbconvert's HTML (with the widget
 * renderer docs/jupyter.md gives) in headless Chromium over file:// with every network request refused: its sliders at
 * their first values and its table as elements, one row per claim, decided, and no error on the console.
 */
import { TEST_DIR } from "../../support/dirs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM, launchChromium } from "../../classic-notebook";
import { findNbconvert, widgetRendererFlag } from "../../support/nbconvert";
import { resource } from "../../support/resources";
import { codeCell, emtdNotebook } from "../../emtd-notebook";

resource("chromium");

const root = path.resolve(TEST_DIR, "..", "..");
const BIN = path.join(root, "bin", "emtd.js");
const FAMILY = path.join(root, "templates", "variants", "huber-family.ts");
const work = mkdtempSync(path.join(tmpdir(), "emtd-explore-static-"));
after(() => rmSync(work, { recursive: true, force: true }));
const nbconvert = findNbconvert();

const CELL = [
  'import { explore } from "emtd/variants";',
  'import { display } from "emtd/display";',
  `const x = explore(${JSON.stringify(FAMILY)}, { only: ["p1.2-interaction-energy"], values: { delta: 0.7 } });`,
  "display(x);",
  "await x.settled();",
].join("\n");

test(
  "emtd book and nbconvert's HTML draw a saved explorer offline: its sliders at their first values, its table as elements",
  {
    timeout: 600_000,
    skip: !nbconvert
      ? "nbconvert is not installed (Debian python3-nbconvert)"
      : !existsSync(CHROMIUM)
        ? `${CHROMIUM} is not installed`
        : false,
  },
  async (t) => {
    const dir = path.join(work, "notebooks");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "x-explore.ipynb"), JSON.stringify(emtdNotebook([codeCell(CELL, { id: "cell-0" })])));
    const executed = path.join(work, "executed");
    const ran = spawnSync(process.execPath, [BIN, "notebooks", "--dir", dir, "--out", executed, "--json"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(ran.status, 0, ran.stderr);
    const book = path.join(work, "book");
    const built = spawnSync(process.execPath, [BIN, "book", "--dir", dir, "--out", book, "--json"], { encoding: "utf8", timeout: 300_000 });
    assert.equal(built.status, 0, built.stderr);
    const htmlDir = path.join(work, "html");
    const converted = spawnSync(
      nbconvert![0]!,
      [...nbconvert!.slice(1), "--to", "html", widgetRendererFlag(), "--output-dir", htmlDir, path.join(executed, "x-explore.ipynb")],
      { cwd: root, encoding: "utf8", timeout: 300_000 },
    );
    assert.equal(converted.status, 0, converted.stderr);

    const browser = await launchChromium(mkdtempSync(path.join(work, "profile-")));
    try {
      for (const [which, file] of [
        ["emtd book", path.join(book, "notebooks", "x-explore.html")],
        ["nbconvert", path.join(htmlDir, "x-explore.html")],
      ] as const) {
        const p = await browser.newPage();
        const problems: string[] = [];
        p.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
        p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        await p.route(/^https?:/, (route) => {
          problems.push(`network: ${route.request().url()}`);
          return route.abort();
        });
        await p.goto(pathToFileURL(file).href, { waitUntil: "load" });
        await p.locator(".widget-html table.emtd-explore").first().waitFor({ timeout: 60_000 });
        const seen = await p.evaluate(() => {
          const d = (globalThis as any).document;
          return {
            rows: [...d.querySelectorAll(".widget-html table.emtd-explore tr[data-claim]")].map(
              (r: any) => `${r.dataset.claim}=${r.dataset.state}`,
            ),
            cells: [...d.querySelectorAll(".widget-html table.emtd-explore tr[data-claim] td")].map((c: any) => c.innerText.trim()),
            readouts: [...d.querySelectorAll(".widget-readout")].map((r: any) => r.innerText.trim()),
            status: d.querySelector(".widget-html .emtd-explore-status")?.innerText ?? "",
          };
        });
        t.diagnostic(`${which}: ${JSON.stringify(seen)}`);
        assert.deepEqual(seen.rows, ["p1.2-interaction-energy=decided"], `${which}: one row, decided, as an element`);
        assert.match(seen.cells[2]!, /^(holds|fails|partly|mixed|untestable) \(1\/1\)/, `${which}: the proposal's verdict in its cell`);
        assert.deepEqual(seen.readouts.slice(0, 2), ["0.7", "0.00"], `${which}: the sliders at their first values`);
        assert.match(seen.status, /Huber δ = 0\.7, on-site w = 0: decided in/);
        assert.deepEqual(problems, [], `${which}: no error, no network`);
        await p.close();
      }
    } finally {
      await browser.close();
    }
  },
);

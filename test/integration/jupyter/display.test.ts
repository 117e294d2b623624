import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { fieldLayout, initialField } from "../../../src/field/field";
import { DISPLAY, display, isDisplayable, mimeBundle, newDisplay, inKernel, KERNEL_PUBLISHER } from "../../../src/viz/display";
import { Figure, histogramFigure, lineFigure, plotlyVersion, resetPlotlyEmbedding, traceFigure } from "../../../src/viz/plotly";
import { table, Table } from "../../../src/viz/table";
import { fieldSummary, tensorSummary } from "../../../src/viz/summary";
import { livePlot, progressBar } from "../../../src/viz/live";

const PLOTLY = "application/vnd.plotly.v1+json";

/** Capture what `body` writes to stdout. */
function stdoutOf(body: () => void): string {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    body();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

/** The figure JSON embedded in a figure's text/html. */
function embeddedFigure(html: string): unknown {
  const m = /var figure = (.*);\n/.exec(html);
  assert.ok(m, "the html carries the figure as a JSON literal");
  return JSON.parse(m[1]!);
}

test("a Figure displays as one bundle: plotly JSON, an HTML fallback that draws it, and text", () => {
  resetPlotlyEmbedding();
  const fig = lineFigure([0, 1, 2], { energy: [3, 1, 2] }, { title: "H", xTitle: "step", references: { exact: 2 } });
  assert.ok(isDisplayable(fig));
  const bundle = fig[DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), [PLOTLY, "text/html", "text/plain"].sort());
  const json = bundle[PLOTLY] as { data: Array<{ x: number[]; y: number[]; name: string }>; layout: { title: { text: string } } };
  assert.deepEqual(json.data[0]!.y, [3, 1, 2]);
  assert.equal(json.data[1]!.name, "exact");
  assert.deepEqual(json.data[1]!.y, [2, 2]);
  assert.equal(json.layout.title.text, "H");
  const html = bundle["text/html"] as string;
  const id = /<div id="([^"]+)"/.exec(html)?.[1];
  assert.ok(id, "a div to draw into");
  assert.ok(html.includes(`var gd = document.getElementById(${JSON.stringify(id)})`));
  assert.ok(html.includes("window.Plotly.newPlot(gd, figure.data, figure.layout, figure.config)"));
  assert.match(
    html,
    /<p class="emtd-plotly-placeholder">Figure\(2 traces: H\): run the cell \(or trust the notebook\)/,
    "a placeholder where scripts do not run",
  );
  assert.ok(!html.includes("kernelspecs/"), "outside an installed kernel, no plotly.js is fetched from a server");
  assert.deepEqual(embeddedFigure(html), json);
  assert.equal(bundle["text/plain"], "Figure(2 traces: H)");
});

test("in an installed kernel, a figure without plotly.js on its page loads it from the kernelspec's folder on the Jupyter server", () => {
  const before = process.env.EMTD_KERNEL_NAME;
  process.env.EMTD_KERNEL_NAME = "emtd-lab";
  try {
    const html = new Figure([{ type: "scatter", x: [1], y: [1] }]).html();
    assert.ok(html.includes('"kernelspecs/" + encodeURIComponent(kernel) + "/plotly.min.js"'));
    assert.ok(html.includes('})("emtd-lab");'), "the kernelspec's name");
    assert.ok(html.indexOf("if (window.Plotly) { draw(); return; }") < html.indexOf("kernelspecs/"), "only when the page has none");
    assert.ok(html.length < 3000, "no plotly.js inline");
  } finally {
    if (before === undefined) delete process.env.EMTD_KERNEL_NAME;
    else process.env.EMTD_KERNEL_NAME = before;
  }
});

test("plotly.js is embedded once, from the installed package at its pinned version, with define hidden", () => {
  resetPlotlyEmbedding();
  const pinned = JSON.parse(readFileSync(require.resolve("../../../../package.json"), "utf8")).dependencies["plotly.js-dist-min"];
  assert.equal(plotlyVersion(), pinned, "package.json pins the exact plotly.js version that is embedded");
  const first = new Figure([{ type: "scatter", x: [1], y: [1] }])[DISPLAY]()["text/html"] as string;
  const second = new Figure([{ type: "scatter", x: [1], y: [2] }])[DISPLAY]()["text/html"] as string;
  const library = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  assert.ok(first.includes(`data-emtd-plotly="${pinned}"`));
  assert.ok(first.length > library.length, "the whole library is inline (no CDN)");
  assert.ok(first.includes("(function (define, module, exports) {\n"), "require.js's define is shadowed");
  assert.ok(!/<script[^>]+src=/.test(first), "no external script");
  assert.ok(!second.includes("data-emtd-plotly"), "the second figure does not embed it again");
  assert.ok(second.length < 2000);
});

test("figure data cannot close the script element it is embedded in", () => {
  const evil = "</script><script>alert(1)</script>";
  const html = new Figure([{ type: "scatter", name: evil, x: [1], y: [1] }]).html();
  assert.ok(!html.includes(evil));
  assert.equal((embeddedFigure(html) as { data: Array<{ name: string }> }).data[0]!.name, evil);
  assert.equal(html.match(/<\/script>/g)?.length, 1);
});

test("a histogram figure is a density: bar areas sum to one; the exact curve is drawn over it", () => {
  const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
  const fig = histogramFigure(values, {
    bins: 25,
    density: [
      { name: "pdf", pdf: () => 0.1 },
      { name: "other", pdf: () => 0.2 },
    ],
  });
  const bars = fig.data[0] as { x: number[]; y: number[]; width: number };
  assert.equal(bars.y.length, 25);
  const area = bars.y.reduce((a, y) => a + y * bars.width, 0);
  assert.ok(Math.abs(area - 1) < 1e-12, `area ${area}`);
  assert.equal((fig.data[1] as { y: number[] }).y.length, 200);
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["samples", "pdf", "other"],
  );
});

test("a danfojs DataFrame displays as an HTML table (danfojs has none in Node)", () => {
  const dfd = require("danfojs") as { DataFrame: new (data: Record<string, unknown[]>) => never };
  const df = new dfd.DataFrame({ graph: ["ring:8:2", "a<b"], energy: [1.5, 1234567.891] });
  const t = table(df);
  const bundle = t[DISPLAY]();
  const html = bundle["text/html"] as string;
  assert.ok(html.startsWith("<table"));
  assert.ok(html.includes("<th>graph</th><th>energy</th>"));
  assert.ok(html.includes("<td>ring:8:2</td><td>1.5</td>"));
  assert.ok(html.includes("a&lt;b"), "cells are escaped");
  assert.ok(html.includes("1.2346e+6"), "numbers are shown to 5 significant digits");
  assert.match(bundle["text/plain"] as string, /graph\s+energy/);
});

test("long tables elide their middle; rows of objects become columns in first-seen order", () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ i, square: i * i, ...(i === 3 ? { extra: "x" } : {}) }));
  const t = table(rows, { maxRows: 10 }) as Table;
  assert.deepEqual(t.columns, ["i", "square", "extra"]);
  const html = t.html();
  assert.equal(html.match(/<tr>/g)?.length, 1 + 10 + 1, "header, 10 rows, one elision row");
  assert.ok(html.includes("… 90 rows …"));
  assert.ok(html.includes("<td>99</td><td>9801</td>"));
});

test("tensors, fields and graphs display as compact summaries, not their numbers", async () => {
  await ready({ backend: "cpu" });
  const t = tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const plain = mimeBundle(t)["text/plain"] as string;
  assert.match(plain, /^Tensor \[3, 2\] float32/);
  const lines = plain.split("\n");
  assert.match(
    lines.find((l) => l.includes("channel 0"))!,
    /channel 0\s+1\s+5\s+3\s+2$/,
  );
  assert.match(
    lines.find((l) => l.includes("channel 1"))!,
    /channel 1\s+2\s+6\s+4\s+2$/,
  );
  assert.ok((tensorSummary(t)[DISPLAY]()["text/html"] as string).includes("<table"));
  t.dispose();

  const layout = fieldLayout(50, 3, { phase: true });
  const psi = initialField(layout, key(1), { merkle: "normal", phase: "random" });
  const summary = fieldSummary(psi, layout)[DISPLAY]()["text/plain"] as string;
  assert.match(summary, /Field Ψ \[50, 5\]/);
  assert.match(summary, /\|φ\|\s+1\s+1\s+1/, "unit-modulus phases");
  psi.dispose();

  const graph = graphFromSpec("ring:30:4", key(2));
  assert.match(mimeBundle(graph)["text/plain"] as string, /Graph ring:30:4\n.*\n\s+30\s+60\s+4\s+4\s+4\s+true/);
});

test("a trace displays as per-field statistics and plots against the step", () => {
  const trace = [1, 2, 3, 4].map((step) => ({
    step: step * 10,
    energy: step * step,
    temperature: 1,
    acceptance: 0.5,
    consensusError: 1 / step,
    stepSize: 0.1,
  }));
  const plain = mimeBundle(trace)["text/plain"] as string;
  assert.match(plain, /^Trace: 4 records, steps 10…40/);
  assert.match(
    plain.split("\n").find((l) => l.trim().startsWith("energy"))!,
    /energy\s+1\s+7\.5\s+16\s+1\s+16$/,
  );
  const fig = traceFigure(trace, ["energy", "consensusError"]);
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["energy", "consensusError"],
  );
  assert.deepEqual((fig.data[0] as { x: number[] }).x, [10, 20, 30, 40]);
});

test("outside a kernel, display prints text/plain and live displays stay silent", () => {
  assert.equal(inKernel(), false);
  const printed = stdoutOf(() => display(lineFigure([1], { a: [1] }, { title: "t" })));
  assert.equal(printed, "Figure(1 trace: t)\n");
  const silent = stdoutOf(() => {
    newDisplay().update("x");
    const bar = progressBar(10);
    const plot = livePlot(10);
    for (let step = 1; step <= 10; step++) {
      const record = { step, energy: 1, temperature: 1, acceptance: 1, consensusError: 0, stepSize: 0.1 };
      bar(record);
      plot(record);
    }
  });
  assert.equal(silent, "");
  assert.equal(mimeBundle({ a: 1 })["text/plain"], "{ a: 1 }");
});

test("display with a displayId: display_data carrying the id, then update_display_data under it; a bad id is an ArgumentError", () => {
  const sent: Array<[string, Record<string, unknown>]> = [];
  const slot = globalThis as Record<symbol, unknown>;
  slot[KERNEL_PUBLISHER] = (msgType: string, content: Record<string, unknown>) => sent.push([msgType, content]);
  try {
    const handle = display("0%", { displayId: "bar" });
    handle.update("50%");
    display("100%", { displayId: "bar", update: true });
    const fresh = display("x", { displayId: true });
    display("plain");
    assert.deepEqual(
      sent.map(([type, c]) => [type, (c.data as Record<string, unknown>)["text/plain"], c.transient]),
      [
        ["display_data", "0%", { display_id: "bar" }],
        ["update_display_data", "50%", { display_id: "bar" }],
        ["update_display_data", "100%", { display_id: "bar" }],
        ["display_data", "x", { display_id: fresh.id }],
        ["display_data", "plain", {}],
      ],
    );
    assert.match(fresh.id, /^emtd-[0-9a-f]{16}$/);
    assert.throws(() => display("x", { displayId: "" }), /options\.displayId must be a non-empty string or true/);
  } finally {
    delete slot[KERNEL_PUBLISHER];
  }
});

test("input outside a kernel prints its prompt and reads one line from stdin", () => {
  const module = path.join(TEST_DIR, "..", "src", "viz", "input.js");
  const code = `require(${JSON.stringify(module)}).input("T = ").then((v) => console.log("[" + v + "]"))`;
  const run = spawnSync(process.execPath, ["-e", code], { input: "0.5\nnext line\n", encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "T = [0.5]\n");
});

/**
 * `emtd figures`: the registry's invariants, byte-identical CSV and HTML for one seed, the manifest's contract,
 * the skip line without a browser, and a real PNG/SVG from headless chromium where one is installed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FIGURES, selectFigures } from "../../../src/figures/registry";
import { csvText, writeFigures } from "../../../src/figures/export";
import { GALLERY, galleryMarkdown } from "../../../src/figures/gallery";
import { GALLERY_MARKERS, GALLERY_PAGE, readmeBlock, rebaseLinks } from "../../../src/claims/machinery/readme";
import { CLAIMS } from "../../../src/claims/machinery/registry";
import { packageRoot } from "../../../src/package";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { FIGURE_GOLDEN_FILE, GOLDEN_FIGURES, figureDigests } from "../../figure-golden";
import { resource } from "../../support/resources";

resource("chromium");

const ROOT = packageRoot();
const BIN = path.join(ROOT, "bin", "emtd.js");
const CHEAP = [
  "entropic-penalty",
  "merkle-distances",
  "detailed-balance",
  "reference-stops",
  "langevin-scaling",
  "stubborn-capture",
  "landauer-ladder",
  "hebbian-couplings",
];
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "emtd-figures-"));

test("figure registry: ≥ 12 figures, unique ids, known claims, existing notebooks, every measuring notebook of 01–18 covered", () => {
  assert.ok(FIGURES.length >= 12, `${FIGURES.length} figures`);
  assert.equal(new Set(FIGURES.map((f) => f.id)).size, FIGURES.length);
  const claimIds = new Set(CLAIMS.map((c) => c.id));
  for (const f of FIGURES) {
    assert.match(f.id, /^[a-z0-9-]+$/);
    if (f.claim !== null) assert.ok(claimIds.has(f.claim), `${f.id}: unknown claim ${f.claim}`);
    assert.ok(fs.existsSync(path.join(ROOT, f.notebook)), f.notebook);
  }
  const notebooks = new Set(FIGURES.map((f) => path.basename(f.notebook).slice(0, 2)));
  for (const nb of ["00", "01", "02", "03", "04", "05", "06", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18"])
    assert.ok(notebooks.has(nb), `no figure for notebook ${nb}`);
  assert.ok(GALLERY.every((id) => FIGURES.some((f) => f.id === id)));
  assert.throws(() => selectFigures(["nope"]), /id must be one of/);
});

test("a figure that builds tensors (a user-written term sampled by three integrators) leaves none behind", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const built = await selectFigures(["prototype-samplers"])[0]!.build(0);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(built.rows!.length, 3);
});

test("csvText: header from the union of keys, numbers in shortest round-trip form, quoting", () => {
  const text = csvText([
    { a: 0.1 + 0.2, b: "x,y" },
    { a: 1e-20, c: 3 },
  ]);
  assert.equal(text, 'a,b,c\n0.30000000000000004,"x,y",\n1e-20,,3\n');
});

test("two runs with the same seed write identical CSV and HTML; the manifest names every file", async () => {
  const specs = selectFigures(CHEAP);
  const [a, b] = [tmp(), tmp()];
  await writeFigures(specs, a, { seed: 3, noImages: true });
  await writeFigures(specs, b, { seed: 3, noImages: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(a, "manifest.json"), "utf8")) as { figures: Array<Record<string, any>> };
  assert.deepEqual(
    manifest.figures.map((f) => f.id),
    CHEAP,
  );
  for (const f of manifest.figures) {
    for (const field of ["id", "title", "section", "claim", "seed", "backend", "versions", "seconds", "files"])
      assert.ok(field in f, field);
    assert.equal(f.seed, 3);
    for (const kind of ["csv", "html"]) {
      const file = f.files[kind] as string;
      assert.ok(!path.isAbsolute(file));
      assert.equal(
        fs.readFileSync(path.join(a, file), "utf8"),
        fs.readFileSync(path.join(b, file), "utf8"),
        `${file} differs between runs`,
      );
    }
    assert.ok(fs.readFileSync(path.join(a, f.files.csv), "utf8").split("\n").length > 3);
    assert.match(fs.readFileSync(path.join(a, f.files.html), "utf8"), /data-emtd-plotly/); // plotly.js inlined, no CDN
  }
  const other = tmp();
  await writeFigures(selectFigures(["merkle-distances"]), other, { seed: 4, noImages: true });
  assert.notEqual(
    fs.readFileSync(path.join(other, "merkle-distances.csv"), "utf8"),
    fs.readFileSync(path.join(a, "merkle-distances.csv"), "utf8"),
  );
});

test("emtd figures without a browser: one line saying how to get one, CSV/HTML/manifest still written", () => {
  const out = tmp();
  const r = spawnSync(process.execPath, [BIN, "figures", "--out", out, "--only", "detailed-balance", "--json"], {
    encoding: "utf8",
    env: { ...process.env, EMTD_CHROMIUM: "/nonexistent/chromium" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.split("\n").filter((l) => l.includes("apt-get install chromium")).length, 1);
  const json = JSON.parse(r.stdout);
  assert.equal(json.images, false);
  assert.ok(fs.existsSync(path.join(out, "detailed-balance.csv")) && fs.existsSync(path.join(out, "detailed-balance.html")));
  assert.ok(!fs.existsSync(path.join(out, "detailed-balance.png")));
});

test("emtd figures --only with an unknown id: one line on stderr, exit 2", () => {
  const r = spawnSync(process.execPath, [BIN, "figures", "--out", tmp(), "--only", "nope"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /--only must be figure ids/);
});

test(
  "with Debian chromium: a real PNG and SVG are rendered",
  { skip: !fs.existsSync("/usr/bin/chromium") && "no /usr/bin/chromium" },
  async () => {
    const out = tmp();
    const { figures, images } = await writeFigures(selectFigures(["detailed-balance"]), out, { seed: 0 });
    assert.equal(images, null);
    const png = fs.readFileSync(path.join(out, figures[0]!.files.png!));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 5000);
    const svg = fs.readFileSync(path.join(out, figures[0]!.files.svg!), "utf8");
    assert.match(svg, /^<svg/);
    assert.match(svg, /per kernel/);
  },
);

test("the gallery (docs/figures.md): its block is galleryMarkdown() from docs/; every image, and each the README shows, is committed and small", () => {
  const page = fs.readFileSync(path.join(ROOT, GALLERY_PAGE), "utf8");
  assert.equal(
    readmeBlock(page, GALLERY_MARKERS),
    rebaseLinks(galleryMarkdown(), path.posix.dirname(GALLERY_PAGE)),
    `${GALLERY_PAGE}: the gallery is out of date: run \`npx emtd figures --gallery\``,
  );
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const shown = [...readme.matchAll(/!\[[^\]]*\]\(docs\/gallery\/([a-z-]+)\.png\)/g)].map((m) => m[1]!);
  assert.equal(shown.length, 3, "the README's three uses each show one gallery image");
  for (const id of shown) assert.ok(GALLERY.includes(id), `the README shows ${id}, a gallery figure`);
  for (const id of GALLERY) {
    const file = path.join(ROOT, "docs", "gallery", `${id}.png`);
    assert.ok(fs.existsSync(file), file);
    assert.ok(fs.statSync(file).size <= 64 * 1024, `${file} is over 64 KB`);
  }
});

test("figures built from shared experiment functions give the data recorded before the move (seed 0, bit for bit)", async () => {
  const recorded = JSON.parse(fs.readFileSync(FIGURE_GOLDEN_FILE, "utf8")) as Record<string, string>;
  assert.deepEqual(Object.keys(recorded), [...GOLDEN_FIGURES]);
  assert.deepEqual(await figureDigests(0), recorded);
});

/**
 * `emtd figures --out DIR [--only ID[,ID…]]`: every canonical figure as PNG + SVG (headless chromium), a
 * self-contained HTML page and the CSV of its data, plus DIR/manifest.json. Progress on stderr. Without a
 * browser the images are skipped with one line saying how to get one; everything else is still written.
 * `--gallery` writes the gallery instead: small PNGs of the gallery's figures into docs/gallery/, and its block of
 * docs/figures.md (the README shows three of the images).
 */
import * as path from "node:path";
import { FIGURES, selectFigures } from "../../figures/registry";
import { GALLERY, writeGallery, writeGalleryReadme } from "../../figures/gallery";
import { writeFigures } from "../../figures/export";
import { GALLERY_PAGE } from "../../claims/machinery/readme";
import { packageRoot } from "../../package";
import { CommandFailed, type Command } from "../../command/command";
import { didYouMean, listEntries } from "../../command/options";

const summary = "Regenerate every canonical figure: PNG and SVG (headless chromium), interactive HTML, CSV data, and DIR/manifest.json.";

const options: Command["options"] = {
  out: { kind: "string", default: "out/figures", placeholder: "dir", help: "output folder" },
  only: {
    kind: "string",
    placeholder: "id[,id…]",
    help: `only these figure ids (comma-separated), of: ${FIGURES.map((f) => f.id).join(", ")}`,
  },
  "no-images": { kind: "flag", help: "skip the browser (CSV, HTML and manifest only)" },
  scale: { kind: "number", min: 0.25, max: 4, default: 1, help: "PNG pixel scale in [0.25, 4]" },
  gallery: { kind: "flag", help: `write the gallery (small PNGs in docs/gallery/ and its block of ${GALLERY_PAGE}) instead of --out` },
};

async function figures(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const seed = values.seed as number;
  const progress = (line: string): void => void process.stderr.write(`${line}\n`);
  if (values.gallery) {
    const dir = path.join(packageRoot(), "docs", "gallery");
    const written = await writeGallery(dir, { seed, onProgress: progress });
    if ("reason" in written) throw new CommandFailed(`emtd figures --gallery: ${written.reason}`);
    writeGalleryReadme(path.join(packageRoot(), GALLERY_PAGE), path.posix.dirname(GALLERY_PAGE));
    return { command: "figures", out: dir, gallery: written.files, figures: GALLERY.length };
  }
  let ids: string[] | undefined;
  if (values.only !== undefined) {
    const known = FIGURES.map((f) => f.id);
    const listed = listEntries(String(values.only), known);
    ids = listed.entries;
    if (ids.length === 0 || listed.unknown !== null)
      fail(
        `emtd figures: --only must be figure ids, comma-separated (got ${JSON.stringify(listed.unknown ?? values.only)})${listed.unknown === null ? "" : didYouMean(listed.unknown, known)}; the ids: ${known.join(", ")}`,
      );
  }
  const out = path.resolve(values.out as string);
  const started = performance.now();
  const result = await writeFigures(selectFigures(ids), out, {
    seed,
    noImages: values["no-images"] as boolean,
    scale: values.scale as number,
    onProgress: progress,
  });
  return {
    command: "figures",
    out,
    manifest: path.join(out, "manifest.json"),
    images: result.images === null,
    imagesSkipped: result.images,
    figures: result.figures,
    seconds: (performance.now() - started) / 1000,
  };
}

function render(r: Record<string, unknown>): string {
  if (r.gallery) return `gallery: ${(r.gallery as string[]).length} images in ${r.out}`;
  const figs = r.figures as Array<{ id: string; seconds: number; files: Record<string, string> }>;
  return [
    ...figs.map((f) => `${f.id.padEnd(24)} ${f.seconds.toFixed(1).padStart(6)} s  ${Object.values(f.files).join(", ")}`),
    `${figs.length} figures in ${r.out}${r.imagesSkipped ? ` (${r.imagesSkipped})` : ""}; manifest ${r.manifest}`,
  ].join("\n");
}

export const figuresCommand: Command = { name: "figures", summary, options, run: figures, render };

/**
 * TeX in the book, typeset when the book is built (KaTeX, server-side): a page carries the typeset HTML and
 * MathML, and needs only KaTeX's stylesheet and fonts, copied into the book, so it still opens offline. A TeX
 * error does not stop the build: the source is shown in an error span and the error is recorded.
 */
import { copyFileSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type Katex from "katex";
import { escapeHtml } from "../viz/display";
import { makeDirectory } from "../files/directory";

/** A TeX expression KaTeX could not typeset, and why. */
export interface TexError {
  tex: string;
  message: string;
}

/**
 * `tex` (without its `$` delimiters) as HTML; `display` for a displayed formula. On a TeX error the source is
 * returned escaped in `<span class="math-error">` (its title the message) and the error is pushed on `errors`.
 *
 * Not exported by the package (seen through `emtd book`'s pages):
 * ```ts
 * const errors: TexError[] = [];
 * typesetTex("x^2", false, errors).startsWith('<span class="katex">'); // → true
 * typesetTex("\\frac{1}{", false, errors); // → '<span class="math-error" title="KaTeX parse error: …">\frac{1}{</span>'
 * errors.length; // → 1
 * ```
 */
export function typesetTex(tex: string, display: boolean, errors: TexError[]): string {
  try {
    // throwOnError so that an error is seen (and counted) here; strict "ignore": Unicode in math (ψ, ⟨⟩) is
    // what the notebooks write and KaTeX renders it, so no warnings on stderr.
    // Loaded on first use: KaTeX is half a second of start-up for every command that builds no book.
    const katex = require("katex") as typeof Katex;
    return katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml", strict: "ignore" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push({ tex, message });
    return `<span class="math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

/** Where the book keeps KaTeX's stylesheet (its fonts beside it, in `fonts/`), relative to the book's top. */
export const KATEX_CSS = "assets/katex/katex.min.css";

/**
 * Copy KaTeX's stylesheet and every font file it references (`url(fonts/…)`) into `out` (the book's top), at
 * {@link KATEX_CSS}; returns the number of font files copied.
 */
export function copyKatexAssets(out: string): number {
  const source = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const target = path.join(out, path.dirname(KATEX_CSS));
  makeDirectory(path.join(target, "fonts"));
  const css = readFileSync(path.join(source, "katex.min.css"), "utf8");
  const fonts = new Set([...css.matchAll(/url\(["']?(fonts\/[^"')]+)["']?\)/g)].map((m) => m[1]!));
  for (const font of fonts) copyFileSync(path.join(source, font), path.join(target, font));
  copyFileSync(path.join(source, "katex.min.css"), path.join(out, KATEX_CSS));
  return fonts.size;
}

/**
 * The text of an HTML fragment with each typeset formula as its TeX source (the MathML annotation; KaTeX's
 * visual HTML, aria-hidden, is skipped): for titles and headings taken from a page.
 *
 * Not exported by the package (seen through `emtd book`'s pages):
 * ```ts
 * plainText(`Energy <span class="math">${typesetTex("T_c", false, [])}</span>`); // → "Energy T_c"
 * ```
 */
export function plainText(html: string): string {
  let text = "";
  let hidden = 0; // depth inside a span of class katex-html
  let inMath = false;
  let inAnnotation = false;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      if (hidden === 0 && (!inMath || inAnnotation)) text += m[4];
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2]!.toLowerCase();
    if (hidden > 0) {
      if (tag === "span" && !m[3]!.endsWith("/")) hidden += closing ? -1 : 1;
    } else if (tag === "span" && !closing && /class="katex-html"/.test(m[3]!)) hidden = 1;
    else if (tag === "math") inMath = !closing;
    else if (tag === "annotation") inAnnotation = !closing;
  }
  return text;
}

/**
 * The Markdown of the notebooks' text cells, as HTML: headings (with ids, for links to a section), paragraphs,
 * lists, pipe tables, fenced code, block quotes, and inline code, emphasis, links and images. Math (`$…$`, `$$…$$`,
 * no space after the opening dollar, no digit after the closing one, `\$` a dollar) is typeset by KaTeX
 * into a `math` span (./math.ts). Deliberately small: the curated notebooks use nothing else (CommonMark corner
 * cases are not handled).
 */
import { escapeHtml } from "../viz/display";
import { type TexError, typesetTex } from "./math";

/**
 * A heading's id: lowercase words joined by dashes (GitHub's and JupyterLab's style, ASCII only).
 *
 * Not exported by the package (seen through `emtd book`'s pages):
 * ```ts
 * headingId("## 3.1 Interaction energy"); // → "3-1-interaction-energy"
 * ```
 */
export function headingId(text: string): string {
  const id = text
    .replace(/^#+\s*/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id === "" ? "section" : id;
}

/** A link target in the book: a notebook (`x.ipynb`, `notebooks/x.ipynb`) becomes its page. */
export function bookHref(href: string): string {
  const m = /^(?:\.\.?\/)*(?:notebooks\/)?([\w.-]+)\.ipynb(#.*)?$/.exec(href);
  return m ? `${m[1]}.html${m[2] ?? ""}` : href;
}

/** `$$…$$` within a line; `\$` inside is TeX's. */
const DISPLAY_MATH = /(?<!\\)\$\$((?:\\.|[^$\\])+?)\$\$/g;
/**
 * `$…$`, over lines of one paragraph too: not after a backslash, no space after the opening dollar and no digit
 * after the closing one (so `$5 and $6` stays text; `$\chi = $` is math, as Jupyter shows it).
 */
const INLINE_MATH = /(?<!\\)\$(?![\s$])((?:\\.|[^$\\])+?)\$(?!\d)/g;

function inline(text: string, errors: TexError[]): string {
  // Code spans and math first, held aside so their contents are not formatted.
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  let s = text
    .replace(/`([^`]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`))
    .replace(DISPLAY_MATH, (_, tex: string) => hold(`<span class="math display">${typesetTex(tex, true, errors)}</span>`))
    .replace(INLINE_MATH, (_, tex: string) => hold(`<span class="math">${typesetTex(tex, false, errors)}</span>`))
    .replace(/\\\$/g, () => hold("$"));
  s = escapeHtml(s)
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt: string, src: string) => `<img alt="${alt}" src="${src}">`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => `<a href="${bookHref(href)}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, "$1<em>$2</em>");
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => held[Number(i)]!);
}

function table(rows: string[], errors: TexError[]): string {
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const [head, , ...body] = rows;
  return (
    `<table class="md-table"><thead><tr>${cells(head!)
      .map((c) => `<th>${inline(c, errors)}</th>`)
      .join("")}</tr></thead><tbody>` +
    body
      .map(
        (r) =>
          `<tr>${cells(r)
            .map((c) => `<td>${inline(c, errors)}</td>`)
            .join("")}</tr>`,
      )
      .join("") +
    "</tbody></table>"
  );
}

/**
 * Markdown to HTML; `ids` collects the ids given to headings so that repeated titles get `-2`, `-3`; `errors`
 * collects the TeX that KaTeX could not typeset (shown as its source in a `math-error` span).
 *
 * Not exported by the package (seen through `emtd book`'s pages):
 * ```ts
 * markdownToHtml("## Verdict\n\nIt **holds** for $T < T_c$.");
 * // → '<h2 id="verdict">Verdict</h2>\n<p>It <strong>holds</strong> for <span class="math"><span class="katex">…</span></span>.</p>'
 * ```
 */
export function markdownToHtml(markdown: string, ids: Set<string> = new Set(), errors: TexError[] = []): string {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  const isBlockStart = (l: string) => /^(#{1,6}\s|```|>|\s*([-*+]|\d+\.)\s|\|)/.test(l) || /^\$\$/.test(l.trim());
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      let id = headingId(heading[2]!);
      for (let n = 2; ids.has(id); n++) id = `${headingId(heading[2]!)}-${n}`;
      ids.add(id);
      const level = heading[1]!.length;
      out.push(`<h${level} id="${id}">${inline(heading[2]!, errors)}</h${level}>`);
      i++;
    } else if (line.startsWith("```")) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) code.push(lines[i]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
    } else if (line.trim().startsWith("$$")) {
      // Display math, possibly over several lines.
      const tex: string[] = [line];
      if (!(line.trim().length > 2 && line.trim().endsWith("$$") && line.trim() !== "$$")) {
        for (i++; i < lines.length && !lines[i]!.includes("$$"); i++) tex.push(lines[i]!);
        if (i < lines.length) tex.push(lines[i]!);
      }
      i++;
      const body = tex
        .join("\n")
        .trim()
        .replace(/^\$\$|\$\$$/g, "")
        .trim();
      out.push(`<div class="math display">${typesetTex(body, true, errors)}</div>`);
    } else if (line.startsWith(">")) {
      const quote: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith(">"); i++) quote.push(lines[i]!.replace(/^>\s?/, ""));
      out.push(`<blockquote>${markdownToHtml(quote.join("\n"), ids, errors)}</blockquote>`);
    } else if (line.startsWith("|") && /^\s*\|?\s*:?-+/.test(lines[i + 1] ?? "")) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.trim().startsWith("|"); i++) rows.push(lines[i]!);
      out.push(table(rows, errors));
    } else if (/^\s*([-*+]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== ""; i++) {
        const l = lines[i]!;
        if (/^\s*([-*+]|\d+\.)\s/.test(l)) items.push(l.replace(/^\s*([-*+]|\d+\.)\s+/, ""));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>${items.map((it) => `<li>${inline(it, errors)}</li>`).join("")}</${tag}>`);
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== "" && (para.length === 0 || !isBlockStart(lines[i]!)); i++) para.push(lines[i]!);
      out.push(`<p>${inline(para.join("\n"), errors)}</p>`);
    }
  }
  return out.join("\n");
}

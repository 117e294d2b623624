/**
 * Line maps from the JavaScript a cell runs as back to the TypeScript the user typed. tslab compiles a cell in two
 * steps (TypeScript → ES module → CommonJS), and neither keeps lines; each step can give a source map
 * (version 3, base64-VLQ "mappings"), and composing the two gives, for every generated line, the cell's line.
 * Reference: https://sourcemaps.info/spec.html
 */

/** One mapping segment: generated column → source line/column (all 0-based). */
export interface Segment {
  column: number;
  sourceLine: number;
  sourceColumn: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decode one base64-VLQ field list ("AAAA,SAAS") into signed integers. */
function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`emtd/jupyter/sourcemap: bad VLQ character ${JSON.stringify(ch)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * The segments of a v3 source map's `mappings`, by generated line (0-based), each line sorted by column.
 * Only the first source is used: a cell's map has one.
 */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const field of line.split(",")) {
      if (field === "") continue;
      const [dc, , dl, dsc] = decodeVlq(field);
      column += dc!;
      if (dl === undefined) continue; // a segment with no source
      sourceLine += dl;
      sourceColumn += dsc!;
      segments.push({ column, sourceLine, sourceColumn });
    }
    lines.push(segments);
  }
  return lines;
}

/** The source position of generated (line, column), 0-based: the last segment at or before the column. */
export function lookup(map: Segment[][], line: number, column: number): { line: number; column: number } | null {
  const segments = map[line];
  if (!segments || segments.length === 0) return null;
  let best = segments[0]!;
  for (const s of segments) if (s.column <= column) best = s;
  return { line: best.sourceLine, column: best.sourceColumn };
}

/** Compose `outer` (final → intermediate) with `inner` (intermediate → source): final → source. */
export function compose(outer: Segment[][], inner: Segment[][]): Segment[][] {
  return outer.map((segments) =>
    segments.flatMap((s) => {
      const at = lookup(inner, s.sourceLine, s.sourceColumn);
      return at ? [{ column: s.column, sourceLine: at.line, sourceColumn: at.column }] : [];
    }),
  );
}

const INLINE = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/** Split code ending in an inline source map comment into the code and the map's decoded mappings. */
export function takeInlineMap(code: string): { code: string; map: Segment[][] | null } {
  const found = INLINE.exec(code);
  if (!found) return { code, map: null };
  const json = JSON.parse(Buffer.from(found[1]!, "base64").toString("utf8")) as { mappings: string };
  return { code: code.slice(0, found.index), map: decodeMappings(json.mappings) };
}

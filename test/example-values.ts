/**
 * The values an `@example` shows after `// →`: a reader for their grammar and a comparison with what the code
 * returns. The grammar is described in test/unit/docs/examples.test.ts and docs/examples.md.
 */
import { format } from "node:util";

/** What an arrow shows, read into a value that can be compared. */
export type Shown =
  | { kind: "number"; value: number; tolerance: number | null; stated: boolean }
  | { kind: "string"; text: string }
  | { kind: "constant"; value: boolean | null | undefined }
  | { kind: "array"; type: string | null; items: Shown[]; rest: number }
  | { kind: "object"; entries: Array<[string, Shown]>; open: boolean }
  | { kind: "any" };

/** An arrow's value and its note (the prose after it), or why it cannot be read. */
export type Reading = { shown: Shown; note: string | null } | { error: string };

/** Float32 rounding: an integer shown matches a non-integer within this relative distance. */
export const FLOAT32_RELATIVE = 1e-6;

const TYPED_ARRAYS = new Set([
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
]);

class ReadError extends Error {}

/** A recursive-descent reader of one shown value. */
class Reader {
  i = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new ReadError(`${what} at column ${this.i + 1} of ${JSON.stringify(this.text.slice(0, 80))}`);
  }
  space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }
  peek(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }
  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.i += s.length;
    return true;
  }
  word(): string {
    const m = /^[\p{L}_$][\p{L}\p{N}_$]*/u.exec(this.text.slice(this.i));
    return m ? m[0] : "";
  }

  value(): Shown {
    this.space();
    if (this.eat("…")) return { kind: "any" };
    const c = this.text[this.i];
    if (c === "[") return this.array(null);
    if (c === "{") return this.object();
    if (c === '"' || c === "'") return { kind: "string", text: this.string() };
    if (c !== undefined && /[-−+\d.]/.test(c)) return this.number();
    const w = this.word();
    if (w === "true" || w === "false" || w === "null" || w === "undefined") {
      this.i += w.length;
      return { kind: "constant", value: w === "true" ? true : w === "false" ? false : w === "null" ? null : undefined };
    }
    if (w === "NaN" || w === "Infinity") return this.number();
    if (TYPED_ARRAYS.has(w)) {
      this.i += w.length;
      if (this.eat("(")) {
        while (/\d/.test(this.text[this.i] ?? "")) this.i++;
        if (!this.eat(")")) this.fail("expected ) after the typed array's length");
      }
      this.space();
      if (this.text[this.i] !== "[") this.fail(`expected [ after ${w}`);
      return this.array(w);
    }
    return this.fail("expected a value (number, string, true/false/null, [array], {object}, TypedArray [..] or …)");
  }

  number(): Shown {
    const m = /^([-−+]?)(?:(NaN|Infinity)|(\d*)(?:\.(\d+))?(?:[eE]([-−+]?\d+))?)/.exec(this.text.slice(this.i));
    if (!m || m[0] === "" || m[0] === "-" || m[0] === "−" || m[0] === "+") this.fail("expected a number");
    this.i += m[0].length;
    const sign = m[1] === "-" || m[1] === "−" ? -1 : 1;
    let shown: Shown;
    if (m[2]) shown = { kind: "number", value: sign * Number(m[2]), tolerance: 0, stated: false };
    else {
      if (!m[3] && !m[4]) this.fail("expected digits");
      const exponent = m[5] ? Number(m[5].replace("−", "-")) : 0;
      const decimals = m[4]?.length ?? 0;
      const value = sign * Number(`${m[3] || "0"}.${m[4] ?? "0"}e${exponent}`);
      const integer = m[4] === undefined && m[5] === undefined;
      // Written to d places: anything that rounds to it.
      shown = { kind: "number", value, tolerance: integer ? null : 0.5 * 10 ** (exponent - decimals), stated: false };
    }
    return this.plusMinus(shown);
  }

  /** An optional `± t` (absolute) or `± p%` (relative) after a value: a tolerance for every number in it. */
  plusMinus(shown: Shown): Shown {
    const save = this.i;
    this.space();
    if (!this.eat("±")) {
      this.i = save;
      return shown;
    }
    this.space();
    const m = /^(\d*\.?\d+(?:[eE][-−+]?\d+)?)(%?)/.exec(this.text.slice(this.i));
    if (!m) this.fail("expected a tolerance after ±");
    this.i += m[0].length;
    const t = Number(m[1]!.replace("−", "-"));
    return withTolerance(shown, (v) => (m[2] ? (Math.abs(v) * t) / 100 : t));
  }

  string(): string {
    const quote = this.text[this.i++]!;
    let out = "";
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) this.fail("unterminated string");
      if (c === quote) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", f: "\f", v: "\v" };
      if (e === undefined) this.fail("unterminated escape");
      else if (e in simple) out += simple[e];
      else if (e === "u" || e === "x") {
        const m =
          e === "x" ? /^[\da-fA-F]{2}/.exec(this.text.slice(this.i)) : /^(?:\{[\da-fA-F]+\}|[\da-fA-F]{4})/.exec(this.text.slice(this.i));
        if (!m) this.fail("bad escape");
        this.i += m[0].length;
        out += String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ""), 16));
      } else out += e;
    }
  }

  array(type: string | null): Shown {
    this.eat("[");
    const items: Shown[] = [];
    let rest = -1;
    for (;;) {
      this.space();
      if (this.eat("]")) break;
      if (this.peek("…") && /^…\s*[\],]/.test(this.text.slice(this.i))) {
        if (rest >= 0) this.fail("only one … in an array");
        this.i += 1;
        rest = items.length;
      } else items.push(this.value());
      this.space();
      if (this.eat("]")) break;
      if (!this.eat(",")) this.fail("expected , or ] in an array");
    }
    return this.plusMinus({ kind: "array", type, items, rest });
  }

  object(): Shown {
    this.eat("{");
    const entries: Array<[string, Shown]> = [];
    let open = false;
    for (;;) {
      this.space();
      if (this.eat("}")) break;
      if (this.eat("…")) open = true;
      else {
        const c = this.text[this.i];
        const key = c === '"' || c === "'" ? this.string() : this.word();
        if (key === "") this.fail("expected a key in an object");
        if (c !== '"' && c !== "'") this.i += key.length;
        this.space();
        if (!this.eat(":")) this.fail(`expected : after the key ${key}`);
        entries.push([key, this.value()]);
      }
      this.space();
      if (this.eat("}")) break;
      if (!this.eat(",")) this.fail("expected , or } in an object");
    }
    return this.plusMinus({ kind: "object", entries, open });
  }
}

/** The value with `tolerance(v)` for each number that has no `±` of its own (instead of the digits' rounding). */
function withTolerance(shown: Shown, tolerance: (v: number) => number): Shown {
  switch (shown.kind) {
    case "number":
      return shown.stated ? shown : { ...shown, tolerance: tolerance(shown.value), stated: true };
    case "array":
      return { ...shown, items: shown.items.map((s) => withTolerance(s, tolerance)) };
    case "object":
      return { ...shown, entries: shown.entries.map(([k, s]) => [k, withTolerance(s, tolerance)]) };
    default:
      return shown;
  }
}

/**
 * Reads what follows `// →`: one value, then nothing, ` (a note)` or `: a note`. A bare `…` must carry its note
 * (the reason the value is not compared).
 */
export function readShown(text: string): Reading {
  const reader = new Reader(text.trim());
  try {
    const shown = reader.value();
    const tail = reader.text.slice(reader.i);
    let note: string | null = null;
    if (tail.trim() !== "") {
      const t = tail.trimStart();
      if (!/^\s/.test(tail) && !tail.startsWith(":")) reader.fail("expected a space, ' (note)' or ': note' after the value");
      if ((t.startsWith("(") && t.endsWith(")")) || t.startsWith(": ")) note = t;
      else reader.fail("after the value only ' (a note)' or ': a note' may follow");
    }
    if (shown.kind === "any" && note === null) return { error: "a bare … needs its reason: `// → … (why it is not compared)`" };
    return { shown, note };
  } catch (e) {
    if (e instanceof ReadError) return { error: e.message };
    throw e;
  }
}

/** Text with `…` standing for any text (across lines too); spaces at the ends of lines and of the text are ignored. */
export function textMatches(pattern: string, text: string): boolean {
  const trim = (s: string) => s.replace(/[ \t]+$/gm, "").replace(/\s+$/, "");
  const parts = trim(pattern).split("…");
  const actual = trim(text);
  if (parts.length === 1) return parts[0] === actual;
  if (!actual.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const found = actual.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  const last = parts[parts.length - 1]!;
  return actual.length - last.length >= at && actual.endsWith(last);
}

interface TensorLike {
  arraySync(): unknown;
  dtype: string;
  shape: number[];
}
function isTensor(x: unknown): x is TensorLike {
  return typeof x === "object" && x !== null && typeof (x as TensorLike).arraySync === "function" && Array.isArray((x as TensorLike).shape);
}

function show(x: unknown): string {
  return format("%o", x).length > 200 ? `${format("%O", x).replace(/\s+/g, " ").slice(0, 200)}…` : format("%O", x).replace(/\s+/g, " ");
}

/** Where `actual` differs from `shown`: one line per difference, empty when they agree. */
export function differences(shown: Shown, actual: unknown, where = ""): string[] {
  const at = where === "" ? "" : `${where}: `;
  if (isTensor(actual)) actual = actual.arraySync();
  switch (shown.kind) {
    case "any":
      return [];
    case "constant":
      return actual === shown.value ? [] : [`${at}expected ${String(shown.value)}, got ${show(actual)}`];
    case "string":
      if (typeof actual !== "string") return [`${at}expected a string, got ${show(actual)}`];
      return textMatches(shown.text, actual) ? [] : [`${at}expected ${JSON.stringify(shown.text)}, got ${JSON.stringify(actual)}`];
    case "number": {
      if (typeof actual === "bigint") actual = Number(actual);
      if (typeof actual !== "number") return [`${at}expected ${shown.value}, got ${show(actual)}`];
      if (Number.isNaN(shown.value) || !Number.isFinite(shown.value))
        return Object.is(actual, shown.value) ? [] : [`${at}expected ${shown.value}, got ${actual}`];
      const tolerance =
        shown.tolerance !== null
          ? shown.tolerance * (1 + 1e-9)
          : Number.isInteger(actual)
            ? 0
            : FLOAT32_RELATIVE * Math.max(1, Math.abs(shown.value));
      const d = Math.abs(actual - shown.value);
      return d <= tolerance ? [] : [`${at}expected ${shown.value}${tolerance > 0 ? ` ± ${tolerance.toPrecision(2)}` : ""}, got ${actual}`];
    }
    case "array": {
      if (!Array.isArray(actual) && !(ArrayBuffer.isView(actual) && !(actual instanceof DataView)))
        return [`${at}expected an array, got ${show(actual)}`];
      const items = actual as ArrayLike<unknown>;
      const name = (actual as object).constructor?.name;
      if (shown.type !== null && name !== shown.type) return [`${at}expected a ${shown.type}, got a ${name}`];
      const head = shown.rest < 0 ? shown.items : shown.items.slice(0, shown.rest);
      const tail = shown.rest < 0 ? [] : shown.items.slice(shown.rest);
      const length = head.length + tail.length;
      if (shown.rest < 0 ? items.length !== length : items.length < length)
        return [`${at}expected ${shown.rest < 0 ? "" : "at least "}${length} items, got ${items.length}: ${show(actual)}`];
      const out: string[] = [];
      head.forEach((s, i) => out.push(...differences(s, items[i], `${where}[${i}]`)));
      tail.forEach((s, j) => {
        const i = items.length - tail.length + j;
        out.push(...differences(s, items[i], `${where}[${i}]`));
      });
      return out;
    }
    case "object": {
      if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [`${at}expected an object, got ${show(actual)}`];
      const record = actual as Record<string, unknown>;
      const out: string[] = [];
      for (const [key, s] of shown.entries) {
        if (!(key in record)) out.push(`${at}expected a key ${key}, got ${show(actual)}`);
        else out.push(...differences(s, record[key], `${where}.${key}`));
      }
      if (!shown.open) {
        const listed = new Set(shown.entries.map(([k]) => k));
        const extra = Object.keys(record).filter((k) => !listed.has(k) && record[k] !== undefined);
        if (extra.length > 0) out.push(`${at}keys not shown (add … to the object if that is meant): ${extra.join(", ")}`);
      }
      return out;
    }
  }
}

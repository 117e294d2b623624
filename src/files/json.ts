/**
 * JSON with sorted keys, so that equal values give equal text: the identity of a sweep task and of a verdict record.
 */

/**
 * JSON with object keys sorted at every depth: equal configs give equal text.
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: { d: [2, 3], c: null } }); // → '{"a":{"c":null,"d":[2,3]},"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

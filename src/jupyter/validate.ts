/**
 * What a received message must look like before the kernel acts on it (issue 38). A signed message can still be
 * malformed: a header that is a list, a `code` that is null. The kernel copies a request's header into every reply
 * and IOPub message as `parent_header`, so a header that is not an object would reach every front end attached
 * (jupyter_client fails on `parent_header.get`). Two checks, after the signature:
 * - {@link envelopeProblem}: header, parent header, metadata and content are objects, and the header's fields are
 *   strings. A message that fails it is logged and dropped (wire.decode throws): nothing is echoed.
 * - {@link contentProblem}: the content fields of the request types the kernel answers have their types. A request
 *   that fails it has a valid header, so it is answered: an error reply naming the field (kernel/server).
 * Reference: https://jupyter-client.readthedocs.io/en/stable/messaging.html (message header, request contents).
 */

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

const kind = (x: unknown): string => (x === null ? "null" : Array.isArray(x) ? "a list" : typeof x);

/** Header fields every message carries, each a string (msg_id and msg_type not empty). */
const HEADER_STRINGS = ["msg_id", "msg_type", "session", "username", "date", "version"] as const;
const REQUIRED = ["msg_id", "msg_type"] as const;

/**
 * Why the four dicts of a message cannot be trusted as a message, or null when they can: each must be an object;
 * the header must have a non-empty `msg_id` and `msg_type`, and its other standard fields, where present, must be
 * strings; the parent header's `msg_id`, where present, a string.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * envelopeProblem([], {}, {}, {}); // → "header is a list, not an object"
 * envelopeProblem({ msg_id: "1", msg_type: "kernel_info_request", session: "s" }, {}, {}, {}); // → null
 * ```
 */
export function envelopeProblem(header: unknown, parent: unknown, metadata: unknown, content: unknown): string | null {
  const parts: Array<[string, unknown]> = [
    ["header", header],
    ["parent_header", parent],
    ["metadata", metadata],
    ["content", content],
  ];
  for (const [name, value] of parts) if (!isObject(value)) return `${name} is ${kind(value)}, not an object`;
  const h = header as Record<string, unknown>;
  for (const field of REQUIRED) if (typeof h[field] !== "string" || h[field] === "") return `header.${field} must be a non-empty string`;
  for (const field of HEADER_STRINGS)
    if (h[field] !== undefined && typeof h[field] !== "string") return `header.${field} is ${kind(h[field])}, not a string`;
  const p = parent as Record<string, unknown>;
  if (p.msg_id !== undefined && typeof p.msg_id !== "string") return `parent_header.msg_id is ${kind(p.msg_id)}, not a string`;
  return null;
}

type Field = "string" | "boolean" | "object" | "position" | "level";
/** The content fields each answered request type reads: required ones, then optional ones (checked when present). */
const CONTENT: Record<string, { required: Record<string, Field>; optional?: Record<string, Field> }> = {
  execute_request: {
    required: { code: "string" },
    optional: { silent: "boolean", store_history: "boolean", allow_stdin: "boolean", stop_on_error: "boolean", user_expressions: "object" },
  },
  complete_request: { required: { code: "string", cursor_pos: "position" } },
  inspect_request: { required: { code: "string", cursor_pos: "position" }, optional: { detail_level: "level" } },
  is_complete_request: { required: { code: "string" } },
  comm_info_request: { required: {}, optional: { target_name: "string" } },
  comm_open: { required: { comm_id: "string", target_name: "string" }, optional: { data: "object" } },
  comm_msg: { required: { comm_id: "string" }, optional: { data: "object" } },
  comm_close: { required: { comm_id: "string" }, optional: { data: "object" } },
  shutdown_request: { required: {}, optional: { restart: "boolean" } },
  input_reply: { required: { value: "string" } },
};

function fieldOk(value: unknown, type: Field): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "position":
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case "level":
      return value === 0 || value === 1;
    default:
      return typeof value === type;
  }
}

const described: Record<Field, string> = {
  string: "a string",
  boolean: "true or false",
  object: "an object",
  position: "an integer ≥ 0",
  level: "0 or 1",
};

/**
 * Why `content` cannot be the content of a `msgType` message the kernel acts on, or null when it can (or when the
 * kernel does not read that type's content).
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * contentProblem("execute_request", { code: null }); // → "content.code is null, not a string"
 * contentProblem("complete_request", { code: "Math.", cursor_pos: -1 }); // → "content.cursor_pos is -1, not an integer ≥ 0"
 * ```
 */
export function contentProblem(msgType: string, content: Record<string, unknown>): string | null {
  const spec = Object.hasOwn(CONTENT, msgType) ? CONTENT[msgType]! : null;
  if (!spec) return null;
  for (const [field, type] of Object.entries(spec.required))
    if (!fieldOk(content[field], type)) return `content.${field} is ${shown(content[field])}, not ${described[type]}`;
  for (const [field, type] of Object.entries(spec.optional ?? {}))
    if (content[field] !== undefined && !fieldOk(content[field], type))
      return `content.${field} is ${shown(content[field])}, not ${described[type]}`;
  return null;
}

function shown(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return kind(value);
}

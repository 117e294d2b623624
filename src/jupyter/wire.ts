/**
 * The Jupyter wire protocol (messaging spec 5.3): a message travels as ZeroMQ frames
 *   [routing ids…, "<IDS|MSG>", HMAC-SHA256(key, header ‖ parent_header ‖ metadata ‖ content), header, parent_header,
 *    metadata, content, buffers…]
 * with each dict serialised as JSON. Reference: https://jupyter-client.readthedocs.io/en/stable/messaging.html
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { envelopeProblem } from "./validate";

export const DELIMITER = "<IDS|MSG>";
export const PROTOCOL_VERSION = "5.3";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
}

/** A new request message of `msgType` in `session`. */
export function request<C>(msgType: string, content: C, session: string): Message<C> {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "emtd",
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

function sign(key: string, parts: readonly Buffer[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/** Frames to send: from a DEALER socket with no routing ids; from a ROUTER with the requester's ids first. */
export function encode(message: Message<unknown>, key: string, ids: readonly Buffer[] = []): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) => Buffer.from(JSON.stringify(p)));
  return [...ids, Buffer.from(DELIMITER), Buffer.from(sign(key, parts)), ...parts];
}

/** The routing ids in front of the delimiter (a ROUTER socket's view of who sent a request). */
export function routingIds(frames: readonly Buffer[]): Buffer[] {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  return at < 0 ? [] : frames.slice(0, at);
}

/**
 * A reply (or iopub message) of `msgType` to `parent`, sent by the kernel session `session`, with the message's own
 * `metadata` (a comm_open's widget protocol version travels there, not in its content).
 */
export function reply<C>(
  parent: Message<unknown>,
  msgType: string,
  content: C,
  session: string,
  metadata: Record<string, unknown> = {},
): Message<C> {
  const message = request(msgType, content, session);
  message.parent_header = parent.header;
  message.metadata = metadata;
  return message;
}

/**
 * Parse received frames; throws when the signature does not match (a message we must not trust), when a part is not
 * JSON, or when the parts are not the objects a message is made of (validate.envelopeProblem).
 */
export function decode(frames: readonly Buffer[], key: string): Message {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) throw new Error("emtd/jupyter/wire: malformed message (no <IDS|MSG> delimiter)");
  const signature = frames[at + 1]!.toString();
  const parts = frames.slice(at + 2, at + 6);
  const expected = sign(key, parts);
  if (key !== "" && (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))) {
    throw new Error("emtd/jupyter/wire: bad HMAC signature");
  }
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString()) as unknown);
  // Signed is not well-formed: a header that is not an object would be echoed as every reply's parent_header.
  const problem = envelopeProblem(header, parent, metadata, content);
  if (problem) throw new Error(`emtd/jupyter/wire: malformed message: ${problem}`);
  return { header, parent_header: parent, metadata, content } as Message;
}

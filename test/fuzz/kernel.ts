/**
 * Property: signed kernel messages of every type, with random headers, parent headers, metadata and content (valid
 * ones, ones with a field of the wrong type, any JSON at all, bytes that are not JSON), sent on shell, control and
 * stdin, leave the kernel alive and answering (a kernel_info round trip through jupyter_client) and never reach a
 * front end as something it cannot read (every IOPub message read by jupyter_client as front ends read it).
 * `shutdown_request` is sent only with content the kernel must refuse (a valid one would end it, as it should).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { anyJson, hostileText } from "./arbitraries";
import { type Channel, FuzzKernel } from "./kernel-harness";
import type { Runs } from "./invariants";

const TYPES = [
  "execute_request",
  "kernel_info_request",
  "complete_request",
  "inspect_request",
  "is_complete_request",
  "history_request",
  "comm_info_request",
  "comm_open",
  "comm_msg",
  "comm_close",
  "interrupt_request",
  "input_reply",
] as const;

/** Code a cell may run in the kernel: harmless, failing, or random text (which at worst does not compile). */
const code = fc.oneof(
  fc.constantFrom("1 + 1", "", "const x: number = 'a'", 'throw new Error("boom")', "console.log('out')", "Math."),
  hostileText,
);

/** Content for `type`: well-formed for it, or with one field replaced by anything, or any JSON value. */
function content(type: string): fc.Arbitrary<unknown> {
  const valid: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    execute_request: fc.record({
      code,
      silent: fc.boolean(),
      store_history: fc.boolean(),
      allow_stdin: fc.constant(false),
      stop_on_error: fc.boolean(),
    }),
    complete_request: fc.record({ code, cursor_pos: fc.nat(20) }),
    inspect_request: fc.record({ code, cursor_pos: fc.nat(20), detail_level: fc.constantFrom(0, 1) }),
    is_complete_request: fc.record({ code }),
    comm_open: fc.record({ comm_id: fc.uuid(), target_name: hostileText, data: fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }) }),
    comm_msg: fc.record({ comm_id: fc.uuid(), data: fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }) }),
    comm_close: fc.record({ comm_id: fc.uuid(), data: fc.constant({}) }),
    input_reply: fc.record({ value: hostileText }),
    shutdown_request: fc.record({ restart: anyJson.filter((v) => typeof v !== "boolean") }),
  };
  const base = valid[type] ?? fc.constant({});
  const changed = fc
    .tuple(
      base,
      fc.oneof(fc.constantFrom("code", "cursor_pos", "comm_id", "data", "silent", "target_name", "value", "detail_level"), hostileText),
      anyJson,
    )
    .map(([c, field, value]) => ({ ...c, [field]: value }));
  if (type === "shutdown_request") return base; // never a valid one: restart is not a boolean
  return fc.oneof({ arbitrary: base, weight: 3 }, { arbitrary: changed, weight: 3 }, anyJson);
}

const header = (type: string) =>
  fc.record({
    msg_id: fc.uuid(),
    msg_type: fc.constant(type),
    session: fc.constant(randomUUID()),
    username: fc.constant("fuzz"),
    date: fc.constant(new Date(0).toISOString()),
    version: fc.constant("5.3"),
  });

/** A header: valid, with one field of the wrong type, or not an object at all. */
const anyHeader = (type: string) =>
  fc.oneof(
    { arbitrary: header(type), weight: 8 },
    fc
      .tuple(header(type), fc.constantFrom("msg_id", "msg_type", "session", "date", "username"), anyJson)
      .map(([h, f, v]) => ({ ...h, [f]: v })),
    anyJson,
  );

export interface FuzzMessage {
  channel: Channel;
  parts: [unknown, unknown, unknown, unknown] | { raw: string[] };
}

const message: fc.Arbitrary<FuzzMessage> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constantFrom(...TYPES, "shutdown_request"), weight: 4 }, hostileText),
    fc.constantFrom<Channel>("shell", "shell", "control", "stdin"),
  )
  .chain(([type, channel]) =>
    fc.oneof(
      {
        arbitrary: fc
          .tuple(
            anyHeader(type),
            fc.oneof({ arbitrary: fc.constant({}), weight: 6 }, anyJson),
            fc.oneof({ arbitrary: fc.constant({}), weight: 6 }, anyJson),
            content(type),
          )
          .map(([h, p, m, c]) => ({
            channel,
            parts: [type === "shutdown_request" ? { ...(h as object), msg_type: type } : h, p, m, c] as FuzzMessage["parts"],
          })),
        weight: 9,
      },
      fc.array(hostileText, { minLength: 4, maxLength: 4 }).map((raw) => ({ channel, parts: { raw } })),
    ),
  );

/** A shutdown_request must keep its header an object and its content refused: see `content`. */
function encode(m: FuzzMessage): Buffer[] {
  if ("raw" in m.parts) return m.parts.raw.map((t) => Buffer.from(t));
  return m.parts.map((p) => Buffer.from(JSON.stringify(p) ?? "null"));
}

/**
 * The invariant after a batch: send it, then the kernel still answers kernel_info (through jupyter_client) and the
 * front end has read every IOPub message so far. Throws what is broken.
 */
export async function checkBatch(kernel: FuzzKernel, batch: readonly FuzzMessage[]): Promise<void> {
  for (const m of batch) await kernel.send(m.channel, encode(m));
  const report = await kernel.listener.ask("ping");
  if (kernel.exited) throw new Error(`the kernel exited: ${kernel.log.text.slice(-1500)}`);
  if (!report.alive) throw new Error("the kernel did not answer kernel_info after the batch");
  if (report.errors.length > 0) throw new Error(`a front end could not read ${report.errors.length} IOPub messages: ${report.errors[0]}`);
}

/** The property: batches of random messages, each followed by {@link checkBatch}. */
export function kernelProperty(kernel: FuzzKernel) {
  return fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 4 }), (batch) => checkBatch(kernel, batch));
}

/**
 * Run the property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case) on `kernel`, or on a kernel
 * and listener started for it and stopped after.
 */
export async function checkKernel(runs: Runs, kernel?: FuzzKernel): Promise<void> {
  const target = kernel ?? (await FuzzKernel.start());
  try {
    await fc.assert(kernelProperty(target), runs);
  } finally {
    if (!kernel) await target.stop();
  }
}

/**
 * The emtd Jupyter kernel: the messaging protocol 5.3 over ZeroMQ, with cells compiled by tslab and run by
 * evaluate.ts. Reference: https://jupyter-client.readthedocs.io/en/stable/messaging.html
 *
 * What it does that tslab 1.0.22's own protocol layer does not: `kernel_info_reply` has `status` and a banner
 * naming the library it runs; `execute_input` is published; the last expression's value is an `execute_result`
 * (text/plain by util.inspect, plus the rich bundle of figures, tables and any object with
 * `[Symbol.for("Jupyter.display")]()`); a failed cell is an `error` message and an error reply with `ename`,
 * `evalue` and `traceback`; stop-on-error aborts only the requests already queued when the error happened;
 * history is answered, comms (comm_open/comm_msg/comm_close/comm_info, comm.ts) too; shutdown closes the process; a
 * cell's `input()` is an `input_request` on stdin (stdin.ts); control is read on its own thread, so an interrupt
 * reaches a cell that holds this one (control.ts).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import * as zmq from "zeromq";
import { KERNEL_PUBLISHER, type KernelPublisher, mimeBundle } from "../viz/display";
import { CommManager, withWidgetDisplayId } from "./comm";
import { PROGRESS_WATCHER } from "../progress";
import { progressDisplays } from "../viz/progress-display";
import { tslabDirectory } from "./compiler";
import { PENDING, setCellPhase, startControl } from "./control";
import { createEvaluator, type Evaluator } from "./evaluate";
import { serveStdin } from "./stdin";
import { decode, encode, type Message, PROTOCOL_VERSION, reply, routingIds } from "./wire";
import { contentProblem } from "./validate";
import { oneLine } from "../format";

interface Connection {
  transport: string;
  ip: string;
  key: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

interface Request {
  message: Message;
  ids: Buffer[];
  /** The channel it came on (shell, or control on its thread): the key of its sender. */
  socket: object;
  /** Set when an earlier cell failed while this request waited: it is answered `abort`. */
  aborted?: boolean;
}

export interface KernelOptions {
  /** The Jupyter connection file (ports and key). */
  connectionFile: string;
  /** The library checkout the kernel runs (its package.json names the library). */
  root: string;
}

/**
 * Sends on one socket in call order. A send is handed to ZeroMQ at once when nothing waits before it, so output of
 * a cell that holds the event loop (a synchronous loop updating a progress bar) still leaves while it runs; when
 * ZeroMQ is busy ("only one send operation may be in progress"), sends wait in a queue drained asynchronously.
 */
/** The process's own stderr, before cells' output is captured: for the kernel's own faults (never a cell's). */
const kernelLog = process.stderr.write.bind(process.stderr);

function serialSender(socket: zmq.Writable): (frames: Buffer[]) => void {
  const waiting: Buffer[][] = [];
  let draining = false;
  /** The last send handed to ZeroMQ, settled or not: the queue waits for it. */
  let inFlight: Promise<unknown> = Promise.resolve();
  // Not through the captured stderr: a failing iopub send reported on iopub would recurse.
  const report = (error: unknown) => kernelLog(`emtd kernel: send failed: ${(error as Error)?.stack ?? String(error)}\n`);
  const busy = (error: unknown) => (error as { code?: string }).code === "EBUSY";
  /** Hand `frames` to ZeroMQ now; false when it is busy with an earlier send. */
  const tryNow = (frames: Buffer[]): boolean => {
    try {
      const sent = socket.send(frames);
      inFlight = sent.catch(report);
      return true;
    } catch (error) {
      if (busy(error)) return false;
      report(error);
      return true; // dropped: retrying a malformed message would fail again
    }
  };
  async function drain(): Promise<void> {
    draining = true;
    try {
      while (waiting.length > 0) {
        await inFlight;
        if (tryNow(waiting[0]!)) waiting.shift();
        else await tick();
      }
    } finally {
      draining = false;
    }
  }
  return (frames) => {
    if (!draining && waiting.length === 0 && tryNow(frames)) return;
    waiting.push(frames);
    if (!draining) void drain().catch(report);
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The `language_info` of kernel_info: TypeScript, highlighted as such by classic Notebook and JupyterLab. */
function languageInfo(typescriptVersion: string): Record<string, unknown> {
  return {
    name: "typescript",
    version: typescriptVersion,
    mimetype: "text/typescript",
    file_extension: ".ts",
    codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
  };
}

/**
 * Start the kernel described by `options.connectionFile`; resolves when its sockets are bound. The process exits
 * on `shutdown_request`. Jupyter starts it through kernel/launch.js in the notebook's folder.
 * Jupyter starts it (kernel/launch.js, from the kernelspec that `npm run kernel:install` writes) with the connection
 * file it made; it serves until a shutdown request:
 * ```sh
 * node kernel/launch.js --config-path /run/user/1000/jupyter/kernel-1.json
 * ```
 */
export async function startKernel(options: KernelOptions): Promise<void> {
  const connection = JSON.parse(readFileSync(options.connectionFile, "utf8")) as Connection;
  const pkg = JSON.parse(readFileSync(path.join(options.root, "package.json"), "utf8")) as { name: string; version: string };
  const session = randomUUID();
  const key = connection.key ?? "";
  const address = (port: number) => `${connection.transport}://${connection.ip}:${port}`;
  const shell = new zmq.Router();
  const stdin = new zmq.Router();
  // No high-water mark: a front end that reads slower than a cell publishes gets every output late, none lost
  // (ZeroMQ's default drops a publisher's messages past 1000 queued).
  const iopub = new zmq.Publisher({ sendHighWaterMark: 0 });
  const hb = new zmq.Reply();
  await Promise.all([
    shell.bind(address(connection.shell_port)),
    stdin.bind(address(connection.stdin_port)),
    iopub.bind(address(connection.iopub_port)),
    hb.bind(address(connection.hb_port)),
  ]);
  const evaluator: Evaluator = createEvaluator({ cwd: process.cwd(), library: { name: pkg.name, root: options.root } });
  const stdinChannel = serveStdin(stdin, key, session, kernelLog);
  const interrupted = () => {
    evaluator.interrupt();
    stdinChannel.cancel(new Error("the cell was interrupted"));
  };
  // Control on a worker thread: an interrupt is read while a cell holds this thread (see control.ts).
  const control = await startControl(address(connection.control_port), key, session, {
    onRequest: (frames) => accept(frames, control, (request) => void handle(request)),
    onInterrupt: interrupted,
    log: kernelLog,
  });
  const senders = new Map<object, (frames: Buffer[]) => void>([
    ...[shell, iopub].map((s) => [s, serialSender(s)] as const),
    [control, control.send],
  ]);
  let executionCount = 0;
  /** The request whose cell output goes to now: the running cell, or after it ends the last one (as ipykernel). */
  let outputParent: Message | null = null;

  const emit = (parent: Message, msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown> = {}) => {
    if (msgType !== "stream") flushStreams();
    const message = reply(parent, msgType, content, session, metadata);
    senders.get(iopub)!(encode(message, key, [Buffer.from(`kernel.${session}.${msgType}`)]));
  };
  // Comms (widgets): an Output widget capturing takes the cell's outputs (comm.ts).
  const comms = new CommManager({
    publish: (header, msgType, content, metadata) => {
      const parent = header ? ({ header } as unknown as Message) : outputParent;
      if (parent) emit(parent, msgType, content, metadata);
    },
    parent: () => (outputParent?.header as unknown as { msg_id: string }) ?? null,
    flush: () => flushStreams(),
  }).install();
  const publish = (parent: Message, msgType: string, content: Record<string, unknown>) => {
    if (!comms.intercept(msgType, content)) emit(parent, msgType, withWidgetDisplayId(msgType, content));
  };
  const send = (request: Request, msgType: string, content: Record<string, unknown>) => {
    senders.get(request.socket)!(encode(reply(request.message, msgType, content, session), key, request.ids));
  };

  // Streams: console output of the running cell, coalesced (a loop printing 10^5 lines sends a few messages).
  const pending: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  let flushTimer: NodeJS.Timeout | null = null;
  let lastFlush = 0;
  function flushStreams(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    lastFlush = Date.now();
    for (const name of ["stdout", "stderr"] as const) {
      if (pending[name] === "" || !outputParent) continue;
      const text = pending[name];
      pending[name] = "";
      publish(outputParent, "stream", { name, text });
    }
  }
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      if (!outputParent) return original(chunk as never, encoding as never, callback as never);
      pending[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      // A timer cannot fire while a synchronous cell runs: its output is also flushed from here, 10 times a second.
      if (Date.now() - lastFlush > 100) flushStreams();
      else flushTimer ??= setTimeout(flushStreams, 50);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") done();
      return true;
    }) as typeof stream.write;
  }
  const publisher: KernelPublisher = (msgType, content) => {
    if (outputParent) publish(outputParent, msgType, content);
  };
  (globalThis as Record<symbol, unknown>)[KERNEL_PUBLISHER] = publisher;
  // Long loops draw a live display in their cell; a headless run (`emtd notebooks`) keeps only the final state.
  (globalThis as Record<symbol, unknown>)[PROGRESS_WATCHER] = progressDisplays({ finalOnly: process.env.EMTD_PROGRESS === "final" });
  // tslab's own display API (`import * as tslab from "tslab"; tslab.display.html(…)`) writes through this hook.
  try {
    require(path.join(tslabDirectory(), "dist", "jupyter.js")).lastWriteDisplayData = (content: Record<string, unknown>, update: boolean) =>
      publisher(update ? "update_display_data" : "display_data", content);
  } catch {
    // tslab's layout changed: its display API stays silent, ours works
  }
  process.on("SIGINT", interrupted);
  // A callback of an earlier cell that throws must not end the kernel: it is reported where output goes now.
  const late = (text: string) => {
    try {
      process.stderr.write(text);
    } catch {
      kernelLog(text);
    }
  };
  process.on("uncaughtException", (error) => late(`Uncaught ${error?.stack ?? String(error)}\n`));
  process.on("unhandledRejection", (reason) => late(`Unhandled promise rejection: ${(reason as Error)?.stack ?? inspect(reason)}\n`));

  const queue: Request[] = [];
  let running = false;

  async function execute(request: Request): Promise<void> {
    const content = request.message.content as { code: string; silent?: boolean; store_history?: boolean; stop_on_error?: boolean };
    if (request.aborted) {
      send(request, "execute_reply", { status: "abort", execution_count: executionCount });
      return;
    }
    const silent = content.silent ?? false;
    if (!silent && (content.store_history ?? true)) executionCount++;
    const count = executionCount;
    // An interrupt from here on is for this cell, also before it runs (control.ts); the evaluator ends the phase.
    setCellPhase(PENDING);
    if (!silent) publish(request.message, "execute_input", { code: content.code, execution_count: count });
    outputParent = request.message;
    stdinChannel.begin(request, (request.message.content as { allow_stdin?: boolean }).allow_stdin ?? false);
    // Let busy and execute_input reach ZeroMQ before the cell runs: a synchronous cell holds the event loop.
    await tick();
    await tick();
    const result = await evaluator.execute(content.code, count);
    stdinChannel.end();
    if (result.ok) {
      if (result.hasValue && !silent) {
        const data = mimeBundle(result.value);
        if (typeof result.value === "string") data["text/plain"] = inspect(result.value);
        // A value that shows itself some other way (a protocol-1 widget: by comm message) leaves only empty strings.
        if (Object.values(data).some((v) => v !== ""))
          publish(request.message, "execute_result", { execution_count: count, data, metadata: {} });
      }
      flushStreams();
      send(request, "execute_reply", { status: "ok", execution_count: count, user_expressions: {}, payload: [] });
      return;
    }
    flushStreams();
    publish(request.message, "error", { ...result.error });
    if (content.stop_on_error ?? true) {
      // Requests sent while the cell ran may still be in ZeroMQ's buffers: read them in first, then abort them.
      let seen = -1;
      for (let i = 0; i < 50 && seen !== queue.length; i++) {
        seen = queue.length;
        await tick();
        await tick();
      }
      for (const waiting of queue) if (waiting.message.header.msg_type === "execute_request") waiting.aborted = true;
    }
    send(request, "execute_reply", { status: "error", execution_count: count, ...result.error });
  }

  function kernelInfo(request: Request): void {
    send(request, "kernel_info_reply", {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: pkg.name,
      implementation_version: pkg.version,
      language_info: languageInfo(evaluator.compiler.typescriptVersion),
      banner: `${pkg.name} ${pkg.version}: TypeScript ${evaluator.compiler.typescriptVersion} (tslab ${evaluator.compiler.tslabVersion}) on Node ${process.version}\nlibrary: ${options.root}`,
      help_links: [],
    });
  }

  function shutdown(request: Request): void {
    const restart = Boolean((request.message.content as { restart?: boolean }).restart);
    send(request, "shutdown_reply", { status: "ok", restart });
    // The reply is queued on a zeromq socket: give it a moment to leave before the process ends.
    setTimeout(() => process.exit(0), 200);
  }

  /**
   * A request whose header is valid but whose content is not what its type says (validate.contentProblem): answered
   * with an error reply naming the field when the type has a reply, else logged and dropped.
   */
  function refuse(request: Request, problem: string): void {
    const type = request.message.header.msg_type;
    kernelLog(`emtd kernel: refused a ${oneLine(type, 80)}: ${problem}\n`);
    if (!type.endsWith("_request")) return;
    const failed = { status: "error", ename: "InvalidRequest", evalue: `${type}: ${problem}`, traceback: [] };
    send(
      request,
      type.replace(/_request$/, "_reply"),
      type === "execute_request" ? { ...failed, execution_count: executionCount } : failed,
    );
  }

  async function handle(request: Request): Promise<void> {
    const { message } = request;
    const type = message.header.msg_type;
    const problem = contentProblem(type, message.content);
    if (type === "shutdown_request" && !problem) return shutdown(request);
    publish(message, "status", { execution_state: "busy" });
    try {
      const content = message.content as { code: string; cursor_pos: number };
      if (problem) return refuse(request, problem);
      switch (type) {
        case "execute_request":
          await execute(request);
          break;
        case "kernel_info_request":
          kernelInfo(request);
          break;
        case "complete_request": {
          const c = evaluator.complete(content.code, content.cursor_pos);
          send(request, "complete_reply", { status: "ok", matches: c.matches, cursor_start: c.start, cursor_end: c.end, metadata: {} });
          break;
        }
        case "inspect_request": {
          const text = evaluator.inspect(content.code, content.cursor_pos);
          send(request, "inspect_reply", {
            status: "ok",
            found: text !== null,
            data: text === null ? {} : { "text/plain": text },
            metadata: {},
          });
          break;
        }
        case "is_complete_request":
          send(request, "is_complete_reply", evaluator.isComplete(content.code));
          break;
        case "history_request":
          send(request, "history_reply", { status: "ok", history: [] });
          break;
        case "comm_info_request":
          send(request, "comm_info_reply", {
            status: "ok",
            comms: comms.info((message.content as { target_name?: string }).target_name, message.header.session),
          });
          break;
        case "comm_open":
        case "comm_msg":
        case "comm_close": {
          // A handler's output (an observer's print) goes to the front end under the comm message.
          const previous = outputParent;
          outputParent = message;
          comms.receive(message);
          flushStreams();
          outputParent = previous;
          break;
        }
        case "interrupt_request":
          interrupted();
          send(request, "interrupt_reply", { status: "ok" });
          break;
        default:
          kernelLog(`emtd kernel: unsupported message type ${oneLine(JSON.stringify(type), 120)}\n`);
      }
    } catch (error) {
      // A fault of the kernel itself (or a display method that throws): the request still gets its reply.
      const failed = {
        ename: "KernelError",
        evalue: `${type} failed: ${(error as Error)?.message ?? String(error)}`,
        traceback: [String((error as Error)?.stack ?? error)],
      };
      if (type === "execute_request") {
        publish(message, "error", failed);
        send(request, "execute_reply", { status: "error", execution_count: executionCount, ...failed });
      } else kernelLog(`emtd kernel: ${failed.evalue}\n`);
    } finally {
      flushStreams();
      publish(message, "status", { execution_state: "idle" });
    }
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) await handle(next);
    } finally {
      running = false;
    }
  }

  function accept(frames: Buffer[], socket: object, onRequest: (request: Request) => void): void {
    let message: Message;
    try {
      message = decode(frames, key);
    } catch (error) {
      kernelLog(`emtd kernel: dropped a message: ${oneLine((error as Error).message)}\n`);
      return;
    }
    onRequest({ message, ids: routingIds(frames), socket });
  }
  const receive = async (socket: zmq.Router, onRequest: (request: Request) => void) => {
    for await (const frames of socket) accept(frames as Buffer[], socket, onRequest);
  };
  // Shell requests run one at a time in arrival order; control requests at once (interrupt, shutdown, info).
  void receive(shell, (request) => {
    queue.push(request);
    void pump();
  });
  void (async () => {
    for await (const frames of hb) await hb.send(frames);
  })();
}

/**
 * A small Jupyter client over ZeroMQ (the `zeromq` package tslab itself uses): it launches a kernel from its
 * kernelspec argv with a fresh connection file, and executes code, collecting what the kernel publishes.
 *
 * One reader loop per socket; replies on shell and outputs on iopub are matched to their request by
 * `parent_header.msg_id`; every message is signed and checked with HMAC-SHA256. A request is complete when both
 * its `execute_reply` and its iopub `status: idle` have arrived, so no output is lost to a race between sockets.
 * Why not spawnteract / enchannel-zmq-backend: the first pins execa 0.10 and uuid 3 and finds kernels through a
 * Python Jupyter's paths; the second brings rxjs 6 and 7 and immutable for an observable API; what is needed here
 * (launch one kernel, run cells in order, collect outputs) is the ~200 lines below.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type * as zmq from "zeromq";
import type { KernelSpec } from "./spec";
import { decode, encode, type Message, reply, request } from "./wire";

/** A message the kernel published on iopub for one request (stream, display_data, update_display_data, …). */
export interface Published {
  msg_type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- message contents are JSON of many shapes (Jupyter protocol 5.3)
  content: Record<string, any>;
  /** The message's own (header-level) metadata: a widget comm_open's protocol `version` is there. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON
  metadata?: Record<string, any>;
}

/**
 * The kernel did not answer a request in time (a hung cell: past the runner's --cell-timeout).
 *
 * @example
 * ```ts
 * const e = new KernelTimeout("execute_request", 600);
 * console.log(e.message); // → emtd/jupyter: no answer to execute_request within 600 s
 * ```
 */
export class KernelTimeout extends Error {
  override name = "KernelTimeout";
  constructor(
    readonly msgType: string,
    readonly seconds: number,
  ) {
    super(`emtd/jupyter: no answer to ${msgType} within ${seconds} s`);
  }
}

/**
 * The kernel process ended while a request was pending (a cell called process.exit, crashed, or ran out of memory).
 *
 * @example
 * ```ts
 * const e = new KernelExited("kernel exited with code 1", "RangeError: out of memory");
 * console.log(e.message); // → emtd/jupyter: kernel exited with code 1: RangeError: out of memory
 * ```
 */
export class KernelExited extends Error {
  override name = "KernelExited";
  constructor(
    readonly how: string,
    readonly lastLog: string,
  ) {
    super(`emtd/jupyter: ${how}${lastLog ? `: ${lastLog}` : ""}`);
  }
}

export interface ExecuteResult {
  /** The execute_reply status ("abort": skipped because an earlier request failed). */
  status: "ok" | "error" | "abort";
  executionCount: number | null;
  /** iopub messages in arrival order, `status` messages excluded. */
  published: Published[];
  seconds: number;
}

export interface StartOptions {
  /** Working directory of the kernel (Jupyter uses the notebook's folder). */
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** How long the kernel may take to answer kernel_info. Default 60 s. */
  startTimeoutMs?: number;
}

interface Pending {
  reply?: Message;
  /** False for messages the kernel does not answer on shell (comm_open, comm_msg, comm_close): idle ends them. */
  needsReply: boolean;
  idle: boolean;
  published: Published[];
  done: () => void;
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kernels this process started and has not shut down. The kernel treats SIGINT as "interrupt the cell" and keeps
 * running, so a Ctrl-C on the runner would orphan them: on exit or on SIGINT/SIGTERM they are killed.
 */
const live = new Set<ChildProcess>();
let guarded = false;
function guardChildren(): void {
  if (guarded) return;
  guarded = true;
  const killAll = () => live.forEach((child) => child.kill("SIGKILL"));
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}

/**
 * A client for one kernel process over ZeroMQ (Jupyter messaging protocol 5.3): `start` launches the kernel and
 * waits for `kernel_info`, `execute` runs one cell and collects what it published on iopub, `shutdown` stops it.
 * Errors: {@link KernelTimeout} when a request is not answered in time, {@link KernelExited} when the process ends.
 *
 * It starts a kernel process, so there is no runnable example; {@link executeNotebook} uses it like this:
 * ```text
 * const kernel = await KernelClient.start(kernelSpec(), { cwd: "notebooks" });
 * const result = await kernel.execute("6 * 7"); // { status: "ok", executionCount: 1, published: [execute_result …], seconds }
 * kernel.onInput((prompt) => "0.5"); // cells' input() prompts are answered (execute sends allow_stdin: true)
 * const running = kernel.execute("while (true) {}");
 * await kernel.interrupt(); // running resolves { status: "error", … ename "Interrupted" }
 * await kernel.shutdown();
 * ```
 */
export class KernelClient {
  private readonly pending = new Map<string, Pending>();
  private readonly session = randomUUID();
  private exited: string | null = null;
  private log = "";
  private readonly iopubListeners = new Set<(message: Message) => void>();
  private answer: ((prompt: string, password: boolean) => string | Promise<string>) | null = null;
  private readonly controlReplies = new Map<string, (message: Message) => void>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly key: string,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly stdin: zmq.Dealer,
    private readonly directory: string,
    private readonly interruptMode: "signal" | "message",
  ) {
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-4000);
    };
    process.stdout?.on("data", keep);
    process.stderr?.on("data", keep);
    live.add(process);
    guardChildren();
    process.once("exit", (code, signal) => {
      live.delete(process);
      this.exited = `kernel exited (${signal ?? `code ${code}`})`;
      for (const p of this.pending.values()) p.done();
    });
    void this.readLoop(shell, (message) => {
      const p = this.pending.get(message.parent_header.msg_id ?? "");
      if (!p) return;
      p.reply = message;
      if (p.idle) p.done();
    });
    void this.readLoop(control, (message) => this.controlReplies.get(message.parent_header.msg_id ?? "")?.(message));
    void this.readLoop(stdin, (message) => void this.answerPrompt(message));
    void this.readLoop(iopub, (message) => {
      for (const listener of this.iopubListeners) listener(message);
      const p = this.pending.get(message.parent_header.msg_id ?? "");
      if (!p) return;
      if (message.header.msg_type === "status") {
        if (message.content.execution_state === "idle") {
          p.idle = true;
          if (p.reply || !p.needsReply) p.done();
        }
        return;
      }
      p.published.push({ msg_type: message.header.msg_type, content: message.content, metadata: message.metadata });
    });
  }

  /** Launch a kernel from `spec` and wait until it answers on shell and iopub. Call {@link shutdown} after. */
  static async start(spec: KernelSpec, options: StartOptions): Promise<KernelClient> {
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = await freePorts(5);
    const key = randomBytes(32).toString("hex");
    const directory = mkdtempSync(path.join(tmpdir(), "emtd-kernel-"));
    const connectionFile = path.join(directory, "connection.json");
    const connection = {
      transport: "tcp",
      ip: "127.0.0.1",
      key,
      signature_scheme: "hmac-sha256",
      kernel_name: "emtd",
      shell_port: shellPort,
      iopub_port: iopubPort,
      stdin_port: stdinPort,
      control_port: controlPort,
      hb_port: hbPort,
    };
    writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });
    const argv = spec.argv.map((a) => a.replace("{connection_file}", connectionFile));
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    // zeromq is loaded here, not at import: the `emtd` command loads this module but most of its commands start no kernel.
    const { Dealer, Subscriber } = require("zeromq") as typeof zmq;
    const shell = new Dealer({ linger: 0 });
    const control = new Dealer({ linger: 0 });
    const iopub = new Subscriber({ linger: 0 });
    // The kernel sends a cell's input_request to the identity that sent its execute_request (as jupyter_client does).
    const identity = randomUUID();
    shell.routingId = identity;
    const stdin = new Dealer({ linger: 0, routingId: identity });
    shell.connect(`tcp://127.0.0.1:${shellPort}`);
    stdin.connect(`tcp://127.0.0.1:${stdinPort}`);
    control.connect(`tcp://127.0.0.1:${controlPort}`);
    iopub.connect(`tcp://127.0.0.1:${iopubPort}`);
    iopub.subscribe();
    const client = new KernelClient(child, key, shell, control, iopub, stdin, directory, spec.interrupt_mode ?? "signal");
    try {
      await client.waitReady(options.startTimeoutMs ?? 60_000);
    } catch (error) {
      await client.shutdown();
      throw error;
    }
    return client;
  }

  /** Why the kernel process died, from what it wrote outside any cell: V8's fatal error line, an error line, else its last line. */
  private lastLogLine(): string {
    const lines = this.log
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    // Node ends a fatal exception with its version line: the error line above it says why.
    return (
      lines.find((l) => l.startsWith("FATAL ERROR")) ??
      lines.find((l) => /^(Uncaught\s+)?\w*(Error|Exception)\b.*:/.test(l)) ??
      lines.pop() ??
      ""
    );
  }

  /** Output the kernel process wrote outside any cell (the last 4000 characters). */
  get processLog(): string {
    return this.log;
  }

  private async readLoop(socket: zmq.Dealer | zmq.Subscriber, handle: (message: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: Message;
        try {
          message = decode(frames as Buffer[], this.key);
        } catch {
          continue; // unsigned or malformed: ignored, as the spec requires
        }
        handle(message);
      }
    } catch {
      // the socket was closed
    }
  }

  /** kernel_info until iopub answers too: a SUB socket drops what is published before it has joined. */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`emtd/jupyter: ${this.exited} while starting: ${this.log.trim().split("\n").pop() ?? ""}`);
      try {
        await this.send("kernel_info_request", {}, 1000);
        return;
      } catch {
        // not yet: try again
      }
    }
    throw new Error(`emtd/jupyter: the kernel did not answer within ${timeoutMs / 1000} s`);
  }

  private async send(
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs: number,
    onSent?: (id: string) => void,
  ): Promise<Pending> {
    const message = request(msgType, content, this.session);
    const id = message.header.msg_id;
    onSent?.(id);
    let timer: NodeJS.Timeout | undefined;
    const needsReply = !/^comm_(open|msg|close)$/.test(msgType);
    const finished = new Promise<Pending>((resolve, reject) => {
      const p: Pending = {
        needsReply,
        idle: false,
        published: [],
        done: () =>
          this.exited && !((p.reply || !p.needsReply) && p.idle) ? reject(new KernelExited(this.exited, this.lastLogLine())) : resolve(p),
      };
      this.pending.set(id, p);
      timer = setTimeout(() => reject(new KernelTimeout(msgType, timeoutMs / 1000)), timeoutMs);
    });
    try {
      await this.shell.send(encode(message, this.key));
      return await finished;
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  /** Execute `code`; resolves when the reply and the idle status have both arrived. */
  async execute(code: string, timeoutMs = 600_000): Promise<ExecuteResult> {
    const started = performance.now();
    const p = await this.send(
      "execute_request",
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: this.answer !== null, stop_on_error: true },
      timeoutMs,
    );
    const content = p.reply!.content as { status: ExecuteResult["status"]; execution_count?: number };
    return {
      status: content.status,
      executionCount: content.execution_count ?? null,
      published: p.published,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * Send any shell request as a front end would (comm_open, comm_msg, comm_info_request, …); resolves when it is
   * answered (comm messages have no reply: when the kernel is idle again) with the reply and what it published.
   */
  async request(
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs = 60_000,
  ): Promise<{ msgId: string; reply: Record<string, unknown> | null; published: Published[] }> {
    let msgId = "";
    const p = await this.send(msgType, content, timeoutMs, (id) => (msgId = id));
    return { msgId, reply: (p.reply?.content as Record<string, unknown>) ?? null, published: p.published };
  }

  /**
   * Answer cells' `input()` prompts with `answer(prompt, password)` (its value goes back as `input_reply`); from now
   * on `execute` sends `allow_stdin: true`. `null` stops answering (cells' input() then fails: stdin not allowed).
   */
  onInput(answer: ((prompt: string, password: boolean) => string | Promise<string>) | null): void {
    this.answer = answer;
  }

  private async answerPrompt(message: Message): Promise<void> {
    if (message.header.msg_type !== "input_request" || !this.answer) return;
    const { prompt, password } = message.content as { prompt?: string; password?: boolean };
    const value = await this.answer(String(prompt ?? ""), Boolean(password));
    await this.stdin.send(encode(reply(message, "input_reply", { value }, this.session), this.key));
  }

  /**
   * Interrupt the running cell as Jupyter does, per the kernelspec's `interrupt_mode`: `interrupt_request` on the
   * control channel (resolves with its reply), or SIGINT to the kernel process (`signal`, the spec's default).
   */
  async interrupt(timeoutMs = 10_000): Promise<void> {
    if (this.exited) throw new KernelExited(this.exited, this.lastLogLine());
    if (this.interruptMode === "signal") {
      this.process.kill("SIGINT");
      return;
    }
    const message = request("interrupt_request", {}, this.session);
    const answered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KernelTimeout("interrupt_request", timeoutMs / 1000)), timeoutMs);
      this.controlReplies.set(message.header.msg_id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await this.control.send(encode(message, this.key));
      await answered;
    } finally {
      this.controlReplies.delete(message.header.msg_id);
    }
  }

  /** Call `listener` with every iopub message (also those of finished requests: a widget's later updates); returns a stop function. */
  onIopub(listener: (message: Message) => void): () => void {
    this.iopubListeners.add(listener);
    return () => this.iopubListeners.delete(listener);
  }

  /** shutdown_request on control, then SIGTERM/SIGKILL if the kernel lingers; closes the sockets. */
  async shutdown(): Promise<void> {
    if (!this.exited) {
      try {
        await this.control.send(encode(request("shutdown_request", { restart: false }, this.session), this.key));
      } catch {
        // the socket may be gone
      }
      for (let i = 0; i < 30 && !this.exited; i++) await delay(100);
      if (!this.exited) this.process.kill("SIGTERM");
      for (let i = 0; i < 20 && !this.exited; i++) await delay(100);
      if (!this.exited) this.process.kill("SIGKILL");
    }
    for (const socket of [this.shell, this.control, this.iopub, this.stdin]) socket.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

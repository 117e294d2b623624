/**
 * An emtd kernel under fire, watched by a standard front end: the kernel (start-kernel, this tree's code) on a
 * fresh connection file; jupyter_client (iopub_listen.py) attached to it, reading every IOPub message as front ends
 * do; and raw ZeroMQ sockets of our own on shell, control and stdin, to send messages no well-behaved client would
 * (signed with the session key, so that they pass the signature check and reach the kernel's validation).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { createInterface } from "node:readline";
import * as zmq from "zeromq";
import { decode, type Message } from "../../src/jupyter/wire";
import { ROOT, scratch, scriptArgs } from "./harness";

export const PYTHON = "/usr/bin/python3";

/** The listener's answer: IOPub messages read, those a front end could not read, and (after a ping) the kernel alive. */
export interface Report {
  iopub: number;
  errors: string[];
  alive?: boolean;
}

export type Channel = "shell" | "control" | "stdin";

export interface Connection {
  key: string;
  ports: Record<"shell" | "iopub" | "stdin" | "control" | "hb", number>;
  file: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A connection file in `dir` with free ports and a fresh key. */
export async function connection(dir: string): Promise<Connection> {
  const key = randomBytes(16).toString("hex");
  const ports = {
    shell: await freePort(),
    iopub: await freePort(),
    stdin: await freePort(),
    control: await freePort(),
    hb: await freePort(),
  };
  const file = path.join(dir, "connection.json");
  writeFileSync(
    file,
    JSON.stringify({
      transport: "tcp",
      ip: "127.0.0.1",
      key,
      signature_scheme: "hmac-sha256",
      shell_port: ports.shell,
      iopub_port: ports.iopub,
      stdin_port: ports.stdin,
      control_port: ports.control,
      hb_port: ports.hb,
    }),
  );
  return { key, ports, file };
}

/** Frames of a message whose four parts are given as raw bytes, signed with `key` (a part need not be JSON). */
export function signedFrames(key: string, parts: readonly Buffer[]): Buffer[] {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return [Buffer.from("<IDS|MSG>"), Buffer.from(hmac.digest("hex")), ...parts];
}

/** The front end (jupyter_client) attached to `conn`: one command at a time, one JSON report each. */
export class Listener {
  private readonly lines: AsyncIterator<string>;
  constructor(private readonly child: ChildProcess) {
    this.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  }
  static start(conn: Connection): Listener {
    // Beside this file when it was copied there (a scratch build), else in the checkout's test/fuzz.
    const script = [path.join(__dirname, "iopub_listen.py"), path.join(ROOT, "test", "fuzz", "iopub_listen.py")].find((f) =>
      existsSync(f),
    )!;
    const child = spawn(PYTHON, [script, conn.file], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    });
    child.stderr!.on("data", () => {}); // jupyter_client's warnings: not the listener's report
    return new Listener(child);
  }
  async ask(command: "ping" | "report", timeoutMs = 90_000): Promise<Report> {
    this.child.stdin!.write(`${command}\n`);
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the listener did not answer ${command}`)), timeoutMs).unref(),
    );
    const next = await Promise.race([this.lines.next(), timer]);
    if (next.done) throw new Error("the listener (jupyter_client) exited");
    return JSON.parse(next.value) as Report;
  }
  stop(): void {
    this.child.stdin!.end("exit\n");
    setTimeout(() => this.child.kill("SIGKILL"), 2000).unref();
  }
}

/** A kernel started from this tree, a listener on it, and our own sockets to send it anything. */
export class FuzzKernel {
  private constructor(
    readonly conn: Connection,
    private readonly kernel: ChildProcess,
    readonly listener: Listener,
    private readonly sockets: Record<Channel, zmq.Dealer>,
    private readonly remove: () => void,
    readonly log: { text: string },
  ) {}

  /**
   * `planted`: the kernel runs without its message validation (start-kernel --planted), for the planted-defect test.
   * The ports are free when chosen but another test may bind one before the kernel does (tests run in parallel):
   * then the kernel says "Address already in use" and it starts again on fresh ports, three times at most.
   */
  static async start(options: { planted?: boolean } = {}): Promise<FuzzKernel> {
    for (let attempt = 1; ; attempt++) {
      const fuzz = await FuzzKernel.startOnce(options);
      if (typeof fuzz !== "string") return fuzz;
      if (!fuzz.includes("Address already in use") || attempt === 3)
        throw new Error(`the kernel did not answer kernel_info: ${fuzz.slice(-2000)}`);
    }
  }

  /** One start: the kernel, or its log when it did not answer. */
  private static async startOnce(options: { planted?: boolean }): Promise<FuzzKernel | string> {
    const { dir, remove } = scratch("kernel");
    const conn = await connection(dir);
    const log = { text: "" };
    const args = [...scriptArgs("start-kernel"), conn.file, ...(options.planted ? ["--planted"] : [])];
    const kernel = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (d: Buffer) => (log.text = (log.text + d.toString()).slice(-20_000));
    kernel.stdout!.on("data", keep);
    kernel.stderr!.on("data", keep);
    const identity = Buffer.from(randomUUID());
    const sockets = {} as Record<Channel, zmq.Dealer>;
    for (const channel of ["shell", "control", "stdin"] as const) {
      sockets[channel] = new zmq.Dealer({ routingId: identity.toString(), linger: 0 });
      sockets[channel].connect(`tcp://127.0.0.1:${conn.ports[channel]}`);
    }
    const fuzz = new FuzzKernel(conn, kernel, Listener.start(conn), sockets, remove, log);
    const first = await fuzz.listener.ask("ping", 120_000);
    if (first.alive) return fuzz;
    await fuzz.stop();
    return log.text;
  }

  get exited(): boolean {
    return this.kernel.exitCode !== null || this.kernel.signalCode !== null;
  }

  /** Send four raw parts, signed, on `channel`. */
  async send(channel: Channel, parts: readonly Buffer[]): Promise<void> {
    await this.sockets[channel].send(signedFrames(this.conn.key, parts));
  }

  /** The next message on `channel` that answers `msgId` (other replies are skipped), within `timeoutMs`. */
  async reply(channel: Channel, msgId: string, timeoutMs = 30_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply to ${msgId} on ${channel}`);
      this.sockets[channel].receiveTimeout = left;
      const message = decode((await this.sockets[channel].receive()) as Buffer[], this.conn.key);
      if (message.parent_header.msg_id === msgId) return message;
    }
  }

  async stop(): Promise<void> {
    this.listener.stop();
    for (const socket of Object.values(this.sockets)) socket.close();
    this.kernel.kill("SIGKILL");
    await new Promise((resolve) => (this.exited ? resolve(null) : this.kernel.once("exit", resolve)));
    this.remove();
  }
}

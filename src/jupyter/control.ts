/**
 * The control channel on its own thread, so that `interrupt_request` is read while a cell holds the main thread.
 * The worker owns the control ROUTER socket: it answers interrupts itself and hands every other control request to
 * the kernel (and sends the kernel's replies). How it stops the cell depends on what the main thread runs, which
 * the evaluator writes to shared memory ({@link setCellPhase}):
 * - the synchronous part of a cell (inside `vm.runInThisContext` with `breakOnSigint`): SIGINT to the process, which
 *   vm turns into an error in the cell;
 * - a cell awaiting: the kernel is told by a message (it rejects the await), and if the main thread does not take
 *   the message within {@link BUSY_AFTER_MS} it is busy in the cell's code after an await (`await x; while (true) {}`, where no
 *   SIGINT handler can run). Only with `EMTD_KERNEL_TERMINATE=1` does the worker then end that JavaScript run through
 *   the inspector (`Runtime.terminateExecution`; V8 cancels the termination when the run ends) and tell the kernel
 *   again. It stops the loop (0.13–0.23 s measured) but V8 drops every queued microtask with it, the kernel's own
 *   included: in the conformance suite a kernel so interrupted later hung or answered an interrupt in 4.6 s. Off by
 *   default, such a loop runs on (restart the kernel).
 * Measured in test/jupyter/test_emtd_kernel.py (interrupt tests).
 */
import * as inspector from "node:inspector";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { decode, encode, type Message, reply, routingIds } from "./wire";

/** Shared Int32 slots: what the main thread runs, and a counter it bumps when it takes an interrupt notice. */
const PHASE = 0;
const ACK = 1;
const CLOSED = 2;
export const IDLE = 0;
export const SYNC = 1;
export const ASYNC = 2;
/**
 * How long an awaiting kernel may take to read an interrupt notice before it is taken for busy. Ending a run that
 * was not busy would end the next JavaScript run instead (a timer, a message): the margin is for a loaded machine.
 */
const BUSY_AFTER_MS = 250;
type Phase = typeof IDLE | typeof SYNC | typeof ASYNC;

const state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));

/** What the main thread runs now: nothing, a cell's synchronous part, or an awaiting cell. */
export function setCellPhase(phase: Phase): void {
  Atomics.store(state, PHASE, phase);
}

interface WorkerData {
  emtdControl: true;
  /** End a busy run after an await through the inspector (EMTD_KERNEL_TERMINATE=1; see the module comment). */
  terminate: boolean;
  address: string;
  key: string;
  session: string;
  state: Int32Array;
}

type ToWorker = { type: "send"; frames: Uint8Array[] } | { type: "close" };
type FromWorker =
  { type: "bound" } | { type: "request"; frames: Uint8Array[] } | { type: "interrupt"; message: Message } | { type: "error"; text: string };

export interface ControlChannel {
  /** Send frames on the control socket (replies to control requests). */
  send(frames: Buffer[]): void;
}

export interface ControlHandlers {
  /** A control request other than interrupt (its frames as received). */
  onRequest(frames: Buffer[]): void;
  /** An interrupt_request arrived: stop what the cell awaits (the worker has already stopped a busy cell). */
  onInterrupt(message: Message): void;
  log(text: string): void;
}

/**
 * Bind the control socket at `address` on a worker thread; resolves once it is bound. `process.exit` is wrapped to
 * close the worker's socket first (a ZeroMQ socket left open in a worker aborts the process at exit).
 */
export async function startControl(address: string, key: string, session: string, handlers: ControlHandlers): Promise<ControlChannel> {
  const data: WorkerData = { emtdControl: true, terminate: process.env.EMTD_KERNEL_TERMINATE === "1", address, key, session, state };
  const worker = new Worker(__filename, { workerData: data });
  const bound = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: FromWorker) => {
      if (m.type === "bound") resolve();
      else if (m.type === "request") handlers.onRequest(m.frames.map((f) => Buffer.from(f)));
      else if (m.type === "interrupt") {
        Atomics.add(state, ACK, 1);
        Atomics.notify(state, ACK);
        handlers.onInterrupt(m.message);
      } else handlers.log(m.text);
    });
  });
  await bound;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    worker.postMessage({ type: "close" } satisfies ToWorker);
    Atomics.wait(state, CLOSED, 0, 1000);
    return exit(code);
  }) as typeof process.exit;
  return { send: (frames) => worker.postMessage({ type: "send", frames } satisfies ToWorker) };
}

/** Stop the running cell from this thread: see the module comment. */
async function interrupt(port: NonNullable<typeof parentPort>, shared: Int32Array, message: Message, terminate: boolean): Promise<void> {
  const phase = Atomics.load(shared, PHASE);
  if (phase === SYNC) process.kill(process.pid, "SIGINT");
  const seen = Atomics.load(shared, ACK);
  port.postMessage({ type: "interrupt", message } satisfies FromWorker);
  if (
    !terminate ||
    phase !== ASYNC ||
    Atomics.wait(shared, ACK, seen, BUSY_AFTER_MS) !== "timed-out" ||
    Atomics.load(shared, PHASE) !== ASYNC
  )
    return;
  const session = new inspector.Session();
  session.connectToMainThread();
  try {
    await new Promise<void>((resolve, reject) =>
      session.post("Runtime.terminateExecution", (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    session.disconnect();
  }
  // The first notice may have been the run that was ended: tell the kernel again.
  port.postMessage({ type: "interrupt", message } satisfies FromWorker);
}

async function serve(port: NonNullable<typeof parentPort>, data: WorkerData): Promise<void> {
  const socket = new zmq.Router();
  await socket.bind(data.address);
  let sending: Promise<unknown> = Promise.resolve();
  const send = (frames: Buffer[]) => {
    sending = sending
      .then(() => socket.send(frames))
      .catch((error: Error) => port.postMessage({ type: "error", text: `emtd kernel: control send failed: ${error.message}\n` }));
  };
  port.on("message", (m: ToWorker) => {
    if (m.type === "send") send(m.frames.map((f) => Buffer.from(f)));
    else
      void sending.then(() => {
        socket.close();
        Atomics.store(data.state, CLOSED, 1);
        Atomics.notify(data.state, CLOSED);
        port.close();
      });
  });
  port.postMessage({ type: "bound" } satisfies FromWorker);
  try {
    for await (const frames of socket) {
      let message: Message | null = null;
      try {
        message = decode(frames as Buffer[], data.key);
      } catch {
        // the kernel reports it
      }
      if (message?.header.msg_type !== "interrupt_request") {
        port.postMessage({ type: "request", frames } satisfies FromWorker);
        continue;
      }
      try {
        await interrupt(port, data.state, message, data.terminate);
      } catch (error) {
        port.postMessage({ type: "error", text: `emtd kernel: interrupt failed: ${(error as Error).message}\n` });
      }
      send(encode(reply(message, "interrupt_reply", { status: "ok" }, data.session), data.key, routingIds(frames as Buffer[])));
    }
  } catch {
    // the socket was closed
  }
}

if (!isMainThread && parentPort && (workerData as WorkerData | undefined)?.emtdControl) void serve(parentPort, workerData as WorkerData);

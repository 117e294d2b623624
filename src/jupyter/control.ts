/**
 * The control channel on its own thread, so that `interrupt_request` is read while a cell holds the main thread.
 * The worker owns the control ROUTER socket: it answers interrupts itself and hands every other control request to
 * the kernel (and sends the kernel's replies). While a cell runs (the evaluator writes its phase to shared memory,
 * {@link setCellPhase}), an interrupt is two things:
 * - a notice to the kernel, which rejects what the cell awaits (a promise, an `input()`); a notice that reaches the
 *   kernel after the cell it was meant for has ended is dropped (each cell has a number);
 * - SIGINT to the process, which ends the JavaScript the cell is running: its synchronous part, and every step of its
 *   async functions after an await, since both run inside `vm` with `breakOnSigint` (steps.ts). Node turns it into
 *   ERR_SCRIPT_EXECUTION_INTERRUPTED in the cell, and the kernel's own queued work runs on.
 * A front end whose kernelspec says `interrupt_mode: "signal"` sends the SIGINT itself: it has the same effect.
 * (An earlier design ended a busy run through the inspector, `Runtime.terminateExecution`, behind
 * EMTD_KERNEL_TERMINATE=1: V8 then drops every queued microtask, the kernel's own too, and the kernel could hang. It
 * is gone, and the variable with it.)
 * Measured in test/jupyter/test_emtd_kernel.py and test/integration/jupyter/jupyter.test.ts (interrupt tests).
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { decode, encode, type Message, reply, routingIds } from "./wire";

/**
 * Shared Int32 slots: what the main thread runs, the number of the running cell, the worker's socket closed,
 * whether a step of the cell's async code runs now (steps.ts), and the last cell an interrupt was sent for.
 */
const PHASE = 0;
const CELL = 1;
const CLOSED = 2;
const STEP = 3;
const REQUESTED = 4;
export const IDLE = 0;
export const SYNC = 1;
export const ASYNC = 2;
/** A cell accepted (its execute_input published) that does not run yet: it is being compiled. */
export const PENDING = 3;
type Phase = typeof IDLE | typeof SYNC | typeof ASYNC | typeof PENDING;

const state = new Int32Array(new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT));

/** Whether a step of the cell's async code runs now (inside its vm run, steps.ts): SIGINT can end it then. */
export function setStepRunning(running: boolean): void {
  Atomics.store(state, STEP, running ? 1 : 0);
}

/** What the main thread runs now: nothing, a cell before it runs, its synchronous part, or an awaiting cell. */
export function setCellPhase(phase: Phase): void {
  if (phase !== IDLE && Atomics.load(state, PHASE) === IDLE) Atomics.add(state, CELL, 1);
  Atomics.store(state, PHASE, phase);
}

/**
 * Whether an interrupt was sent for the cell now running. Read once its phase is SYNC: an interrupt that arrived
 * while it was PENDING (compiling; measured to take over 0.5 s on a loaded machine) stops it before it runs. Either
 * the control thread stored the request before this read, or it read SYNC after and sends SIGINT (interrupt below).
 */
export function interruptRequested(): boolean {
  return Atomics.load(state, REQUESTED) === Atomics.load(state, CELL);
}

interface WorkerData {
  emtdControl: true;
  address: string;
  key: string;
  session: string;
  state: Int32Array;
}

type ToWorker = { type: "send"; frames: Uint8Array[] } | { type: "close" };
type FromWorker =
  | { type: "bound" }
  | { type: "request"; frames: Uint8Array[] }
  | { type: "interrupt"; message: Message; cell: number }
  | { type: "error"; text: string };

export interface ControlChannel {
  /** Send frames on the control socket (replies to control requests). */
  send(frames: Buffer[]): void;
}

export interface ControlHandlers {
  /** A control request other than interrupt (its frames as received). */
  onRequest(frames: Buffer[]): void;
  /** An interrupt_request arrived while a cell runs: stop what it awaits (SIGINT stops what it runs). */
  onInterrupt(message: Message): void;
  log(text: string): void;
}

/**
 * Bind the control socket at `address` on a worker thread; resolves once it is bound. `process.exit` is wrapped to
 * close the worker's socket first (a ZeroMQ socket left open in a worker aborts the process at exit).
 */
export async function startControl(address: string, key: string, session: string, handlers: ControlHandlers): Promise<ControlChannel> {
  const data: WorkerData = { emtdControl: true, address, key, session, state };
  const worker = new Worker(__filename, { workerData: data });
  const bound = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: FromWorker) => {
      if (m.type === "bound") resolve();
      else if (m.type === "request") handlers.onRequest(m.frames.map((f) => Buffer.from(f)));
      else if (m.type === "interrupt") {
        // Only for the cell it was sent for: a late notice must not stop the next cell.
        if (Atomics.load(state, PHASE) !== IDLE && Atomics.load(state, CELL) === m.cell) handlers.onInterrupt(m.message);
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

/**
 * Stop the running cell from this thread: see the module comment. Idle, there is nothing to stop. A cell not yet
 * running (PENDING) is marked, and its evaluator does not start it ({@link interruptRequested}). SIGINT only while
 * the cell runs JavaScript (its synchronous part, or a step of its async code): a cell that only awaits is ended by
 * the notice, and a signal sent then was measured to arrive late enough, now and then, to stop the next cell
 * (3 of 8 cells after an interrupted `await new Promise(() => {})`).
 */
function interrupt(port: NonNullable<typeof parentPort>, shared: Int32Array, message: Message): void {
  if (Atomics.load(shared, PHASE) === IDLE) return;
  const cell = Atomics.load(shared, CELL);
  Atomics.store(shared, REQUESTED, cell);
  const phase = Atomics.load(shared, PHASE);
  if (phase === SYNC || Atomics.load(shared, STEP) === 1) process.kill(process.pid, "SIGINT");
  port.postMessage({ type: "interrupt", message, cell } satisfies FromWorker);
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
        interrupt(port, data.state, message);
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

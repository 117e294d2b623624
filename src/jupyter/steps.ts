/**
 * Async functions of a cell, run one step at a time inside `vm` with `breakOnSigint`, so that an interrupt stops a
 * cell busy after an `await` (`await sleep(10); while (true) {}`) as it stops a synchronous one.
 *
 * Why: after an await, a cell's code runs as a microtask of the event loop, outside any `vm` run, where neither
 * a SIGINT handler nor vm's watchdog can reach it. V8 can end it only by terminating the execution, which also drops
 * every microtask queued behind it, the kernel's own included (measured: a queued `then` never runs; the kernel then
 * hangs on a lost continuation). A termination *inside* a `vm` run is different: Node cancels it at the run's
 * boundary and throws ERR_SCRIPT_EXECUTION_INTERRUPTED there, and the rest of the microtask queue runs (measured on
 * Node 20). So the cell's async functions are compiled to generators (TypeScript's own ES2017/ES2018 transforms,
 * compiler.ts) driven by {@link stepAwaiter}, which resumes each step through a tiny `vm` script with
 * `breakOnSigint`: a SIGINT (sent by the control thread, or by a front end whose kernelspec says `signal`) ends the
 * step, and the async function rejects with the interrupt.
 *
 * Only code the cell itself compiles is stepped: a busy stretch inside a library's own async function after its own
 * await still runs on (the cell is reported interrupted when that stretch yields).
 */
import * as vm from "node:vm";
import { setStepRunning } from "./control";

const STEP = Symbol.for("emtd.kernel.step");
const stepScript = new vm.Script(`globalThis[Symbol.for("emtd.kernel.step")]()`);
let next: (() => IteratorResult<unknown>) | null = null;
(globalThis as Record<symbol, unknown>)[STEP] = () => {
  const step = next!;
  next = null;
  return step();
};

/** Cells running now that hold the watchdog ({@link holdSigint}). */
let holding = 0;

/**
 * Resume `generator` with `method(value)` inside a vm run that SIGINT can end, while a cell runs; outside one (a
 * widget's callback between cells) there is nothing to interrupt, and a run of its own would cost 60–110 µs a step.
 */
function resume(generator: Generator, method: "next" | "throw", value: unknown): IteratorResult<unknown> {
  if (holding === 0) return generator[method](value);
  next = () => generator[method](value);
  setStepRunning(true); // the control thread sends SIGINT only while JavaScript of the cell runs (control.ts)
  try {
    return stepScript.runInThisContext({ breakOnSigint: true }) as IteratorResult<unknown>;
  } finally {
    setStepRunning(false);
  }
}

/**
 * TypeScript's `__awaiter` helper contract (what the ES2017 transform calls for every async function), with each
 * step run by {@link resume}.
 */
export function stepAwaiter(
  thisArg: unknown,
  args: ArrayLike<unknown> | undefined,
  _promise: unknown,
  body: (...a: unknown[]) => Generator,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const generator = body.apply(thisArg, Array.from(args ?? []));
    const step = (method: "next" | "throw", value: unknown) => {
      let result: IteratorResult<unknown>;
      try {
        result = resume(generator, method, value);
      } catch (error) {
        reject(error);
        return;
      }
      if (result.done) resolve(result.value);
      else
        Promise.resolve(result.value).then(
          (v) => step("next", v),
          (e) => step("throw", e),
        );
    };
    step("next", undefined);
  });
}

/** The helpers a stepped cell reads through `this` (TypeScript's inline helpers take `this.__awaiter` first). */
export const stepHelpers = { __awaiter: stepAwaiter };

interface WatchdogBinding {
  startSigintWatchdog(): boolean;
  stopSigintWatchdog(): boolean;
  watchdogHasPendingSigint(): boolean;
}

/** Node's SIGINT watchdog (what `vm` and the REPL use), or null where this Node does not expose it. */
function watchdogBinding(): WatchdogBinding | null {
  try {
    const binding = (process as unknown as { binding(name: string): Partial<WatchdogBinding> }).binding("contextify");
    return typeof binding.startSigintWatchdog === "function" ? (binding as WatchdogBinding) : null;
  } catch {
    return null;
  }
}
const watchdog = watchdogBinding();

/**
 * Hold Node's SIGINT watchdog for the length of a cell; returns the function that lets it go. Each step's
 * `breakOnSigint` run then only joins the watchdog already held (4 µs a step, against 60–110 µs when every run
 * starts its own thread and sets the process's SIGINT listeners aside: measured on Node 20). The process's SIGINT
 * listeners are set aside meanwhile, as vm does; a SIGINT that comes while no step runs (the cell awaits) is seen
 * by polling and handed to them, so a signal still rejects an await.
 */
export function holdSigint(): () => void {
  const listeners = process.rawListeners("SIGINT") as Array<(signal: NodeJS.Signals) => void>;
  holding++;
  if (!watchdog) return () => void holding--;
  process.removeAllListeners("SIGINT");
  watchdog.startSigintWatchdog();
  let handed = false;
  const poll = setInterval(() => {
    // The flag stays set until the watchdog is let go: hand the signal on once.
    if (handed || !watchdog.watchdogHasPendingSigint()) return;
    handed = true;
    for (const listener of listeners) listener("SIGINT");
  }, 50);
  poll.unref();
  return () => {
    holding--;
    clearInterval(poll);
    watchdog.stopSigintWatchdog();
    for (const listener of listeners) process.on("SIGINT", listener);
  };
}

/**
 * Preloaded (`--require`) into every test file's process that test/support/run-suite.ts starts: the file joins the
 * suite's running files before its own code runs, so that a file declaring resource("exclusive") can wait for the
 * others to finish and they for it (test/support/resources.ts). Only in the runner's own children, on their main
 * thread: the processes and workers a test starts in turn inherit the runner's environment, not its place. At exit
 * it records the file's time and CPU for the runner (test/support/cpu-account.ts).
 */
import { appendFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { processCpu } from "./cpu-account";
import { enterSuite, waited } from "./resources";

if (isMainThread && process.env.EMTD_TEST_RUNNER === String(process.ppid)) {
  enterSuite();
  // The file's wall time less its waits for resources, which the runner keeps to order the next run.
  const times = process.env.EMTD_TEST_TIMES;
  if (times !== undefined) {
    const start = Date.now();
    process.on("exit", () => {
      const line = { file: process.argv[1], seconds: (performance.now() - waited()) / 1000, start, end: Date.now(), ...processCpu() };
      appendFileSync(times, `${JSON.stringify(line)}\n`);
    });
  }
}

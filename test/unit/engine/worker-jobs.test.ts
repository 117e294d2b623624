/**
 * The worker's table of jobs (engine/kernels/threads/worker-jobs): the modules it names register a job for every
 * job kind the pool dispatches, each once, so no kernel's rows reach a worker that cannot run them.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as pool from "../../../src/engine/kernels/threads/pool";
import { JOB_MODULES, registerJobs, registeredKinds } from "../../../src/engine/kernels/threads/worker-jobs";

const THREADS = join(TEST_DIR, "..", "src", "engine", "kernels", "threads");

test("the job modules register one job for every job kind of the pool", () => {
  for (const name of JOB_MODULES) require(join(THREADS, name));
  const kinds = Object.entries(pool)
    .filter(([name]) => name.startsWith("JOB_"))
    .map(([, kind]) => kind as number)
    .sort((a, b) => a - b);
  assert.ok(kinds.length >= 13, `the pool's job kinds were read (${kinds.length})`);
  assert.deepEqual(registeredKinds(), kinds);
});

test("a job kind registered twice is refused", () => {
  assert.throws(() => registerJobs([{ kind: pool.JOB_FUSED, run: () => 0 }]), /job kind 5 is registered twice/);
});

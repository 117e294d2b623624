/**
 * The worker's table of jobs (engine/kernels/threads/worker-jobs): each strategy declares its own job kinds
 * (`jobKind`, beside the code that dispatches them) and the modules the worker loads register a job for every kind
 * declared, each once, so no kernel's rows reach a worker that cannot run them. The pool itself declares none.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as pool from "../../../src/engine/kernels/threads/pool";
import { JOB_FUSED } from "../../../src/engine/kernels/simd/simd-langevin";
import {
  declaredKinds,
  JOB_MODULES,
  jobKind,
  jobName,
  registerJobs,
  registeredKinds,
} from "../../../src/engine/kernels/threads/worker-jobs";

const THREADS = join(TEST_DIR, "..", "src", "engine", "kernels", "threads");

test("the job modules register one job for every job kind the strategies declare", () => {
  for (const name of JOB_MODULES) require(join(THREADS, name));
  const kinds = declaredKinds();
  assert.ok(kinds.length >= 13, `the strategies' job kinds were declared (${kinds.length})`);
  assert.deepEqual(registeredKinds(), kinds);
  assert.equal(jobName(JOB_FUSED), "langevin (SIMD)");
  assert.deepEqual(
    Object.keys(pool).filter((name) => name.startsWith("JOB_")),
    [],
    "the pool holds no strategy's job kinds",
  );
});

test("a job kind registered twice, or declared twice, is refused", () => {
  assert.throws(() => registerJobs([{ kind: JOB_FUSED, run: () => 0 }]), /job kind 5 is registered twice/);
  assert.throws(() => jobKind(JOB_FUSED, "planted"), /job kind 5 is declared twice \(langevin \(SIMD\), planted\)/);
});

/** The order claims are measured in where processes share the work (src/claims/machinery/claim-tasks). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claimTasks } from "../../../src/claims/machinery/claim-tasks";
import { CLAIMS, SHARED_RUNS } from "../../../src/claims/machinery/registry";

test("heaviest first; a shared run's claims are one task, in the order given; ties keep the order given", () => {
  assert.deepEqual(claimTasks(["a", "b", "c", "d"], { a: 1, b: 9, c: 2, d: 0.1 }, [["c", "d"]]), [
    { ids: ["b"], cost: 9 },
    { ids: ["c", "d"], cost: 2.1 },
    { ids: ["a"], cost: 1 },
  ]);
  assert.deepEqual(
    claimTasks(["x", "y", "z"], {}).map((t) => t.ids),
    [["x"], ["y"], ["z"]],
  );
});

test("a claim without a cost gets the median of the known ones; only the chosen members of a shared list travel", () => {
  const tasks = claimTasks(["a", "b", "new", "d"], { a: 1, b: 5, d: 3, e: 100 }, [["d", "e"]]);
  assert.deepEqual(
    tasks.map((t) => [t.ids, t.cost]),
    [
      [["b"], 5],
      [["new"], 3],
      [["d"], 3],
      [["a"], 1],
    ],
  );
});

test("the registry's shared runs name registered claims, each in one list", () => {
  const ids = new Set(CLAIMS.map((c) => c.id));
  const listed = SHARED_RUNS.flat();
  assert.ok(listed.length > 0);
  for (const id of listed) assert.ok(ids.has(id), id);
  assert.equal(new Set(listed).size, listed.length);
});

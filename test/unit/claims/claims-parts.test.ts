/**
 * Parts that say what they replace (issue 44 item 2): a claim about one of ℋ's named terms measures the mechanism's
 * version of that term, never a term a variant merely adds; a variant's malformed `terms` is named, not a TypeError.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { defineTerm } from "../../../src/hamiltonian/term";
import { localEntropy } from "../../../src/hamiltonian/entropy";
import { claimById } from "../../../src/claims/machinery/registry";
import { measureClaims, measureGrid } from "../../../src/claims/machinery/measure";
import { hamiltonianOf, mechanismOf } from "../../../src/claims/machinery/mechanism";
import { ArgumentError } from "../../../src/errors";
import type { Variant } from "../../../src/claims/machinery/types";

const quartic: Variant = {
  name: "quartic on-site term",
  terms: () => [defineTerm({ name: "¼Σψ⁴", energy: (psi) => tf.mul(tf.sum(tf.pow(psi, 4)), 0.25) })],
};

test("a variant that only adds a term does not reach the claim about the entropic penalty; one that replaces `entropic` does", async () => {
  await ready();
  const penalty = claimById("p1.2-entropic-penalty");
  assert.deepEqual(penalty.uses, ["entropic"]);
  assert.ok(!penalty.uses.some((p) => mechanismOf(quartic).replaced.includes(p)), "an added term is not the entropic penalty");
  // The same quartic, given as the entropic part, is measured as the penalty: it rises with the field (×2 raises
  // every S_i), so the claim's own rule now decides on it, where the written ∇² term stays exactly flat.
  const asPenalty: Variant = { name: "quartic as the penalty", entropic: () => quartic.terms!(graphFromSpec("ring:4:2", key(0)))[0]! };
  const proposal = (await measureClaims([penalty.id], { cache: true }))[0]!.proposal; // the run's one measurement
  const replaced = await measureGrid(penalty, 0, 0, mechanismOf(asPenalty));
  assert.equal(proposal.result.verdict, "fails");
  assert.notEqual(replaced.result.verdict, proposal.result.verdict);
  // The repair λΣS_i replaces the penalty (it is not added beside the written term).
  const sum: Variant = { name: "λΣS_i", entropic: (g, { lambda }) => localEntropy(g, { lambda }) };
  assert.equal((await measureGrid(penalty, 0, 0, mechanismOf(sum))).result.verdict, "holds");
});

test("a notebook's variant whose terms is not an array of terms: a typed error naming variant.terms, not a TypeError", () => {
  const graph = graphFromSpec("ring:8:2", key(0));
  for (const terms of [() => 3, () => [42]] as unknown as Array<Variant["terms"]>) {
    const m = mechanismOf({ name: "bad", terms } as Variant);
    assert.throws(
      () => hamiltonianOf(m, graph),
      (e: unknown) => e instanceof ArgumentError && /variant\.terms/.test((e as Error).message),
    );
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { familyDefaults, isVariantFamily, parseFamilyValues, variantFamily, variantOf } from "../../../src/claims/machinery/family";
import { ArgumentError } from "../../../src/errors";

const family = variantFamily({
  name: "huber",
  parameters: { delta: { min: 0.1, max: 5, step: 0.1, default: 1 }, rule: { choices: ["mean", "median"], default: "mean" } },
  variant: ({ delta, rule }) => ({ name: `δ=${delta} ${rule}`, rule: rule as "mean" | "median" }),
});

test("a family's variant at its defaults, at values given, and from name=value texts", () => {
  assert.ok(isVariantFamily(family));
  assert.ok(!isVariantFamily({ name: "plain", rule: "median" }));
  assert.deepEqual(familyDefaults(family), { delta: 1, rule: "mean" });
  assert.equal(variantOf(family).name, "δ=1 mean");
  assert.equal(variantOf(family, { delta: 2.5, rule: "median" }).name, "δ=2.5 median");
  const values = parseFamilyValues(family, ["delta=0.5", "rule=median"], "emtd verdicts", "--param");
  assert.deepEqual(values, { delta: 0.5, rule: "median" });
  assert.equal(variantOf(family, values).rule, "median");
});

test("a value outside a range or the choices, or an unknown name, is an ArgumentError naming it and what it accepts", () => {
  const refused = (f: () => unknown, message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof ArgumentError && message.test(e.message) && !e.message.includes("\n"));
  refused(() => variantOf(family, { delta: 9 }), /^emtd\/claims\/variantOf: values\.delta must be a number in \[0\.1, 5\] \(got 9\)$/);
  refused(() => variantOf(family, { rule: "trimmed" }), /values\.rule must be one of "mean", "median" \(got "trimmed"\)$/);
  refused(
    () => parseFamilyValues(family, ["delta=big"], "emtd verdicts", "--param"),
    /^emtd verdicts: --param delta must be a number in \[0\.1, 5\] \(got "big"\)$/,
  );
  refused(() => parseFamilyValues(family, ["delta="], "emtd verdicts", "--param"), /--param delta must be a number in \[0\.1, 5\]/);
  refused(
    () => parseFamilyValues(family, ["gamma=1"], "emtd verdicts", "--param"),
    /--param gamma must be a parameter of huber \(delta, rule\)/,
  );
  refused(() => parseFamilyValues(family, ["delta"], "emtd verdicts", "--param"), /--param must be name=value/);
  refused(
    () => variantFamily({ name: "bad", parameters: { a: { min: 1, max: 0, default: 0 } }, variant: () => ({ name: "x" }) }),
    /family\.parameters\.a must be a range/,
  );
  refused(
    () => variantFamily({ name: "bad", parameters: { a: { choices: ["x"], default: "y" } }, variant: () => ({ name: "x" }) }),
    /family\.parameters\.a\.default must be one of "x" \(got "y"\)$/,
  );
});

/**
 * The one formatting module (src/format.ts): the strings the claims' headlines, table cells, CLI lines and bench fields
 * were printed with before the formatters became one (claims/machinery/evidence `num`/`pm`, viz/table's cells, cli/format `fmt`,
 * bench/timing `round`), so the committed verdict table and every printed line read the same.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { echo, fixed, num, oneLine, pm, powerOfTen, readableNumber, roundTo } from "../../../src/format";
import { Table } from "../../../src/viz/table";

test("num: significant digits, exponent form outside [1e-3, 1e6), whole numbers whole, non-finite as text", () => {
  assert.equal(num(0.123456), "0.123");
  assert.equal(num(42), "42");
  assert.equal(num(-7), "-7");
  assert.equal(num(0), "0");
  assert.equal(num(2.5e-5), "2.50e-5");
  assert.equal(num(0.001), "0.001");
  assert.equal(num(999_999.5), "1000000", "rounds up past 1e6 after the form was chosen");
  assert.equal(num(1234567.8, 5), "1.2346e+6");
  assert.equal(num(3e6), "3.00e+6", "a headline's large whole number in exponent form");
  assert.equal(num(3e6, 5, 1e15), "3000000", "a table cell's whole number whole");
  assert.equal(num(0.1 + 0.2), "0.3");
  assert.equal(num(Number.NaN), "NaN");
  assert.equal(num(-Infinity), "-Infinity");
  assert.equal(pm(0.51234, 0.0123), "0.512 ± 0.012");
  assert.equal(pm(12.3456, 0.000456, 4), "12.35 ± 4.6e-4");
});

test("powerOfTen: 10^ its exponent through num; an exponent of a million or more written out, not as 10^-1.56e+20", () => {
  assert.equal(powerOfTen(-3.2), "10^-3.2");
  assert.equal(powerOfTen(-999_999), "10^-999999");
  assert.equal(powerOfTen(-1.5612e20), "10^(-1.56 × 10^20)", "the fourteenth referee's p2.2-annealing headline");
  assert.equal(powerOfTen(2.5e7), "10^(2.50 × 10^7)");
  assert.equal(powerOfTen(-Infinity), "10^-Infinity");
});

test("fixed and roundTo: decimals as text, significant digits as a number", () => {
  assert.equal(fixed(1.23456), "1.23");
  assert.equal(fixed(0.5, 1), "0.5");
  assert.equal(fixed(2, 0), "2");
  assert.equal(fixed("n/a"), "n/a");
  assert.equal(fixed(undefined), "undefined");
  assert.equal(roundTo(123.456), 123);
  assert.equal(roundTo(0.000123456, 2), 0.00012);
  assert.equal(roundTo(98765.4321, 5), 98765);
});

test("a Table prints its numbers through num with 5 digits and whole numbers below 1e15 whole", () => {
  const text = new Table(["x"], [[0.123456789], [3e6], [2.5e-7], [null], [Number.NaN]]).toString();
  for (const cell of ["0.12346", "3000000", "2.5000e-7", "NaN"]) assert.ok(text.includes(cell), `${cell} in\n${text}`);
});

test("messages: values cut with their length, controls escaped, bounds readable, one line of at most 300 characters", () => {
  assert.equal(echo("mala"), '"mala"');
  assert.equal(echo("x".repeat(10_000)), `"${"x".repeat(60)}…${"x".repeat(40)}" (10000 chars)`);
  assert.equal(echo("a\nb\u001b[31m\u202e"), '"a\\nb\\u001b[31m\\u202e"');
  assert.equal(echo(0.1 + 0.2), "0.30000000000000004", "a number echoed as given");
  assert.deepEqual([2 ** -100, 2 ** 40, 1e9, 0.1, 1 / 3, Infinity, Number.MAX_SAFE_INTEGER].map(readableNumber), [
    "2^-100",
    "2^40",
    "1000000000",
    "0.1",
    "0.333333",
    "∞",
    "9007199254740991",
  ]);
  const long = oneLine(`emtd sample: --integrator must be one of ula, mala (got ${JSON.stringify("y".repeat(10_000))})`);
  assert.equal(long, `emtd sample: --integrator must be one of ula, mala (got "${"y".repeat(60)}…${"y".repeat(40)}" (10000 chars))`);
  assert.equal(oneLine(long), long, "an echo already cut is not cut again");
  assert.equal(oneLine("\nfirst \u001b line\nsecond"), "first \\u001b line");
  const list = oneLine(`emtd x: --only must be one of ${Array.from({ length: 80 }, (_, i) => `claim-${i}`).join(", ")} (got "zz")`);
  assert.equal(Array.from(list).length, 300);
  assert.match(list, /^emtd x: --only must be one of claim-0, .*… \(got "zz"\)$/);
});

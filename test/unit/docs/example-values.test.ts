/** The reader and comparison behind the checked `@example` values (test/unit/docs/examples.test.ts): planted wrong values fail. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { differences, readShown, textMatches, type Shown } from "../../example-values";

function shown(text: string): Shown {
  const reading = readShown(text);
  assert.ok(!("error" in reading), `${text}: ${"error" in reading ? reading.error : ""}`);
  return reading.shown;
}
const agrees = (text: string, actual: unknown) => assert.deepEqual(differences(shown(text), actual), [], text);
const differs = (text: string, actual: unknown) => assert.notDeepEqual(differences(shown(text), actual), [], text);

test("a decimal matches what rounds to it; an integer is exact up to float32 rounding", () => {
  agrees("0.534", 0.5344);
  differs("0.534", 0.5346);
  agrees("−8.158", -8.1581);
  agrees("3.2e−20", 3.24e-20);
  differs("3.2e−20", 3.3e-20);
  agrees("12", 12);
  differs("12", 13);
  agrees("1", Math.fround(1.0000001));
  differs("2456589401", 2456589400);
  differs("6", 6.4);
  agrees("NaN", NaN);
  differs("NaN", 0);
  agrees("-Infinity", -Infinity);
});

test("± sets the tolerance of every number in a value", () => {
  agrees("0.5 ± 0.01", 0.509);
  differs("0.5 ± 0.01", 0.52);
  agrees("[1.8, 4.2] ± 0.1", [1.85, 4.15]);
  differs("[1.8, 4.2] ± 0.1", [1.85, 4.35]);
  agrees("100 ± 5%", 104);
  differs("100 ± 5%", 106);
});

test("arrays, typed arrays, objects and tensors compare item by item; … leaves a part uncompared", () => {
  agrees("[1, 2, 3]", Float32Array.of(1, 2, 3));
  differs("[1, 2, 3]", [1, 2]);
  agrees("[1, …]", [1, 2, 3]);
  agrees("[…, 3]", [1, 2, 3]);
  differs("[1, …]", [2, 3]);
  agrees("Int32Array [0, 2]", Int32Array.of(0, 2));
  differs("Int32Array [0, 2]", Float64Array.of(0, 2));
  agrees("Uint8Array(3) [ 0, 7, 254 ]", Uint8Array.of(0, 7, 254));
  agrees("{ a: 1, b: [true, null] }", { a: 1, b: [true, null] });
  differs("{ a: 1 }", { a: 1, b: 2 });
  agrees("{ a: 1, … }", { a: 1, b: 2 });
  differs("{ a: 1, c: 2 }", { a: 1 });
  agrees('{ "text/plain": "x" }', { "text/plain": "x" });
  agrees("[[1, 2], [3, 4]]", {
    shape: [2, 2],
    arraySync: () => [
      [1, 2],
      [3, 4],
    ],
  });
  agrees("… (a timing)", 12.5);
});

test("strings take escapes and … for any text", () => {
  agrees("'a\\nb'", "a\nb");
  agrees('"x\\u001b[31m"', "x\u001b[31m");
  agrees('"ring: 200 steps, … s"', "ring: 200 steps, 0.2 s");
  differs('"ring: 200 steps, … s"', "ring: 300 steps, 0.2 s");
  differs('"true"', true);
  assert.ok(textMatches("a …\nb", "a 1 2\nb  \n"));
  assert.ok(!textMatches("a\nb", "a\nc"));
});

test("a note follows as ' (a note)' or ': a note'; anything else, and a bare …, is not read", () => {
  for (const ok of ["7 (= 2·3 + 1)", "0: a local minimum", "[1, 2]: two", 'true (the "why")']) assert.ok(!("error" in readShown(ok)), ok);
  for (const bad of ["7 = 2·3 + 1", "about [1, 2]", "28.8, within 2 SE", "process.version", "…", "[1, 2", "{ a ≈ 1 }"])
    assert.ok("error" in readShown(bad), bad);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { compose, decodeMappings, lookup, takeInlineMap } from "../../../src/jupyter/sourcemap";
import { reply, request, routingIds, encode, decode } from "../../../src/jupyter/wire";
import { insertAfterNames } from "../../../src/jupyter/compiler";

test("source maps: base64 VLQ mappings decode to absolute positions (the spec's own example values)", () => {
  // "AAAA" = [0,0,0,0]; "SAAS" = [9,0,0,9]; ";" starts the next generated line; "AACA" = source line +1.
  const map = decodeMappings("AAAA,SAAS;AACA,gBAAgB;;");
  assert.deepEqual(map[0], [
    { column: 0, sourceLine: 0, sourceColumn: 0 },
    { column: 9, sourceLine: 0, sourceColumn: 9 },
  ]);
  // "gBAAgB" = 16 (g = 32 + 0 continuation, B = 1 → 1 << 5 = 32 → 32 >> 1 = 16).
  assert.deepEqual(map[1], [
    { column: 0, sourceLine: 1, sourceColumn: 9 },
    { column: 16, sourceLine: 1, sourceColumn: 25 },
  ]);
  assert.deepEqual(map[2], []);
  assert.deepEqual(lookup(map, 1, 20), { line: 1, column: 25 });
  assert.deepEqual(lookup(map, 1, 3), { line: 1, column: 9 });
  assert.equal(lookup(map, 2, 0), null);
  assert.throws(() => decodeMappings("A!"), /bad VLQ character/);
});

test("source maps: composing final→intermediate with intermediate→source maps final→source", () => {
  const outer = [[{ column: 0, sourceLine: 2, sourceColumn: 4 }], [{ column: 2, sourceLine: 0, sourceColumn: 0 }]];
  const inner = [
    [{ column: 0, sourceLine: 7, sourceColumn: 1 }],
    [],
    [
      { column: 0, sourceLine: 5, sourceColumn: 0 },
      { column: 4, sourceLine: 5, sourceColumn: 8 },
    ],
  ];
  assert.deepEqual(compose(outer, inner), [
    [{ column: 0, sourceLine: 5, sourceColumn: 8 }],
    [{ column: 2, sourceLine: 7, sourceColumn: 1 }],
  ]);
  const code =
    "a();\n//# sourceMappingURL=data:application/json;base64," +
    Buffer.from(JSON.stringify({ version: 3, mappings: "AAAA" })).toString("base64");
  const taken = takeInlineMap(code);
  assert.equal(taken.code, "a();");
  assert.deepEqual(taken.map, [[{ column: 0, sourceLine: 0, sourceColumn: 0 }]]);
  assert.deepEqual(takeInlineMap("b();"), { code: "b();", map: null });
});

test("wire: a ROUTER's routing ids are kept in front of the reply, whose parent is the request", () => {
  const req = request("kernel_info_request", {}, "client-session");
  const frames = [Buffer.from("peer-1"), Buffer.from("peer-2"), ...encode(req, "k")];
  const ids = routingIds(frames);
  assert.deepEqual(ids.map(String), ["peer-1", "peer-2"]);
  const answer = reply(decode(frames, "k"), "kernel_info_reply", { status: "ok" }, "kernel-session");
  assert.deepEqual(answer.parent_header, req.header);
  assert.equal(answer.header.session, "kernel-session");
  assert.notEqual(answer.header.msg_id, req.header.msg_id);
  const sent = encode(answer, "k", ids);
  assert.deepEqual(sent.slice(0, 2).map(String), ["peer-1", "peer-2"]);
  assert.deepEqual(decode(sent, "k"), answer);
});

test("shorthand expansion: { a, bb } is written out and columns map back to the cell's own", () => {
  const code = 'const o = { a, bb }; const n: number = "x";\nf({ z });';
  const ends = [13, 17, code.indexOf("z }") + 1];
  const e = insertAfterNames(code, ends);
  assert.equal(e.code, 'const o = { a: a, bb: bb }; const n: number = "x";\nf({ z: z });');
  assert.equal(e.code.indexOf("n:"), 34);
  assert.equal(e.originalColumn(0, 34), 27, "`n` after both expansions");
  assert.equal(code.indexOf("n:"), 27);
  assert.equal(e.originalColumn(0, 14), 13, "inside the first inserted text: the end of the name");
  assert.equal(e.originalColumn(0, 21), 17, "inside the second inserted text");
  assert.equal(e.originalColumn(0, 5), 5, "before any insertion");
  assert.equal(e.originalColumn(1, 8), 5, "second line: its own insertion only");
  assert.deepEqual(insertAfterNames("x + 1", []).code, "x + 1");
});

/** §3.1 protocol: SHA-256 / RFC 6962 Merkle trees, Ed25519 transactions, and the pipeline's invariants. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { key, fold, uniformSource } from "../../../src/engine/random";
import {
  buildTree,
  fromHex,
  inclusionProof,
  leafHash,
  rootToCoordinates,
  sha256,
  toHex,
  verifyInclusion,
} from "../../../src/protocol/merkle";
import {
  parseTransaction,
  signerFromKey,
  signerFromSeed,
  signTransaction,
  transactionBytes,
  transactionId,
  verifyTransaction,
} from "../../../src/protocol/transaction";
import { runPipeline, type Injection, type PipelineEvent } from "../../../src/protocol/pipeline";
import { wattsStrogatzAdjacency } from "../../../src/reference-port/smallworld";
import { jStat } from "jstat";

test("SHA-256: FIPS 180-2 test vectors", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.equal(toHex(sha256()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(toHex(sha256(enc("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(
    toHex(sha256(enc("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
  assert.equal(toHex(sha256(enc("ab"), enc("c"))), toHex(sha256(enc("abc"))));
});

// RFC 6962 / Certificate Transparency reference inputs and tree heads (published test data).
const CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(fromHex);
const CT_ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

test("Merkle (RFC 6962): reference tree heads for 0…8 leaves and reference audit paths", () => {
  for (let n = 0; n <= 8; n++) assert.equal(toHex(buildTree(CT_LEAVES.slice(0, n)).root), CT_ROOTS[n], `size ${n}`);
  const tree = buildTree(CT_LEAVES);
  assert.deepEqual(inclusionProof(tree, 0).path.map(toHex), [
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
  ]);
  assert.deepEqual(inclusionProof(tree, 5).path.map(toHex), [
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  ]);
  assert.equal(toHex(leafHash(new Uint8Array())), CT_ROOTS[1]);
});

test("Merkle: every proof verifies in every tree size 1…40; wrong leaf, index or tree is rejected", () => {
  for (let n = 1; n <= 40; n++) {
    const data = Array.from({ length: n }, (_, i) => Uint8Array.of(i, n));
    const tree = buildTree(data);
    for (let i = 0; i < n; i++) {
      const proof = inclusionProof(tree, i);
      assert.ok(verifyInclusion(tree.root, data[i]!, proof), `n=${n} i=${i}`);
      assert.ok(!verifyInclusion(tree.root, data[(i + 1) % n]!, proof) || n === 1);
      if (n > 1) assert.ok(!verifyInclusion(tree.root, data[i]!, { ...proof, index: (i + 1) % n }));
      // (The tree size is not bound by the root alone — in RFC 6962 it travels signed with the root — so only a
      // path of the wrong length for the claimed size is rejected; a different tree's root always is.)
      if (n > 1) assert.ok(!verifyInclusion(buildTree(data.slice(0, n - 1)).root, data[i]!, proof));
    }
  }
});

test("Merkle: any flipped byte (leaf, any byte of the path, root) is rejected", () => {
  const data = Array.from({ length: 13 }, (_, i) => new TextEncoder().encode(`tx-${i}`));
  const tree = buildTree(data);
  const proof = inclusionProof(tree, 6);
  let trials = 0;
  for (let b = 0; b < data[6]!.length; b++) {
    const leaf = Uint8Array.from(data[6]!);
    leaf[b]! ^= 0x01;
    assert.ok(!verifyInclusion(tree.root, leaf, proof));
    trials++;
  }
  for (let p = 0; p < proof.path.length; p++) {
    for (let b = 0; b < 32; b++) {
      const path = proof.path.map((x) => Uint8Array.from(x));
      path[p]![b]! ^= 0x80;
      assert.ok(!verifyInclusion(tree.root, data[6]!, { ...proof, path }));
      trials++;
    }
  }
  for (let b = 0; b < 32; b++) {
    const root = Uint8Array.from(tree.root);
    root[b]! ^= 0x01;
    assert.ok(!verifyInclusion(root, data[6]!, proof));
    trials++;
  }
  assert.equal(trials, data[6]!.length + 32 * proof.path.length + 32);
});

test("rootToCoordinates: deterministic, in [−1, 1), uniform (chi-square, α = 0.001), distinct roots differ", () => {
  const root = sha256(new TextEncoder().encode("emtd"));
  assert.deepEqual(rootToCoordinates(root, 8), rootToCoordinates(root, 8));
  assert.deepEqual([...rootToCoordinates(root, 3)], [...rootToCoordinates(root, 8).slice(0, 3)]);
  const bins = 20;
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  for (let r = 0; r < 2000; r++) {
    const x = rootToCoordinates(sha256(Uint8Array.of(r & 255, r >> 8)), 8);
    for (const v of x) {
      assert.ok(v >= -1 && v < 1);
      counts[Math.floor(((v + 1) / 2) * bins)]!++;
      total++;
    }
  }
  const expected = total / bins;
  const x2 = counts.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
  const p = 1 - jStat.chisquare.cdf(x2, bins - 1);
  assert.ok(p > 0.001, `X² = ${x2}, p = ${p}`);
  const other = rootToCoordinates(sha256(new TextEncoder().encode("emtd!")), 8);
  assert.ok(rootToCoordinates(root, 8).some((v, i) => v !== other[i]));
});

test("Ed25519: RFC 8032 test 1, sign/verify round trip, any flipped byte rejected, keys reproducible from a key", () => {
  const s = signerFromSeed(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  assert.equal(s.publicKey, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const { sign } = require("node:crypto") as typeof import("node:crypto");
  assert.equal(
    toHex(new Uint8Array(sign(null, new Uint8Array(), s.privateKey))),
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  );
  const alice = signerFromKey(key(1));
  assert.equal(alice.publicKey, signerFromKey(key(1)).publicKey);
  const tx = signTransaction(alice, 7, "alice pays bob 5");
  assert.ok(verifyTransaction(tx));
  assert.deepEqual(parseTransaction(transactionBytes(tx)), tx);
  assert.ok(!verifyTransaction({ ...tx, payload: "alice pays bob 6" }));
  assert.ok(!verifyTransaction({ ...tx, nonce: 8 }));
  assert.ok(!verifyTransaction({ ...tx, from: signerFromKey(key(2)).publicKey }));
  // Keys are parsed once per sender and kept (transaction.ts): a kept key verifies its own sender's transactions only.
  const bob = signerFromKey(key(2));
  assert.ok(verifyTransaction(signTransaction(bob, 1, "bob pays alice 1")));
  assert.ok(!verifyTransaction({ ...tx, from: bob.publicKey }));
  assert.ok(verifyTransaction(tx), "alice's kept key still verifies hers");
  assert.ok(!verifyTransaction({ ...tx, signature: signTransaction(bob, 7, "alice pays bob 5").signature }));
  const bytes = transactionBytes(tx);
  for (let b = 0; b < bytes.length; b++) {
    const flipped = Uint8Array.from(bytes);
    flipped[b]! ^= 0x01;
    const parsed = parseTransaction(flipped);
    assert.ok(parsed === null || !verifyTransaction(parsed), `byte ${b}`);
  }
  assert.equal(transactionId(tx), createHash("sha256").update(bytes).digest("hex"));
});

function scenario(seed: number, options: Parameters<typeof runPipeline>[2]) {
  const graph = wattsStrogatzAdjacency(30, 4, 0.1, uniformSource(key(seed)));
  const alice = signerFromKey(key(100));
  const bob = signerFromKey(key(101));
  const forged = { ...signTransaction(alice, 2, "alice pays carol 1"), payload: "alice pays mallory 100" };
  const injections: Injection[] = [
    { round: 0, node: 0, tx: signTransaction(alice, 1, "alice pays bob 5") },
    { round: 2, node: 17, tx: forged },
    { round: 4, node: 9, tx: signTransaction(bob, 1, "bob pays carol 2") },
  ];
  return { graph, injections, forgedId: transactionId(forged), result: runPipeline(graph, injections, options, fold(key(seed), 1)) };
}

test("pipeline: message accounting, diagram order, forged and tampered transactions rejected and counted", () => {
  for (const [seed, options] of [
    [1, {}],
    [2, { loss: 0.1, tamper: 0.1, delay: 2 }],
    [3, { loss: 0.3, tamper: 0.3, delay: 0 }],
  ] as const) {
    const { graph, injections, forgedId, result } = scenario(seed, options);
    const { events, messages, rejected } = result;
    assert.equal(messages.sent, messages.delivered + messages.lost + messages.inFlight);
    const count = (kind: PipelineEvent["kind"]) => events.filter((e) => e.kind === kind).length;
    assert.equal(count("gossip-send"), messages.sent);
    assert.equal(count("gossip-lost"), messages.lost);
    assert.equal(count("gossip-deliver"), messages.delivered);
    assert.equal(count("verify-fail"), rejected.signature + rejected.merkle);
    assert.equal(count("gossip-deliver"), count("verify-ok") + count("verify-fail"));
    assert.equal(count("verify-ok"), count("duplicate") + count("hamiltonian-difference"));
    assert.equal(count("hamiltonian-difference"), count("accept-downhill") + count("metropolis-accept") + count("metropolis-reject"));
    assert.equal(count("update-local-tensor"), count("accept-downhill") + count("metropolis-accept"));
    assert.equal(count("field-update"), count("update-local-tensor"));
    assert.equal(count("client-input"), injections.length);
    // Each decision follows its own chain of boxes: D right after C's verify-ok, E/F right after D, G right after E.
    for (let s = 0; s < events.length; s++) {
      const e = events[s]!;
      const prev = events[s - 1];
      if (e.kind === "hamiltonian-difference") assert.equal(prev?.kind, "verify-ok");
      if (e.kind === "accept-downhill" || e.kind === "metropolis-accept" || e.kind === "metropolis-reject")
        assert.equal(prev?.kind, "hamiltonian-difference");
      if (e.kind === "update-local-tensor")
        assert.ok(prev?.kind === "accept-downhill" || prev?.kind === "metropolis-accept" || prev?.kind === "local-entropy");
      if (e.kind === "field-update") assert.equal(prev?.kind, "update-local-tensor");
      if (e.kind === "verify-ok" || e.kind === "verify-fail") assert.ok(prev?.kind === "gossip-deliver" || prev?.kind === "client-input");
    }
    // Finalisation: exactly once, last, at the first round whose temperature is below the threshold.
    assert.equal(count("finalise"), 1);
    assert.equal(events[events.length - 1]!.kind, "finalise");
    assert.ok(result.finalised !== null && result.finalised.temperature < 1 && result.finalised.temperature / 0.95 >= 1);
    // Ledger invariants: roots match ledgers; the forged transaction lives only where it was injected (no check
    // between A and B in the diagram) and nowhere else; every other entry carries a valid signature.
    result.ledgers.forEach((ids, i) => {
      for (const id of ids) if (id === forgedId) assert.equal(i, 17);
    });
    assert.ok(rejected.signature >= 1, "the forged transaction's gossip from node 17 is rejected by signature");
    assert.equal(result.roots.length, graph.n);
    if ((options.tamper ?? 0) === 0) assert.equal(rejected.merkle, 0);
  }
});

test("pipeline: one key, one trace; verifyAtInjection keeps the forged transaction out of every ledger", () => {
  const a = scenario(4, { loss: 0.1, tamper: 0.1, delay: 1 }).result;
  const b = scenario(4, { loss: 0.1, tamper: 0.1, delay: 1 }).result;
  assert.deepEqual(a.events, b.events);
  const checked = scenario(4, { verifyAtInjection: true });
  assert.equal(checked.result.rejected.injection, 1);
  for (const ids of checked.result.ledgers) assert.ok(!ids.includes(checked.forgedId));
});

/** Merkle-DAG of blocks: block roots, ancestry proofs, and rejection of every single-byte tampering. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { blockRoot, makeBlock, MerkleDag, verifyAncestry, verifyBlock, type DagBlock } from "../../../src/protocol/dag";
import { buildTree, toHex } from "../../../src/protocol/merkle";
import { ArgumentError } from "../../../src/errors";

const enc = (s: string) => new TextEncoder().encode(s);

/** genesis → a → b, genesis → c, merge(b, c) → d; e is a second genesis, unrelated to all of them. */
function sample() {
  const dag = new MerkleDag();
  const genesis = dag.add(makeBlock([enc("mint 100 to alice")]));
  const a = dag.add(makeBlock([enc("alice pays bob 5"), enc("alice pays carol 7")], [genesis]));
  const b = dag.add(makeBlock([enc("bob pays dave 1")], [a]));
  const c = dag.add(makeBlock([enc("alice pays erin 2"), enc("x"), enc("yz")], [genesis]));
  const d = dag.add(makeBlock([enc("carol pays bob 3")], [b, c]));
  const e = dag.add(makeBlock([enc("another chain")]));
  return { dag, genesis, a, b, c, d, e };
}

test("blockRoot is SHA-256(0x02 ‖ uint32be(p) ‖ parents ‖ transactionsRoot), independently recomputed", () => {
  const { a, d } = sample();
  for (const block of [a, d]) {
    const h = createHash("sha256");
    h.update(Buffer.from([2]));
    const count = Buffer.alloc(4);
    count.writeUInt32BE(block.parents.length);
    h.update(count);
    for (const p of block.parents) h.update(p);
    h.update(buildTree(block.transactions).root);
    assert.equal(toHex(block.root), h.digest("hex"));
  }
  // The parents' order is committed; so is their number (a genesis block differs from one with parents).
  assert.notEqual(toHex(blockRoot([a.root, d.root], a.transactionsRoot)), toHex(blockRoot([d.root, a.root], a.transactionsRoot)));
  assert.throws(() => blockRoot([a.root, a.root], a.transactionsRoot), ArgumentError);
  assert.throws(() => blockRoot([a.root.slice(0, 31)], a.transactionsRoot), ArgumentError);
});

test("ancestry: proofs exist exactly for ancestors and verify from the two roots alone", () => {
  const { dag, genesis, a, b, c, d, e } = sample();
  assert.equal(dag.size, 6);
  assert.ok(dag.verify());
  assert.deepEqual(
    [genesis, a, b, c, d, e].map((x) => dag.height(x.root)),
    [0, 1, 2, 1, 3, 0],
  );
  const expected: Array<[DagBlock, DagBlock, boolean]> = [
    [genesis, d, true],
    [a, d, true],
    [b, d, true],
    [c, d, true],
    [d, d, true],
    [genesis, c, true],
    [c, b, false],
    [b, c, false],
    [d, genesis, false],
    [e, d, false],
    [genesis, e, false],
  ];
  for (const [anc, desc, is] of expected) {
    assert.equal(dag.isAncestor(anc.root, desc.root), is);
    const proof = dag.ancestryProof(desc.root, anc.root);
    assert.equal(proof !== null, is);
    if (proof) {
      assert.ok(verifyAncestry(desc.root, anc.root, proof));
      assert.equal(toHex(proof[0]!.root), toHex(desc.root));
      // A proof for one pair does not prove another.
      assert.equal(verifyAncestry(desc.root, e.root, proof), false);
    }
  }
  // Shortest chain: d → c → genesis (3 blocks), not d → b → a → genesis.
  assert.equal(dag.ancestryProof(d.root, genesis.root)!.length, 3);
  assert.equal(verifyAncestry(d.root, genesis.root, []), false);
  // Skipping a link breaks the chain.
  assert.equal(verifyAncestry(d.root, genesis.root, [d, genesis]), false);
});

/** Copy a block, applying `mutate` to fresh copies of its arrays. */
function tampered(
  block: DagBlock,
  mutate: (txs: Uint8Array[], parents: Uint8Array[], roots: { root: Uint8Array; transactionsRoot: Uint8Array }) => void,
): DagBlock {
  const txs = block.transactions.map((t) => t.slice());
  const parents = block.parents.map((p) => p.slice());
  const roots = { root: block.root.slice(), transactionsRoot: block.transactionsRoot.slice() };
  mutate(txs, parents, roots);
  return { root: roots.root, parents, transactionsRoot: roots.transactionsRoot, transactions: txs };
}

test("a flipped bit in any byte of any block of a proof — transaction, parent link or root — is rejected", () => {
  const { dag, genesis, d } = sample();
  const proof = dag.ancestryProof(d.root, genesis.root)!;
  // Also the longer chain through a and b, so that every block with transactions of several lengths is covered.
  const long = [d, dag.get(d.parents[0]!)!, dag.get(dag.get(d.parents[0]!)!.parents[0]!)!, genesis];
  assert.ok(verifyAncestry(d.root, genesis.root, long));
  let cases = 0;
  for (const chain of [proof, long]) {
    for (let k = 0; k < chain.length; k++) {
      const block = chain[k]!;
      const variants: DagBlock[] = [];
      block.transactions.forEach((t, i) => {
        for (let byte = 0; byte < t.length; byte++)
          for (const bit of [0, 7])
            variants.push(
              tampered(block, (txs) => {
                txs[i]![byte]! ^= 1 << bit;
              }),
            );
      });
      block.parents.forEach((_p, i) => {
        for (let byte = 0; byte < 32; byte++)
          variants.push(
            tampered(block, (_, parents) => {
              parents[i]![byte]! ^= 1;
            }),
          );
      });
      for (let byte = 0; byte < 32; byte++) {
        variants.push(
          tampered(block, (_, __, r) => {
            r.root[byte]! ^= 1;
          }),
        );
        variants.push(
          tampered(block, (_, __, r) => {
            r.transactionsRoot[byte]! ^= 1;
          }),
        );
      }
      for (const v of variants) {
        assert.equal(verifyBlock(v), false);
        const forged = chain.slice();
        forged[k] = v;
        assert.equal(verifyAncestry(d.root, genesis.root, forged), false, `block ${k} tampered`);
        cases++;
      }
    }
  }
  // The claimed roots themselves.
  for (let byte = 0; byte < 32; byte++) {
    const dr = d.root.slice();
    dr[byte]! ^= 1;
    const gr = genesis.root.slice();
    gr[byte]! ^= 0x80;
    assert.equal(verifyAncestry(dr, genesis.root, proof), false);
    assert.equal(verifyAncestry(d.root, gr, proof), false);
    cases += 2;
  }
  // Removing or appending a transaction, or dropping a parent link, is rejected too.
  assert.equal(
    verifyBlock(
      tampered(d, (txs) => {
        txs.pop();
      }),
    ),
    false,
  );
  assert.equal(
    verifyBlock(
      tampered(d, (txs) => {
        txs.push(enc("extra"));
      }),
    ),
    false,
  );
  assert.equal(
    verifyBlock(
      tampered(d, (_, parents) => {
        parents.pop();
      }),
    ),
    false,
  );
  assert.ok(cases > 1000, `${cases} tamperings checked`);
});

test("MerkleDag.add rejects tampered blocks, unknown parents and duplicates; makeBlock copies its inputs", () => {
  const { dag, a, d } = sample();
  const forged = tampered(a, (txs) => {
    txs[0]![0]! ^= 1;
  });
  assert.throws(() => new MerkleDag().add(forged), ArgumentError);
  assert.throws(() => new MerkleDag().add(makeBlock([enc("orphan")], [a])), ArgumentError);
  assert.throws(() => dag.add(d), ArgumentError);
  const tx = enc("mutable");
  const block = makeBlock([tx]);
  tx[0] = 0;
  assert.ok(verifyBlock(block));
  assert.equal(verifyBlock({ ...block, transactions: [tx] }), false);
});

/**
 * Tamper enumerators: every single-bit change (the lowest bit of one byte) of the data a proof commits to, each
 * handed to the verifier. A sound commitment rejects all of them; the count of rejections is the measurement of
 * §2.1's immutability claim (notebook 05).
 */
import type { AncestryProof, DagBlock } from "../../protocol/dag";
import { verifyAncestry } from "../../protocol/dag";
import { type InclusionProof, verifyInclusion } from "../../protocol/merkle";

export interface TamperCount {
  /** Tampered variants tried. */
  tried: number;
  /** Variants the verifier rejected. */
  rejected: number;
}

/**
 * `bytes` with the lowest bit of byte `at` flipped (a copy).
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array([0, 7, 255]);
 * console.log(flipBit(bytes, 2), bytes); // → Uint8Array(3) [ 0, 7, 254 ] Uint8Array(3) [ 0, 7, 255 ]
 * ```
 */
export function flipBit(bytes: Uint8Array, at: number): Uint8Array {
  const c = bytes.slice();
  c[at]! ^= 1;
  return c;
}

/**
 * Flip one bit in each byte of the leaf data, of each path hash and of the root, in turn, and count the variants
 * `verify` (default: {@link verifyInclusion}) rejects: tried = |leaf| + 32·|path| + 32.
 *
 * @example
 * ```ts
 * const ledger = Array.from({ length: 32 }, (_, i) => new TextEncoder().encode(`tx ${i}`)); // leaf 17 is 5 bytes
 * const tree = buildTree(ledger);
 * const proof = inclusionProof(tree, 17); // 5 path hashes
 * inclusionTamperings(tree.root, ledger[17], proof); // → { tried: 197, rejected: 197 } (5 + 32·5 + 32)
 * inclusionTamperings(tree.root, ledger[17], proof, () => true); // → { tried: 197, rejected: 0 } (a verifier that accepts anything)
 * ```
 */
export function inclusionTamperings(root: Uint8Array, leaf: Uint8Array, proof: InclusionProof, verify = verifyInclusion): TamperCount {
  let tried = 0;
  let rejected = 0;
  const count = (ok: boolean) => {
    tried++;
    if (!ok) rejected++;
  };
  for (let byte = 0; byte < leaf.length; byte++) count(verify(root, flipBit(leaf, byte), proof));
  proof.path.forEach((hash, s) => {
    for (let byte = 0; byte < hash.length; byte++) {
      const path = proof.path.map((p, i) => (i === s ? flipBit(p, byte) : p));
      count(verify(root, leaf, { index: proof.index, treeSize: proof.treeSize, path }));
    }
  });
  for (let byte = 0; byte < root.length; byte++) count(verify(flipBit(root, byte), leaf, proof));
  return { tried, rejected };
}

/**
 * For each block of an ancestry proof, flip one bit in each byte of each transaction and of each parent root, in
 * turn, and count the variants `verify` (default: {@link verifyAncestry}) rejects.
 *
 * @example
 * ```ts
 * const enc = (s: string) => new TextEncoder().encode(s);
 * const dag = new MerkleDag();
 * const genesis = dag.add(makeBlock([enc("mint 100 to alice")]));
 * const left = dag.add(makeBlock([enc("alice pays bob 5")], [genesis]));
 * const right = dag.add(makeBlock([enc("alice pays carol 7")], [genesis]));
 * const merge = dag.add(makeBlock([enc("bob pays carol 1")], [left, right]));
 * const proof = dag.ancestryProof(merge.root, genesis.root)!; // merge → left → genesis
 * ancestryTamperings(merge.root, genesis.root, proof); // → { tried: 145, rejected: 145 } ((16 + 2·32) + (16 + 32) + 17 bytes)
 * ```
 */
export function ancestryTamperings(
  descendant: Uint8Array,
  ancestor: Uint8Array,
  proof: AncestryProof,
  verify = verifyAncestry,
): TamperCount {
  let tried = 0;
  let rejected = 0;
  proof.forEach((b, k) => {
    const variants: DagBlock[] = [];
    b.transactions.forEach((t, i) => {
      for (let byte = 0; byte < t.length; byte++)
        variants.push({ ...b, transactions: b.transactions.map((x, j) => (j === i ? flipBit(x, byte) : x)) });
    });
    b.parents.forEach((p, i) => {
      for (let byte = 0; byte < p.length; byte++)
        variants.push({ ...b, parents: b.parents.map((x, j) => (j === i ? flipBit(x, byte) : x)) });
    });
    for (const v of variants) {
      tried++;
      if (
        !verify(
          descendant,
          ancestor,
          proof.map((x, j) => (j === k ? v : x)),
        )
      )
        rejected++;
    }
  });
  return { tried, rejected };
}

/**
 * SHA-256 Merkle trees with inclusion proofs, following RFC 6962 §2.1 (Certificate Transparency), on node:crypto:
 *
 * - leaf hash   = SHA-256(0x00 ‖ data), interior hash = SHA-256(0x01 ‖ left ‖ right) — the domain separation that
 *   makes a leaf impossible to pass off as an interior node (the second-preimage attack on Bitcoin-style trees);
 * - a tree of n > 1 leaves splits at k = the largest power of two < n (no duplication of odd leaves);
 * - the empty tree's root is SHA-256("").
 *
 * API: {@link buildTree} → {@link MerkleTree} (root, leaf hashes), {@link inclusionProof}(tree, i),
 * {@link verifyInclusion}(root, leafData, proof), and {@link rootToCoordinates}, the deterministic map from a
 * 32-byte root to d tensor coordinates used to place a ledger in the field Ψ (§1.1's χ(D_ij)).
 */
import { createHash } from "node:crypto";
import { ArgumentError, check } from "../errors";

/**
 * SHA-256 of the concatenation of the given byte arrays (32 bytes; node:crypto).
 *
 * @example
 * ```ts
 * toHex(sha256()); // → 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 * ```
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

/**
 * RFC 6962 §2.1 leaf hash SHA-256(0x00 ‖ data), 32 bytes.
 *
 * @example
 * ```ts
 * toHex(leafHash(new Uint8Array(0))); // → '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'
 * ```
 */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF, data);
}

/**
 * RFC 6962 §2.1 interior hash SHA-256(0x01 ‖ left ‖ right), 32 bytes.
 *
 * @example
 * ```ts
 * const a = leafHash(Uint8Array.of(1)), b = leafHash(Uint8Array.of(2));
 * bytesEqual(nodeHash(a, b), buildTree([Uint8Array.of(1), Uint8Array.of(2)]).root); // → true
 * ```
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE, left, right);
}

/**
 * Lower-case hex of bytes.
 * @example
 * ```ts
 * toHex(Uint8Array.of(0, 15, 255)); // → '000fff'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/**
 * Bytes of an even-length hex string; throws an ArgumentError otherwise.
 *
 * @example
 * ```ts
 * Array.from(fromHex("000fff")); // → [0, 15, 255]
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new ArgumentError("emtd/protocol/merkle", "hex", "an even-length hexadecimal string", hex);
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/**
 * Byte-wise equality (in time independent of where the arrays differ).
 *
 * @example
 * ```ts
 * bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2)); // → true
 * ```
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

export interface MerkleTree {
  /** The Merkle tree hash (32 bytes). */
  readonly root: Uint8Array;
  /** Leaf hashes in order. */
  readonly leaves: readonly Uint8Array[];
}

/** An inclusion proof (audit path): sibling hashes from the leaf up to the root. */
export interface InclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly path: readonly Uint8Array[];
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function rootOfHashes(hashes: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 0) return sha256();
  if (n === 1) return hashes[lo]!;
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(rootOfHashes(hashes, lo, lo + k), rootOfHashes(hashes, lo + k, hi));
}

/**
 * Build the RFC 6962 tree of `data` (each element one leaf): root and leaf hashes. O(n) hashes; the empty tree's root is
 * SHA-256("").
 *
 * @example
 * ```ts
 * const data = ["a", "b", "c"].map((s) => new TextEncoder().encode(s));
 * const tree = buildTree(data);
 * toHex(tree.root).slice(0, 16); // → '36642e73c2540ab1'
 * ```
 */
export function buildTree(data: readonly Uint8Array[]): MerkleTree {
  const leaves = data.map(leafHash);
  return { root: rootOfHashes(leaves, 0, leaves.length), leaves };
}

/**
 * The root of a tree whose leaf HASHES are given (e.g. to recompute after appending).
 * @example
 * ```ts
 * const tree = buildTree([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
 * bytesEqual(rootFromLeafHashes(tree.leaves), tree.root); // → true
 * ```
 */
export function rootFromLeafHashes(leaves: readonly Uint8Array[]): Uint8Array {
  return rootOfHashes(leaves, 0, leaves.length);
}

/**
 * The audit path of leaf `index` (RFC 6962 §2.1.1). O(n) hashes.
 * @example
 * ```ts
 * const tree = buildTree([1, 2, 3, 4, 5].map((x) => Uint8Array.of(x)));
 * inclusionProof(tree, 2).path.length; // → 3
 * ```
 */
export function inclusionProof(tree: MerkleTree, index: number): InclusionProof {
  const n = tree.leaves.length;
  check.integer("emtd/protocol/merkle", "index", index, 0, Math.max(n - 1, 0));
  if (n === 0) throw new ArgumentError("emtd/protocol/merkle", "tree", "a non-empty tree", 0);
  const path: Uint8Array[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    const size = hi - lo;
    if (size <= 1) return;
    const k = largestPowerOfTwoBelow(size);
    if (m < k) {
      walk(m, lo, lo + k);
      path.push(rootOfHashes(tree.leaves, lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      path.push(rootOfHashes(tree.leaves, lo, lo + k));
    }
  };
  walk(index, 0, n);
  return { index, treeSize: n, path };
}

/**
 * The root implied by a leaf hash and its audit path (RFC 9162 §2.1.3.2), or null when the path has the wrong
 * length for (index, treeSize).
 * @example
 * ```ts
 * const tree = buildTree([1, 2, 3, 4, 5].map((x) => Uint8Array.of(x)));
 * bytesEqual(rootFromProof(tree.leaves[4]!, inclusionProof(tree, 4))!, tree.root); // → true
 * ```
 */
export function rootFromProof(leaf: Uint8Array, proof: InclusionProof): Uint8Array | null {
  const { index, treeSize, path } = proof;
  if (!(Number.isInteger(index) && Number.isInteger(treeSize) && index >= 0 && index < treeSize)) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * True when `leafData` is leaf `proof.index` of a tree of `proof.treeSize` leaves with root `root`.
 * @example
 * ```ts
 * const tree = buildTree([1, 2, 3, 4, 5].map((x) => Uint8Array.of(x)));
 * const proof = inclusionProof(tree, 3);
 * verifyInclusion(tree.root, Uint8Array.of(4), proof); // → true
 * verifyInclusion(tree.root, Uint8Array.of(9), proof); // → false
 * ```
 */
export function verifyInclusion(root: Uint8Array, leafData: Uint8Array, proof: InclusionProof): boolean {
  const r = rootFromProof(leafHash(leafData), proof);
  return r !== null && bytesEqual(r, root);
}

/**
 * Map a 32-byte root to d coordinates in [−1, 1): coordinate k is read from the first 8 bytes of
 * SHA-256("emtd/coordinates" ‖ root ‖ uint32be(k)) as a 53-bit integer m, giving 2m/2^53 − 1.
 *
 * Deterministic; under the usual random-oracle model of SHA-256 the coordinates of distinct roots are independent
 * and uniform on a grid of 2^53 points in [−1, 1) (test: chi-square uniformity over many roots), so distinct
 * ledgers land far apart (E‖u − v‖² = 2d/3 for independent uniform u, v) and equal ledgers coincide exactly.
 * @example
 * ```ts
 * Array.from(rootToCoordinates(sha256(), 3)); // → [−0.1804, −0.0023, 0.2598]
 * ```
 */
export function rootToCoordinates(root: Uint8Array, d: number): Float64Array {
  const where = "emtd/protocol/rootToCoordinates";
  if (root.length !== 32) throw new ArgumentError(where, "root", "32 bytes", root.length);
  check.integer(where, "d", d, 1, 1 << 20);
  const domain = new TextEncoder().encode("emtd/coordinates");
  const out = new Float64Array(d);
  const counter = new Uint8Array(4);
  for (let k = 0; k < d; k++) {
    new DataView(counter.buffer).setUint32(0, k, false);
    const h = sha256(domain, root, counter);
    const view = new DataView(h.buffer, h.byteOffset, 8);
    const m = (view.getUint32(0, false) >>> 11) * 4294967296 + view.getUint32(4, false); // 21 + 32 = 53 bits
    out[k] = (2 * m) / 2 ** 53 - 1;
  }
  return out;
}

/**
 * A Merkle-DAG of ledger blocks (§2.1 "Cryptographic Data Structures"): each block holds transactions (the leaves of
 * an RFC 6962 tree, see merkle.ts) and links to parent blocks by their roots, and its own root commits to both:
 *
 *   blockRoot = SHA-256(0x02 ‖ uint32be(p) ‖ parent₁ ‖ … ‖ parent_p ‖ transactionsRoot)
 *
 * The prefix 0x02 separates block roots from RFC 6962 leaf (0x00) and interior (0x01) hashes, so no block root can
 * be passed off as a tree node or a leaf. Parents are committed in the given order and must be distinct. A block
 * can only name parents whose roots already exist, so (SHA-256 being collision resistant) the links form a DAG.
 *
 * Ancestry is verifiable by anyone holding only the descendant's root: an {@link AncestryProof} is the chain of
 * blocks from the descendant to the ancestor, each block's root recomputed from its contents and found among the
 * parents of the block before it. A flipped byte anywhere — in a transaction, a parent link, or the claimed roots —
 * changes a recomputed root and the proof is rejected.
 *
 * API: {@link blockRoot}, {@link makeBlock}, {@link verifyBlock}, {@link MerkleDag} (add, get, has, isAncestor,
 * ancestryProof, verify), {@link verifyAncestry}.
 */
import { ArgumentError } from "../errors";
import { buildTree, bytesEqual, sha256, toHex } from "./merkle";

const WHERE = "emtd/protocol/dag";
const BLOCK = Uint8Array.of(2);

/** A block: its transactions (leaf data), its parents' roots, and the root committing to both. */
export interface DagBlock {
  /** blockRoot(parents, transactionsRoot) (32 bytes): the block's identity. */
  readonly root: Uint8Array;
  /** Roots of the parent blocks (32 bytes each, distinct); empty for a genesis block. */
  readonly parents: readonly Uint8Array[];
  /** The RFC 6962 root of `transactions`. */
  readonly transactionsRoot: Uint8Array;
  /** Transaction bytes, in order (each one Merkle leaf). */
  readonly transactions: readonly Uint8Array[];
}

function checkRoot(name: string, r: Uint8Array): void {
  if (!(r instanceof Uint8Array) || r.length !== 32)
    throw new ArgumentError(WHERE, name, "a 32-byte root", r instanceof Uint8Array ? `${r.length} bytes` : r);
}

/**
 * SHA-256(0x02 ‖ uint32be(p) ‖ parents ‖ transactionsRoot): the root of a block with these parents and this
 * transactions root. Throws ArgumentError unless every root is 32 bytes and the parents are distinct.
 * @example
 * ```ts
 * const txRoot = buildTree([]).root;
 * toHex(blockRoot([], txRoot)) === toHex(makeBlock([]).root); // → true
 * ```
 */
export function blockRoot(parents: readonly Uint8Array[], transactionsRoot: Uint8Array): Uint8Array {
  checkRoot("transactionsRoot", transactionsRoot);
  parents.forEach((p, i) => checkRoot(`parents[${i}]`, p));
  const seen = new Set(parents.map(toHex));
  if (seen.size !== parents.length) throw new ArgumentError(WHERE, "parents", "distinct roots", parents.map(toHex));
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, parents.length, false);
  return sha256(BLOCK, count, ...parents, transactionsRoot);
}

/**
 * A block over `transactions` linking to `parents` (blocks or their roots). Copies its inputs, so later changes to
 * the caller's arrays do not alter the block. O(number of transactions) hashes.
 *
 * @example
 * ```ts
 * const enc = (s: string) => new TextEncoder().encode(s);
 * const genesis = makeBlock([enc("mint 100 to alice")]);
 * const next = makeBlock([enc("alice pays bob 5")], [genesis]);
 * [next.parents.length, verifyBlock(next)]; // → [1, true]: next.root commits to genesis.root and the transaction
 * ```
 */
export function makeBlock(transactions: readonly Uint8Array[], parents: ReadonlyArray<DagBlock | Uint8Array> = []): DagBlock {
  const parentRoots = parents.map((p) => (p instanceof Uint8Array ? p : p.root).slice());
  const txs = transactions.map((t) => t.slice());
  const transactionsRoot = buildTree(txs).root;
  return { root: blockRoot(parentRoots, transactionsRoot), parents: parentRoots, transactionsRoot, transactions: txs };
}

/**
 * True when the block's transactions hash to its transactionsRoot and that and its parents hash to its root. Never throws.
 * @example
 * ```ts
 * const block = makeBlock([Uint8Array.of(1, 2, 3)]);
 * const tampered = { ...block, transactions: [Uint8Array.of(1, 2, 4)] };
 * [verifyBlock(block), verifyBlock(tampered)]; // → [true, false]
 * ```
 */
export function verifyBlock(block: DagBlock): boolean {
  try {
    const txRoot = buildTree(block.transactions).root;
    return bytesEqual(txRoot, block.transactionsRoot) && bytesEqual(blockRoot(block.parents, txRoot), block.root);
  } catch {
    return false;
  }
}

/** Blocks from a descendant (first) to an ancestor (last), each a parent of the one before it. */
export type AncestryProof = readonly DagBlock[];

/**
 * True when `proof` shows that the block with root `ancestor` is an ancestor of (or equal to) the block with root
 * `descendant`: proof[0] recomputes to `descendant`, each proof[k+1] recomputes to one of proof[k]'s parents, and
 * the last block recomputes to `ancestor`. Needs nothing but the two roots and the proof. Never throws.
 * @example
 * ```ts
 * const dag = new MerkleDag();
 * const a = dag.add(makeBlock([Uint8Array.of(1)]));
 * const b = dag.add(makeBlock([Uint8Array.of(2)], [a]));
 * const c = dag.add(makeBlock([Uint8Array.of(3)], [b]));
 * verifyAncestry(c.root, a.root, dag.ancestryProof(c.root, a.root)!); // → true
 * ```
 */
export function verifyAncestry(descendant: Uint8Array, ancestor: Uint8Array, proof: AncestryProof): boolean {
  if (proof.length === 0 || !proof.every(verifyBlock)) return false;
  if (!bytesEqual(proof[0]!.root, descendant) || !bytesEqual(proof[proof.length - 1]!.root, ancestor)) return false;
  for (let k = 0; k + 1 < proof.length; k++) {
    if (!proof[k]!.parents.some((p) => bytesEqual(p, proof[k + 1]!.root))) return false;
  }
  return true;
}

/**
 * A store of verified blocks. `add` accepts a block only when it verifies and all its parents are already stored,
 * so every stored block's ancestry is complete and the links are acyclic.
 * @example
 * ```ts
 * const dag = new MerkleDag();
 * const genesis = dag.add(makeBlock([Uint8Array.of(1)]));
 * const left = dag.add(makeBlock([Uint8Array.of(2)], [genesis]));
 * const right = dag.add(makeBlock([Uint8Array.of(3)], [genesis]));
 * const merge = dag.add(makeBlock([], [left, right]));
 * [dag.size, dag.height(merge.root), dag.isAncestor(right.root, merge.root), dag.verify()]; // → [4, 2, true, true]
 * ```
 */
export class MerkleDag {
  private readonly blocks = new Map<string, DagBlock>();
  private readonly heights = new Map<string, number>();

  /** Number of stored blocks. */
  get size(): number {
    return this.blocks.size;
  }

  /** Store `block`; throws ArgumentError when it does not verify, a parent is unknown, or it is already stored. */
  add(block: DagBlock): DagBlock {
    if (!verifyBlock(block)) throw new ArgumentError(WHERE, "block", "a block whose root recomputes from its contents", toHex(block.root));
    const id = toHex(block.root);
    if (this.blocks.has(id)) throw new ArgumentError(WHERE, "block", "a block not already in the DAG", id);
    const missing = block.parents.map(toHex).filter((p) => !this.blocks.has(p));
    if (missing.length > 0) throw new ArgumentError(WHERE, "block.parents", "roots of blocks already in the DAG", missing);
    this.blocks.set(id, block);
    this.heights.set(id, block.parents.length === 0 ? 0 : 1 + Math.max(...block.parents.map((p) => this.heights.get(toHex(p))!)));
    return block;
  }

  /** True when a block with this root is stored. */
  has(root: Uint8Array): boolean {
    return this.blocks.has(toHex(root));
  }

  /** The stored block with this root, or undefined. */
  get(root: Uint8Array): DagBlock | undefined {
    return this.blocks.get(toHex(root));
  }

  /** Length of the longest parent chain down to a genesis block (0 for a genesis block); undefined if not stored. */
  height(root: Uint8Array): number | undefined {
    return this.heights.get(toHex(root));
  }

  /** All stored blocks in insertion order (parents before children). */
  all(): DagBlock[] {
    return [...this.blocks.values()];
  }

  /**
   * The chain of blocks from `descendant` to `ancestor` (a shortest one, by breadth-first search over parent links),
   * or null when `ancestor` is not an ancestor of (or equal to) `descendant` or either is not stored.
   */
  ancestryProof(descendant: Uint8Array, ancestor: Uint8Array): AncestryProof | null {
    const start = toHex(descendant);
    const goal = toHex(ancestor);
    if (!this.blocks.has(start) || !this.blocks.has(goal)) return null;
    const previous = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q]!;
      if (id === goal) {
        const chain: DagBlock[] = [];
        for (let at: string | null = id; at !== null; at = previous.get(at)!) chain.push(this.blocks.get(at)!);
        return chain.reverse();
      }
      for (const p of this.blocks.get(id)!.parents) {
        const pid = toHex(p);
        if (!previous.has(pid)) {
          previous.set(pid, id);
          queue.push(pid);
        }
      }
    }
    return null;
  }

  /** True when `ancestor` is an ancestor of, or equal to, `descendant` (both stored). */
  isAncestor(ancestor: Uint8Array, descendant: Uint8Array): boolean {
    return this.ancestryProof(descendant, ancestor) !== null;
  }

  /** Re-verify every stored block and link (true for an untampered store). */
  verify(): boolean {
    return this.all().every((b) => verifyBlock(b) && b.parents.every((p) => this.blocks.has(toHex(p))));
  }
}

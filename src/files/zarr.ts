/**
 * A small Zarr v2 writer (https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html), enough for xarray and ArviZ to
 * read labelled arrays: a hierarchy of groups (`.zgroup`, `.zattrs`) holding arrays (`.zarray`, `.zattrs`, chunks),
 * uncompressed (`compressor: null`, no filters), little-endian, C order, chunk keys joined by ".". Each array's
 * `.zattrs` carries `_ARRAY_DIMENSIONS` (xarray's convention for naming dimensions), and the root carries the
 * consolidated metadata `.zmetadata` (zarr's `consolidate_metadata`), so `xarray.open_zarr` reads the store in one
 * request and without a warning. Edge chunks are written whole, padded with the fill value, as the spec asks.
 *
 * {@link zarrStoreFiles} builds the files as bytes (pure, testable); {@link writeZarrStore} writes them as one
 * directory, atomically (files/atomic).
 */
import { ArgumentError } from "../errors";
import { writeTreeAtomic } from "./atomic";

const WHERE = "emtd/files/zarr";

/** The element types written: float64, float32, int64 (as a JS number array of safe integers), int32, bool. */
export type ZarrDtype = "<f8" | "<f4" | "<i8" | "<i4" | "|b1";

/** One array: its dimension names (as xarray will show them), shape, C-order values and attributes. */
export interface ZarrArray {
  /** Dimension names, one per axis (`_ARRAY_DIMENSIONS`). */
  dims: readonly string[];
  shape: readonly number[];
  dtype: ZarrDtype;
  /** Values in C order; length = product of `shape`. Booleans as 0/1. */
  data: ArrayLike<number>;
  /** Chunk shape (default: the whole array in one chunk). */
  chunks?: readonly number[];
  attrs?: Record<string, unknown>;
}

/** A group: attributes and arrays (named by key). */
export interface ZarrGroup {
  attrs?: Record<string, unknown>;
  arrays: Record<string, ZarrArray>;
}

const ITEM_SIZE: Record<ZarrDtype, number> = { "<f8": 8, "<f4": 4, "<i8": 8, "<i4": 4, "|b1": 1 };

/**
 * JSON of a fill value: NaN for floats (encoded as the string "NaN", as the spec says); null (none) for integers
 * and booleans, since xarray masks values equal to the fill value (a 0 would read back as NaN).
 */
function fillValue(dtype: ZarrDtype): string | null {
  return dtype === "<f8" || dtype === "<f4" ? "NaN" : null;
}

/** Write element `value` of `dtype` little-endian at byte `offset`. */
function put(view: DataView, offset: number, dtype: ZarrDtype, value: number): void {
  switch (dtype) {
    case "<f8":
      view.setFloat64(offset, value, true);
      break;
    case "<f4":
      view.setFloat32(offset, value, true);
      break;
    case "<i8":
      view.setBigInt64(offset, BigInt(value), true);
      break;
    case "<i4":
      view.setInt32(offset, value, true);
      break;
    case "|b1":
      view.setUint8(offset, value ? 1 : 0);
      break;
  }
}

function checkArray(name: string, a: ZarrArray): readonly number[] {
  const { shape, dims } = a;
  if (dims.length !== shape.length) throw new ArgumentError(WHERE, `${name}.dims`, `one name per axis (${shape.length})`, dims);
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) throw new ArgumentError(WHERE, `${name}.shape`, "integers ≥ 0", shape);
  const size = shape.reduce((p, s) => p * s, 1);
  if (a.data.length !== size) throw new ArgumentError(WHERE, `${name}.data.length`, `the product of the shape (${size})`, a.data.length);
  const chunks = a.chunks ?? shape.map((s) => Math.max(1, s));
  if (chunks.length !== shape.length || !chunks.every((c) => Number.isInteger(c) && c >= 1))
    throw new ArgumentError(WHERE, `${name}.chunks`, `${shape.length} integers ≥ 1`, chunks);
  if (a.dtype === "<i8" && !Array.from({ length: size }, (_, i) => a.data[i]!).every(Number.isSafeInteger))
    throw new ArgumentError(WHERE, `${name}.data`, "safe integers for <i8", "a non-integer value");
  return chunks;
}

/** The chunk files of one array: key "i.j.k" → bytes (whole chunks, edges padded with the fill value). */
function chunkFiles(a: ZarrArray, chunks: readonly number[]): Map<string, Uint8Array> {
  const { shape, dtype, data } = a;
  const rank = shape.length;
  const files = new Map<string, Uint8Array>();
  const grid = shape.map((s, k) => Math.ceil(s / chunks[k]!));
  if (grid.some((g) => g === 0)) return files; // an empty array has no chunks
  const chunkSize = chunks.reduce((p, c) => p * c, 1);
  const item = ITEM_SIZE[dtype];
  // C-order strides of the array.
  const strides = new Array<number>(rank).fill(1);
  for (let k = rank - 2; k >= 0; k--) strides[k] = strides[k + 1]! * shape[k + 1]!;
  const nChunks = grid.reduce((p, g) => p * g, 1);
  const fill = dtype === "<f8" || dtype === "<f4" ? Number.NaN : 0;
  const index = new Array<number>(rank);
  for (let c = 0; c < nChunks; c++) {
    // Chunk coordinates of chunk c (C order over the grid).
    const at = new Array<number>(rank);
    for (let k = rank - 1, rest = c; k >= 0; k--) {
      at[k] = rest % grid[k]!;
      rest = Math.floor(rest / grid[k]!);
    }
    const bytes = new Uint8Array(chunkSize * item);
    const view = new DataView(bytes.buffer);
    for (let e = 0; e < chunkSize; e++) {
      let flat = 0;
      let inside = true;
      for (let k = rank - 1, rest = e; k >= 0; k--) {
        index[k] = at[k]! * chunks[k]! + (rest % chunks[k]!);
        rest = Math.floor(rest / chunks[k]!);
        if (index[k]! >= shape[k]!) inside = false;
        flat += index[k]! * strides[k]!;
      }
      put(view, e * item, dtype, inside ? data[flat]! : fill);
    }
    files.set(rank === 0 ? "0" : at.join("."), bytes);
  }
  return files;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");

/**
 * The files of a Zarr v2 store holding `groups` (each a child of the root, named by key) as paths relative to the
 * store → bytes, with the consolidated `.zmetadata`. Pure: nothing is written.
 *
 * @example
 * ```ts
 * const files = zarrStoreFiles({
 *   posterior: { attrs: { inference_library: "emtd" }, arrays: { energy: { dims: ["chain", "draw"], shape: [1, 3], dtype: "<f8", data: [1, 2, 3] } } },
 * });
 * [...files.keys()].sort(); // → [".zattrs", ".zgroup", ".zmetadata", "posterior/.zattrs", "posterior/.zgroup", "posterior/energy/.zarray", "posterior/energy/.zattrs", "posterior/energy/0.0"]
 * files.get("posterior/energy/0.0")!.length; // → 24 (three little-endian float64)
 * ```
 */
export function zarrStoreFiles(groups: Record<string, ZarrGroup>, rootAttrs: Record<string, unknown> = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const metadata: Record<string, unknown> = {};
  const meta = (file: string, value: unknown) => {
    metadata[file] = value;
    files.set(file, json(value));
  };
  meta(".zgroup", { zarr_format: 2 });
  meta(".zattrs", rootAttrs);
  for (const [group, g] of Object.entries(groups)) {
    if (!/^[A-Za-z_][\w.-]*$/.test(group)) throw new ArgumentError(WHERE, "group", "a name of letters, digits, _ . -", group);
    meta(`${group}/.zgroup`, { zarr_format: 2 });
    meta(`${group}/.zattrs`, g.attrs ?? {});
    for (const [name, a] of Object.entries(g.arrays)) {
      if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new ArgumentError(WHERE, "array", "a name of letters, digits, _ . -", name);
      const chunks = checkArray(`${group}/${name}`, a);
      meta(`${group}/${name}/.zarray`, {
        zarr_format: 2,
        shape: a.shape,
        chunks,
        dtype: a.dtype,
        compressor: null,
        fill_value: fillValue(a.dtype),
        order: "C",
        filters: null,
        dimension_separator: ".",
      });
      meta(`${group}/${name}/.zattrs`, { ...(a.attrs ?? {}), _ARRAY_DIMENSIONS: a.dims });
      for (const [key, bytes] of chunkFiles(a, chunks)) files.set(`${group}/${name}/${key}`, bytes);
    }
  }
  files.set(".zmetadata", json({ zarr_consolidated_format: 1, metadata }));
  return files;
}

/**
 * Write the store of {@link zarrStoreFiles} at directory `store` as a whole: a reader sees the previous store or the
 * new one, never a part (files/atomic `writeTreeAtomic`). Returns the number of bytes written.
 */
export function writeZarrStore(store: string, groups: Record<string, ZarrGroup>, rootAttrs: Record<string, unknown> = {}): number {
  const files = zarrStoreFiles(groups, rootAttrs);
  writeTreeAtomic(store, files);
  let bytes = 0;
  for (const b of files.values()) bytes += b.length;
  return bytes;
}

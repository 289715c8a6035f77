import {
  BRANCH_PAGE, BUCKET_HEADER_SIZE, BUCKET_LEAF_FLAG, BoltFormatError, ELEMENT_SIZE, fnv64a, LEAF_PAGE, MAGIC, META_CHECKSUM_OFFSET,
  PAGE_HEADER_SIZE, VERSION,
} from './bbolt-layout';
import type { BoltEntry } from './bbolt-file.writer';

/** A bbolt database read whole: its top-level buckets' entries in key order, and its size as bbolt counts it. */
export interface BoltDatabase {
  pageSize: number;
  /** Pages in use (the meta's high-water mark): bbolt's `tx.Size()` is this times the page size. */
  highWaterMark: number;
  txid: bigint;
  /** Bucket name (bytes, latin1) → entries in key order; nested buckets are left out (etcd keeps none). */
  buckets: Map<string, BoltEntry[]>;
}

interface Meta {
  pageSize: number;
  root: bigint;
  highWaterMark: bigint;
  txid: bigint;
}

/** The meta at `offset` if its magic, version and checksum hold (bbolt's Meta.Validate). */
function metaAt(file: Buffer, offset: number): Meta | undefined {
  const at = offset + PAGE_HEADER_SIZE;
  if (file.length < META_CHECKSUM_OFFSET + offset + 8) return undefined;
  if (file.readUInt32LE(at) !== MAGIC || file.readUInt32LE(at + 4) !== VERSION) return undefined;
  if (fnv64a(file.subarray(at, offset + META_CHECKSUM_OFFSET)) !== file.readBigUInt64LE(offset + META_CHECKSUM_OFFSET)) return undefined;
  return { pageSize: file.readUInt32LE(at + 8), root: file.readBigUInt64LE(at + 16), highWaterMark: file.readBigUInt64LE(at + 40), txid: file.readBigUInt64LE(at + 48) };
}

/** The current meta: of the two meta pages, the valid one with the higher txid, as bbolt opens a file. */
function currentMeta(file: Buffer): Meta {
  const first = metaAt(file, 0);
  const second = first ? metaAt(file, first.pageSize) : undefined;
  const candidates = [first, second].filter((meta): meta is Meta => !!meta).sort((a, b) => (a.txid > b.txid ? -1 : 1));
  if (candidates.length === 0) throw new BoltFormatError('invalid database');
  return candidates[0];
}

/**
 * Reads a bbolt database: a file written by `writeBoltDatabase` or by bbolt itself (an etcd member's
 * `member/snap/db`, or `etcdctl snapshot save`'s file, whose trailing SHA-256 is past the last page and
 * ignored here). Throws BoltFormatError for anything else.
 */
export function readBoltDatabase(file: Buffer): BoltDatabase {
  const meta = currentMeta(file);
  const reader = new PageReader(file, meta.pageSize, meta.highWaterMark);
  const buckets = new Map<string, BoltEntry[]>();
  for (const entry of reader.entries(meta.root, true)) {
    buckets.set(entry.key.toString('latin1'), reader.bucketEntries(entry.value));
  }
  return { pageSize: meta.pageSize, highWaterMark: Number(meta.highWaterMark), txid: meta.txid, buckets };
}

interface PageEntry extends BoltEntry {
  isBucket: boolean;
}

class PageReader {
  constructor(private readonly file: Buffer, private readonly pageSize: number, private readonly highWaterMark: bigint) {}

  /** A bucket's entries from its value: a root page, or (root 0) the inline page after the header. */
  bucketEntries(value: Buffer): BoltEntry[] {
    if (value.length < BUCKET_HEADER_SIZE) throw new BoltFormatError('invalid database: short bucket header');
    const root = value.readBigUInt64LE(0);
    const entries = root === 0n ? this.pageEntries(value, BUCKET_HEADER_SIZE) : this.entries(root);
    return entries.filter((entry) => !entry.isBucket).map(({ key, value: data }) => ({ key, value: data }));
  }

  /** Every leaf entry under the page `pgid`, in key order. */
  entries(pgid: bigint, bucketsOnly = false): PageEntry[] {
    const result: PageEntry[] = [];
    const visit = (id: bigint, depth: number) => {
      if (id >= this.highWaterMark || depth > 64) throw new BoltFormatError(`invalid database: page ${id} out of bounds`);
      const offset = Number(id) * this.pageSize;
      if (offset + PAGE_HEADER_SIZE > this.file.length) throw new BoltFormatError(`invalid database: page ${id} past the end of the file`);
      const flags = this.file.readUInt16LE(offset + 8);
      if (flags === BRANCH_PAGE) {
        const count = this.file.readUInt16LE(offset + 10);
        for (let i = 0; i < count; i++) visit(this.file.readBigUInt64LE(offset + PAGE_HEADER_SIZE + i * ELEMENT_SIZE + 8), depth + 1);
      } else if (flags === LEAF_PAGE) {
        result.push(...this.pageEntries(this.file, offset));
      } else {
        throw new BoltFormatError(`invalid database: page ${id} has type ${flags.toString(16)} in a tree`);
      }
    };
    visit(pgid, 0);
    return bucketsOnly ? result.filter((entry) => entry.isBucket) : result;
  }

  /** The elements of the leaf page at `offset` of `buffer` (a page of the file, or an inline bucket's). */
  private pageEntries(buffer: Buffer, offset: number): PageEntry[] {
    if (buffer.readUInt16LE(offset + 8) !== LEAF_PAGE) throw new BoltFormatError('invalid database: an inline bucket that is no leaf');
    const count = buffer.readUInt16LE(offset + 10);
    const entries: PageEntry[] = [];
    for (let i = 0; i < count; i++) {
      const at = offset + PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
      const keyAt = at + buffer.readUInt32LE(at + 4);
      const keySize = buffer.readUInt32LE(at + 8);
      const valueSize = buffer.readUInt32LE(at + 12);
      if (keyAt + keySize + valueSize > buffer.length) throw new BoltFormatError('invalid database: an element past the end of the file');
      entries.push({
        isBucket: (buffer.readUInt32LE(at) & BUCKET_LEAF_FLAG) !== 0,
        key: Buffer.from(buffer.subarray(keyAt, keyAt + keySize)),
        value: Buffer.from(buffer.subarray(keyAt + keySize, keyAt + keySize + valueSize)),
      });
    }
    return entries;
  }
}

import {
  BRANCH_PAGE, BUCKET_HEADER_SIZE, BUCKET_LEAF_FLAG, BoltFormatError, DEFAULT_PAGE_SIZE, ELEMENT_SIZE, FREELIST_PAGE, fnv64a, LEAF_PAGE,
  MAGIC, META_CHECKSUM_OFFSET, META_PAGE, PAGE_HEADER_SIZE, VERSION,
} from './bbolt-layout';

/** One key and value of a bucket. */
export interface BoltEntry {
  key: Buffer;
  value: Buffer;
}

/** The buckets of a database, each a list of entries (any order; keys unique within a bucket). */
export type BoltBuckets = Map<string, BoltEntry[]>;

interface Element extends BoltEntry {
  flags: number;
}

/** A written node: the page it starts on and its first key (what the parent branch points with). */
interface WrittenNode {
  pgid: bigint;
  firstKey: Buffer;
}

/**
 * Writes a bbolt database holding `buckets` (top-level buckets only, as etcd keeps them), as a
 * compacted bbolt file looks: meta pages 0 and 1 (txids 0 and 1, as a new database), an empty freelist
 * on page 2, then each bucket's B+tree (leaves filled up to a page, a node larger than a page spanning
 * overflow pages), then the root bucket's tree. Every page below the high-water mark is reachable, so
 * bbolt's `tx.Check()` (run by `etcdctl snapshot status`) finds nothing to report.
 */
export function writeBoltDatabase(buckets: BoltBuckets, pageSize = DEFAULT_PAGE_SIZE): Buffer {
  const steps = boltDatabaseSteps(buckets, pageSize);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Nodes written between two pauses of boltDatabaseSteps. */
const NODES_PER_STEP = 64;

/** writeBoltDatabase, pausing (yielding) every NODES_PER_STEP nodes written, for a caller that lets other work run meanwhile. */
export function* boltDatabaseSteps(buckets: BoltBuckets, pageSize = DEFAULT_PAGE_SIZE): Generator<void, Buffer> {
  const file = new PageFile(pageSize, estimateSize(buckets, pageSize));
  file.write(2n, freelistPage(pageSize));
  yield;
  let written = 0;
  function* writeTree(elements: Element[]): Generator<void, bigint> {
    yield;
    const sorted = [...elements].sort((a, b) => Buffer.compare(a.key, b.key));
    yield;
    sorted.forEach((element, i) => {
      if (i > 0 && sorted[i - 1].key.equals(element.key)) throw new BoltFormatError(`duplicate key ${element.key.toString('hex')}`);
    });
    yield;
    let level: WrittenNode[] = [];
    for (const group of pack(sorted, pageSize, (element) => ELEMENT_SIZE + element.key.length + element.value.length)) {
      level.push({ pgid: file.append((page) => leafPage(group, page)), firstKey: group[0]?.key ?? Buffer.alloc(0) });
      if (++written % NODES_PER_STEP === 0) yield;
    }
    while (level.length > 1) {
      level = pack(level, pageSize, (child) => ELEMENT_SIZE + child.firstKey.length, 2)
        .map((group) => ({ pgid: file.append((page) => branchPage(group, page)), firstKey: group[0].firstKey }));
      yield;
    }
    return level[0].pgid;
  }
  const bucketEntries: Element[] = [];
  for (const [name, entries] of buckets) {
    const header = Buffer.alloc(BUCKET_HEADER_SIZE);
    header.writeBigUInt64LE(yield* writeTree(entries.map((entry) => ({ ...entry, flags: 0 }))), 0);
    bucketEntries.push({ key: Buffer.from(name), value: header, flags: BUCKET_LEAF_FLAG });
  }
  const root = yield* writeTree(bucketEntries);
  for (const txid of [0n, 1n]) file.write(txid, metaPage(pageSize, txid, root, file.highWaterMark));
  return file.contents();
}

/** Roughly the file's size: every key and value and their elements, with room for half-empty pages. */
function estimateSize(buckets: BoltBuckets, pageSize: number): number {
  let bytes = 8 * pageSize;
  for (const entries of buckets.values()) for (const entry of entries) bytes += ELEMENT_SIZE + entry.key.length + entry.value.length;
  return Math.ceil((bytes * 1.5) / pageSize) * pageSize;
}

/** The database's pages in one buffer (grown by doubling), written at pgid × page size. */
class PageFile {
  private buffer: Buffer;
  highWaterMark = 3n;

  constructor(private readonly pageSize: number, initialSize: number) {
    this.buffer = Buffer.alloc(initialSize);
  }

  /** Writes a node at the high-water mark; `fill` lays it out into the page(s) it is given. Returns its pgid. */
  append(fill: (page: (size: number) => Buffer) => void): bigint {
    const pgid = this.highWaterMark;
    fill((size) => {
      const spans = Math.max(1, Math.ceil(size / this.pageSize));
      const start = Number(pgid) * this.pageSize;
      this.reserve(start + spans * this.pageSize);
      this.highWaterMark = pgid + BigInt(spans);
      const page = this.buffer.subarray(start, start + spans * this.pageSize);
      page.writeBigUInt64LE(pgid, 0);
      page.writeUInt32LE(spans - 1, 12);
      return page;
    });
    return pgid;
  }

  write(pgid: bigint, page: Buffer): void {
    const start = Number(pgid) * this.pageSize;
    this.reserve(start + page.length);
    page.copy(this.buffer, start);
  }

  contents(): Buffer {
    return this.buffer.subarray(0, Number(this.highWaterMark) * this.pageSize);
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(size, this.buffer.length * 2));
    this.buffer.copy(grown);
    this.buffer = grown;
  }
}

/**
 * Splits sorted items into consecutive groups that fit one page each (a group of one item may be
 * larger: it spans overflow pages), never fewer than `minimum` items in a group unless there are fewer
 * items in all (bbolt rebalances a branch of one child). Always at least one group (an empty leaf).
 */
function pack<T>(items: T[], pageSize: number, sizeOf: (item: T) => number, minimum = 1): T[][] {
  const groups: T[][] = [[]];
  let size = PAGE_HEADER_SIZE;
  for (const item of items) {
    const current = groups[groups.length - 1];
    const itemSize = sizeOf(item);
    if (current.length >= minimum && size + itemSize > pageSize) {
      groups.push([item]);
      size = PAGE_HEADER_SIZE + itemSize;
    } else {
      current.push(item);
      size += itemSize;
    }
  }
  const last = groups[groups.length - 1];
  if (groups.length > 1 && last.length < minimum) groups[groups.length - 2].push(...groups.pop()!);
  return groups;
}

/** A node's page(s): `allocate(size)` hands out zeroed pages enough for `size` bytes; flags and count set here. */
function nodePage(size: number, flags: number, count: number, allocate: (size: number) => Buffer): Buffer {
  if (count > 0xffff) throw new BoltFormatError(`${count} elements on one page`);
  const page = allocate(size);
  page.writeUInt16LE(flags, 8);
  page.writeUInt16LE(count, 10);
  return page;
}

function leafPage(elements: Element[], allocate: (size: number) => Buffer): void {
  const size = PAGE_HEADER_SIZE + elements.reduce((sum, element) => sum + ELEMENT_SIZE + element.key.length + element.value.length, 0);
  const page = nodePage(size, LEAF_PAGE, elements.length, allocate);
  let data = PAGE_HEADER_SIZE + elements.length * ELEMENT_SIZE;
  elements.forEach((element, i) => {
    const at = PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
    page.writeUInt32LE(element.flags, at);
    page.writeUInt32LE(data - at, at + 4);
    page.writeUInt32LE(element.key.length, at + 8);
    page.writeUInt32LE(element.value.length, at + 12);
    data += element.key.copy(page, data);
    data += element.value.copy(page, data);
  });
}

function branchPage(children: WrittenNode[], allocate: (size: number) => Buffer): void {
  const size = PAGE_HEADER_SIZE + children.reduce((sum, child) => sum + ELEMENT_SIZE + child.firstKey.length, 0);
  const page = nodePage(size, BRANCH_PAGE, children.length, allocate);
  let data = PAGE_HEADER_SIZE + children.length * ELEMENT_SIZE;
  children.forEach((child, i) => {
    const at = PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
    page.writeUInt32LE(data - at, at);
    page.writeUInt32LE(child.firstKey.length, at + 4);
    page.writeBigUInt64LE(child.pgid, at + 8);
    data += child.firstKey.copy(page, data);
  });
}

function freelistPage(pageSize: number): Buffer {
  const page = Buffer.alloc(pageSize);
  page.writeBigUInt64LE(2n, 0);
  page.writeUInt16LE(FREELIST_PAGE, 8);
  return page;
}

function metaPage(pageSize: number, txid: bigint, root: bigint, highWaterMark: bigint): Buffer {
  const page = Buffer.alloc(pageSize);
  page.writeBigUInt64LE(txid % 2n, 0);
  page.writeUInt16LE(META_PAGE, 8);
  const at = PAGE_HEADER_SIZE;
  page.writeUInt32LE(MAGIC, at);
  page.writeUInt32LE(VERSION, at + 4);
  page.writeUInt32LE(pageSize, at + 8);
  page.writeBigUInt64LE(root, at + 16);
  page.writeBigUInt64LE(2n, at + 32);
  page.writeBigUInt64LE(highWaterMark, at + 40);
  page.writeBigUInt64LE(txid, at + 48);
  page.writeBigUInt64LE(fnv64a(page.subarray(at, META_CHECKSUM_OFFSET)), META_CHECKSUM_OFFSET);
  return page;
}

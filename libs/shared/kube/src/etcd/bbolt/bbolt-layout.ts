/**
 * bbolt's on-disk layout (go.etcd.io/bbolt, internal/common/page.go and meta.go), little-endian as
 * on every platform etcd ships for: a file of fixed-size pages, pages 0 and 1 the two meta pages (the
 * one with the higher valid txid is current), then the freelist, branch and leaf pages of the B+trees.
 *
 * page header (16 bytes): id u64, flags u16, count u16, overflow u32 (further pages this one spans)
 * meta (after the header): magic u32, version u32, pageSize u32, flags u32, root bucket {root u64,
 *   sequence u64}, freelist u64, pgid u64 (the high-water mark: pages in use), txid u64, checksum u64
 *   (FNV-1a 64 of the fields before it)
 * leaf element (16 bytes): flags u32 (1: the value is a bucket), pos u32 (from the element to its key),
 *   ksize u32, vsize u32; the value follows the key
 * branch element (16 bytes): pos u32, ksize u32, pgid u64 (the child whose first key this is)
 * bucket value: {root u64, sequence u64}, then, when root is 0, the bucket's one leaf page inline
 */
export const PAGE_HEADER_SIZE = 16;
export const ELEMENT_SIZE = 16;
export const BUCKET_HEADER_SIZE = 16;
export const META_CHECKSUM_OFFSET = PAGE_HEADER_SIZE + 56;

export const BRANCH_PAGE = 0x01;
export const LEAF_PAGE = 0x02;
export const META_PAGE = 0x04;
export const FREELIST_PAGE = 0x10;
export const BUCKET_LEAF_FLAG = 0x01;

export const MAGIC = 0xed0cdaed;
export const VERSION = 2;
/** The page size etcd's bbolt uses on Linux (os.Getpagesize()). */
export const DEFAULT_PAGE_SIZE = 4096;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

/** FNV-1a 64 (Go's hash/fnv New64a), the meta page's checksum. */
export function fnv64a(bytes: Buffer): bigint {
  let hash = FNV_OFFSET;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * FNV_PRIME);
  return hash;
}

/** The CRC-32C (Castagnoli) table, reflected, as Go's hash/crc32 MakeTable(Castagnoli) builds it. */
const CASTAGNOLI = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32C of `bytes` continuing from `crc` (Go's crc32.Update), the hash etcd's `snapshot status` prints. */
export function crc32c(bytes: Buffer, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of bytes) c = CASTAGNOLI[(c ^ byte) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Thrown for bytes that are not a bbolt database (bbolt's "invalid database"). */
export class BoltFormatError extends Error {}

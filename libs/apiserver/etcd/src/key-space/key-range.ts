/** One key and its value at a revision (mvccpb.KeyValue's content). */
export interface KeyValue {
  key: Buffer;
  value: Buffer;
  modRevision: number;
}

/** Keys [key, rangeEnd) as etcd reads a range: no end = the key alone, end `\0` = every key from `key` on. */
export interface KeyRange {
  key: Buffer;
  rangeEnd?: Buffer;
}

export function inRange(key: Buffer, range: KeyRange): boolean {
  if (!range.rangeEnd || range.rangeEnd.length === 0) return key.equals(range.key);
  if (Buffer.compare(key, range.key) < 0) return false;
  return (range.rangeEnd.length === 1 && range.rangeEnd[0] === 0) || Buffer.compare(key, range.rangeEnd) < 0;
}

/**
 * The pod-template-hash (controller.ComputeHash): FNV-32a over the template plus the collision count
 * (a uint32 little-endian in an 8-byte buffer, all 8 bytes hashed, as upstream), printed in decimal and encoded with rand.SafeEncodeString.
 *
 * Upstream hashes the Go struct as printed by spew (hashutil.DeepHashObject); that printing cannot be
 * reproduced outside Go, so Drydock hashes canonical JSON (keys sorted) of the template instead. The
 * value is therefore stable and template-determined, but not byte-identical to a real cluster's.
 */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** rand.SafeEncodeString: each byte mapped onto consonants and digits (no vowels, no bad words). */
export function safeEncodeString(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) out += SAFE_ALPHANUMS[byte % SAFE_ALPHANUMS.length];
  return out;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(Buffer.from(canonicalJson(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(collisionCount >>> 0, 0);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

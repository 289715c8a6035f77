import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCookie, SessionSealer } from './session';

describe('SessionSealer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-session-'));
  const file = join(dir, 'pki', 'dashboard-session.key');

  it('opens what it sealed, and the cookie value does not contain the token', () => {
    const sealer = SessionSealer.fromKeyFile(file);
    const sealed = sealer.seal('secret-token-123');
    expect(sealed).not.toContain('secret-token-123');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('secret-token-123');
    expect(sealer.open(sealed)).toBe('secret-token-123');
  });

  it('keeps its key across restarts, readable by its owner only', () => {
    const sealed = SessionSealer.fromKeyFile(file).seal('t');
    expect(SessionSealer.fromKeyFile(file).open(sealed)).toBe('t');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses tampered, foreign and malformed values', () => {
    const sealer = SessionSealer.fromKeyFile(file);
    const sealed = Buffer.from(sealer.seal('token'), 'base64url');
    sealed[sealed.length - 1] ^= 1;
    expect(sealer.open(sealed.toString('base64url'))).toBeUndefined();
    const other = SessionSealer.fromKeyFile(join(dir, 'other.key'));
    expect(sealer.open(other.seal('token'))).toBeUndefined();
    expect(sealer.open('not-a-cookie')).toBeUndefined();
    expect(sealer.open('')).toBeUndefined();
    expect(sealer.open(undefined)).toBeUndefined();
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; drydock_session=abc%3D; b=2', 'drydock_session')).toBe('abc=');
    expect(readCookie('a=1', 'drydock_session')).toBeUndefined();
    expect(readCookie(undefined, 'drydock_session')).toBeUndefined();
  });
});

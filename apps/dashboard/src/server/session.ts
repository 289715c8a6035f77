import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const sessionCookie = 'drydock_session';

/**
 * A signed-in user's bearer token, sealed (AES-256-GCM) into an httpOnly cookie: the browser never
 * sees the token, and a restarted dashboard server still opens existing sessions. Teams bring
 * per-user tokens later; the cookie holds whichever token the user signed in with.
 */
export class SessionSealer {
  private constructor(private readonly key: Buffer) {}

  /** Loads the sealing key from `file`, creating it (mode 0600) on first use. */
  static fromKeyFile(file: string): SessionSealer {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    return new SessionSealer(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The token inside a cookie value, or undefined when the value was not sealed with this key. */
  open(value: string | undefined): string | undefined {
    if (!value) return undefined;
    try {
      const raw = Buffer.from(value, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

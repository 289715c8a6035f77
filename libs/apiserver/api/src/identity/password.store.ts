import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { PrismaClient } from '@drydock/storage';

/** The shortest password accepted (NIST SP 800-63B's minimum for a chosen secret). */
export const minPasswordLength = 8;
/** Longer inputs are refused before hashing (argon2 would take them, but nobody types 1 KiB). */
export const maxPasswordLength = 1024;

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 iterations, 1 lane). */
const options = { algorithm: Algorithm.Argon2id };

/** Users' passwords in `password_credentials`, as argon2id hashes in PHC string form. */
export class PasswordStore {
  /** A hash of nothing anyone can type, verified when a user has no password so both cases take as long. */
  private decoy?: Promise<string>;

  constructor(private readonly prisma: PrismaClient) {}

  async set(userName: string, password: string): Promise<void> {
    const digest = await hash(password, options);
    await this.prisma.passwordCredential.upsert({ where: { userName }, create: { userName, hash: digest }, update: { hash: digest, updatedAt: new Date() } });
  }

  /**
   * Whether `password` is the user's; false for a user without one (after the same work), and for a
   * password set before `notBefore` (the User object's creation: it was an earlier user's of that name).
   */
  async verify(userName: string, password: string, notBefore: Date): Promise<boolean> {
    if (password.length > maxPasswordLength) return false;
    const row = await this.prisma.passwordCredential.findUnique({ where: { userName } });
    if (!row || row.updatedAt < notBefore) {
      this.decoy ??= hash('\u0000 no password set \u0000', options);
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(row.hash, password).catch(() => false);
  }

  async remove(userName: string): Promise<void> {
    await this.prisma.passwordCredential.deleteMany({ where: { userName } });
  }
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'password is required';
  if ([...password].length < minPasswordLength) return `password must be at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `password must be at most ${maxPasswordLength} characters`;
  return undefined;
}

import { Prisma, type PrismaClient } from '@drydock/storage';
import { hashToken } from '../security/pki';
import { newCredential } from './credential-token';

/** How long a sign-in link stays valid. */
export const signInLinkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** One-time sign-in links in `sign_in_links` (the link's secret stored as SHA-256). */
export class SignInLinkStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new link for the user; earlier unused links of the user stop working. */
  async issue(userName: string): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newCredential('signInLink');
    const expiresAt = new Date(this.now().getTime() + signInLinkLifetimeMs);
    await this.prisma.$transaction([this.prisma.signInLink.deleteMany({ where: { userName } }), this.prisma.signInLink.create({ data: { tokenHash: hash, userName, expiresAt } })]);
    return { token, expiresAt };
  }

  /** Ends every link of a user (the User object was deleted). */
  async revokeAll(userName: string): Promise<number> {
    return (await this.prisma.signInLink.deleteMany({ where: { userName } })).count;
  }

  async deleteExpired(): Promise<number> {
    return (await this.prisma.signInLink.deleteMany({ where: { expiresAt: { lt: this.now() } } })).count;
  }

  /** Uses the link up: its user and when it was made, when it was valid; undefined otherwise (unknown, used or expired). */
  async redeem(token: string): Promise<{ userName: string; createdAt: Date } | undefined> {
    try {
      const row = await this.prisma.signInLink.delete({ where: { tokenHash: hashToken(token) } });
      return row.expiresAt > this.now() ? { userName: row.userName, createdAt: row.createdAt } : undefined;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return undefined;
      throw error;
    }
  }
}

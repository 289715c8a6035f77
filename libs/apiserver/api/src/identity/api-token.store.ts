import { randomUUID } from 'node:crypto';
import { Prisma, type ApiToken, type PrismaClient } from '@drydock/storage';
import { newCredential } from './credential-token';

/** What anyone may see of a token: never its secret nor its hash. */
export type ApiTokenInfo = Pick<ApiToken, 'userName' | 'name' | 'createdAt' | 'expiresAt' | 'lastUsedAt'>;

/** The owner and validity of a token, as the authenticator needs them. */
export type ApiTokenGrant = Pick<ApiToken, 'id' | 'userName' | 'createdAt' | 'expiresAt'>;

/** Users' API tokens in the `api_tokens` table: issued once in the clear, stored as SHA-256. */
export class ApiTokenStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** A new token named `name` for `userName`; undefined when the user already has a token of that name. */
  async issue(userName: string, name: string, expiresAt: Date | null): Promise<{ token: string; info: ApiTokenInfo } | undefined> {
    const { token, hash } = newCredential('apiToken');
    try {
      const row = await this.prisma.apiToken.create({ data: { id: randomUUID(), userName, name, tokenHash: hash, expiresAt } });
      return { token, info: publicInfo(row) };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return undefined;
      throw error;
    }
  }

  /** The user's tokens by name. */
  async list(userName: string): Promise<ApiTokenInfo[]> {
    const rows = await this.prisma.apiToken.findMany({ where: { userName }, orderBy: { name: 'asc' } });
    return rows.map(publicInfo);
  }

  /** Deletes the token; false when the user has none of that name. */
  async revoke(userName: string, name: string): Promise<ApiTokenInfo | undefined> {
    const row = await this.prisma.apiToken.findUnique({ where: { userName_name: { userName, name } } });
    if (!row) return undefined;
    const { count } = await this.prisma.apiToken.deleteMany({ where: { id: row.id } });
    return count ? publicInfo(row) : undefined;
  }

  /** Revokes every token of a user (the User object was deleted). */
  async revokeAll(userName: string): Promise<number> {
    return (await this.prisma.apiToken.deleteMany({ where: { userName } })).count;
  }

  /** Drops tokens past their expiry (refused regardless; this keeps listings and the table short). */
  async deleteExpired(now = new Date()): Promise<number> {
    return (await this.prisma.apiToken.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  }

  async findByHash(tokenHash: string): Promise<ApiTokenGrant | undefined> {
    return (await this.prisma.apiToken.findUnique({ where: { tokenHash }, select: { id: true, userName: true, createdAt: true, expiresAt: true } })) ?? undefined;
  }

  /** Records last use in one statement for many tokens (see LastUsedRecorder). */
  async markUsed(uses: Map<string, Date>): Promise<void> {
    if (!uses.size) return;
    const ids = [...uses.keys()];
    const times = ids.map((id) => uses.get(id)!);
    await this.prisma.$executeRaw`UPDATE api_tokens AS t SET last_used_at = u.at
      FROM unnest(${ids}::text[], ${times}::timestamptz[]) AS u(id, at)
      WHERE t.id = u.id AND (t.last_used_at IS NULL OR t.last_used_at < u.at)`;
  }
}

function publicInfo(row: ApiToken): ApiTokenInfo {
  return { userName: row.userName, name: row.name, createdAt: row.createdAt, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt };
}

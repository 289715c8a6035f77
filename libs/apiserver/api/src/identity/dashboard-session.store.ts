import type { PrismaClient } from '@drydock/storage';
import { newCredential } from './credential-token';

/** How long a dashboard session lasts after sign-in. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

/** Dashboard sessions in `dashboard_sessions`: the session token is a bearer token, stored as SHA-256. */
export class DashboardSessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(userName: string): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newCredential('session');
    const expiresAt = new Date(this.now().getTime() + sessionLifetimeMs);
    await this.prisma.dashboardSession.create({ data: { tokenHash: hash, userName, expiresAt } });
    return { token, expiresAt };
  }

  async findByHash(tokenHash: string): Promise<{ userName: string; createdAt: Date; expiresAt: Date } | undefined> {
    return (await this.prisma.dashboardSession.findUnique({ where: { tokenHash }, select: { userName: true, createdAt: true, expiresAt: true } })) ?? undefined;
  }

  /** Sign-out: the session ends; false when there was none. */
  async close(tokenHash: string): Promise<boolean> {
    return (await this.prisma.dashboardSession.deleteMany({ where: { tokenHash } })).count > 0;
  }

  async closeAll(userName: string): Promise<number> {
    return (await this.prisma.dashboardSession.deleteMany({ where: { userName } })).count;
  }

  /** Drops expired sessions (called from time to time; an expired one is refused regardless). */
  async sweep(): Promise<number> {
    return (await this.prisma.dashboardSession.deleteMany({ where: { expiresAt: { lt: this.now() } } })).count;
  }
}

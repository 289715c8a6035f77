import type { Logger } from 'pino';
import type { ObjectStore, PrismaClient } from '@drydock/storage';
import { ApiTokenStore } from './api-token.store';
import { CredentialCleanup, type UserEvents } from './credential-cleanup';
import { DashboardSessionStore } from './dashboard-session.store';
import { LastUsedRecorder } from './last-used.recorder';
import { PasswordStore } from './password.store';
import { SignInLinkStore } from './sign-in-link.store';
import { UserDirectory, type CachedObject } from './user-directory';
import { UserTokenAuthenticator } from './user-token.authenticator';

/** The API server's credential services over Prisma's tables, built once per process. */
export class IdentityServices {
  readonly tokens: ApiTokenStore;
  readonly sessions: DashboardSessionStore;
  readonly passwords: PasswordStore;
  readonly signInLinks: SignInLinkStore;
  readonly users: UserDirectory;
  readonly authenticator: UserTokenAuthenticator;
  private readonly lastUsed: LastUsedRecorder;
  private readonly cleanup: CredentialCleanup;

  constructor(prisma: PrismaClient, cache: CachedObject & UserEvents, store: Pick<ObjectStore, 'get'>, logger: Logger) {
    this.tokens = new ApiTokenStore(prisma);
    this.sessions = new DashboardSessionStore(prisma);
    this.passwords = new PasswordStore(prisma);
    this.signInLinks = new SignInLinkStore(prisma);
    this.users = new UserDirectory(cache, store);
    this.lastUsed = new LastUsedRecorder((uses) => this.tokens.markUsed(uses), (error) => logger.warn({ err: error }, 'recording API tokens last use failed'));
    const lookup = { apiToken: (hash: string) => this.tokens.findByHash(hash), session: (hash: string) => this.sessions.findByHash(hash) };
    this.authenticator = new UserTokenAuthenticator(lookup, this.users, (id) => this.lastUsed.record(id));
    this.cleanup = new CredentialCleanup(cache, this, (error) => logger.warn({ err: error }, 'removing credentials failed'));
  }

  start(): void {
    this.lastUsed.start();
    this.cleanup.start();
  }

  /** Every credential of a user whose User object was deleted. */
  async purgeUser(userName: string): Promise<void> {
    await Promise.all([this.tokens.revokeAll(userName), this.sessions.closeAll(userName), this.passwords.remove(userName), this.signInLinks.revokeAll(userName)]);
    this.authenticator.invalidate();
  }

  async purgeExpired(): Promise<void> {
    await Promise.all([this.tokens.deleteExpired(), this.sessions.sweep(), this.signInLinks.deleteExpired()]);
  }

  /** Writes pending last-used times (tests and listings read them through this). */
  flushLastUsed(): Promise<void> {
    return this.lastUsed.flush();
  }

  async stop(): Promise<void> {
    this.cleanup.stop();
    await this.lastUsed.stop();
  }
}

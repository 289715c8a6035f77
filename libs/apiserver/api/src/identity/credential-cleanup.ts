import type { ChangeEvent, CollectionKey } from '@drydock/storage';
import { usersResource } from './user-directory';

/** What the cleanup needs of the watch cache. */
export interface UserEvents {
  readonly revision: number;
  watch(filter: CollectionKey, fromRevision: number, listener: (events: ChangeEvent[]) => void, onError?: (error: unknown) => void): { close(): void };
}

/** The credential stores, as far as removing a user's credentials and expired ones goes. */
export interface CredentialPurge {
  /** Every credential of the user: tokens, sessions, password, sign-in links. */
  purgeUser(userName: string): Promise<void>;
  /** Expired tokens, sessions and links. */
  purgeExpired(): Promise<void>;
}

/**
 * Keeps the credential tables in step with the User objects: a deleted User's tokens, sessions,
 * password and sign-in links are removed (they were refused already: a credential older than its User
 * authenticates no one, so a new user of the same name never inherits them), and expired rows are
 * dropped every `sweepMs`. Every API server runs it; the deletes are idempotent.
 */
export class CredentialCleanup {
  private handle?: { close(): void };
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly events: UserEvents,
    private readonly purge: CredentialPurge,
    private readonly onError: (error: unknown) => void,
    private readonly sweepMs = 10 * 60_000,
  ) {}

  start(): void {
    this.running = true;
    this.subscribe();
    this.timer = setInterval(() => void this.purge.purgeExpired().catch(this.onError), this.sweepMs);
    this.timer.unref();
  }

  stop(): void {
    this.running = false;
    this.handle?.close();
    this.handle = undefined;
    if (this.timer) clearInterval(this.timer);
  }

  private subscribe(): void {
    const filter = { cluster: 'default', resource: usersResource, namespace: '' };
    this.handle = this.events.watch(filter, this.events.revision, (events) => this.deleted(events), (error) => {
      // The watch fell behind (compacted): start again from now; a deletion missed meanwhile stays refused.
      this.onError(error);
      this.handle?.close();
      if (this.running) this.subscribe();
    });
  }

  private deleted(events: ChangeEvent[]): void {
    for (const event of events) {
      if (event.type === 'DELETED') void this.purge.purgeUser(event.key.name).catch(this.onError);
    }
  }
}

import type { KubeObject } from '@drydock/util';
import type { ObjectKey, ObjectStore } from '@drydock/storage';

/** The drydock.dev/v1 User objects of the default cluster, as identity code reads them. */
export const usersResource = 'users.drydock.dev';

export interface CachedObject {
  cached(key: ObjectKey): KubeObject | undefined;
}

/**
 * Finds User objects: from the watch cache, else from the store (the cache may trail a user created a
 * moment ago). A credential whose User is gone authenticates no one.
 */
export class UserDirectory {
  constructor(
    private readonly cache: CachedObject,
    private readonly store: Pick<ObjectStore, 'get'>,
    private readonly cluster = 'default',
  ) {}

  async find(name: string): Promise<KubeObject | undefined> {
    const key = { cluster: this.cluster, resource: usersResource, namespace: '', name };
    return this.cache.cached(key) ?? (await this.store.get(key)) ?? undefined;
  }
}

/**
 * The groups of a user: their teams (status.teams, kept by the team controller) and
 * `system:authenticated`, last, as upstream's authenticated-group adder appends it.
 */
export function groupsOf(user: KubeObject): string[] {
  const teams = (user.status as { teams?: { team?: unknown }[] } | undefined)?.teams ?? [];
  const names = teams.map((entry) => entry?.team).filter((team): team is string => typeof team === 'string' && team !== '');
  return [...new Set(names), 'system:authenticated'];
}

import type { KubeClient } from '@drydock/client';
import { apiVersionOf } from '@drydock/client';
import { BUILT_IN_STORAGE, customResourceStorage, registryKey, StoredResource } from './etcd-keys';

export interface EtcdKeyValue {
  key: string;
  /** The object as JSON (kube-apiserver writes built-in kinds as protobuf; Drydock's store holds JSON). */
  value: string;
  modRevision: number;
}

export interface EtcdRange {
  /** The store's revision when read (the highest resourceVersion seen). */
  revision: number;
  kvs: EtcdKeyValue[];
}

/** The store read as etcd's key space, through the API server (the workers never touch the database). */
export interface EtcdView {
  range(key: string, prefix: boolean): Promise<EtcdRange>;
}

function overlaps(storagePrefix: string, key: string, prefix: boolean): boolean {
  return prefix ? storagePrefix.startsWith(key) || key.startsWith(storagePrefix) : key.startsWith(`${storagePrefix}/`);
}

/**
 * Lists every stored resource whose keys can match (the built-in kinds, then each CRD's resource) and
 * answers the keys in etcd's order (sorted bytewise). One list call per resource that can match.
 */
export function apiEtcdView(client: KubeClient): EtcdView {
  return {
    async range(key, prefix) {
      const crds = await client.list(BUILT_IN_STORAGE.find((s) => s.ref.resource === 'customresourcedefinitions')!.ref).catch(() => ({ items: [], resourceVersion: '0' }));
      const storages = [...BUILT_IN_STORAGE, ...crds.items.map(customResourceStorage).filter((s): s is StoredResource => !!s)].filter((s) => overlaps(s.prefix, key, prefix));
      let revision = 0;
      const kvs: EtcdKeyValue[] = [];
      await Promise.all(storages.map(async (storage) => {
        const list = await client.list(storage.ref).catch(() => undefined);
        if (!list) return;
        revision = Math.max(revision, Number(list.resourceVersion || 0));
        for (const item of list.items) {
          const itemKey = registryKey(storage, item.metadata.namespace, item.metadata.name ?? '');
          if (prefix ? !itemKey.startsWith(key) : itemKey !== key) continue;
          const object = { kind: storage.ref.kind, apiVersion: apiVersionOf(storage.ref), ...item };
          kvs.push({ key: itemKey, value: JSON.stringify(object), modRevision: Number(item.metadata.resourceVersion ?? 0) });
        }
      }));
      kvs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return { revision, kvs };
    },
  };
}

import { Injectable } from '@nestjs/common';
import { pathSegment, type ResourceRef } from '@drydock/client';
import { StatusError } from '@drydock/util';
import type { CallerKube } from './caller-kube';

const CACHE_MS = 30_000;

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** apiVersion + kind → the REST resource, from the server's discovery documents (as kubectl's RESTMapper), cached briefly. */
@Injectable()
export class RestMapper {
  private readonly cache = new Map<string, { until: number; resources: Promise<ApiResource[]> }>();

  async resolve(kube: CallerKube, apiVersion: string, kind: string): Promise<ResourceRef> {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const noMatch = () => new StatusError(404, 'NotFound', `no matches for kind "${kind}" in version "${apiVersion}"`, { kind, group });
    let resources: ApiResource[];
    try {
      resources = await this.resourcesOf(kube, group, version);
    } catch (error) {
      if ((error as { code?: number }).code === 404) throw noMatch();
      throw error;
    }
    const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found) throw noMatch();
    return { group, version, resource: found.name, kind, namespaced: found.namespaced };
  }

  private resourcesOf(kube: CallerKube, group: string, version: string): Promise<ApiResource[]> {
    const key = `${group}/${version}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.resources;
    const path = group ? `/apis/${pathSegment(group)}/${pathSegment(version)}` : `/api/${pathSegment(version)}`;
    const resources = kube.raw<{ resources?: ApiResource[] }>({ method: 'GET', path }).then((list) => list.resources ?? []);
    this.cache.set(key, { until: Date.now() + CACHE_MS, resources });
    resources.catch(() => this.cache.delete(key));
    return resources;
  }
}

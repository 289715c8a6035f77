import type { KubeObject } from '@drydock/util';

/** The controller name of ingress-nginx's IngressClasses: the Ingresses the simulated controller serves. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

export interface IngressBackend {
  namespace: string;
  service: string;
  port: number | string;
}

interface HttpPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name: string; port?: { number?: number; name?: string } } };
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: HttpPath['backend'];
  rules?: Array<{ host?: string; http?: { paths?: HttpPath[] } }>;
}

/** The Ingresses of ingress-nginx's classes: named by spec.ingressClassName (or the legacy annotation), else the default class. */
export function ingressNginxIngresses(ingresses: KubeObject[], classes: KubeObject[]): KubeObject[] {
  const ours = new Set(classes.filter((c) => (c.spec as { controller?: string } | undefined)?.controller === INGRESS_NGINX_CONTROLLER).map((c) => c.metadata.name));
  const defaultClass = classes.find((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  return ingresses.filter((ingress) => {
    const named = (ingress.spec as IngressSpec | undefined)?.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'] ?? defaultClass;
    return named !== undefined && ours.has(named);
  });
}

/**
 * The backend ingress-nginx sends `host` + `path` to: the rules of the matching host (exact, or a
 * `*.` wildcard of one label) before the rules without a host; within them Exact paths, then the
 * longest Prefix (whole path elements) or ImplementationSpecific (a plain prefix, as nginx's location)
 * path; else an Ingress's defaultBackend. Undefined: the controller's own default backend (404).
 */
export function routeIngress(ingresses: KubeObject[], host: string, path: string): IngressBackend | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const candidates: Array<{ rank: number; length: number; backend: IngressBackend }> = [];
  for (const ingress of ingresses) {
    const spec = (ingress.spec ?? {}) as IngressSpec;
    const namespace = ingress.metadata.namespace ?? 'default';
    for (const rule of spec.rules ?? []) {
      const hostRank = !rule.host ? 0 : rule.host.toLowerCase() === name ? 2 : wildcardMatches(rule.host.toLowerCase(), name) ? 1 : -1;
      if (hostRank < 0) continue;
      for (const entry of rule.http?.paths ?? []) {
        const matched = pathMatches(entry, path);
        const service = entry.backend?.service;
        if (matched === undefined || !service) continue;
        candidates.push({ rank: hostRank * 10 + matched, length: (entry.path ?? '/').length, backend: { namespace, service: service.name, port: service.port?.number ?? service.port?.name ?? 80 } });
      }
    }
  }
  candidates.sort((a, b) => b.rank - a.rank || b.length - a.length);
  if (candidates[0]) return candidates[0].backend;
  const fallback = ingresses.find((ingress) => (ingress.spec as IngressSpec | undefined)?.defaultBackend?.service);
  const service = (fallback?.spec as IngressSpec | undefined)?.defaultBackend?.service;
  return fallback && service ? { namespace: fallback.metadata.namespace ?? 'default', service: service.name, port: service.port?.number ?? service.port?.name ?? 80 } : undefined;
}

function wildcardMatches(pattern: string, host: string): boolean {
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && !host.slice(0, -pattern.length + 1).includes('.');
}

/** 1 for an Exact match, 0 for a prefix match, undefined for none. */
function pathMatches(entry: HttpPath, path: string): number | undefined {
  const wanted = entry.path ?? '/';
  const requested = path.split('?')[0] || '/';
  if (entry.pathType === 'Exact') return requested === wanted ? 1 : undefined;
  if (entry.pathType === 'Prefix') {
    const parts = (p: string) => p.split('/').filter(Boolean);
    const [want, have] = [parts(wanted), parts(requested)];
    return want.every((part, i) => have[i] === part) ? 0 : undefined;
  }
  return requested.startsWith(wanted) ? 0 : undefined;
}

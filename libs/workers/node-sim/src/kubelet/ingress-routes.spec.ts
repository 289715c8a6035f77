import type { KubeObject } from '@drydock/util';
import { ingressNginxIngresses, routeIngress } from './ingress-routes';

const backend = (name: string, number = 80) => ({ service: { name, port: { number } } });
const ingress = (name: string, spec: Record<string, unknown>, namespace = 'shop'): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace }, spec });
const path = (p: string, pathType: string, to: string) => ({ path: p, pathType, backend: backend(to) });

describe('routeIngress (ingress-nginx\'s choice of backend)', () => {
  const shop = ingress('shop', {
    rules: [
      { host: 'shop.example.com', http: { paths: [path('/', 'Prefix', 'web'), path('/api', 'Prefix', 'api'), path('/api/v2', 'Prefix', 'api-v2'), path('/login', 'Exact', 'auth')] } },
      { host: '*.example.com', http: { paths: [path('/', 'Prefix', 'wildcard')] } },
      { http: { paths: [path('/static', 'ImplementationSpecific', 'static')] } },
    ],
  });
  const route = (host: string, p: string, ingresses = [shop]) => routeIngress(ingresses, host, p)?.service;

  it('prefers the exact host, then a one-label wildcard, then rules without a host', () => {
    expect(route('shop.example.com', '/')).toBe('web');
    expect(route('blog.example.com', '/')).toBe('wildcard');
    expect(route('a.b.example.com', '/static/app.js')).toBe('static');
    expect(route('10.0.0.1:80', '/static')).toBe('static');
  });

  it('matches Prefix by whole path elements, longest first; Exact only exactly; ImplementationSpecific as a plain prefix', () => {
    expect(route('shop.example.com', '/api/v2/items')).toBe('api-v2');
    expect(route('shop.example.com', '/api/')).toBe('api');
    expect(route('shop.example.com', '/apis')).toBe('web');
    expect(route('shop.example.com', '/login')).toBe('auth');
    expect(route('shop.example.com', '/login/x')).toBe('web');
    expect(route('other.org', '/staticfiles')).toBe('static');
  });

  it('falls back to an Ingress\'s defaultBackend, else to the controller\'s default backend (undefined)', () => {
    expect(route('other.org', '/')).toBeUndefined();
    const fallback = ingress('fallback', { defaultBackend: backend('catch-all') });
    expect(routeIngress([shop, fallback], 'other.org', '/')).toEqual({ namespace: 'shop', service: 'catch-all', port: 80 });
  });

  it('serves only the Ingresses of ingress-nginx\'s classes, the default class for those naming none', () => {
    const classes: KubeObject[] = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } },
    ];
    const named = ingress('a', { ingressClassName: 'nginx' });
    const other = ingress('b', { ingressClassName: 'traefik' });
    const unnamed = ingress('c', {});
    expect(ingressNginxIngresses([named, other, unnamed], classes).map((i) => i.metadata.name)).toEqual(['a', 'c']);
  });
});

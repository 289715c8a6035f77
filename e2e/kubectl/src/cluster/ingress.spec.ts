process.env.DRYDOCK_CLOCK_SCALE = '10';
process.env.DRYDOCK_ADDONS = 'ingress-nginx';

import { expectSuccess } from '../harness/expectations';
import { getJson } from '../harness/use-drydock';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  tls:
  - hosts: [web.example.com]
    secretName: web-tls
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
  - host: api.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
  - host: mixed.example.com
    http:
      paths:
      - {path: /index.html, pathType: Exact, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /down, pathType: Prefix, backend: {service: {name: empty, port: {number: 80}}}}
`;

/** Ingress through the simulated ingress-nginx add-on (issue 12): host and path routing from a pod's curl. */
describe('Ingress: the simulated ingress-nginx routes by host and path at its LoadBalancer address', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(['-n', 'shop', ...args]);
  const curl = (host: string, path = '/') => kubectl('exec', 'client', '--', 'curl', '-s', '-H', `Host: ${host}`, `http://${address}${path}`);
  let address = '';

  beforeAll(async () => {
    await nodesReady(drydock());
    await runningPods(drydock(), 'app.kubernetes.io/component=controller', 1, 120_000, 'ingress-nginx');
    expectSuccess(await drydock().run(['create', 'namespace', 'shop']));
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx'));
    expectSuccess(await kubectl('expose', 'deployment', 'web', '--port=80'));
    expectSuccess(await kubectl('create', 'deployment', 'api', '--image=httpd'));
    expectSuccess(await kubectl('create', 'service', 'clusterip', 'api', '--tcp=80:80'));
    expectSuccess(await kubectl('patch', 'service', 'api', '--type=json', '-p', '[{"op":"replace","path":"/spec/ports/0/name","value":"http"},{"op":"replace","path":"/spec/selector","value":{"app":"api"}}]'));
    expectSuccess(await kubectl('create', 'service', 'clusterip', 'empty', '--tcp=80:80'));
    expectSuccess(await kubectl('run', 'client', '--image=nginx'));
    await runningPods(drydock(), 'app in (web,api)', 2, 120_000, 'shop');
    await runningPods(drydock(), 'run=client', 1, 120_000, 'shop');
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: INGRESS }));
    address = await eventually('the Ingress to get the controller\'s address', async () => {
      const ingress = await getJson(drydock(), ['ingress', 'shop', '-n', 'shop']);
      return ingress.status?.loadBalancer?.ingress?.[0]?.ip as string | undefined;
    }, 120_000);
  }, 400_000);

  it('publishes the controller Service\'s LoadBalancer address and lists the default IngressClass', async () => {
    const service = await getJson(drydock(), ['service', 'ingress-nginx-controller', '-n', 'ingress-nginx']);
    expect(service.status.loadBalancer.ingress[0].ip).toBe(address);
    expect(expectSuccess(await kubectl('get', 'ingress', 'shop', '--no-headers'))).toMatch(new RegExp(`^shop\\s+nginx\\s+web\\.example\\.com,api\\.example\\.com,mixed\\.example\\.com\\s+${address.replace(/\./g, '\\.')}\\s+80, 443\\s+`));
    expect(expectSuccess(await drydock().run(['get', 'ingressclass', 'nginx', '--no-headers']))).toMatch(/^nginx\s+k8s\.io\/ingress-nginx\s+<none>\s+/);
  });

  it('routes by host: web.example.com to nginx, api.example.com to httpd, an unknown host to the default backend\'s 404', async () => {
    const web = await eventually('curl to reach web through the Ingress', async () => {
      const result = await curl('web.example.com');
      return result.code === 0 && result.stdout.includes('Welcome to nginx!') ? result.stdout : undefined;
    }, 60_000);
    expect(web).toContain('<title>Welcome to nginx!</title>');
    expect(expectSuccess(await curl('api.example.com'))).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(expectSuccess(await curl('nope.example.com'))).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
  });

  it('routes by path: Exact before Prefix, the longest Prefix first, 503 for a backend without endpoints', async () => {
    expect(expectSuccess(await curl('mixed.example.com', '/index.html'))).toContain('It works!');
    expect(expectSuccess(await curl('mixed.example.com', '/'))).toContain('Welcome to nginx!');
    expect(expectSuccess(await curl('mixed.example.com', '/down/x'))).toContain('<title>503 Service Temporarily Unavailable</title>');
  });
});

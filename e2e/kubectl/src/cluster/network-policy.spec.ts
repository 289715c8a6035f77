process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const policy = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: netpol
spec:
${spec}`;

/**
 * NetworkPolicy enforced in the simulated pod network (issue 12), with the real kubectl: a connection a
 * policy drops times out as busybox's wget and nc report it, an allowed one passes, DNS needs port 53.
 */
describe('NetworkPolicy: a denied connection times out, an allowed one passes', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(['-n', 'netpol', ...args]);
  const apply = async (yaml: string) => expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: yaml }));
  const exec = (pod: string, ...command: string[]) => kubectl('exec', pod, '--', ...command);

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await drydock().run(['create', 'namespace', 'netpol']));
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx', '--port=80'));
    expectSuccess(await kubectl('expose', 'deployment', 'web', '--port=80'));
    expectSuccess(await kubectl('run', 'client', '--image=busybox', '--labels=role=client', '--', 'sleep', '3600'));
    expectSuccess(await kubectl('run', 'other', '--image=busybox', '--', 'sleep', '3600'));
    await runningPods(drydock(), 'app=web', 1, 90_000, 'netpol');
    await runningPods(drydock(), 'role=client', 1, 90_000, 'netpol');
    await runningPods(drydock(), 'run=other', 1, 90_000, 'netpol');
    await eventually('wget from client to reach web', async () => ((await exec('client', 'wget', '-T', '2', '-qO-', 'http://web')).stdout.includes('<title>Welcome to nginx!</title>') ? true : undefined), 90_000);
  }, 240_000);

  it('default deny ingress: wget -T 2 and nc -w 2 time out as busybox reports it', async () => {
    await apply(policy('default-deny-ingress', '  podSelector: {}\n  policyTypes: [Ingress]\n'));
    const denied = await eventually('wget to time out', async () => {
      const result = await exec('client', 'wget', '-T', '2', '-qO-', 'http://web');
      return result.code !== 0 ? result : undefined;
    }, 60_000);
    expect(denied.stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    const nc = await exec('client', 'nc', '-zv', '-w', '2', 'web', '80');
    expect({ code: nc.code, stderr: nc.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^nc: web \(10\.\d+\.\d+\.\d+:80\): Connection timed out\ncommand terminated with exit code 1\n$/) });
  }, 120_000);

  it('an ingress rule from role=client on port 80 lets the client through, not the other pod', async () => {
    await apply(policy('web-from-client', '  podSelector:\n    matchLabels: {app: web}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {role: client}\n    ports:\n    - port: 80\n'));
    await eventually('wget from client to pass again', async () => ((await exec('client', 'wget', '-T', '2', '-qO-', 'http://web')).stdout.includes('<title>Welcome to nginx!</title>') ? true : undefined), 60_000);
    const other = await exec('other', 'wget', '-T', '2', '-qO-', 'http://web');
    expect({ code: other.code, stderr: other.stderr }).toEqual({ code: 1, stderr: 'wget: download timed out\ncommand terminated with exit code 1\n' });
  }, 120_000);

  it('an egress deny breaks nslookup until port 53 is allowed', async () => {
    await apply(policy('client-deny-egress', '  podSelector:\n    matchLabels: {role: client}\n  policyTypes: [Egress]\n'));
    const lookup = await eventually('nslookup to time out', async () => {
      const result = await exec('client', 'nslookup', 'web');
      return result.code !== 0 ? result : undefined;
    }, 60_000);
    expect(lookup.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    await apply(policy('client-allow-dns', '  podSelector:\n    matchLabels: {role: client}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - {port: 53, protocol: UDP}\n    - {port: 53, protocol: TCP}\n'));
    await eventually('nslookup to answer', async () => ((await exec('client', 'nslookup', 'web')).code === 0 ? true : undefined), 60_000);
    const blocked = await exec('client', 'wget', '-T', '2', '-qO-', 'http://web');
    expect(blocked.stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    await apply(policy('client-to-web', '  podSelector:\n    matchLabels: {role: client}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels: {app: web}\n    ports:\n    - port: 80\n'));
    await eventually('wget to pass with egress to web allowed', async () => ((await exec('client', 'wget', '-T', '2', '-qO-', 'http://web')).stdout.includes('<title>Welcome to nginx!</title>') ? true : undefined), 60_000);
  }, 180_000);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { KubeClient, resources } from '@drydock/client';
import { expandPools, DEFAULT_CAPACITY, RunningNodeSimulator, startNodeSimulator } from '@drydock/node-sim';
import { createClock, KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';

/** Parsed JSON, untyped as JSON.parse returns it: assertions dig into API objects freely. */
type Json = ReturnType<typeof JSON.parse>;

let TOKEN = '';
const drydock = useDrydock({ name: 'node-sim', nodes: 0 });
let client: KubeClient;
let simulator: RunningNodeSimulator;

beforeAll(async () => {
  const { dataDir } = drydock();
  const tokenFile = join(dataDir, 'pki', 'kubelet-client.token');
  mkdirSync(join(dataDir, 'pki'), { recursive: true });
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, 'test-kubelet-token');
  TOKEN = readFileSync(tokenFile, 'utf8').trim();
  client = drydock().client('kubelet');
  const nodes = expandPools([{ namePrefix: 'node', count: 3, capacity: { ...DEFAULT_CAPACITY }, instanceType: 'sim.large', zones: ['zone-a', 'zone-b', 'zone-c'], labels: {}, taints: [] }]);
  simulator = await startNodeSimulator({ client, clock: createClock(10), nodes, kubeletToken: TOKEN, log: () => undefined });
  await simulator.registered;
}, 60_000);

afterAll(async () => {
  await simulator?.stop();
});

function httpGet(url: string, token = TOKEN): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads a streamed response for `ms`, then hangs up (as `kubectl logs -f` ended with Ctrl-C). */
function httpFollow(url: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    const req = request(url, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => res.on('data', (chunk) => (body += chunk)));
    req.on('error', (error) => (body ? resolve(body) : reject(error)));
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve(body);
    }, ms);
  });
}

async function createPod(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): Promise<KubeObject> {
  return client.create(resources.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { nodeName: 'node-1', ...spec } });
}

async function podStatus(name: string): Promise<Json> {
  return ((await client.get(resources.pods, 'default', name))?.status ?? {}) as Json;
}

async function podEvents(name: string): Promise<Array<Json>> {
  const list = await client.list(resources.events, { namespace: 'default', fieldSelector: `involvedObject.name=${name}` });
  return list.items as Array<Json>;
}

describe('node simulator against a real Drydock', () => {
  it('registers Ready nodes with labels, addresses, the kubelet endpoint and leases', async () => {
    const node = (await client.get(resources.nodes, '', 'node-2'))!;
    expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-2', 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'zone-b' });
    expect(node.metadata.annotations!['sim.drydock.dev/kubelet-endpoint']).toBe(simulator.endpoint);
    const status = node.status as Json;
    expect(status.conditions.find((c: Json) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(status.capacity).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(status.addresses).toContainEqual({ type: 'InternalIP', address: '10.0.0.2' });
    expect(status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.35.0', containerRuntimeVersion: 'drydock://sim' });
    expect((node.spec as Json).podCIDR).toBe('10.244.2.0/24');
    const lease = (await client.get(resources.leases, 'kube-node-lease', 'node-2'))!;
    expect((lease.spec as Json).holderIdentity).toBe('node-2');
  });

  it('runs a pod from Pending to Running with the kubelet events', async () => {
    await createPod('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] }, { 'sim.drydock.dev/pull-duration': '20s' });
    await eventually('web pending with ContainerCreating', async () => (await podStatus('web')).containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating');
    expect((await podStatus('web')).phase).toBe('Pending');
    await eventually('web running', async () => (await podStatus('web')).phase === 'Running');
    const status = await podStatus('web');
    expect(status.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(status.hostIP).toBe('10.0.0.1');
    expect(status.conditions.find((c: Json) => c.type === 'Ready').status).toBe('True');
    await eventually('events', async () => (await podEvents('web')).length >= 4);
    const reasons = (await podEvents('web')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Pulling', 'Pulled', 'Created', 'Started']));
    const logs = await httpGet(`${simulator.endpoint}/containerLogs/default/web/web`);
    expect(logs.body).toContain('Configuration complete; ready for start up');
    const nodeImages = async () => (((await client.get(resources.nodes, '', 'node-1'))!.status as Json).images ?? []) as Array<{ names: string[] }>;
    await eventually('node-1 reports the pulled image', async () => (await nodeImages()).some((i) => i.names.includes('docker.io/library/nginx:1.27')), 5_000);
  });

  it('reports a running pod Ready again after another writer marked it not Ready (the node lifecycle controller after missed heartbeats), as upstream\'s status manager reconciles', async () => {
    const pod = (await client.get(resources.pods, 'default', 'web'))!;
    const status = pod.status as Json;
    const conditions = status.conditions.map((c: Json) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } : c));
    await client.patch(resources.pods, 'default', 'web', { status: { conditions } }, 'merge', { subresource: 'status' });
    expect((await podStatus('web')).conditions.find((c: Json) => c.type === 'Ready').status).toBe('False');
    await eventually('web Ready again', async () => (await podStatus('web')).conditions.find((c: Json) => c.type === 'Ready').status === 'True', 10_000);
  });

  it('completes an echo pod and serves its log over the kubelet endpoint', async () => {
    await createPod('hello', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }] });
    await eventually('hello succeeded', async () => (await podStatus('hello')).phase === 'Succeeded');
    expect((await podStatus('hello')).containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(await httpGet(`${simulator.endpoint}/containerLogs/default/hello/c`)).toEqual({ status: 200, body: 'hi\n' });
    expect((await httpGet(`${simulator.endpoint}/containerLogs/default/hello/c`, 'wrong')).status).toBe(401);
    const missing = await httpGet(`${simulator.endpoint}/containerLogs/default/nope/c`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
  });

  it('follows a log as the container prints, and serves the previous instance after a crash', async () => {
    await createPod('ticker', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boot $HOSTNAME; while true; do echo tick; sleep 5; done'] }] });
    await eventually('ticker running', async () => (await podStatus('ticker')).phase === 'Running');
    const followed = await httpFollow(`${simulator.endpoint}/containerLogs/default/ticker/c?follow=true&tailLines=1`, 1_700);
    expect(followed.split('\n').filter((l) => l === 'tick').length).toBeGreaterThanOrEqual(3);
    await createPod('crasher', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo run $RANDOM_NOT_SET-once; exit 3'] }] });
    await eventually('crasher restarted', async () => ((await podStatus('crasher')).containerStatuses?.[0]?.restartCount ?? 0) >= 1);
    const previous = await httpGet(`${simulator.endpoint}/containerLogs/default/crasher/c?previous=true`);
    expect(previous).toEqual({ status: 200, body: 'run -once\n' });
  });

  it('rejects a pod that does not fit the node (OutOfcpu); a hostNetwork pod has the node\'s IP', async () => {
    await createPod('too-big', { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '8' } } }] });
    await eventually('too-big failed', async () => (await podStatus('too-big')).phase === 'Failed');
    expect(await podStatus('too-big')).toMatchObject({ reason: 'OutOfcpu', message: expect.stringMatching(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 8000, used: \d+, capacity: 4000$/) });
    await createPod('host-net', { hostNetwork: true, containers: [{ name: 'c', image: 'nginx:1.27' }] });
    await eventually('host-net running', async () => (await podStatus('host-net')).phase === 'Running');
    expect((await podStatus('host-net')).podIP).toBe('10.0.0.1');
  });

  it('reports CreateContainerConfigError for a missing ConfigMap', async () => {
    await createPod('needs-config', { containers: [{ name: 'app', image: 'nginx', envFrom: [{ configMapRef: { name: 'absent' } }] }] });
    await eventually('config error', async () => (await podStatus('needs-config')).containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError', 20_000);
    expect((await podStatus('needs-config')).containerStatuses[0].state.waiting.message).toBe('configmap "absent" not found');
    await eventually('Failed event', async () => (await podEvents('needs-config')).some((e) => e.reason === 'Failed' && e.message === 'Error: configmap "absent" not found'));
    const waiting = await httpGet(`${simulator.endpoint}/containerLogs/default/needs-config/app`);
    expect(waiting.status).toBe(400);
    expect(JSON.parse(waiting.body).message).toBe('container "app" in pod "needs-config" is waiting to start: CreateContainerConfigError');
  });

  it('execs `env` over a WebSocket and shows a Secret-sourced value', async () => {
    await client.create(resources.secrets, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    await createPod('shell', { containers: [{ name: 'app', image: 'ghcr.io/org/app:1.0.0', env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }] });
    await eventually('shell running', async () => (await podStatus('shell')).phase === 'Running', 20_000);
    const { frames, closeCode } = await exec('shell', 'app', ['env']);
    const stdout = frames.filter((f) => f[0] === 1).map((f) => f.subarray(1).toString()).join('');
    expect(stdout).toContain('DB_PASSWORD=s3cret\n');
    expect(stdout).toContain('HOSTNAME=shell\n');
    expect(stdout).toContain('KUBERNETES_SERVICE_HOST=');
    expect(JSON.parse(frames.find((f) => f[0] === 3)!.subarray(1).toString())).toEqual({ metadata: {}, status: 'Success' });
    expect(closeCode).toBe(1000);
    const failed = await exec('shell', 'app', ['sh', '-c', 'exit 2']);
    expect(JSON.parse(failed.frames.find((f) => f[0] === 3)!.subarray(1).toString()).details.causes[0]).toEqual({ reason: 'ExitCode', message: '2' });
  });

  it('runs an interactive sh over stdin until exit, and ends on a v5 stdin close', async () => {
    const exited = await exec('shell', 'app', ['sh'], ['cd /etc; pwd\n', 'echo $DB_PASSWORD\n', 'exit 5\n']);
    const stdout = exited.frames.filter((f) => f[0] === 1).map((f) => f.subarray(1).toString()).join('');
    expect(stdout).toBe('/etc\ns3cret\n');
    expect(JSON.parse(exited.frames.find((f) => f[0] === 3)!.subarray(1).toString()).details.causes[0].message).toBe('5');
    const closed = await exec('shell', 'app', ['sh'], ['hostname\n', Buffer.from([255, 0])]);
    expect(closed.frames.filter((f) => f[0] === 1).map((f) => f.subarray(1).toString()).join('')).toBe('shell\n');
    expect(JSON.parse(closed.frames.find((f) => f[0] === 3)!.subarray(1).toString()).status).toBe('Success');
  });

  it('stops renewing the lease while powered off and resumes when powered on', async () => {
    const renewTime = async () => ((await client.get(resources.leases, 'kube-node-lease', 'node-3'))!.spec as Json).renewTime as string;
    await client.create(resources.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-three' }, spec: { nodeName: 'node-3', containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await eventually('on-three running', async () => (await podStatus('on-three')).phase === 'Running');
    await client.patch(resources.nodes, '', 'node-3', { metadata: { annotations: { 'sim.drydock.dev/power': 'off' } } }, 'merge');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const frozen = await renewTime();
    const unreachable = await httpGet(`${simulator.endpoint}/containerLogs/default/on-three/web`);
    expect(unreachable.status).toBe(500);
    expect(JSON.parse(unreachable.body).message).toContain('dial tcp 10.0.0.3:10250: connect: no route to host');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await renewTime()).toBe(frozen);
    await client.patch(resources.nodes, '', 'node-3', { metadata: { annotations: { 'sim.drydock.dev/power': 'on' } } }, 'merge');
    await eventually('lease renewed', async () => (await renewTime()) !== frozen, 5_000);
  });

  it('terminates a deleted pod gracefully and confirms the deletion', async () => {
    await client.delete(resources.pods, 'default', 'web');
    const deleting = await client.get(resources.pods, 'default', 'web');
    expect(deleting?.metadata.deletionTimestamp).toBeDefined();
    await eventually('web gone', async () => (await client.get(resources.pods, 'default', 'web')) === null, 10_000);
    await eventually('Killing event', async () => (await podEvents('web')).some((e) => e.reason === 'Killing' && e.message === 'Stopping container web'));
  });
});

/** Runs an exec over a real WebSocket; `stdin` strings are sent on channel 0, Buffers as they are. */
function exec(pod: string, container: string, command: string[], stdin: Array<string | Buffer> = []): Promise<{ frames: Buffer[]; closeCode: number }> {
  const flags: Array<[string, string]> = [['stdout', 'true'], ['stderr', 'true'], ...(stdin.length ? [['stdin', 'true'] as [string, string]] : [])];
  const query = new URLSearchParams([...command.map((c): [string, string] => ['command', c]), ...flags]);
  const url = `${simulator.endpoint.replace('http', 'ws')}/exec/default/${pod}/${container}?${query}`;
  return new Promise((resolve, reject) => {
    const frames: Buffer[] = [];
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], { headers: { authorization: `Bearer ${TOKEN}` } });
    ws.on('open', () => {
      for (const input of stdin) ws.send(typeof input === 'string' ? Buffer.concat([Buffer.from([0]), Buffer.from(input)]) : input);
    });
    ws.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    ws.on('close', (code) => resolve({ frames, closeCode: code }));
    ws.on('error', reject);
  });
}

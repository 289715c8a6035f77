// Scenarios that drive Drydock with @kubernetes/client-node, as a user's program would.
// Run as `node scenarios.mjs NAME NAMESPACE [ARGS]` with KUBECONFIG set; prints one JSON object (what the
// scenario saw) on its last line for the Jest spec to check. The library is used as published (ESM).
import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as k8s from 'kubernetes-client-node-v1';

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);

const configMap = (name, namespace, data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'node' } }, data });
const failure = (error) => ({ code: error.code, body: error.body });

async function crud(namespace) {
  const seen = {};
  await core.createNamespacedConfigMap({ namespace, body: configMap('c1', namespace, { a: '1' }) });
  seen.listed = (await core.listNamespacedConfigMap({ namespace, labelSelector: 'app=node' })).items.map((c) => c.metadata.name);
  const patch = (body, strategy) => core.patchNamespacedConfigMap({ name: 'c1', namespace, body }, k8s.setHeaderOptions('Content-Type', strategy));
  seen.strategic = (await patch({ data: { b: '2' } }, k8s.PatchStrategy.StrategicMergePatch)).data;
  seen.merge = (await patch({ data: { b: null, c: '3' } }, k8s.PatchStrategy.MergePatch)).data;
  seen.json = (await patch([{ op: 'replace', path: '/data/a', value: 'one' }], k8s.PatchStrategy.JsonPatch)).data;
  const applied = await objects.patch(configMap('c2', namespace, { x: 'y' }), undefined, undefined, 'node-apply', undefined, k8s.PatchStrategy.ServerSideApply);
  seen.apply = { data: applied.data, managers: applied.metadata.managedFields.map((m) => m.manager) };
  await core.deleteNamespacedConfigMap({ name: 'c1', namespace });
  seen.afterDelete = await core.readNamespacedConfigMap({ name: 'c1', namespace }).then(() => 'still there', failure);
  seen.conflict = await objects.create(configMap('c2', namespace, {})).then(() => 'created twice', failure);
  return seen;
}

async function watchEvents(namespace) {
  const list = await core.listNamespacedConfigMap({ namespace });
  const events = [];
  const finished = new Promise((resolve, reject) => {
    new k8s.Watch(kc).watch(`/api/v1/namespaces/${namespace}/configmaps`, { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true }, (type, object) => {
      events.push([type, object.metadata.name, object.data?.k ?? null]);
      if (type === 'DELETED') resolve();
    }, (error) => (error ? reject(error) : resolve())).then((controller) => finished.then(() => controller.abort()));
  });
  await core.createNamespacedConfigMap({ namespace, body: configMap('w1', namespace, { k: 'v' }) });
  await core.patchNamespacedConfigMap({ name: 'w1', namespace, body: { data: { k: 'v2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  await core.deleteNamespacedConfigMap({ name: 'w1', namespace });
  await finished;
  return { events };
}

/** The informer (list, then watch from the list's resourceVersion) as controllers built on client-node use it. */
async function informer(namespace) {
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const inf = k8s.makeInformer(kc, path, () => core.listNamespacedConfigMap({ namespace }));
  const added = new Promise((resolve) => inf.on('add', (object) => object.metadata.name === 'i1' && resolve(object.data)));
  await inf.start();
  await core.createNamespacedConfigMap({ namespace, body: configMap('i1', namespace, { k: 'informed' }) });
  const data = await added;
  await inf.stop();
  return { data, cached: inf.list(namespace).map((c) => c.metadata.name).sort() };
}

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function execOutput(namespace, pod) {
  const run = (command, stdin) => new Promise((resolve, reject) => {
    const out = collect();
    const err = collect();
    new k8s.Exec(kc).exec(namespace, pod, pod, command, out.stream, err.stream, stdin ?? null, false, (status) => resolve({ stdout: out.text(), stderr: err.text(), status })).catch(reject);
  });
  const plain = await run(['sh', '-c', 'echo out; echo err >&2']);
  const failed = await run(['sh', '-c', 'exit 3']);
  const input = new PassThrough();
  input.end('one\ntwo\n');
  const piped = await run(['wc', '-l'], input);
  return { plain, failed, piped };
}

async function logs(namespace, pod) {
  const out = collect();
  const controller = await new k8s.Log(kc).log(namespace, pod, pod, out.stream, { follow: true });
  for (let i = 0; i < 600 && !out.text().includes('second\n'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  controller.abort();
  const text = await core.readNamespacedPodLog({ name: pod, namespace, tailLines: 1 });
  return { followed: out.text().split('\n').slice(0, 2), tail: text };
}

async function attach(namespace, pod) {
  const out = collect();
  const input = new PassThrough();
  const ws = await new k8s.Attach(kc).attach(namespace, pod, pod, out.stream, out.stream, input, false);
  const closed = new Promise((resolve) => ws.on('close', resolve));
  input.write('echo attached $HOSTNAME\n');
  for (let i = 0; i < 600 && !out.text().includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  input.write('exit 6\n');
  await closed;
  return { output: out.text() };
}

async function portForward(namespace, pod, port) {
  const forward = new k8s.PortForward(kc);
  const server = net.createServer((socket) => forward.portForward(namespace, pod, [Number(port)], socket, null, socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const reply = await new Promise((resolve, reject) => {
    const socket = net.connect(server.address().port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
    let text = '';
    // client-node leaves the local socket open when the pod's side closes: the page's end is the answer's end.
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('</html>')) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  server.close();
  return { reply };
}

async function createFromYaml(namespace, file) {
  const results = [];
  for (const object of k8s.loadAllYaml(readFileSync(file, 'utf8'))) {
    object.metadata.namespace = namespace;
    results.push(await objects.create(object).then((created) => created.metadata.name, failure));
  }
  return { results };
}

const scenarios = { crud, watchEvents, informer, execOutput, logs, attach, portForward, createFromYaml };
const [name, ...args] = process.argv.slice(2);
const result = await scenarios[name](...args);
console.log(JSON.stringify(result));
process.exit(0);

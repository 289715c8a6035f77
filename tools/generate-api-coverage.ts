/**
 * Writes docs/api-coverage.md from the resource registry, so the table can never drift from what the
 * server serves: `node -r @swc-node/register tools/generate-api-coverage.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allVerbs, builtinResources } from '@drydock/registry';

const rows = builtinResources().map((def) => {
  const subresources = [def.subresources?.status && 'status', def.subresources?.scale && 'scale', ...(def.subresources?.extra ?? []).map((e) => e.name)].filter(Boolean).join(', ');
  const columns = def.strategy.table ? def.strategy.table.columns.map((c) => (c.priority ? `${c.name}*` : c.name)).join(', ') : 'Name, Created At (default)';
  return `| ${def.group ? `${def.group}/${def.version}` : def.version} | ${def.resource} | ${def.kind} | ${def.namespaced ? 'yes' : 'no'} | ${(def.shortNames ?? []).join(', ')} | ${(def.categories ?? []).join(', ')} | ${subresources} | ${(def.verbs ?? allVerbs).length === 8 ? 'all' : (def.verbs ?? []).join(', ')} | ${columns} |`;
});

const text = `# API coverage

Generated from the resource registry by \`tools/generate-api-coverage.ts\`; do not edit by hand.

Every resource below supports the verbs listed (\`all\` = get, list, watch, create, update, patch,
delete, deletecollection) with label and field selectors, \`limit\`/\`continue\`, \`dryRun=All\`,
\`fieldManager\`, \`fieldValidation\`, JSON patch, merge patch, strategic merge patch (built-in kinds)
and server-side apply, watch with bookmarks and \`sendInitialEvents\`, and server-side printing
(\`as=Table\`, columns marked * appear with \`-o wide\`). Custom resources of established CRDs are served
under their group with the CRD's printer columns.

Subresources served: \`status\`, \`scale\`, \`pods/binding\`, \`pods/eviction\` (honouring
PodDisruptionBudgets), \`pods/log\`, \`pods/exec\` and \`pods/attach\` (WebSocket \`v5.channel.k8s.io\`,
\`v4.channel.k8s.io\`, \`v4.base64.channel.k8s.io\`, \`channel.k8s.io\`, \`base64.channel.k8s.io\`, proxied
to the simulated kubelet with upstream's kubelet query), \`pods/portforward\` (SPDY/3.1, plain or
tunnelled in a WebSocket as kubectl sends it, and the WebSocket channel protocol of the client
libraries; the simulated servers answer), \`pods/proxy\` and \`services/proxy\` (\`NAME[:PORT]/proxy/PATH\`
for every method, through \`kubectl proxy\` or \`kubectl get --raw\`: the pod's simulated server answers,
with upstream's errors: \`no endpoints available for service "web"\` and \`error trying to reach service:
dial tcp …: connect: connection refused\` (503), \`address not allowed\` (400) for a pod without an
address; HTML is not rewritten), \`namespaces/finalize\`. The others are listed in discovery as
upstream (nodes/proxy, ephemeralcontainers, resize) but not served yet. Reviews (\`authorization.k8s.io\`,
\`authentication.k8s.io\`) answer \`kubectl auth can-i\` (also \`--list\`) and \`kubectl auth whoami\`
from the same authorizer as every request: system:masters, then RBAC (Roles, ClusterRoles and their
bindings as upstream evaluates them, with upstream's bootstrap ClusterRoles and bindings).
\`Impersonate-User\`/\`-Group\`/\`-Uid\` (\`kubectl --as\`) are honoured, each allowed by the
\`impersonate\` verb.

GraphQL: \`/graphql\` on the same port (queries, mutations, \`graphql-ws\` subscriptions) over these REST
endpoints as the caller; its schema is \`libs/apiserver/graphql/schema.graphql\` (see
[architecture.md](architecture.md#graphql-libsapiservergraphql)).

| Group/Version | Resource | Kind | Namespaced | Short names | Categories | Subresources | Verbs | Table columns |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

- metrics.k8s.io/v1beta1 (metrics-server's API, an aggregated API upstream; here served by the API server
  itself): NodeMetrics and PodMetrics, \`get\` and \`list\` only, label and field selectors as for nodes and
  pods, in discovery after the built-in groups. Each request reads the Summary API of the simulated
  kubelets of the nodes involved (\`GET /stats/summary\`, see docs/node-sim.md), so usage is current; a
  node or pod its kubelet does not report (not running yet, node off) is left out of a list, and a get
  answers metrics-server's NotFound (\`podmetrics.metrics.k8s.io "ns/name" not found\`). \`kubectl top nodes\`
  and \`kubectl top pods [-A] [--containers]\` print their tables; \`kubectl get nodes.metrics.k8s.io\` prints
  metrics-server's Name, cpu, memory, Window table. metrics-server's \`system:aggregated-metrics-reader\`
  ClusterRole is there from the start, aggregated into admin, edit and view.

- apiregistration.k8s.io/v1 APIServices (kube-aggregator's) are stored and listed: at start the API server
  creates a Local one for every built-in group/version it serves, with kube-apiserver's group and version
  priorities (\`v1.\`, \`v1.apps\`, \`v2.autoscaling\`…; label \`kube-aggregator.kubernetes.io/automanaged:
  onstart\`), and \`v1beta1.metrics.k8s.io\`, Local too since Drydock serves metrics.k8s.io itself (upstream it
  points at \`kube-system/metrics-server\`). \`kubectl get apiservices\` prints the aggregator's NAME, SERVICE,
  AVAILABLE, AGE. Users create their own (ValidateAPIService's rules and words; service port 443 by default);
  the Available condition is True (\`Local\`) for a Local one, \`False (ServiceNotFound)\` while its Service is
  missing, else \`False (FailedDiscoveryCheck)\`: Drydock does not proxy to aggregated API servers, nor does
  discovery list their groups. Each served version of a CRD gets its APIService as upstream's
  crdRegistrationController makes it (\`v1.example.com\`, priorities 1000 and 100, automanaged \`true\`), gone with
  the CRD. Not yet: availability re-checked when a missing Service appears later.

Other endpoints: \`/api\`, \`/apis\` (legacy and aggregated \`apidiscovery.k8s.io/v2\`), \`/api/v1\`,
\`/apis/<group>[/<version>]\`, \`/version\`, \`/healthz\`, \`/livez\`, \`/readyz\`, \`/metrics\`,
\`/openapi/v3\` and \`/openapi/v3/<group-version>\`, \`/openapi/v2\` (an empty protobuf document, so kubectl's
v2 fallback defers to server-side validation).

etcd's v3 API (gRPC, not HTTP) on 127.0.0.1:\`DRYDOCK_ETCD_PORT\` (2379), over the same store, for
\`etcdctl\`: KV (Range, Put, DeleteRange, Txn: a compare-and-swap on one key is atomic), Watch, Lease, Maintenance (Status, Hash, HashKV, Alarm,
Snapshot) and Cluster (MemberList), keys in kube-apiserver's layout, TLS with kubeadm's etcd certificates
in \`pki/etcd/\`; etcdctl 3.5 in the etcd pod and on the controlplane node reaches it too; see [etcd.md](etcd.md).
`;

writeFileSync(join(__dirname, '..', 'docs', 'api-coverage.md'), text);
console.log(`wrote docs/api-coverage.md (${rows.length} resources)`);

import type { OpenApiModel, OpenApiSchema } from './openapi.types';

/**
 * The models of Drydock's own API group, `drydock.dev/v1` (User, Team, AuditEvent, Cluster), written here because no client
 * library carries them. They join the models generated from client-node in the one model table, named as
 * upstream names a group's types (reversed group, version, Go type: `dev.drydock.v1.Team`), so strict
 * decoding, server-side apply, the OpenAPI documents and `kubectl explain` treat them as any built-in kind.
 */
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const core = 'io.k8s.api.core.v1';
const prefix = 'dev.drydock.v1';
const ref = (name: string): OpenApiSchema => ({ $ref: `#/components/schemas/${name}` });
const group = 'drydock.dev';

const apiVersion: OpenApiSchema = {
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const kind: OpenApiSchema = {
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

/** A kind with metadata, spec and status, and its list, as upstream's generated definitions. */
function kindModels(name: string, description: string): Record<string, OpenApiModel> {
  return {
    [`${prefix}.${name}`]: {
      description,
      type: 'object',
      properties: {
        apiVersion,
        kind,
        metadata: { ...ref(`${meta}.ObjectMeta`), description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata" },
        spec: { ...ref(`${prefix}.${name}Spec`), description: `Spec defines the desired state of the ${name}.` },
        status: { ...ref(`${prefix}.${name}Status`), description: `Status is the observed state of the ${name}, written by Drydock's team controller. Read-only.` },
      },
      'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: name }],
    },
    [`${prefix}.${name}List`]: {
      description: `${name}List is a list of ${name}s.`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion,
        items: { type: 'array', items: ref(`${prefix}.${name}`), description: `Items is a list of ${name}s.` },
        kind,
        metadata: { ...ref(`${meta}.ListMeta`), description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
      },
      'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: `${name}List` }],
    },
  };
}

const conditions: OpenApiSchema = {
  type: 'array',
  items: ref(`${meta}.Condition`),
  description: 'Conditions of the object: Ready is True when every namespace, binding, quota and limit range the spec asks for is in place.',
};
const observedGeneration: OpenApiSchema = { type: 'integer', format: 'int64', description: 'The metadata.generation the status was last computed from.' };
const quantityMap = (description: string): OpenApiSchema => ({ type: 'object', additionalProperties: { type: 'string' }, description });

export const drydockModels: Record<string, OpenApiModel> = {
  ...kindModels('User', 'User is a person who signs in to Drydock. Its name is the user name RBAC sees (a User subject); credentials are never part of the object.'),
  [`${prefix}.UserSpec`]: {
    description: 'UserSpec is what an admin says about a user.',
    type: 'object',
    properties: { displayName: { type: 'string', description: 'The name shown for the user in the dashboard, e.g. "Alice Liddell".' } },
  },
  [`${prefix}.UserStatus`]: {
    description: 'UserStatus is what the team controller observed about a user.',
    type: 'object',
    properties: { teams: { type: 'array', items: ref(`${prefix}.UserTeam`), description: 'The teams that name this user as a member, with the role each gives, sorted by team.' } },
  },
  [`${prefix}.UserTeam`]: {
    description: 'UserTeam is one team a user belongs to.',
    type: 'object',
    required: ['team', 'role'],
    properties: { team: { type: 'string', description: 'Name of the Team.' }, role: { type: 'string', description: 'The role the team gives the user: admin, edit or view.' } },
  },
  ...kindModels('Team', 'Team is a group of users sharing namespaces. The team controller creates its namespaces and keeps in each a RoleBinding per role (to the ClusterRoles admin, edit and view), a ResourceQuota and a LimitRange, in step with the spec.'),
  [`${prefix}.TeamSpec`]: {
    description: 'TeamSpec says who is in a team, with which role, and what the team owns.',
    type: 'object',
    properties: {
      members: { type: 'array', items: ref(`${prefix}.TeamMember`), description: 'The users of the team, each with one role. A user appears at most once.' },
      namespaces: { type: 'array', items: { type: 'string' }, description: 'The namespaces the team owns; the team controller creates them and labels them drydock.dev/team=<team>.' },
      quota: quantityMap('The hard limits (a ResourceQuota\'s spec.hard) of each of the team\'s namespaces, kept as the ResourceQuota "team-quota". Absent: no quota.'),
      limitRanges: { type: 'array', items: ref(`${core}.LimitRangeItem`), description: 'The limits (a LimitRange\'s spec.limits) of each of the team\'s namespaces, kept as the LimitRange "team-limits". Absent: no limit range.' },
    },
  },
  [`${prefix}.TeamMember`]: {
    description: 'TeamMember is one user of a team and the role it has in the team\'s namespaces.',
    type: 'object',
    required: ['user', 'role'],
    properties: {
      user: { type: 'string', description: 'Name of the User (the user name RBAC sees).' },
      role: { type: 'string', description: 'The ClusterRole the member is bound to in every namespace of the team: admin, edit or view.' },
    },
  },
  [`${prefix}.TeamStatus`]: {
    description: 'TeamStatus is what the team controller observed.',
    type: 'object',
    properties: { conditions, observedGeneration },
  },
  ...auditEventModels(),
  ...kindModels('Cluster', 'Cluster is a sandbox cluster of its own, served at /clusters/<name>/ on the API server\'s port with the same credentials: its own namespaces, RBAC, CRDs and nodes. The owner team\'s admins are cluster-admin in it, its editors edit, its viewers view; a user owner is cluster-admin.'),
  [`${prefix}.ClusterSpec`]: {
    description: 'ClusterSpec says who owns a sandbox cluster, which nodes it has and how much it may hold.',
    type: 'object',
    required: ['owner'],
    properties: {
      owner: { ...ref(`${prefix}.ClusterOwner`), description: 'The team or the user the cluster belongs to.' },
      nodes: { type: 'integer', format: 'int32', description: 'Shorthand for one node pool of this many nodes. Defaults to 3 when nodePools is not set.' },
      nodePools: { type: 'array', items: ref(`${prefix}.ClusterNodePool`), description: 'The node pools of the cluster; may not be set together with nodes.' },
      clockScale: { type: 'number', format: 'double', description: 'How much faster than real time the cluster\'s simulated nodes and controllers run. Defaults to 1.' },
      limits: { ...ref(`${prefix}.ClusterLimits`), description: 'The most the cluster may hold.' },
      source: { ...ref(`${prefix}.ClusterSource`), description: 'Where a clone\'s objects come from. Immutable.' },
    },
  },
  [`${prefix}.ClusterOwner`]: {
    description: 'ClusterOwner names exactly one team or one user.',
    type: 'object',
    properties: { team: { type: 'string', description: 'Name of the Team.' }, user: { type: 'string', description: 'Name of the User.' } },
  },
  [`${prefix}.ClusterNodePool`]: {
    description: 'ClusterNodePool is a set of alike simulated nodes.',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', description: 'Name of the pool; its nodes are named after it.' },
      count: { type: 'integer', format: 'int32', description: 'How many nodes the pool has.' },
      capacity: quantityMap('The capacity of each node (cpu, memory, pods, ...).'),
      labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels of each node.' },
      taints: { type: 'array', items: ref(`${core}.Taint`), description: 'Taints of each node.' },
    },
  },
  [`${prefix}.ClusterLimits`]: {
    description: 'ClusterLimits bound what one sandbox may hold, so that it cannot starve the machine.',
    type: 'object',
    properties: {
      objects: { type: 'integer', format: 'int64', description: 'The most objects of any kind. Defaults to 10000.' },
      nodes: { type: 'integer', format: 'int64', description: 'The most Node objects. Defaults to 20.' },
      pods: { type: 'integer', format: 'int64', description: 'The most Pod objects. Defaults to 500.' },
    },
  },
  [`${prefix}.ClusterSource`]: {
    description: 'ClusterSource is where a clone starts from.',
    type: 'object',
    required: ['snapshot'],
    properties: { snapshot: { type: 'string', description: 'Name of the ClusterSnapshot whose objects the new cluster starts with.' } },
  },
  [`${prefix}.ClusterStatus`]: {
    description: 'ClusterStatus is what the API server observed about a sandbox cluster.',
    type: 'object',
    properties: {
      phase: { type: 'string', description: 'Pending (just created), Provisioning (bootstrapped, nodes not all Ready), Ready (every node the spec asks for is Ready), Resetting, Restoring, Terminating.' },
      conditions: { type: 'array', items: ref(`${meta}.Condition`), description: 'Conditions of the cluster: Bootstrapped, Ready.' },
      server: { type: 'string', description: 'The URL the cluster is served at: the API server\'s URL and /clusters/<name>.' },
      readyNodes: { type: 'integer', format: 'int32', description: 'The cluster\'s Node objects that are Ready.' },
      nodes: { type: 'integer', format: 'int32', description: 'The cluster\'s Node objects.' },
      pods: { type: 'integer', format: 'int32', description: 'The cluster\'s Pod objects.' },
      objects: { type: 'integer', format: 'int64', description: 'The cluster\'s objects of every kind.' },
      observedGeneration,
    },
  },
  ...kindModels('ClusterSnapshot', 'ClusterSnapshot is a named copy of every object of one sandbox cluster at one revision, as a VolumeSnapshot is of a volume. The API server takes it when the object is created; a Cluster is restored to it (POST clusters/<name>/restore with {"snapshot": "<name>"}) or cloned from it (a new Cluster with spec.source.snapshot). Deleting it drops the copy.'),
  [`${prefix}.ClusterSnapshotSpec`]: {
    description: 'ClusterSnapshotSpec names the cluster to copy. Immutable.',
    type: 'object',
    required: ['cluster'],
    properties: { cluster: { type: 'string', description: 'Name of the cluster whose objects the snapshot copies.' } },
  },
  [`${prefix}.ClusterSnapshotStatus`]: {
    description: 'ClusterSnapshotStatus is what the API server took.',
    type: 'object',
    properties: {
      readyToUse: { type: 'boolean', description: 'Whether the snapshot has been taken and can be restored or cloned.' },
      revision: { type: 'integer', format: 'int64', description: 'The revision (resourceVersion) at which every object was copied.' },
      objects: { type: 'integer', format: 'int64', description: 'How many objects the snapshot holds.' },
      creationTime: { ...ref(`${meta}.Time`), description: 'When the snapshot was taken.' },
      error: { ...ref(`${prefix}.ClusterSnapshotError`), description: 'Why the snapshot could not be taken, when it could not.' },
    },
  },
  [`${prefix}.ClusterSnapshotError`]: {
    description: 'ClusterSnapshotError says why a snapshot could not be taken.',
    type: 'object',
    properties: { message: { type: 'string', description: 'What went wrong.' }, time: { ...ref(`${meta}.Time`), description: 'When it was observed.' } },
  },
};

function str(description: string): OpenApiSchema {
  return { type: 'string', description };
}
function microTime(description: string): OpenApiSchema {
  return { ...ref(`${meta}.MicroTime`), description };
}

function userInfo(description: string): OpenApiSchema {
  return { ...ref('io.k8s.api.authentication.v1.UserInfo'), description };
}

/**
 * AuditEvent: upstream's audit.k8s.io/v1 Event at the Metadata level, field for field (its descriptions),
 * plus the object metadata that lets kubectl list it and the latency. Read-only: get and list.
 */
function auditEventModels(): Record<string, OpenApiModel> {
  const event: OpenApiModel = {
    description: 'AuditEvent is one request to the API server as the audit log recorded it: audit.k8s.io/v1 Event at the Metadata level (never a request or response body). Namespaced by the namespace of the object the request addressed; its name is the auditID. Read-only.',
    type: 'object',
    properties: {
      apiVersion,
      kind,
      metadata: { ...ref(`${meta}.ObjectMeta`), description: "Standard object's metadata: the name is the auditID, the namespace that of the object the request addressed (none for cluster-scoped and non-resource requests), creationTimestamp the stageTimestamp." },
      level: str('AuditLevel at which event was generated'),
      auditID: str('Unique audit ID, generated for each request.'),
      stage: str('Stage of the request handling when this event instance was generated.'),
      requestURI: str('RequestURI is the request URI as sent by the client to a server.'),
      verb: str('Verb is the kubernetes verb associated with the request. For non-resource requests, this is the lower-cased HTTP method.'),
      user: userInfo('Authenticated user information.'),
      impersonatedUser: userInfo('Impersonated user information.'),
      sourceIPs: { type: 'array', items: { type: 'string' }, description: 'Source IPs, from where the request originated and intermediate proxies. The source IPs are listed from (in order): 1. X-Forwarded-For request header IPs 2. X-Real-Ip header, if not present in the X-Forwarded-For list 3. The remote address for the request, if it doesn\'t match the last IP in the list up to here (X-Forwarded-For or X-Real-Ip). Note: All but the last IP can be arbitrarily set by the client.' },
      userAgent: str('UserAgent records the user agent string reported by the client. Note that the UserAgent is provided by the client, and must not be trusted.'),
      objectRef: { ...ref(`${prefix}.AuditObjectReference`), description: 'Object reference this request is targeted at. Does not apply for List-type requests, or non-resource requests.' },
      responseStatus: { ...ref(`${meta}.Status`), description: 'The response status, populated even when the ResponseObject is not a Status type. For successful responses, this will only include the Code and StatusSuccess. For non-status type error responses, this will be auto-populated with the error Message.' },
      requestReceivedTimestamp: microTime('Time the request reached the apiserver.'),
      stageTimestamp: microTime('Time the request reached current audit stage.'),
      latency: str('How long the API server took to answer, as Go prints a duration (e.g. "3.1ms").'),
    },
    'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: 'AuditEvent' }],
  };
  const reference: OpenApiModel = {
    description: 'AuditObjectReference contains enough information to let you inspect or modify the referred object (audit.k8s.io/v1 ObjectReference).',
    type: 'object',
    properties: { resource: str(''), namespace: str(''), name: str(''), apiGroup: str('APIGroup is the name of the API group that contains the referred object. The empty string represents the core API group.'), subresource: str('') },
  };
  const list: OpenApiModel = {
    description: 'AuditEventList is a list of AuditEvents, newest first.',
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion,
      items: { type: 'array', items: ref(`${prefix}.AuditEvent`), description: 'Items is a list of AuditEvents.' },
      kind,
      metadata: { ...ref(`${meta}.ListMeta`), description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    },
    'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: 'AuditEventList' }],
  };
  return { [`${prefix}.AuditEvent`]: event, [`${prefix}.AuditObjectReference`]: reference, [`${prefix}.AuditEventList`]: list };
}

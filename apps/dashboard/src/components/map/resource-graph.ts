/**
 * The map of one object, as a graph: what owns it and what it owns (two levels, through ownerReferences),
 * the node each pod runs on, the ServiceAccount it runs as, the ConfigMaps, Secrets and claims it uses,
 * and the Services whose selector picks its pods. Built from the generated schema's relation fields;
 * pure, so the page and its unit spec share it.
 */
export interface MapObject {
  kind?: string | null;
  metadata?: { name?: string | null; namespace?: string | null; labels?: Record<string, string> | null } | null;
  status?: { phase?: string | null } | null;
  owners?: (MapObject | null)[] | null;
  owned?: MapObject[] | null;
  selectedPods?: MapObject[] | null;
  node?: MapObject | null;
  serviceAccount?: MapObject | null;
  configMaps?: (MapObject | null)[] | null;
  secrets?: (MapObject | null)[] | null;
  persistentVolumeClaims?: (MapObject | null)[] | null;
}

export interface ServiceSelector {
  metadata?: { name?: string | null } | null;
  spec?: { selector?: Record<string, string> | null } | null;
}

export type Relation = 'owns' | 'selects' | 'runs on' | 'runs as' | 'uses';

export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  namespace?: string;
  phase?: string;
  root?: boolean;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  relation: Relation;
}

const POD_USES = 'node { kind metadata { name } } serviceAccount { kind metadata { name namespace } } configMaps { kind metadata { name namespace } } secrets { kind metadata { name namespace } } persistentVolumeClaims { kind metadata { name namespace } }';
const REF_FIELDS = 'kind metadata { name namespace labels } ... on CoreV1Pod { status { phase } }';
const OWNED = (inner: string) => `owned { ${REF_FIELDS} ${inner} }`;
/** At most this many pods get their node, ServiceAccount and uses read (one get field each: the query's complexity grows with them). */
export const MAX_MAPPED_PODS = 40;

/**
 * The query of an object's map through its generated get field (`appsV1Deployment`): what owns it, what it owns two
 * levels down (a Deployment's ReplicaSets and their pods, a CronJob's Jobs), and the Services of its namespace for
 * "selects". What each pod uses comes from a second query (`podUsesQuery`): nested under two lists it would cost
 * the relation lists' complexity a hundred times.
 */
export function mapQuery(getField: string, namespaced: boolean): string {
  const args = namespaced ? '(namespace: $namespace, name: $name)' : '(name: $name)';
  const owned = OWNED(`... on AppsV1ReplicaSet { ${OWNED('')} } ... on BatchV1Job { ${OWNED('')} } ... on BatchV1CronJob { ${OWNED('')} }`);
  const self = getField === 'coreV1Pod' ? 'kind metadata { name namespace labels } status { phase }' : getField === 'coreV1Service' ? `kind metadata { name namespace labels } selectedPods { ${REF_FIELDS} }` : 'kind metadata { name namespace labels }';
  const services = namespaced ? ' services: coreV1ServiceList(namespace: $namespace) { items { metadata { name } spec { selector } } }' : '';
  return `query ObjectMap($name: String!${namespaced ? ', $namespace: String!' : ''}) { object: ${getField}${args} { ${self} owners { kind metadata { name namespace } } ${owned} }${services} }`;
}

/** What each of `pods` runs on, runs as and uses, one aliased `coreV1Pod` field per pod (`pod0`, `pod1`, …). */
export function podUsesQuery(pods: { name: string; namespace: string }[]): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const fields = pods.map((pod, index) => {
    variables[`namespace${index}`] = pod.namespace;
    variables[`name${index}`] = pod.name;
    return `pod${index}: coreV1Pod(namespace: $namespace${index}, name: $name${index}) { kind metadata { name namespace } ${POD_USES} }`;
  });
  const declarations = pods.map((_pod, index) => `$namespace${index}: String!, $name${index}: String!`).join(', ');
  return { query: `query PodUses(${declarations}) { ${fields.join(' ')} }`, variables };
}

/** The pods of the map (owned at any level, or selected by a Service), the first MAX_MAPPED_PODS of them. */
export function podsOf(root: MapObject): { name: string; namespace: string }[] {
  const found = new Map<string, { name: string; namespace: string }>();
  const walk = (object: MapObject) => {
    if (object.kind === 'Pod' && object.metadata?.name) found.set(object.metadata.name, { name: object.metadata.name, namespace: object.metadata.namespace ?? root.metadata?.namespace ?? '' });
    for (const child of [...(object.owned ?? []), ...(object.selectedPods ?? [])]) walk(child);
  };
  walk(root);
  return [...found.values()].slice(0, MAX_MAPPED_PODS);
}

const idOf = (object: MapObject) => `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;

/** Nodes and edges of the map of `root` (deduplicated; an edge between two nodes of one relation appears once). */
export function buildGraph(root: MapObject, services: ServiceSelector[], podUses: MapObject[] = []): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const usesOf = new Map(podUses.map((pod) => [pod.metadata?.name ?? '', pod]));
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const add = (object: MapObject | null | undefined, isRoot = false): string | undefined => {
    if (!object?.metadata?.name || !object.kind) return undefined;
    const id = idOf(object);
    const known = nodes.get(id);
    nodes.set(id, { id, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace ?? known?.namespace, phase: object.status?.phase ?? known?.phase, root: isRoot || known?.root });
    return id;
  };
  const link = (from: string | undefined, to: string | undefined, relation: Relation) => {
    if (from && to && from !== to) edges.set(`${from}->${to}:${relation}`, { id: `${from}->${to}:${relation}`, from, to, relation });
  };
  const pods: MapObject[] = [];
  const walk = (object: MapObject) => {
    const id = add(object);
    if (object.kind === 'Pod') pods.push(object);
    for (const child of object.owned ?? []) {
      link(id, add(child), 'owns');
      walk(child);
    }
  };
  const rootId = add(root, true);
  for (const owner of root.owners ?? []) link(add(owner), rootId, 'owns');
  walk(root);
  for (const pod of root.selectedPods ?? []) {
    link(rootId, add(pod), 'selects');
    pods.push(pod);
  }
  for (const found of pods) {
    const pod = { ...found, ...usesOf.get(found.metadata?.name ?? ''), metadata: found.metadata, status: found.status };
    const podId = idOf(pod);
    link(podId, add(pod.node), 'runs on');
    link(podId, add(pod.serviceAccount), 'runs as');
    for (const used of [...(pod.configMaps ?? []), ...(pod.secrets ?? []), ...(pod.persistentVolumeClaims ?? [])]) link(podId, add(used), 'uses');
    for (const service of services) {
      const selector = Object.entries(service.spec?.selector ?? {});
      if (selector.length && selector.every(([key, value]) => pod.metadata?.labels?.[key] === value)) link(add({ kind: 'Service', metadata: { name: service.metadata?.name, namespace: pod.metadata?.namespace } }), podId, 'selects');
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

import { expectedAllowed, Resource, Subject, subjects, Verb } from './rbac-matrix.expectations';
import { matrixNamespaces, newObject } from './rbac-matrix.fixture';
import { GraphqlAnswer, MatrixProbe, Outcome } from './rbac-matrix.probes';

/** One cell of the matrix, by one way in. */
export interface Check {
  way: 'REST' | 'watch' | 'log' | 'exec' | 'GraphQL' | 'SubjectAccessReview';
  subject: Subject;
  verb: Verb;
  resource: Resource;
  /** '' = the cluster scope (all namespaces). */
  namespace: string;
  name?: string;
  expected: boolean;
  run(probe: MatrixProbe): Promise<Outcome>;
}

const objectNames: Record<string, string[]> = { pods: ['p'], configmaps: ['public', 'private'], secrets: ['s'], 'apps/deployments': ['d'] };
const mainResources: Resource[] = ['pods', 'configmaps', 'secrets', 'apps/deployments'];

function collectionPath(resource: Resource, namespace: string): string {
  const [group, plural] = resource.includes('/') ? resource.split('/') : ['', resource];
  const root = group ? `/apis/${group}/v1` : '/api/v1';
  return namespace ? `${root}/namespaces/${namespace}/${plural}` : `${root}/${plural}`;
}

function attributes(check: Omit<Check, 'run' | 'way' | 'expected'>): Record<string, string> {
  const [first, second] = check.resource.split('/');
  const group = check.resource === 'apps/deployments' ? 'apps' : '';
  const resource = group ? second : first;
  const subresource = group ? '' : (second ?? '');
  return { namespace: check.namespace, verb: check.verb, group, resource, subresource, name: check.name ?? '' };
}

/** The REST, watch, log and exec checks of one subject, each with its SubjectAccessReview twin. */
function restChecks(subject: Subject): Check[] {
  const checks: Check[] = [];
  const add = (way: Check['way'], verb: Verb, resource: Resource, namespace: string, name: string | undefined, run: Check['run']) => {
    const cell = { subject, verb, resource, namespace, name };
    const expected = expectedAllowed(subject, verb, resource, namespace, name);
    checks.push({ way, ...cell, expected, run });
    checks.push({ way: 'SubjectAccessReview', ...cell, expected, run: async (probe) => ((await probe.subjectAccessReview(subject, attributes(cell))) ? 'allowed' : 'denied') });
  };
  for (const namespace of [...matrixNamespaces, '']) {
    for (const resource of mainResources) {
      const base = collectionPath(resource, namespace);
      add('REST', 'list', resource, namespace, undefined, (probe) => probe.rest(subject, 'GET', base));
      add('watch', 'watch', resource, namespace, undefined, (probe) => probe.rest(subject, 'GET', `${base}?watch=1&timeoutSeconds=5`));
      // Selectors narrow what is returned, not what is asked: a label selector is authorized as the plain list, and
      // an all-namespaces list or watch narrowed to one namespace by a field selector is still cluster-scoped.
      add('REST', 'list', resource, namespace, undefined, (probe) => probe.rest(subject, 'GET', `${base}?labelSelector=app%3Dp`));
      if (!namespace) {
        for (const only of matrixNamespaces) {
          add('REST', 'list', resource, namespace, undefined, (probe) => probe.rest(subject, 'GET', `${base}?fieldSelector=metadata.namespace%3D${only}`));
          add('watch', 'watch', resource, namespace, undefined, (probe) => probe.rest(subject, 'GET', `${base}?watch=1&timeoutSeconds=5&fieldSelector=metadata.namespace%3D${only}`));
        }
        continue;
      }
      // A list whose field selector requires metadata.name=N is authorized as a list of N (upstream's RequestInfo).
      for (const name of objectNames[resource]) add('REST', 'list', resource, namespace, name, (probe) => probe.rest(subject, 'GET', `${base}?fieldSelector=metadata.name%3D${name}`));
      add('REST', 'create', resource, namespace, undefined, (probe) => probe.rest(subject, 'POST', `${base}?dryRun=All`, newObject(resource, namespace)));
      for (const name of objectNames[resource]) {
        add('REST', 'get', resource, namespace, name, (probe) => probe.rest(subject, 'GET', `${base}/${name}`));
        add('REST', 'delete', resource, namespace, name, (probe) => probe.rest(subject, 'DELETE', `${base}/${name}?dryRun=All`));
      }
    }
    if (!namespace) continue;
    add('log', 'get', 'pods/log', namespace, 'p', (probe) => probe.rest(subject, 'GET', `${collectionPath('pods', namespace)}/p/log`));
    add('exec', 'create', 'pods/exec', namespace, 'p', (probe) => probe.exec(subject, namespace, 'p'));
  }
  return checks;
}

/**
 * A GraphQL answer as a decision: Forbidden is a denial; data is allowed, but only if every object it
 * returns lies where the subject may list or get it (anything else is a leak, reported as such).
 */
function graphqlOutcome(answer: GraphqlAnswer, field: string, mayRead: (namespace: string) => boolean): Outcome {
  const errors = answer.body.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'Forbidden')) return 'denied';
  if (errors.length || answer.status !== 200) return `error ${answer.status}: ${JSON.stringify(errors).slice(0, 200)}`;
  const value = answer.body.data?.[field];
  const items = (Array.isArray(value) ? value : value ? [value] : []) as { namespace?: string }[];
  const leaked = items.filter((item) => !mayRead(item.namespace ?? ''));
  return leaked.length ? `error 200: leaked ${leaked.length} objects of namespaces ${[...new Set(leaked.map((i) => i.namespace))].join(',')}` : 'allowed';
}

function graphqlChecks(subject: Subject): Check[] {
  const checks: Check[] = [];
  const add = (verb: Verb, resource: Resource, namespace: string, name: string | undefined, query: string, field: string) => {
    const expected = expectedAllowed(subject, verb, resource, namespace, name);
    const mayRead = (where: string) => expectedAllowed(subject, verb, resource, where, name) || expectedAllowed(subject, verb, resource, '', name);
    checks.push({ way: 'GraphQL', subject, verb, resource, namespace, name, expected, run: async (probe) => graphqlOutcome(await probe.graphql(subject, query), field, mayRead) });
  };
  for (const namespace of [...matrixNamespaces, '']) {
    const where = namespace ? `namespace: "${namespace}"` : '';
    add('list', 'pods', namespace, undefined, `{ pods${where ? `(${where})` : ''} { name namespace } }`, 'pods');
    add('list', 'apps/deployments', namespace, undefined, `{ workloads(kind: Deployment${where ? `, ${where}` : ''}) { name namespace } }`, 'workloads');
    if (!namespace) continue;
    add('get', 'pods', namespace, 'p', `{ pod(name: "p", ${where}) { name namespace } }`, 'pod');
    add('get', 'apps/deployments', namespace, 'd', `{ workload(kind: Deployment, name: "d", ${where}) { name namespace } }`, 'workload');
  }
  return checks;
}

/** Every check of the matrix: each subject × verb × resource × namespace, by every way in. */
export function matrixChecks(): Check[] {
  return subjects.flatMap((subject) => [...restChecks(subject), ...graphqlChecks(subject)]);
}

export function describeCheck(check: Check, outcome: Outcome): string {
  const where = check.namespace || '(cluster)';
  return `${check.way}: ${check.subject.user} ${check.verb} ${check.resource}${check.name ? `/${check.name}` : ''} in ${where}: expected ${check.expected ? 'allowed' : 'denied'}, got ${outcome}`;
}

/** One GraphQL subscription of the matrix: pod changes in a namespace (or all), as a subject. */
export interface SubscriptionCell {
  subject: Subject;
  namespace: string;
  expected: boolean;
}

/** Every subject × namespace (and the cluster scope): a subscription is a watch, allowed where `watch` on pods is. */
export function subscriptionCells(): SubscriptionCell[] {
  return subjects.flatMap((subject) => [...matrixNamespaces, ''].map((namespace) => ({ subject, namespace, expected: expectedAllowed(subject, 'watch', 'pods', namespace) })));
}

export function subscriptionQuery(namespace: string): string {
  return `subscription { objectChanges(kinds: ["Pod"]${namespace ? `, namespace: "${namespace}"` : ''}) { type namespace name } }`;
}

/** Forbidden is a denial; deliveries are allowed when each lies where the subject may watch pods (else a leak). */
export function subscriptionOutcome(cell: SubscriptionCell, handle: { deliveries: { namespace?: string }[]; error?: { code?: string; message: string } }): Outcome {
  if (handle.error) return handle.error.code === 'Forbidden' ? 'denied' : `error 0: ${handle.error.code} ${handle.error.message}`;
  if (!handle.deliveries.length) return 'error 0: nothing delivered and no error';
  const leaked = handle.deliveries.filter((change) => !expectedAllowed(cell.subject, 'watch', 'pods', change.namespace ?? ''));
  return leaked.length ? `error 200: leaked changes of namespaces ${[...new Set(leaked.map((c) => c.namespace))].join(',')}` : 'allowed';
}

export function describeSubscription(cell: SubscriptionCell, outcome: Outcome): string {
  return `GraphQL subscription: ${cell.subject.user} objectChanges Pod in ${cell.namespace || '(cluster)'}: expected ${cell.expected ? 'allowed' : 'denied'}, got ${outcome}`;
}

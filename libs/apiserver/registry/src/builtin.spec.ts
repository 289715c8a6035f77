import { builtinResources } from './builtin';
import { supportedFieldLabels } from './meta/field-labels';

const coreResources = builtinResources().filter((d) => d.group === '');
/** Every built-in kind outside core/v1 that is stored (the reviews are answered and the metrics computed, never stored). */
const groupResources = builtinResources().filter((d) => d.group !== '' && !d.review && !d.computed);

const byResource = Object.fromEntries(coreResources.map((r) => [r.resource, r]));

describe('coreResources', () => {
  it('registers the fifteen core kinds with their OpenAPI models', () => {
    expect(coreResources).toHaveLength(15);
    for (const definition of coreResources) expect(definition.model).toBe(`io.k8s.api.core.v1.${definition.kind}`);
  });

  it.each([
    ['pods', ['po'], ['all']],
    ['services', ['svc'], ['all']],
    ['replicationcontrollers', ['rc'], ['all']],
    ['namespaces', ['ns'], undefined],
    ['nodes', ['no'], undefined],
    ['configmaps', ['cm'], undefined],
    ['endpoints', ['ep'], undefined],
    ['events', ['ev'], undefined],
    ['persistentvolumes', ['pv'], undefined],
    ['persistentvolumeclaims', ['pvc'], undefined],
    ['serviceaccounts', ['sa'], undefined],
    ['resourcequotas', ['quota'], undefined],
    ['limitranges', ['limits'], undefined],
  ])('gives %s the upstream short names and categories', (resource, shortNames, categories) => {
    expect(byResource[resource].shortNames).toEqual(shortNames);
    expect(byResource[resource].categories).toEqual(categories);
  });

  it('lists eviction as a policy/v1 subresource of pods', () => {
    expect(byResource.pods.subresources?.extra).toContainEqual({ name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  });

  it('reports the field labels kinds accept', () => {
    expect(supportedFieldLabels(byResource.secrets)).toEqual(['metadata.name', 'metadata.namespace', 'type']);
    expect(supportedFieldLabels(byResource.configmaps)).toBeUndefined();
    expect(supportedFieldLabels(byResource.pods)).toContain('spec.nodeName');
  });
});

describe('groupResources', () => {
  it('defines each group/version/resource once, with a strategy and an OpenAPI model', () => {
    const keys = groupResources.map((d) => `${d.group}/${d.version}/${d.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const definition of groupResources) {
      expect(typeof definition.strategy.validate).toBe('function');
      expect(definition.model).toMatch(definition.group === 'drydock.dev' ? /^dev\.drydock\.v1\./ : /^io\.k8s\./);
    }
  });

  it('puts the kinds `kubectl get all` expands in the all category', () => {
    const all = groupResources.filter((d) => d.categories?.includes('all')).map((d) => `${d.resource}.${d.group}/${d.version}`);
    expect(all.sort()).toEqual([
      'cronjobs.batch/v1',
      'daemonsets.apps/v1',
      'deployments.apps/v1',
      'horizontalpodautoscalers.autoscaling/v1',
      'horizontalpodautoscalers.autoscaling/v2',
      'jobs.batch/v1',
      'replicasets.apps/v1',
      'statefulsets.apps/v1',
    ]);
  });

  it('gives scale subresources a label selector path for kubectl scale and the HPA', () => {
    const scaled = groupResources.filter((d) => d.subresources?.scale).map((d) => d.resource);
    expect(scaled.sort()).toEqual(['deployments', 'replicasets', 'statefulsets']);
    for (const d of groupResources.filter((r) => r.subresources?.scale)) expect(d.subresources!.scale!.labelSelectorPath).toBe('spec.selector');
  });
});

describe('name validation', () => {
  it('uses DNS labels for statefulsets (and sandbox clusters, whose name is a path segment) and path segments for RBAC kinds, as upstream', () => {
    const rules = Object.fromEntries(groupResources.filter((d) => d.nameValidation).map((d) => [d.resource, d.nameValidation]));
    expect(rules).toEqual({ clusters: 'label', apiservices: 'pathSegment', statefulsets: 'label', ipaddresses: 'pathSegment', clusterrolebindings: 'pathSegment', clusterroles: 'pathSegment', rolebindings: 'pathSegment', roles: 'pathSegment' });
  });
});

describe('builtinResources', () => {
  it('lists core/v1 first, then the groups in the order kube-apiserver serves them, then the reviews, then drydock.dev', () => {
    const groups = [...new Set(builtinResources().map((d) => d.group))];
    expect(groups).toEqual([
      '',
      'apiregistration.k8s.io',
      'apps',
      'events.k8s.io',
      'autoscaling',
      'batch',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'apiextensions.k8s.io',
      'scheduling.k8s.io',
      'coordination.k8s.io',
      'discovery.k8s.io',
      'flowcontrol.apiserver.k8s.io',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'drydock.dev',
      'metrics.k8s.io',
    ]);
  });

  it('registers every review as create-only', () => {
    const reviews = builtinResources().filter((d) => d.review);
    expect(reviews.map((d) => d.kind)).toEqual(['SelfSubjectReview', 'TokenReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview']);
    for (const review of reviews) expect(review.verbs).toEqual(['create']);
  });

  it('serves metrics.k8s.io as metrics-server does: NodeMetrics and PodMetrics, computed, get and list only', () => {
    const metrics = builtinResources().filter((d) => d.group === 'metrics.k8s.io');
    expect(metrics.map((d) => [d.version, d.resource, d.kind, d.namespaced, d.verbs, !!d.computed])).toEqual([
      ['v1beta1', 'nodes', 'NodeMetrics', false, ['get', 'list'], true],
      ['v1beta1', 'pods', 'PodMetrics', true, ['get', 'list'], true],
    ]);
  });
});

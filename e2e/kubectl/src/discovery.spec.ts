import { AGE, expectFailure, expectSuccess, lines } from './harness/expectations';
import { eventually } from './cluster/support/cluster';
import { applyObjects, useDrydock } from './harness/use-drydock';

const row = (pattern: string) => new RegExp(`^${pattern.replace(/ +/g, '\\s+').replace(/\{age\}/g, AGE)}$`);

/** `kubectl api-resources` rows of a v1.35 cluster for the kinds issue 2 asks for (NAME SHORTNAMES APIVERSION NAMESPACED KIND). */
const UPSTREAM_API_RESOURCES = [
  'configmaps cm v1 true ConfigMap',
  'endpoints ep v1 true Endpoints',
  'events ev v1 true Event',
  'limitranges limits v1 true LimitRange',
  'namespaces ns v1 false Namespace',
  'nodes no v1 false Node',
  'persistentvolumeclaims pvc v1 true PersistentVolumeClaim',
  'persistentvolumes pv v1 false PersistentVolume',
  'pods po v1 true Pod',
  'podtemplates v1 true PodTemplate',
  'replicationcontrollers rc v1 true ReplicationController',
  'resourcequotas quota v1 true ResourceQuota',
  'secrets v1 true Secret',
  'serviceaccounts sa v1 true ServiceAccount',
  'services svc v1 true Service',
  'customresourcedefinitions crd,crds apiextensions.k8s.io/v1 false CustomResourceDefinition',
  'apiservices apiregistration.k8s.io/v1 false APIService',
  'controllerrevisions apps/v1 true ControllerRevision',
  'daemonsets ds apps/v1 true DaemonSet',
  'deployments deploy apps/v1 true Deployment',
  'replicasets rs apps/v1 true ReplicaSet',
  'statefulsets sts apps/v1 true StatefulSet',
  'horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler',
  'cronjobs cj batch/v1 true CronJob',
  'jobs batch/v1 true Job',
  'leases coordination.k8s.io/v1 true Lease',
  'endpointslices discovery.k8s.io/v1 true EndpointSlice',
  'events ev events.k8s.io/v1 true Event',
  'ingressclasses networking.k8s.io/v1 false IngressClass',
  'ingresses ing networking.k8s.io/v1 true Ingress',
  'networkpolicies netpol networking.k8s.io/v1 true NetworkPolicy',
  'poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget',
  'clusterrolebindings rbac.authorization.k8s.io/v1 false ClusterRoleBinding',
  'clusterroles rbac.authorization.k8s.io/v1 false ClusterRole',
  'rolebindings rbac.authorization.k8s.io/v1 true RoleBinding',
  'roles rbac.authorization.k8s.io/v1 true Role',
  'flowschemas flowcontrol.apiserver.k8s.io/v1 false FlowSchema',
  'prioritylevelconfigurations flowcontrol.apiserver.k8s.io/v1 false PriorityLevelConfiguration',
  'priorityclasses pc scheduling.k8s.io/v1 false PriorityClass',
  'storageclasses sc storage.k8s.io/v1 false StorageClass',
];

describe('discovery, versions and explain', () => {
  const drydock = useDrydock();

  it('get --raw /version returns a v1.35 version', async () => {
    const version = JSON.parse(expectSuccess(await drydock().run(['get', '--raw', '/version'])));
    expect(version).toMatchObject({ major: '1', minor: '35', platform: expect.any(String) });
    expect(version.gitVersion).toMatch(/^v1\.35\.\d+/);
  });

  it('version prints the server version', async () => {
    expect(expectSuccess(await drydock().run(['version']))).toMatch(/^Server Version: v1\.35\.\d+/m);
  });

  it('api-resources lists every kind of the issue with upstream short names, preferred version and scope', async () => {
    const out = lines(expectSuccess(await drydock().run(['api-resources'])));
    expect(out[0]).toMatch(row('NAME SHORTNAMES APIVERSION NAMESPACED KIND'));
    const printed = new Set(out.slice(1).map((line) => line.split(/\s+/).join(' ')));
    const missing = UPSTREAM_API_RESOURCES.filter((expected) => !printed.has(expected));
    expect(missing).toEqual([]);
  });

  it('api-versions lists every served group version', async () => {
    const out = lines(expectSuccess(await drydock().run(['api-versions'])));
    for (const groupVersion of [
      'v1',
      'apps/v1',
      'batch/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'networking.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'coordination.k8s.io/v1',
      'events.k8s.io/v1',
      'discovery.k8s.io/v1',
      'storage.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
      'flowcontrol.apiserver.k8s.io/v1',
      'metrics.k8s.io/v1beta1',
    ]) {
      expect(out).toContain(groupVersion);
    }
  });

  it('get apiservices lists a Local APIService per served group/version, available, and keeps the ones a user creates', async () => {
    const table = await eventually('the Local APIServices to be Available', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'apiservices'])));
      return out.length > 10 && out.slice(1).every((line) => / True /.test(line)) ? out : undefined;
    });
    expect(table[0]).toMatch(row('NAME SERVICE AVAILABLE AGE'));
    for (const name of ['v1.', 'v1.apiregistration.k8s.io', 'v1.apps', 'v2.autoscaling', 'v1.batch', 'v1.coordination.k8s.io', 'v1beta1.metrics.k8s.io']) {
      expect(table).toContainEqual(expect.stringMatching(row(`${name.replace(/\./g, '\\.')} Local True {age}`)));
    }
    await applyObjects(drydock(), {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1alpha1.wardle.example.com' },
      spec: { group: 'wardle.example.com', version: 'v1alpha1', groupPriorityMinimum: 1000, versionPriority: 15, insecureSkipTLSVerify: true, service: { namespace: 'wardle', name: 'api' } },
    });
    const wardle = await eventually('the availability of a Service-backed APIService', async () => {
      const out = expectSuccess(await drydock().run(['get', 'apiservice', 'v1alpha1.wardle.example.com']));
      return /False/.test(out) ? lines(out) : undefined;
    });
    expect(wardle[1]).toMatch(row('v1alpha1\\.wardle\\.example\\.com wardle/api False \\(ServiceNotFound\\) {age}'));
    const refused = await drydock().run(['create', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.wrong' }, spec: { group: 'right.example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 15 } }) });
    expect(refused.stderr).toContain('The APIService "v1.wrong" is invalid: metadata.name: Invalid value: "v1.wrong": must be `spec.version+"."+spec.group`: "v1.right.example.com"');
  });

  it('registers an APIService for each served version of a CRD, and removes it with the CRD', async () => {
    const version = (name: string, served: boolean) => ({ name, served, storage: name === 'v1', schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } });
    await applyObjects(drydock(), {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.toys.example.com' },
      spec: { group: 'toys.example.com', scope: 'Namespaced', names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' }, versions: [version('v1', true), version('v1beta1', false)] },
    });
    const registered = await eventually('the CRD\'s APIService to be Available', async () => {
      const out = lines((await drydock().run(['get', 'apiservices', '-l', 'kube-aggregator.kubernetes.io/automanaged=true'])).stdout);
      return out.some((line) => / True /.test(line)) ? out : undefined;
    });
    expect(registered.slice(1)).toEqual([expect.stringMatching(row('v1\\.toys\\.example\\.com Local True {age}'))]);
    expect(JSON.parse(expectSuccess(await drydock().run(['get', 'apiservice', 'v1.toys.example.com', '-o', 'json']))).spec).toEqual({ group: 'toys.example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 100 });
    expectSuccess(await drydock().run(['delete', 'crd', 'gadgets.toys.example.com']));
    await eventually('the CRD\'s APIService to go', async () => ((await drydock().run(['get', 'apiservice', 'v1.toys.example.com'])).code === 1 ? true : undefined));
  });

  describe('API Priority and Fairness objects (flowcontrol.apiserver.k8s.io/v1)', () => {
    it('get flowschemas and prioritylevelconfigurations print upstream\'s bootstrap configuration', async () => {
      const schemas = await eventually('every FlowSchema to have its Dangling condition', async () => {
        const out = lines(expectSuccess(await drydock().run(['get', 'flowschemas'])));
        return out.length === 14 && out.slice(1).every((line) => / False$/.test(line)) ? out : undefined;
      });
      expect(schemas).toEqual(
        [
          'NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL',
          'exempt exempt 1 <none> {age} False',
          'probes exempt 2 <none> {age} False',
          'system-leader-election leader-election 100 ByUser {age} False',
          'endpoint-controller workload-high 150 ByUser {age} False',
          'workload-leader-election leader-election 200 ByUser {age} False',
          'system-node-high node-high 400 ByUser {age} False',
          'system-nodes system 500 ByUser {age} False',
          'kube-controller-manager workload-high 800 ByNamespace {age} False',
          'kube-scheduler workload-high 800 ByNamespace {age} False',
          'kube-system-service-accounts workload-high 900 ByNamespace {age} False',
          'service-accounts workload-low 9000 ByUser {age} False',
          'global-default global-default 9900 ByUser {age} False',
          'catch-all catch-all 10000 ByUser {age} False',
        ].map((expected) => expect.stringMatching(row(expected))),
      );
      expect(lines(expectSuccess(await drydock().run(['get', 'prioritylevelconfigurations'])))).toEqual(
        [
          'NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE',
          'catch-all Limited 5 <none> <none> <none> {age}',
          'exempt Exempt <none> <none> <none> <none> {age}',
          'global-default Limited 20 128 6 50 {age}',
          'leader-election Limited 10 16 4 50 {age}',
          'node-high Limited 40 64 6 50 {age}',
          'system Limited 30 64 6 50 {age}',
          'workload-high Limited 40 128 6 50 {age}',
          'workload-low Limited 100 128 6 50 {age}',
        ].map((expected) => expect.stringMatching(row(expected))),
      );
      const exempt = JSON.parse(expectSuccess(await drydock().run(['get', 'flowschema', 'exempt', '-o', 'json'])));
      expect(exempt.metadata.annotations).toEqual({ 'apf.kubernetes.io/autoupdate-spec': 'true' });
      expect(exempt.status.conditions).toEqual([{ type: 'Dangling', status: 'False', reason: 'Found', message: 'This FlowSchema references an existing PriorityLevelConfiguration object', lastTransitionTime: expect.any(String) }]);
    });

    it('restores the mandatory objects, keeps a suggested one a user took over, and refuses a changed mandatory spec', async () => {
      const uid = (kind: string, name: string) => drydock().run(['get', kind, name, '-o', 'jsonpath={.metadata.uid}']).then((result) => result.stdout);
      const before = await uid('flowschema', 'catch-all');
      expectSuccess(await drydock().run(['delete', 'flowschema', 'catch-all']));
      expectSuccess(await drydock().run(['delete', 'prioritylevelconfiguration', 'global-default']));
      await eventually('catch-all and global-default to be made again', async () => {
        const [schema, level] = await Promise.all([uid('flowschema', 'catch-all'), uid('prioritylevelconfiguration', 'global-default')]);
        return schema && schema !== before && level ? true : undefined;
      });
      const refused = expectFailure(await drydock().run(['patch', 'flowschema', 'catch-all', '--type=merge', '-p', '{"spec":{"matchingPrecedence":9000}}']));
      expect(refused).toContain('The FlowSchema "catch-all" is invalid: spec: Invalid value:');
      expect(refused).toContain("spec of 'catch-all' must equal the fixed value");
      // A suggested schema edited with auto-update off stays as the user left it; with it on, it is put back.
      expectSuccess(await drydock().run(['annotate', 'flowschema', 'service-accounts', '--overwrite', 'apf.kubernetes.io/autoupdate-spec=false']));
      expectSuccess(await drydock().run(['patch', 'flowschema', 'service-accounts', '--type=merge', '-p', '{"spec":{"matchingPrecedence":8000}}']));
      expectSuccess(await drydock().run(['patch', 'flowschema', 'global-default', '--type=merge', '-p', '{"spec":{"matchingPrecedence":9500}}']));
      await eventually('global-default to get its precedence back', async () => (/^9900$/.test((await drydock().run(['get', 'flowschema', 'global-default', '-o', 'jsonpath={.spec.matchingPrecedence}'])).stdout) ? true : undefined));
      expect(expectSuccess(await drydock().run(['get', 'flowschema', 'service-accounts', '-o', 'jsonpath={.spec.matchingPrecedence}']))).toBe('8000');
    });

    it('classifies requests by a FlowSchema a user creates, marks a dangling one, and shows both in the debug dump and /metrics', async () => {
      await applyObjects(
        drydock(),
        { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'batch' }, spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Queue', queuing: { queues: 8, handSize: 2 } } } } },
        {
          apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
          kind: 'FlowSchema',
          metadata: { name: 'jane-batch' },
          spec: { priorityLevelConfiguration: { name: 'batch' }, matchingPrecedence: 500, distinguisherMethod: { type: 'ByUser' }, rules: [{ subjects: [{ kind: 'User', user: { name: 'jane' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] },
        },
        { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: 'nowhere' }, spec: { priorityLevelConfiguration: { name: 'no-such-level' }, rules: [{ subjects: [{ kind: 'Group', group: { name: 'nobody' } }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/nowhere/*'] }] }] } },
      );
      const schemaUid = expectSuccess(await drydock().run(['get', 'flowschema', 'jane-batch', '-o', 'jsonpath={.metadata.uid}']));
      const levelUid = expectSuccess(await drydock().run(['get', 'prioritylevelconfiguration', 'batch', '-o', 'jsonpath={.metadata.uid}']));
      const answer = await eventually('jane\'s requests to be classified by jane-batch', async () => {
        const response = await drydock().api.request('GET', '/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'jane', 'Impersonate-Group': 'system:authenticated' } });
        return response.headers['x-kubernetes-pf-flowschema-uid'] === schemaUid ? response : undefined;
      });
      expect(answer.status).toBe(403);
      expect(answer.headers['x-kubernetes-pf-prioritylevel-uid']).toBe(levelUid);
      const other = await drydock().api.request('GET', '/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'joe', 'Impersonate-Group': 'system:authenticated' } });
      expect(other.headers['x-kubernetes-pf-flowschema-uid']).toBe(expectSuccess(await drydock().run(['get', 'flowschema', 'global-default', '-o', 'jsonpath={.metadata.uid}'])));
      await eventually('nowhere to be marked dangling', async () => (/ True$/.test(lines(expectSuccess(await drydock().run(['get', 'flowschema', 'nowhere'])))[1] ?? '') ? true : undefined));
      expect(lines(expectSuccess(await drydock().run(['get', 'flowschema', 'nowhere'])))[1]).toMatch(row('nowhere no-such-level 1000 <none> {age} True'));

      const dump = lines(expectSuccess(await drydock().run(['get', '--raw', '/debug/api_priority_and_fairness/dump_priority_levels'])));
      expect(dump[0].split(/,\s*/)).toEqual(['PriorityLevelName', 'ActiveQueues', 'IsIdle', 'IsQuiescing', 'WaitingRequests', 'ExecutingRequests', 'DispatchedRequests', 'RejectedRequests', 'TimedoutRequests', 'CancelledRequests', '']);
      expect(dump.find((line) => line.startsWith('batch,'))?.split(/,\s*/).slice(0, 5)).toEqual(['batch', '0', 'true', 'false', '0']);
      expect(dump.find((line) => line.startsWith('exempt,'))?.split(/,\s*/)[1]).toBe('<none>');
      const metrics = expectSuccess(await drydock().run(['get', '--raw', '/metrics']));
      expect(metrics).toMatch(/^apiserver_flowcontrol_dispatched_requests_total\{priority_level="batch",flow_schema="jane-batch"\} [1-9]/m);
      expect(metrics).toMatch(/^apiserver_flowcontrol_current_executing_requests\{priority_level="exempt",flow_schema="exempt"\} [1-9]/m);
      expect(metrics).toMatch(/^apiserver_flowcontrol_request_wait_duration_seconds_count\{priority_level="batch",flow_schema="jane-batch",execute="true"\} [1-9]/m);
      expect(metrics).toMatch(/^apiserver_flowcontrol_nominal_limit_seats\{priority_level="batch"\} 12$/m);
      expect(metrics).toContain('# TYPE apiserver_flowcontrol_current_inqueue_requests gauge');
      expect(metrics).toContain('# TYPE apiserver_flowcontrol_rejected_requests_total counter');
    });
  });

  it('explain deployment.spec.strategy shows the field, its type and its sub-fields', async () => {
    const out = expectSuccess(await drydock().run(['explain', 'deployment.spec.strategy']));
    expect(out).toMatch(/^GROUP:\s+apps$/m);
    expect(out).toMatch(/^KIND:\s+Deployment$/m);
    expect(out).toMatch(/^VERSION:\s+v1$/m);
    expect(out).toMatch(/^FIELD:\s+strategy\s+<DeploymentStrategy>$/m);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S/m);
    expect(out).toMatch(/^FIELDS:$/m);
    expect(out).toMatch(/^\s+rollingUpdate\s+<RollingUpdateDeployment>$/m);
    expect(out).toMatch(/^\s+type\s+<string>$/m);
  });
});

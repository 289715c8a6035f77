process.env.DRYDOCK_CLOCK_SCALE = '10';

import { cells, expectSuccess, lines } from '../harness/expectations';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';

const claim = (name: string, spec: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });
const podUsing = (name: string, claimName: string) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { terminationGracePeriodSeconds: 0, volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }], containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
});

/** Volumes as the basics teach them (issue 12): the default StorageClass, binding, provisioning, reclaiming, protection. */
describe('PersistentVolumeClaims bind, through the default StorageClass or to a volume made by hand', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const apply = async (manifest: string) => expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: manifest }));
  const phaseOf = async (kind: string, name: string) => (await getJson(drydock(), [kind, name])).status?.phase;
  const reasons = async (name: string) => lines(expectSuccess(await kubectl('get', 'events', '--field-selector', `involvedObject.name=${name}`, '-o', 'custom-columns=R:.reason', '--no-headers')));

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('ships the default StorageClass standard', async () => {
    const [header, row] = lines(expectSuccess(await kubectl('get', 'storageclass')));
    expect(cells(header)).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect(cells(row).slice(0, 5)).toEqual(['standard (default)', 'drydock.dev/simulated', 'Delete', 'Immediate', 'false']);
  });

  it('a claim without a class gets standard and binds to a provisioned volume pvc-<uid>', async () => {
    await apply(claim('data'));
    const bound = await eventually('data Bound', async () => { const c = await getJson(drydock(), ['pvc', 'data']); return c.status?.phase === 'Bound' ? c : undefined; });
    expect(bound.spec.storageClassName).toBe('standard');
    expect(bound.spec.volumeName).toBe(`pvc-${bound.metadata.uid}`);
    expect(bound.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': 'drydock.dev/simulated' });
    expect(bound.status).toMatchObject({ accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const row = cells(lines(expectSuccess(await kubectl('get', 'pvc', 'data', '--no-headers')))[0]);
    expect(row.slice(0, 6)).toEqual(['data', 'Bound', bound.spec.volumeName, '1Gi', 'RWO', 'standard']);
    const volume = await getJson(drydock(), ['pv', bound.spec.volumeName]);
    expect(volume.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data', uid: bound.metadata.uid } });
    expect(volume.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBe('drydock.dev/simulated');
    await eventually('both protection finalizers', async () => {
      const [c, v] = [await getJson(drydock(), ['pvc', 'data']), await getJson(drydock(), ['pv', bound.spec.volumeName])];
      return c.metadata.finalizers?.includes('kubernetes.io/pvc-protection') && v.metadata.finalizers?.includes('kubernetes.io/pv-protection') ? true : undefined;
    });
    expect(await reasons('data')).toEqual(expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
  });

  it('delete pvc waits for the pod using it (pvc-protection), then the Delete policy removes the volume', async () => {
    const volumeName = (await getJson(drydock(), ['pvc', 'data'])).spec.volumeName;
    await apply(podUsing('user', 'data'));
    expectSuccess(await kubectl('wait', '--for=condition=Ready', 'pod/user', '--timeout=60s'));
    expectSuccess(await kubectl('delete', 'pvc', 'data', '--wait=false'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cells(lines(expectSuccess(await kubectl('get', 'pvc', 'data', '--no-headers')))[0])[1]).toBe('Terminating');
    expectSuccess(await kubectl('delete', 'pod', 'user'));
    await eventually('the claim gone', async () => ((await kubectl('get', 'pvc', 'data')).code !== 0 ? true : undefined));
    await eventually('the volume deleted', async () => ((await kubectl('get', 'pv', volumeName)).code !== 0 ? true : undefined));
  });

  it('WaitForFirstConsumer: Pending until a pod using the claim is scheduled, then bound on its node; Retain keeps it Released', async () => {
    await apply(JSON.stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'drydock.dev/simulated', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }));
    await apply(claim('late', { storageClassName: 'local' }));
    await eventually('a WaitForFirstConsumer event', async () => ((await reasons('late')).includes('WaitForFirstConsumer') ? true : undefined));
    expect(await phaseOf('pvc', 'late')).toBe('Pending');
    await apply(podUsing('consumer', 'late'));
    const bound = await eventually('late Bound', async () => { const c = await getJson(drydock(), ['pvc', 'late']); return c.status?.phase === 'Bound' ? c : undefined; });
    const node = (await getJson(drydock(), ['pod', 'consumer'])).spec.nodeName;
    expect(bound.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(node);
    const volume = await getJson(drydock(), ['pv', bound.spec.volumeName]);
    expect(volume.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] });
    expectSuccess(await kubectl('delete', 'pod', 'consumer'));
    expectSuccess(await kubectl('delete', 'pvc', 'late'));
    await eventually('the volume Released', async () => ((await phaseOf('pv', bound.spec.volumeName)) === 'Released' ? true : undefined));
    expect(cells(lines(expectSuccess(await kubectl('get', 'pv', bound.spec.volumeName, '--no-headers')))[0]).slice(3, 6)).toEqual(['Retain', 'Released', 'default/late']);
  });

  it('a claim with storageClassName "" binds to a matching volume made by hand', async () => {
    await apply(JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'manual-pv' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '', hostPath: { path: '/mnt/data' } } }));
    await eventually('manual-pv Available', async () => ((await phaseOf('pv', 'manual-pv')) === 'Available' ? true : undefined));
    await apply(claim('manual', { storageClassName: '' }));
    const bound = await eventually('manual Bound', async () => { const c = await getJson(drydock(), ['pvc', 'manual']); return c.status?.phase === 'Bound' ? c : undefined; });
    expect(bound.spec.volumeName).toBe('manual-pv');
    expect(bound.status.capacity).toEqual({ storage: '5Gi' });
    const volume = await getJson(drydock(), ['pv', 'manual-pv']);
    expect(volume.metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(volume.status.phase).toBe('Bound');
  });

  it('a StatefulSet\'s claims from volumeClaimTemplates are bound', async () => {
    await apply(JSON.stringify({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
      spec: {
        serviceName: 'web', replicas: 2, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    }));
    await eventually('www-web-0 and www-web-1 Bound', async () => {
      const claims = (await getJson(drydock(), ['pvc', '-l', 'app=web'])).items;
      return claims.length === 2 && claims.every((c: Json) => c.status?.phase === 'Bound' && c.spec.storageClassName === 'standard') ? claims : undefined;
    }, 90_000);
  });
});

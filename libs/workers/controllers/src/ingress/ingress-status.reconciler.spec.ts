import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { fakeContext, settle } from '../util/network-test-fixtures';
import { IngressStatusReconciler } from './ingress-status.reconciler';

const ingressClass = (name: string, controller: string, isDefault = false): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) }, spec: { controller } });
const ingress = (name: string, className?: string): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'shop' }, spec: { ...(className ? { ingressClassName: className } : {}), defaultBackend: { service: { name: 'web', port: { number: 80 } } } } });
const controllerService: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } } };

describe('IngressStatusReconciler (the simulated ingress-nginx\'s status sync)', () => {
  it('publishes the controller Service\'s address on Ingresses of ingress-nginx\'s classes (the default class for unnamed ones), not on others', async () => {
    const { client, informers, ctx } = fakeContext();
    const reconciler = new IngressStatusReconciler(ctx);
    await client.create(resources.ingressclasses, '', ingressClass('nginx', 'k8s.io/ingress-nginx', true));
    await client.create(resources.ingressclasses, '', ingressClass('traefik', 'traefik.io/ingress-controller'));
    await client.create(resources.services, 'ingress-nginx', controllerService);
    for (const [name, className] of [['named', 'nginx'], ['unnamed', undefined], ['other', 'traefik']] as const) await client.create(resources.ingresses, 'shop', ingress(name, className));
    informers.start();
    await informers.waitForCacheSync(5000);
    for (const name of ['named', 'unnamed', 'other']) await reconciler.sync(`shop/${name}`);
    await settle();
    const status = async (name: string) => ((await client.get(resources.ingresses, 'shop', name))?.status as { loadBalancer?: { ingress?: unknown } } | undefined)?.loadBalancer?.ingress;
    expect(await status('named')).toEqual([{ ip: '172.18.255.200' }]);
    expect(await status('unnamed')).toEqual([{ ip: '172.18.255.200' }]);
    expect(await status('other')).toBeUndefined();
    await informers.stop();
  });
});

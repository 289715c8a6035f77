import { etcdKeyOf, etcdPrefixOf } from './etcd-key-layout';

describe('etcd key layout', () => {
  it('keeps built-in kinds of every built-in group under /registry/<resource>', () => {
    expect(etcdKeyOf('pods', 'default', 'web')).toBe('/registry/pods/default/web');
    expect(etcdKeyOf('deployments.apps', 'default', 'web')).toBe('/registry/deployments/default/web');
    expect(etcdKeyOf('leases.coordination.k8s.io', 'kube-system', 'kube-scheduler')).toBe('/registry/leases/kube-system/kube-scheduler');
    expect(etcdKeyOf('clusterroles.rbac.authorization.k8s.io', '', 'admin')).toBe('/registry/clusterroles/admin');
  });

  it("uses upstream's historical prefixes for nodes, services, endpoints, controllers and ingresses", () => {
    expect(etcdKeyOf('nodes', '', 'node-1')).toBe('/registry/minions/node-1');
    expect(etcdPrefixOf('services')).toBe('/registry/services/specs');
    expect(etcdPrefixOf('endpoints')).toBe('/registry/services/endpoints');
    expect(etcdPrefixOf('replicationcontrollers')).toBe('/registry/controllers');
    expect(etcdPrefixOf('ingresses.networking.k8s.io')).toBe('/registry/ingress');
  });

  it('keeps custom resources, CRDs and Drydock kinds under /registry/<group>/<resource>', () => {
    expect(etcdKeyOf('widgets.example.com', 'default', 'w')).toBe('/registry/example.com/widgets/default/w');
    expect(etcdPrefixOf('customresourcedefinitions.apiextensions.k8s.io')).toBe('/registry/apiextensions.k8s.io/customresourcedefinitions');
    expect(etcdPrefixOf('users.drydock.dev')).toBe('/registry/drydock.dev/users');
  });
});

import type { KubeObject } from '@drydock/util';

/**
 * The ingress-nginx add-on (`DRYDOCK_ADDONS=ingress-nginx`, as `minikube addons enable ingress`), laid
 * out as ingress-nginx's own deploy.yaml: the namespace, the IngressClass `nginx` (the cluster's
 * default), the controller Deployment and its `type: LoadBalancer` Service, whose external address
 * the controller publishes in every Ingress it serves. The controller image is simulated by the node
 * simulator (it routes by host and path); its status by the controller-manager. Pure.
 */
export const INGRESS_NGINX_VERSION = 'v1.12.1';
const NAMESPACE = 'ingress-nginx';
const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };

export function ingressNginxObjects(): KubeObject[] {
  const metadata = (name: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: NAMESPACE } : {}), labels });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx' } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { ...metadata('nginx', false), annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata('ingress-nginx-controller'),
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'controller',
              image: `registry.k8s.io/ingress-nginx/controller:${INGRESS_NGINX_VERSION}`,
              args: ['/nginx-ingress-controller', `--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller`, '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx'],
              env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'https', containerPort: 443, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
            }],
            terminationGracePeriodSeconds: 300,
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata('ingress-nginx-controller'),
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: labels, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' }, { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' }] },
    },
  ];
}

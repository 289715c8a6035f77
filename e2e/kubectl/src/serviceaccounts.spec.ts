import { createPublicKey, verify } from 'node:crypto';
import { eventually } from './cluster/support/cluster';
import { expectFailure, expectSuccess } from './harness/expectations';
import { Json } from './harness/json';
import { readAdminCredentials } from './harness/kubeconfig';
import { createNamespace, getJson, useDrydock } from './harness/use-drydock';

const dev = 'system:serviceaccount:default:dev';
const tokenDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The claims of a JWT (its middle part). */
function claims(token: string): Json {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('ServiceAccounts: tokens, their RBAC, and the token inside a pod', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const withToken = (token: string, ...args: string[]) => drydock().run([...args, `--token=${token}`]);
  const createToken = async (...args: string[]) => expectSuccess(await kubectl('create', 'token', 'dev', ...args)).trim();

  beforeAll(async () => {
    expectSuccess(await kubectl('create', 'serviceaccount', 'dev'));
    expectSuccess(await kubectl('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'));
    expectSuccess(await kubectl('create', 'rolebinding', 'dev-reads', '--role=pod-reader', '--serviceaccount=default:dev'));
    // The authorizer reads bindings from the watch cache, which follows the store a moment later.
    await eventually('the binding to reach the authorizer', async () => ((await kubectl('auth', 'can-i', 'list', 'pods', `--as=${dev}`)).code === 0 ? true : undefined), 20_000, undefined, 100);
  });

  it('gives every namespace a default ServiceAccount and kube-root-ca.crt holding the API server CA, and recreates them once deleted', async () => {
    await createNamespace(drydock(), 'sa-team');
    const ca = readAdminCredentials(drydock().kubeconfig).ca.toString('utf8');
    const published = async () => {
      const account = await kubectl('get', 'serviceaccount', 'default', '-n', 'sa-team', '-o', 'name');
      const configMap = await kubectl('get', 'configmap', 'kube-root-ca.crt', '-n', 'sa-team', '-o', 'json');
      return account.code === 0 && configMap.code === 0 ? JSON.parse(configMap.stdout) : undefined;
    };
    expect((await eventually('default and kube-root-ca.crt in sa-team', published, 30_000)).data['ca.crt']).toBe(ca);
    expectSuccess(await kubectl('delete', 'serviceaccount', 'default', '-n', 'sa-team'));
    expectSuccess(await kubectl('delete', 'configmap', 'kube-root-ca.crt', '-n', 'sa-team'));
    expect((await eventually('default and kube-root-ca.crt back in sa-team', published, 30_000)).data['ca.crt']).toBe(ca);
  });

  it('create token prints a signed JWT with upstream claims, allowed exactly as its RoleBinding says', async () => {
    const token = await createToken();
    const issued = claims(token);
    expect(issued).toMatchObject({ iss: 'https://kubernetes.default.svc.cluster.local', sub: dev, aud: ['https://kubernetes.default.svc.cluster.local'], 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'dev' } } });
    expect(issued.exp - issued.iat).toBe(3600);
    expect(issued.nbf).toBe(issued.iat);
    expect(issued['kubernetes.io'].serviceaccount.uid).toBe((await getJson(drydock(), ['serviceaccount', 'dev'])).metadata.uid);
    expectSuccess(await withToken(token, 'get', 'pods'));
    const stderr = expectFailure(await withToken(token, 'get', 'deployments'));
    expect(stderr).toContain(`Error from server (Forbidden): deployments.apps is forbidden: User "${dev}" cannot list resource "deployments" in API group "apps" in the namespace "default"`);
    expect(expectFailure(await withToken(token, 'get', 'pods', '-n', 'kube-system'))).toContain(`User "${dev}" cannot list resource "pods" in API group "" in the namespace "kube-system"`);
    expect(expectSuccess(await withToken(token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'))).toBe(`${dev} ["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]`);
  });

  it('auth can-i delete pods --as the account answers no when it is bound only to get and list', async () => {
    const result = await kubectl('auth', 'can-i', 'delete', 'pods', `--as=${dev}`);
    expect([result.code, result.stdout]).toEqual([1, 'no\n']);
  });

  it('create token honours --duration and --audience, and refuses what upstream refuses', async () => {
    const long = claims(await createToken('--duration=2h', '--audience=vault', '--audience=api'));
    expect([long.exp - long.iat, long.aud]).toEqual([7200, ['vault', 'api']]);
    expect(expectFailure(await kubectl('create', 'token', 'dev', '--duration=5m'))).toContain('TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    expect(expectFailure(await kubectl('create', 'token', 'nobody'))).toContain('serviceaccounts "nobody" not found');
    // A token for another audience is not one the API server accepts.
    expect(expectFailure(await withToken(await createToken('--audience=vault'), 'get', 'pods'))).toContain('Unauthorized');
  });

  it('a token bound to a pod carries the pod and dies with it', async () => {
    expectSuccess(await kubectl('run', 'bound', '--image=nginx', '--overrides={"apiVersion":"v1","spec":{"serviceAccountName":"dev"}}'));
    const pod = await getJson(drydock(), ['pod', 'bound']);
    const token = await createToken('--bound-object-kind=Pod', '--bound-object-name=bound', `--bound-object-uid=${pod.metadata.uid}`);
    expect(claims(token)['kubernetes.io'].pod).toEqual({ name: 'bound', uid: pod.metadata.uid });
    expectSuccess(await withToken(token, 'get', 'pods'));
    expectSuccess(await kubectl('delete', 'pod', 'bound', '--grace-period=0', '--force'));
    await eventually('the pod-bound token to be refused', async () => ((await withToken(token, 'get', 'pods')).stderr.includes('Unauthorized') ? true : undefined), 30_000, undefined, 250);
  });

  it('the token file in a pod\'s shell works as a bearer token for its ServiceAccount, beside namespace and ca.crt', async () => {
    expectSuccess(await kubectl('run', 'shell', '--image=nginx', '--overrides={"apiVersion":"v1","spec":{"serviceAccountName":"dev"}}'));
    await eventually('pod shell Running', async () => ((await getJson(drydock(), ['pod', 'shell'])).status?.phase === 'Running' ? true : undefined), 60_000);
    const pod = await getJson(drydock(), ['pod', 'shell']);
    const volume = pod.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: volume.name, mountPath: tokenDir, readOnly: true });
    const token = expectSuccess(await kubectl('exec', 'shell', '--', 'cat', `${tokenDir}/token`)).trim();
    expect(claims(token)).toMatchObject({ sub: dev, 'kubernetes.io': { pod: { name: 'shell', uid: pod.metadata.uid }, node: { name: pod.spec.nodeName } } });
    expect(expectSuccess(await kubectl('exec', 'shell', '--', 'cat', `${tokenDir}/namespace`))).toBe('default');
    expect(expectSuccess(await kubectl('exec', 'shell', '--', 'cat', `${tokenDir}/ca.crt`))).toBe(readAdminCredentials(drydock().kubeconfig).ca.toString('utf8'));
    expect(expectSuccess(await withToken(token, 'get', 'pod', 'shell', '-o', 'name'))).toBe('pod/shell\n');
    expect(expectFailure(await withToken(token, 'delete', 'pod', 'shell'))).toContain(`pods "shell" is forbidden: User "${dev}" cannot delete resource "pods" in API group "" in the namespace "default"`);
  });

  it('serves issuer discovery to ServiceAccounts, and the published key verifies the tokens', async () => {
    const token = await createToken();
    const configuration = JSON.parse(expectSuccess(await withToken(token, 'get', '--raw', '/.well-known/openid-configuration')));
    expect(configuration).toMatchObject({ issuer: 'https://kubernetes.default.svc.cluster.local', jwks_uri: 'https://kubernetes.default.svc.cluster.local/openid/v1/jwks' });
    const { keys } = JSON.parse(expectSuccess(await withToken(token, 'get', '--raw', '/openid/v1/jwks')));
    const [header, payload, signature] = token.split('.');
    const key = keys.find((candidate: Json) => candidate.kid === JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).kid);
    const publicKey = createPublicKey({ key, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('a token is refused once its ServiceAccount is deleted', async () => {
    expectSuccess(await kubectl('create', 'serviceaccount', 'brief'));
    const token = expectSuccess(await kubectl('create', 'token', 'brief')).trim();
    expectSuccess(await withToken(token, 'auth', 'whoami'));
    expectSuccess(await kubectl('delete', 'serviceaccount', 'brief'));
    // The authenticator reads the account from the watch cache first (upstream: its informer), which applies the deletion a moment after it commits.
    await eventually('the deleted account\'s token to be refused', async () => ((await withToken(token, 'auth', 'whoami')).stderr.includes('Unauthorized') ? true : undefined), 30_000, undefined, 250);
  });
});

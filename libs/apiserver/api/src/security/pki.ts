import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

/** The files of a Drydock data directory's PKI: a CA, the API server's serving certificate, the admin token's hash. */
export interface ServingCredentials {
  caCert: string;
  cert: string;
  key: string;
}

function newKeyPair(): { privatePem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.PrivateKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privatePem: privateKey, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function baseCertificate(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000);
  return cert;
}

/** PEM as Go's encoding/pem writes it (kubeadm's files, kube-root-ca.crt): `\n` line ends, where node-forge writes `\r\n`. */
function certificatePem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** A self-signed CA and a serving certificate for 127.0.0.1, localhost and the given extra DNS names and IP addresses. */
export function generateServingCredentials(hostnames: string[] = []): ServingCredentials {
  const ca = newKeyPair();
  const caCert = baseCertificate(ca.publicKey, 10);
  const caName = [{ name: 'commonName', value: 'drydock-ca' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }]);
  caCert.sign(ca.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());

  const server = newKeyPair();
  const cert = baseCertificate(server.publicKey, 2);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caName);
  const altNames = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
    { type: 2, value: 'kubernetes' },
    { type: 2, value: 'kubernetes.default' },
    { type: 2, value: 'kubernetes.default.svc' },
    ...hostnames.map((value) => (isIP(value) ? { type: 7, ip: value } : { type: 2, value })),
  ];
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }, { name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames }]);
  cert.sign(ca.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { caCert: certificatePem(caCert), cert: certificatePem(cert), key: server.privatePem };
}

/** A fresh ServiceAccount signing key: ECDSA P-256 (ES256 tokens sign in a tenth of RS256's time). */
function newServiceAccountKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
}

/** Tokens are stored as SHA-256 hashes; the plain token only ever lives in the kubeconfig. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, hash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface PkiFiles {
  dir: string;
  caCertFile: string;
  certFile: string;
  keyFile: string;
  adminTokenHashFile: string;
  /** Shared secret the API server presents to the simulated kubelets (logs, exec). */
  kubeletTokenFile: string;
  /** The ServiceAccount token signing key (kubeadm's `sa.key`; ECDSA P-256, PKCS#8 PEM). */
  serviceAccountKeyFile: string;
  /** The key of the kubelets' node tokens (`signNodeToken` of @drydock/util; random, 0600). */
  nodeCredentialKeyFile: string;
  /** The components' tokens, as SHA-256 hashes (`hash,user,uid,"groups"`; the launcher writes it). */
  knownTokensFile: string;
}

export function pkiFiles(dataDir: string): PkiFiles {
  const dir = join(dataDir, 'pki');
  return { dir, caCertFile: join(dir, 'ca.crt'), certFile: join(dir, 'apiserver.crt'), keyFile: join(dir, 'apiserver.key'), adminTokenHashFile: join(dir, 'admin-token.sha256'), kubeletTokenFile: join(dir, 'kubelet-client.token'), serviceAccountKeyFile: join(dir, 'sa.key'), knownTokensFile: join(dir, 'known-tokens.csv'), nodeCredentialKeyFile: join(dir, 'node-credentials.key') };
}

/**
 * Creates the CA, serving certificate and admin token on first start. Returns the plain admin token
 * only when it was just created (it is not stored anywhere but in the kubeconfig). `hostnames`: extra
 * names and addresses of the serving certificate (a load balancer's), used only when it is created.
 */
export function ensurePki(dataDir: string, hostnames: string[] = []): { files: PkiFiles; credentials: ServingCredentials; newAdminToken?: string } {
  const files = pkiFiles(dataDir);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  if (!existsSync(files.caCertFile) || !existsSync(files.keyFile)) {
    const creds = generateServingCredentials(hostnames);
    writeFileSync(files.caCertFile, creds.caCert);
    writeFileSync(files.certFile, creds.cert);
    writeFileSync(files.keyFile, creds.key, { mode: 0o600 });
  }
  if (!existsSync(files.serviceAccountKeyFile)) writeFileSync(files.serviceAccountKeyFile, newServiceAccountKey(), { mode: 0o600 });
  if (!existsSync(files.nodeCredentialKeyFile)) writeFileSync(files.nodeCredentialKeyFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  if (!existsSync(files.kubeletTokenFile)) writeFileSync(files.kubeletTokenFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  let newAdminToken: string | undefined;
  if (!existsSync(files.adminTokenHashFile)) {
    newAdminToken = randomBytes(32).toString('base64url');
    writeFileSync(files.adminTokenHashFile, hashToken(newAdminToken), { mode: 0o600 });
  }
  const credentials = { caCert: readFileSync(files.caCertFile, 'utf8'), cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
  return { files, credentials, newAdminToken };
}

/** kubeadm's etcd PKI under `pki/etcd/`: its own CA, the member's serving certificate, the health-check client. */
export interface EtcdPkiFiles {
  dir: string;
  caCertFile: string;
  caKeyFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  healthcheckClientCertFile: string;
  healthcheckClientKeyFile: string;
}

export function etcdPkiFiles(dataDir: string): EtcdPkiFiles {
  const dir = join(dataDir, 'pki', 'etcd');
  const file = (name: string) => join(dir, name);
  return { dir, caCertFile: file('ca.crt'), caKeyFile: file('ca.key'), serverCertFile: file('server.crt'), serverKeyFile: file('server.key'), healthcheckClientCertFile: file('healthcheck-client.crt'), healthcheckClientKeyFile: file('healthcheck-client.key') };
}

function signedBy(ca: { cert: forge.pki.Certificate; key: forge.pki.PrivateKey }, commonName: string, usage: 'server' | 'client', altNames: object[] = []): { cert: string; key: string } {
  const pair = newKeyPair();
  const cert = baseCertificate(pair.publicKey, 1);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(ca.cert.subject.attributes);
  const extensions: object[] = [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }, { name: 'extKeyUsage', serverAuth: usage === 'server', clientAuth: true }];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  cert.setExtensions(extensions);
  cert.sign(ca.key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { cert: certificatePem(cert), key: pair.privatePem };
}

/**
 * Creates kubeadm's etcd certificates on first use (`kubeadm init phase certs etcd-*`): the etcd CA
 * (`etcd-ca`, kept with its key like kubeadm), the member's serving certificate for localhost and
 * 127.0.0.1, and the health-check client certificate etcdctl is given in the notes
 * (`--cacert ca.crt --cert healthcheck-client.crt --key healthcheck-client.key`). Keys are 0600.
 */
export function ensureEtcdPki(dataDir: string): EtcdPkiFiles {
  const files = etcdPkiFiles(dataDir);
  if (existsSync(files.healthcheckClientKeyFile) && existsSync(files.serverKeyFile)) return files;
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const caPair = newKeyPair();
  const caCert = baseCertificate(caPair.publicKey, 10);
  const caName = [{ name: 'commonName', value: 'etcd-ca' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }]);
  caCert.sign(caPair.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const ca = { cert: caCert, key: caPair.privateKey };
  const server = signedBy(ca, 'controlplane', 'server', [{ type: 2, value: 'localhost' }, { type: 2, value: 'controlplane' }, { type: 7, ip: '127.0.0.1' }]);
  const client = signedBy(ca, 'kube-etcd-healthcheck-client', 'client');
  writeFileSync(files.caCertFile, certificatePem(caCert));
  writeFileSync(files.caKeyFile, caPair.privatePem, { mode: 0o600 });
  writeFileSync(files.serverCertFile, server.cert);
  writeFileSync(files.serverKeyFile, server.key, { mode: 0o600 });
  writeFileSync(files.healthcheckClientCertFile, client.cert);
  writeFileSync(files.healthcheckClientKeyFile, client.key, { mode: 0o600 });
  return files;
}

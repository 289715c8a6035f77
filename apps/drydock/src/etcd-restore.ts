import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { etcdPkiFiles } from '@drydock/api/src/security';
import { connectEtcdKv, restoreSnapshot } from '@drydock/kube';

/**
 * `npm run etcd:restore -- <snapshot.db>`: restores a running Drydock (DRYDOCK_DATA_DIR, DRYDOCK_ETCD_PORT)
 * to a snapshot taken with `etcdctl snapshot save` from its etcd endpoint (docs/etcd.md).
 */
async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: npm run etcd:restore -- <snapshot file>');
  const dataDir = resolve(process.env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock'));
  const pki = etcdPkiFiles(dataDir);
  const client = connectEtcdKv({
    endpoint: `127.0.0.1:${process.env.DRYDOCK_ETCD_PORT ?? 2379}`,
    caCert: readFileSync(pki.caCertFile),
    cert: readFileSync(pki.healthcheckClientCertFile),
    key: readFileSync(pki.healthcheckClientKeyFile),
  });
  try {
    const result = await restoreSnapshot(readFileSync(file), client);
    process.stdout.write(`restored snapshot at revision ${result.revision}: ${result.restored} keys written back, ${result.removed} removed, ${result.unchanged} unchanged\n`);
  } finally {
    client.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Error: ${error.message}\n`);
  process.exit(1);
});

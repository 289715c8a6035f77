import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '@drydock/util';
import { manifestProblem } from './mirror-pod.builder';

export interface StaticPodManifest {
  file: string;
  pod: KubeObject;
}

/**
 * The pods of a kubelet's staticPodPath, as its file source reads them: every file whose name does not
 * start with a dot, YAML or JSON, one pod each. A file that is not a pod is reported through `skip`
 * once per content and otherwise ignored, as the kubelet logs and skips it.
 */
export function readStaticPodManifests(directory: string, skip: (file: string, problem: string) => void): StaticPodManifest[] {
  if (!existsSync(directory)) return [];
  const manifests: StaticPodManifest[] = [];
  for (const file of readdirSync(directory).sort()) {
    if (file.startsWith('.')) continue;
    let pod: unknown;
    try {
      pod = parse(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      skip(file, (error as Error).message.split('\n')[0]);
      continue;
    }
    const problem = manifestProblem(pod);
    if (problem) skip(file, problem);
    else manifests.push({ file, pod: pod as KubeObject });
  }
  return manifests;
}

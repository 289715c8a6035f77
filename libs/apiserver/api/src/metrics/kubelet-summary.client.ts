import { request as httpRequest } from 'node:http';

/**
 * Reads the Summary API (`GET /stats/summary`) of the simulated kubelets, as metrics-server scrapes
 * its nodes. One node-sim process answers for all of its nodes at once; a kubelet that does not answer
 * within the timeout (a powered-off process, a crash) simply contributes no metrics, as a failed scrape.
 */

interface UsageStats {
  time: string;
  usageNanoCores?: number;
  workingSetBytes?: number;
}

export interface ContainerSummary {
  name: string;
  cpu: UsageStats;
  memory: UsageStats;
}

export interface PodSummary {
  podRef: { name: string; namespace: string; uid: string };
  containers: ContainerSummary[];
}

export interface NodeSummary {
  node: { nodeName: string; cpu: UsageStats; memory: UsageStats };
  pods: PodSummary[];
}

/** What one node-sim process answers: its nodes' summaries and the window each sample stands for (`15s`). */
export interface SummaryList {
  window: string;
  items: NodeSummary[];
}

const SCRAPE_TIMEOUT_MS = 5_000;

export function fetchSummaries(endpoint: string, kubeletToken: string): Promise<SummaryList | undefined> {
  return new Promise((resolve) => {
    const request = httpRequest(`${endpoint}/stats/summary`, { headers: { authorization: `Bearer ${kubeletToken}` }, timeout: SCRAPE_TIMEOUT_MS }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', () => resolve(undefined));
      answer.on('end', () => {
        if (answer.statusCode !== 200) return resolve(undefined);
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SummaryList);
        } catch {
          resolve(undefined);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
    request.end();
  });
}

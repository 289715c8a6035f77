/** What representation a GET/LIST/WATCH response should take, from the Accept header. */
export interface ResponseFormat {
  table: boolean;
  yaml: boolean;
}

interface AcceptEntry {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(accept: string | undefined): AcceptEntry[] {
  if (!accept) return [];
  return accept.split(',').map((part) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const [k, v = ''] = p.split('=');
      params[k.trim()] = v.trim();
    }
    return { type: type.toLowerCase(), params };
  });
}

/**
 * Picks the first acceptable representation, as upstream does: Table when asked with
 * `as=Table;g=meta.k8s.io;v=v1|v1beta1`, YAML when the first JSON-compatible entry is YAML, else JSON.
 */
export function negotiateFormat(accept: string | undefined): ResponseFormat {
  for (const entry of parseAccept(accept)) {
    if (entry.params.as === 'Table') {
      if (entry.params.g === 'meta.k8s.io' && (entry.params.v === 'v1' || entry.params.v === 'v1beta1')) return { table: true, yaml: false };
      continue;
    }
    if (entry.params.as) continue;
    if (entry.type === 'application/yaml') return { table: false, yaml: true };
    if (entry.type === 'application/json' || entry.type === '*/*' || entry.type === 'application/*') return { table: false, yaml: false };
  }
  return { table: false, yaml: false };
}

/** Whether the client asked for aggregated discovery (apidiscovery.k8s.io/v2 or v2beta1). */
export function wantsAggregatedDiscovery(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const entry of parseAccept(accept)) {
    if (entry.params.as === 'APIGroupDiscoveryList' && entry.params.g === 'apidiscovery.k8s.io') {
      if (entry.params.v === 'v2' || entry.params.v === 'v2beta1') return entry.params.v;
    }
    if (!entry.params.as && (entry.type === 'application/json' || entry.type === '*/*')) return undefined;
  }
  return undefined;
}

/** Resource quantities as numbers: cpu in cores, memory in bytes (Kubernetes' resource.Quantity forms). */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** `100m` → 0.1, `128Mi` → 134217728, `1e3` → 1000; anything unparseable counts as 0. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const match = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(value.trim());
  if (!match) return 0;
  const base = Number(match[1]);
  if (!Number.isFinite(base)) return 0;
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  const suffix = match[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

export interface ResourceAmounts {
  cpu: number;
  memory: number;
  pods: number;
}

export const zeroResources = (): ResourceAmounts => ({ cpu: 0, memory: 0, pods: 0 });

export function resourcesFrom(list: Record<string, unknown> | undefined): ResourceAmounts {
  return { cpu: parseQuantity(list?.cpu), memory: parseQuantity(list?.memory), pods: Math.round(parseQuantity(list?.pods)) };
}

export function addResources(into: ResourceAmounts, add: ResourceAmounts): ResourceAmounts {
  into.cpu += add.cpu;
  into.memory += add.memory;
  into.pods += add.pods;
  return into;
}

import { parseQuantity, quantityError } from '@drydock/kube';

/** Resource amounts as numbers for the dashboard: cpu in cores, memory in bytes, pods as a count. */
export interface ResourceAmounts {
  cpu: number;
  memory: number;
  pods: number;
}

export const zeroResources = (): ResourceAmounts => ({ cpu: 0, memory: 0, pods: 0 });

/** One entry of a ResourceList; an absent or malformed one counts as 0, so a summary still renders. */
function amount(value: unknown): number {
  return value === undefined || quantityError(value) ? 0 : parseQuantity(value).toNumber();
}

export function resourcesFrom(list: Record<string, unknown> | undefined): ResourceAmounts {
  return { cpu: amount(list?.cpu), memory: amount(list?.memory), pods: Math.round(amount(list?.pods)) };
}

/** Quantities are exact to the nano unit; rounding a cpu sum there drops float noise (3 × 3.8 is 11.4). */
const nanoRound = (cores: number) => Math.round(cores * 1e9) / 1e9;

/** Adds `add` into `into`; mutates and returns `into`. */
export function addResources(into: ResourceAmounts, add: ResourceAmounts): ResourceAmounts {
  into.cpu = nanoRound(into.cpu + add.cpu);
  into.memory += add.memory;
  into.pods += add.pods;
  return into;
}

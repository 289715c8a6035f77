import type { IntOrString } from './workload.types';

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, `"25%"` of total rounded up (ceil) or
 * down (floor). Anything else throws, as upstream returns an error.
 */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) throw new Error('nil value for IntOrString');
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) {
    if (/^-?\d+$/.test(value)) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
    throw new Error(`invalid value "${value}": must be an integer or percentage (e.g "5%")`);
  }
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** IsPercent: `"25%"`-shaped strings. */
export function isPercent(value: IntOrString | undefined): boolean {
  return typeof value === 'string' && value.endsWith('%');
}

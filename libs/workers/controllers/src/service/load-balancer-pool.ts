import { isIPv4 } from 'node:net';

/** The pool `DRYDOCK_LOADBALANCER_POOL` names when unset (what kind's cloud-provider and MetalLB guides use). */
export const DEFAULT_LOADBALANCER_POOL = '172.18.255.200-172.18.255.250';

interface Range {
  first: number;
  last: number;
}

/**
 * The simulated cloud's external addresses: IPv4 ranges written `a.b.c.d-e.f.g.h`, `a.b.c.d/nn` or one
 * address, separated by commas. Allocation takes the requested address when it is in the pool and free,
 * otherwise the lowest free one.
 */
export class LoadBalancerPool {
  private constructor(readonly description: string, private readonly ranges: Range[]) {}

  static parse(spec: string): LoadBalancerPool {
    const ranges = spec.split(',').map((entry) => entry.trim()).filter(Boolean).map(parseRange);
    if (ranges.length === 0) throw new Error(`invalid load balancer pool "${spec}": no address range`);
    return new LoadBalancerPool(spec, ranges);
  }

  contains(ip: string): boolean {
    if (!isIPv4(ip)) return false;
    const value = toNumber(ip);
    return this.ranges.some((range) => value >= range.first && value <= range.last);
  }

  /** An address for a Service: `requested` (spec.loadBalancerIP) or the lowest one not in `inUse`. Throws when none fits. */
  allocate(inUse: Set<string>, requested?: string): string {
    if (requested) {
      if (!this.contains(requested)) throw new Error(`requested IP ${requested} is not in the load balancer pool ${this.description}`);
      if (inUse.has(requested)) throw new Error(`requested IP ${requested} is already in use`);
      return requested;
    }
    for (const range of this.ranges) {
      for (let value = range.first; value <= range.last; value++) {
        const ip = toAddress(value);
        if (!inUse.has(ip)) return ip;
      }
    }
    throw new Error(`no available IP in the load balancer pool ${this.description}`);
  }
}

function parseRange(entry: string): Range {
  const invalid = () => new Error(`invalid load balancer pool entry "${entry}": want a.b.c.d-e.f.g.h, a.b.c.d/nn or a.b.c.d`);
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(entry);
  if (cidr) {
    const bits = Number(cidr[2]);
    if (!isIPv4(cidr[1]) || bits > 32) throw invalid();
    const size = 2 ** (32 - bits);
    const first = Math.floor(toNumber(cidr[1]) / size) * size;
    return size > 2 ? { first: first + 1, last: first + size - 2 } : { first, last: first + size - 1 };
  }
  const [from, to = from] = entry.split('-').map((part) => part.trim());
  if (!isIPv4(from) || !isIPv4(to) || toNumber(to) < toNumber(from)) throw invalid();
  return { first: toNumber(from), last: toNumber(to) };
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

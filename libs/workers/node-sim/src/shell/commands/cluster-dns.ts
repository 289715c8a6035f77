import type { Destination } from '../../kubelet/cluster-network';

/** The A records cluster DNS answers for a Service: its ClusterIP, or a headless Service's ready endpoints. */
export function addressesOf(destination: Destination): string[] {
  if (destination.address && destination.address !== 'None') return [destination.address];
  return (destination.service?.backends ?? []).map((backend) => backend.ip);
}

/** A line of /etc/hosts: an address and the names it carries (the first is the canonical one). */
export interface HostsEntry {
  address: string;
  names: string[];
}

export function parseHosts(text: string): HostsEntry[] {
  return text.split('\n').flatMap((line) => {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    return address && names.length ? [{ address, names }] : [];
  });
}

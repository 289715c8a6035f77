import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import type { Pod } from '../../framework/types';
import { NodePortsPlugin } from './node-ports.plugin';

const withHostPort = (name: string, hostPort: number, hostIP?: string, protocol?: string): Pod =>
  makePod(name, { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, hostIP, protocol }] }] });

describe('NodePorts', () => {
  const plugin = new NodePortsPlugin();
  const check = (pod: Pod, existing: Pod[]) => {
    const ctx = contextFor(pod);
    if (plugin.preFilter(ctx) === 'skip') return null;
    return plugin.filter(ctx, nodeInfoOf(makeNode('n'), existing));
  };

  it('rejects a node where the host port is taken, with upstream wording', () => {
    expect(check(withHostPort('p', 8080), [withHostPort('q', 8080)])).toEqual({ code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"], plugin: 'NodePorts' });
  });

  it('allows other ports, other protocols, distinct host IPs, and pods without host ports', () => {
    expect(check(withHostPort('p', 8080), [withHostPort('q', 9090)])).toBeNull();
    expect(check(withHostPort('p', 53, undefined, 'UDP'), [withHostPort('q', 53)])).toBeNull();
    expect(check(withHostPort('p', 80, '10.0.0.1'), [withHostPort('q', 80, '10.0.0.2')])).toBeNull();
    expect(check(withHostPort('p', 80, '10.0.0.1'), [withHostPort('q', 80)])).not.toBeNull();
    expect(check(makePod('p'), [withHostPort('q', 80)])).toBeNull();
  });
});

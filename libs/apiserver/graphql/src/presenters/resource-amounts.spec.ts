import { addResources, resourcesFrom, zeroResources } from './resource-amounts';

describe('resource amounts', () => {
  it('reads cpu in cores, memory in bytes and pods as a count', () => {
    expect(resourcesFrom({ cpu: '100m', memory: '128Mi', pods: '110' })).toEqual({ cpu: 0.1, memory: 128 * 2 ** 20, pods: 110 });
    expect(resourcesFrom({ cpu: 4, memory: '1G' })).toEqual({ cpu: 4, memory: 1e9, pods: 0 });
  });

  it('counts what it cannot read as zero', () => {
    expect(resourcesFrom({ cpu: 'lots', memory: undefined })).toEqual(zeroResources());
    expect(resourcesFrom(undefined)).toEqual(zeroResources());
  });

  it('adds amounts into the first', () => {
    const total = addResources(resourcesFrom({ cpu: '1', pods: '2' }), resourcesFrom({ cpu: '500m', memory: '1Ki' }));
    expect(total).toEqual({ cpu: 1.5, memory: 1024, pods: 2 });
  });

  it('sums cpu without float noise', () => {
    const node = () => resourcesFrom({ cpu: '3800m' });
    expect(addResources(addResources(node(), node()), node()).cpu).toBe(11.4);
  });
});

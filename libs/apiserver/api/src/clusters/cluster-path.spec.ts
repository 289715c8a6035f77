import { clusterUrlPath, splitClusterPath } from './cluster-path';

describe('splitClusterPath', () => {
  it('serves paths without the prefix from the default cluster', () => {
    expect(splitClusterPath('/api/v1/pods')).toEqual({ cluster: 'default', path: '/api/v1/pods' });
    expect(splitClusterPath('/clustersx/y')).toEqual({ cluster: 'default', path: '/clustersx/y' });
  });

  it('takes the cluster from /clusters/<name> and keeps the rest as the path', () => {
    expect(splitClusterPath('/clusters/lab/api/v1/namespaces/default/pods')).toEqual({ cluster: 'lab', path: '/api/v1/namespaces/default/pods' });
    expect(splitClusterPath('/clusters/lab')).toEqual({ cluster: 'lab', path: '/' });
    expect(splitClusterPath('/clusters/lab/openapi/v3')).toEqual({ cluster: 'lab', path: '/openapi/v3' });
  });

  it('refuses the bare prefix, which names no cluster', () => {
    expect(splitClusterPath('/clusters')).toBeUndefined();
    expect(splitClusterPath('/clusters/')).toBeUndefined();
  });

  it('builds the outside path of a cluster path', () => {
    expect(clusterUrlPath('default', '/api')).toBe('/api');
    expect(clusterUrlPath('lab', '/api')).toBe('/clusters/lab/api');
  });
});

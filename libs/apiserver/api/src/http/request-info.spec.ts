import { authorizedAs, parseResourcePath } from './request-info';

const q = (s = '') => new URLSearchParams(s);

describe('parseResourcePath', () => {
  it('resolves a namespaced item with a subresource', () => {
    expect(parseResourcePath('GET', '/apis/apps/v1/namespaces/prod/deployments/web/scale', q())).toEqual({
      cluster: 'default', group: 'apps', version: 'v1', namespace: 'prod', resource: 'deployments', name: 'web', subresource: 'scale', verb: 'get',
    });
  });

  it('treats namespaces/NAME as the namespace resource itself', () => {
    expect(parseResourcePath('DELETE', '/api/v1/namespaces/team-a', q())).toMatchObject({ resource: 'namespaces', name: 'team-a', namespace: '', verb: 'delete' });
  });

  it('keeps the path below a proxy subresource and refuses it below any other', () => {
    expect(parseResourcePath('GET', '/api/v1/namespaces/shop/services/web:80/proxy/static/app.js', q())).toMatchObject({ resource: 'services', name: 'web:80', subresource: 'proxy', verb: 'get' });
    expect(parseResourcePath('GET', '/api/v1/namespaces/shop/pods/web/log/extra', q())).toBeUndefined();
  });

  it('reads namespaces/NAME/status and namespaces/NAME/finalize as subresources of the namespace, as upstream', () => {
    expect(parseResourcePath('PUT', '/api/v1/namespaces/team-a/finalize', q())).toMatchObject({ resource: 'namespaces', name: 'team-a', subresource: 'finalize', namespace: '', verb: 'update' });
    expect(parseResourcePath('GET', '/api/v1/namespaces/team-a/status', q())).toMatchObject({ resource: 'namespaces', name: 'team-a', subresource: 'status', namespace: '' });
    expect(parseResourcePath('GET', '/api/v1/namespaces/status/configmaps', q())).toMatchObject({ resource: 'configmaps', namespace: 'status' });
  });

  it('maps methods and watch=true to verbs', () => {
    expect(parseResourcePath('GET', '/api/v1/pods', q('watch=true'))?.verb).toBe('watch');
    expect(parseResourcePath('GET', '/api/v1/namespaces/a/pods', q())?.verb).toBe('list');
    expect(parseResourcePath('POST', '/api/v1/namespaces/a/pods', q())?.verb).toBe('create');
    expect(parseResourcePath('DELETE', '/api/v1/namespaces/a/pods', q())?.verb).toBe('deletecollection');
    expect(parseResourcePath('PATCH', '/api/v1/namespaces/a/pods/p', q())?.verb).toBe('patch');
  });

  it('reads watch as the Go server decodes ListOptions: True, 1 and an empty value watch; False and 0 list', () => {
    for (const watch of ['True', '1', '', 'yes']) expect(parseResourcePath('GET', '/api/v1/pods', q(`watch=${watch}`))?.verb).toBe('watch');
    for (const watch of ['False', 'false', '0']) expect(parseResourcePath('GET', '/api/v1/pods', q(`watch=${watch}`))?.verb).toBe('list');
  });

  it('returns undefined for paths that are not resource paths', () => {
    expect(parseResourcePath('GET', '/api/v1', q())).toBeUndefined();
    expect(parseResourcePath('GET', '/apis/apps/v1', q())).toBeUndefined();
    expect(parseResourcePath('GET', '/api/v1/namespaces/a/pods/p/log/extra', q())).toBeUndefined();
  });

  it('refuses unknown methods with 405', () => {
    expect(() => parseResourcePath('TRACE', '/api/v1/pods', q())).toThrow(expect.objectContaining({ code: 405 }));
  });
});

describe('authorizedAs', () => {
  const list = (query: string) => authorizedAs(parseResourcePath('GET', '/apis/drydock.dev/v1/clusters', q(query))!, q(query));

  it('names the object a list or watch selects by metadata.name, as upstream RequestInfoFactory', () => {
    expect(list('fieldSelector=metadata.name%3Dlab')).toMatchObject({ verb: 'list', name: 'lab' });
    expect(list('watch=1&fieldSelector=metadata.name%3D%3Dlab')).toMatchObject({ verb: 'watch', name: 'lab' });
    expect(list('fieldSelector=metadata.namespace%3Dx,metadata.name%3Dlab')).toMatchObject({ name: 'lab' });
  });

  it('leaves a list of many, a negated name and an invalid path segment unnamed', () => {
    expect(list('').name).toBe('');
    expect(list('fieldSelector=metadata.name!%3Dlab').name).toBe('');
    expect(list('fieldSelector=metadata.name%3D..').name).toBe('');
  });

  it('hands the equality requirements of the field selector to the authorizers (AuthorizeWithSelectors), not the negated ones', () => {
    expect(list('fieldSelector=spec.cluster%3Dlab,status.phase!%3DReady').fieldSelector).toEqual([{ field: 'spec.cluster', value: 'lab' }]);
    expect(list('watch=1&fieldSelector=spec.cluster%3D%3Dlab').fieldSelector).toEqual([{ field: 'spec.cluster', value: 'lab' }]);
    expect(list('').fieldSelector).toBeUndefined();
  });
});

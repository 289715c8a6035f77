import { openApiV3Document } from './openapi-v3-document.builder';
import type { OpenApiResource, OpenApiSchema, OpenApiV3Document } from './openapi.types';

const deployments: OpenApiResource = {
  group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true,
  model: 'io.k8s.api.apps.v1.Deployment',
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' } },
};
const replicaSets: OpenApiResource = { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', namespaced: true, subresources: { status: true } };

type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> }; [key: string]: unknown };

function patchesOf(document: OpenApiV3Document, kind: string): [string, Operation][] {
  return Object.entries(document.paths)
    .map(([path, item]) => [path, item.patch as Operation | undefined] as const)
    .filter((entry): entry is [string, Operation] => (entry[1]?.['x-kubernetes-group-version-kind'] as { kind: string })?.kind === kind);
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref') found.push(child as string);
      else refsIn(child, found);
    }
  }
  return found;
}

describe('openApiV3Document for apps/v1', () => {
  const document = openApiV3Document('apps/v1', [deployments, replicaSets]);

  it('gives every Deployment PATCH the GVK and the fieldValidation query parameter kubectl looks for', () => {
    const patches = patchesOf(document, 'Deployment');
    expect(patches.map(([path]) => path).sort()).toEqual([
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    ]);
    for (const [, patch] of patches) {
      expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
      expect(patch.parameters).toContainEqual({ name: 'fieldValidation', in: 'query', schema: { type: 'string' } });
      expect(Object.keys(patch.requestBody!.content)).not.toContain('application/strategic-merge-patch+json');
    }
  });

  it('tags the scale subresource with autoscaling/v1 Scale', () => {
    const [[path, patch]] = patchesOf(document, 'Scale');
    expect(path).toBe('/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });

  it('lets explain find the kind: the collection GET carries the GVK and a component carries it too', () => {
    const list = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments'].get as Operation;
    expect(list['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(document.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
  });

  it('resolves every $ref to a component schema', () => {
    const refs = new Set(refsIn(document));
    expect(refs.size).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('has what explain prints for deployment.spec.strategy: descriptions and types down the tree', () => {
    const schemas = document.components.schemas;
    const strategyField = schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties!.strategy;
    expect(strategyField.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }]);
    expect(strategyField.description).toMatch(/DeploymentStrategy describes/);
    const strategy: OpenApiSchema = schemas['io.k8s.api.apps.v1.DeploymentStrategy'];
    expect(strategy.description).toBe('DeploymentStrategy describes how to replace existing pods with new ones.');
    expect(strategy.properties!.type).toMatchObject({ type: 'string', description: expect.stringContaining('Recreate') });
    expect(schemas['io.k8s.api.apps.v1.RollingUpdateDeployment'].properties!.maxSurge.$ref).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    );
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].required).toEqual(['selector', 'template']);
  });
});

describe('openApiV3Document for a custom resource', () => {
  const schema: OpenApiSchema = { type: 'object', description: 'A widget.', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
  const widgets: OpenApiResource = { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: false, schema };
  const document = openApiV3Document('example.com/v1', [widgets]);

  it('publishes the CRD schema under an upstream-style name, with metadata and GVK', () => {
    const widget = document.components.schemas['com.example.v1.Widget'];
    expect(widget['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.com', version: 'v1', kind: 'Widget' }]);
    expect(widget.properties!.metadata.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
    expect(document.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    expect(document.paths['/apis/example.com/v1/widgets/{name}'].patch).toMatchObject({
      'x-kubernetes-group-version-kind': { group: 'example.com', version: 'v1', kind: 'Widget' },
    });
  });
});

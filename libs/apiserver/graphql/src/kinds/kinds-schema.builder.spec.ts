import { GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, printType, validateSchema } from 'graphql';
import { builtinResources } from '@drydock/registry';
import type { OpenApiResource } from '@drydock/openapi';
import { buildKindsSchema } from './kinds-schema.builder';
import { fieldNameOf, typeNameOfModel } from './kind-names';
import { LiveSchema, mergeKinds } from './live-schema';

const widget: OpenApiResource = {
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  resource: 'widgets',
  namespaced: true,
  schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', format: 'int32' }, 'x-weird': { type: 'string' }, port: { 'x-kubernetes-int-or-string': true }, labels: { type: 'object', additionalProperties: { type: 'string' } } } } } },
};

describe('the kinds schema', () => {
  const schema = buildKindsSchema([...(builtinResources() as OpenApiResource[]), widget]);
  const fields = (type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields());

  it('names types after their models and root fields after their types', () => {
    expect(typeNameOfModel('io.k8s.api.apps.v1.Deployment')).toBe('AppsV1Deployment');
    expect(typeNameOfModel('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')).toBe('MetaV1ObjectMeta');
    expect(typeNameOfModel('com.example.v1.Widget')).toBe('ComExampleV1Widget');
    expect(fieldNameOf('x-kubernetes-preserve-unknown-fields')).toBe('x_kubernetes_preserve_unknown_fields');
    expect(fieldNameOf('$ref')).toBe('_ref');
    const query = Object.keys(schema.getQueryType()!.getFields());
    expect(query).toEqual(expect.arrayContaining(['appsV1Deployment', 'appsV1DeploymentList', 'coreV1Pod', 'rbacV1ClusterRoleList', 'comExampleV1Widget', 'comExampleV1WidgetList']));
    const mutation = Object.keys(schema.getMutationType()!.getFields());
    expect(mutation).toEqual(expect.arrayContaining(['createAppsV1Deployment', 'replaceAppsV1Deployment', 'patchAppsV1Deployment', 'applyAppsV1Deployment', 'deleteAppsV1Deployment']));
  });

  it('types every field: named scalars for quantities, int-or-string, times and int64; JSON for maps', () => {
    const type = (name: string, field: string) => String((schema.getType(name) as GraphQLObjectType).getFields()[field].type);
    expect(type('CoreV1ResourceRequirements', 'requests')).toBe('JSON');
    expect(type('CoreV1ContainerPort', 'containerPort')).toBe('Int');
    expect(type('CoreV1ServicePort', 'targetPort')).toBe('IntOrString');
    expect(type('MetaV1ObjectMeta', 'creationTimestamp')).toBe('Time');
    expect(type('MetaV1ObjectMeta', 'generation')).toBe('Int64');
    expect(type('CoreV1EventList', 'items')).toBe('[CoreV1Event]');
    expect(type('EventsV1Event', 'eventTime')).toBe('MicroTime');
    expect(type('CoreV1PersistentVolumeClaimSpec', 'resources')).toBe('CoreV1VolumeResourceRequirements');
    expect(printType(schema.getType('ComExampleV1WidgetSpec')!)).toContain('x_weird: String');
    expect(type('ComExampleV1WidgetSpec', 'port')).toBe('IntOrString');
    expect(type('ComExampleV1WidgetSpec', 'labels')).toBe('JSON');
    expect(fields('ComExampleV1Widget')).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']));
  });

  it('is a valid schema whose kinds share the KubeObject interface and carry their relations', () => {
    expect(validateSchema(schema)).toEqual([]);
    expect(fields('CoreV1Service')).toEqual(expect.arrayContaining(['spec', 'selectedPods', 'endpointSlices', 'owners', 'owned', 'events']));
    expect(fields('CoreV1Pod')).toEqual(expect.arrayContaining(['node', 'serviceAccount', 'configMaps', 'secrets', 'persistentVolumeClaims']));
    expect(fields('RbacV1RoleBinding')).toEqual(expect.arrayContaining(['roleRef', 'role', 'subjects', 'subjectObjects']));
    expect((schema.getType('ComExampleV1Widget') as GraphQLObjectType).getInterfaces().map(String)).toEqual(['KubeObject']);
    expect(fields('CoreV1PodSpec')).not.toContain('owners');
  });

  it('gives review kinds only their create mutation', () => {
    expect(schema.getQueryType()!.getFields().authorizationV1SubjectAccessReview).toBeUndefined();
    expect(schema.getMutationType()!.getFields().createAuthorizationV1SubjectAccessReview).toBeDefined();
  });
});

describe('LiveSchema', () => {
  const base = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { coreV1Pod: { type: new GraphQLObjectType({ name: 'Mine', fields: { a: { type: (schema: unknown) => schema } as never } }) } } }) });

  it('keeps the base schema\'s root fields where a generated one has the same name', () => {
    const merged = mergeKinds(base, buildKindsSchema(builtinResources() as OpenApiResource[]));
    expect(String(merged.getQueryType()!.getFields().coreV1Pod.type)).toBe('Mine');
    expect(merged.getQueryType()!.getFields().coreV1PodList).toBeDefined();
  });

  it('rebuilds when the served kinds change, and tells Apollo', async () => {
    const kinds = { version: 1, resources: builtinResources() as OpenApiResource[], all: () => kinds.resources };
    const live = new LiveSchema(kinds);
    live.setBase(base);
    const seen: GraphQLSchema[] = [];
    live.onSchemaLoadOrUpdate(({ apiSchema }) => seen.push(apiSchema));
    const { schema } = await live.load();
    expect(schema.getType('ComExampleV1Widget')).toBeUndefined();
    expect(live.current()).toBe(schema);
    kinds.resources = [...kinds.resources, widget];
    kinds.version = 2;
    const rebuilt = live.current();
    expect(rebuilt.getType('ComExampleV1Widget')).toBeDefined();
    expect(seen.at(-1)).toBe(rebuilt);
  });

  it('builds the built-in kinds once: a CRD change rebuilds only its own types, and a removed CRD leaves nothing behind', async () => {
    const kinds = { version: 1, resources: builtinResources() as OpenApiResource[], all: () => kinds.resources };
    const live = new LiveSchema(kinds);
    live.setBase(base);
    const { schema } = await live.load();
    kinds.resources = [...kinds.resources, widget];
    kinds.version = 2;
    const withWidget = live.current();
    expect(withWidget.getType('CoreV1Pod')).toBe(schema.getType('CoreV1Pod'));
    expect(withWidget.getType('ComExampleV1Widget')).toBeDefined();
    const owner = withWidget.getType('KubeObject') as GraphQLInterfaceType;
    expect(await owner.resolveType!({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: {} }, {}, {} as never, owner)).toBe('ComExampleV1Widget');
    kinds.resources = kinds.resources.filter((resource) => resource !== widget);
    kinds.version = 3;
    const without = live.current();
    expect(without.getType('ComExampleV1Widget')).toBeUndefined();
    expect(without.getQueryType()!.getFields().comExampleV1WidgetList).toBeUndefined();
    expect(await owner.resolveType!({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: {} }, {}, {} as never, owner)).toBeUndefined();
    expect(without.getType('MetaV1ObjectMeta')).toBe(schema.getType('MetaV1ObjectMeta'));
  });
});

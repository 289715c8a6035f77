import { GraphQLFieldConfig, GraphQLFieldConfigMap, GraphQLList, GraphQLNonNull, GraphQLOutputType } from 'graphql';
import { isForbidden, ResourceRef } from '@drydock/client';
import { labelSelectorFromSet, matchesLabels, podReferences, PodReferences } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { LIST_COMPLEXITY } from '../limits/query-limits';
import type { KindCatalog } from './kind-catalog';
import { objectLoader } from './object-loader';

type Relation = GraphQLFieldConfig<KubeObject, GraphqlContext>;
type Spec = Record<string, unknown> | undefined;

/** Kinds whose objects commonly name an owner: where `owned` looks (one list per kind and namespace, shared by the request). */
const DEPENDENT_KINDS = ['AppsV1ReplicaSet', 'CoreV1Pod', 'BatchV1Job', 'AppsV1ControllerRevision', 'DiscoveryV1EndpointSlice'];

const specOf = (object: KubeObject) => object.spec as Spec;
const listOf = (type: GraphQLOutputType): Relation['type'] => new GraphQLList(type);

/**
 * The relations of a generated kind, as fields beside the model's own (never replacing one): every
 * kind's `owners`, `owned` and `events`; a Service's `selectedPods` and `endpointSlices`; a pod's
 * `node`, `serviceAccount`, `configMaps`, `secrets`, `persistentVolumeClaims`; the pods that use a
 * ConfigMap, Secret or PVC; a PVC's `persistentVolume` and `storageClass`; a binding's `role` and
 * `subjectObjects`; a role's `bindings`. Lists come from the request's ClusterLoader, named objects from its ObjectLoader:
 * both read as the caller, so a relation shows only what the caller may read, and an object they may
 * not get is null with its Forbidden error.
 */
export function relationFields(typeName: string, catalog: KindCatalog): GraphQLFieldConfigMap<KubeObject, GraphqlContext> {
  const fields: GraphQLFieldConfigMap<KubeObject, GraphqlContext> = { ...commonRelations(catalog) };
  const named = (kind: string, resolve: (object: KubeObject, loader: NamedLoader) => Promise<KubeObject | null> | undefined): Relation | undefined => {
    const entry = catalog.byType.get(kind);
    return entry && { type: entry.object, resolve: (object, _args, context) => resolve(object, (name, namespace) => objectLoader(context).get(entry.ref, namespace, name)) ?? null };
  };
  const namedList = (kind: string, names: (object: KubeObject) => string[]): Relation | undefined => {
    const entry = catalog.byType.get(kind);
    return entry && { type: listOf(entry.object), extensions: LIST_COMPLEXITY, resolve: (object, _args, context) => names(object).map((name) => objectLoader(context).get(entry.ref, object.metadata.namespace, name)) };
  };
  const selected = (kind: string, select: (object: KubeObject, items: KubeObject[]) => KubeObject[]): Relation | undefined => {
    const entry = catalog.byType.get(kind);
    const item = catalog.item(kind);
    return entry && item && { type: listOf(item), extensions: LIST_COMPLEXITY, resolve: async (object, _args, context) => select(object, await context.loader.list(entry.ref, object.metadata.namespace)) };
  };
  const usedBy = (field: keyof PodReferences) => selected('CoreV1Pod', (object, pods) => pods.filter((pod) => podReferences(pod)[field].includes(object.metadata.name ?? '')));
  const extra: Record<string, Record<string, Relation | undefined>> = {
    CoreV1Service: {
      selectedPods: selected('CoreV1Pod', (service, pods) => selectedBy(specOf(service)?.selector as Record<string, string> | undefined, pods)),
      endpointSlices: selected('DiscoveryV1EndpointSlice', (service, slices) => slices.filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name)),
    },
    CoreV1Pod: {
      node: named('CoreV1Node', (pod, get) => nameIn(specOf(pod)?.nodeName, (name) => get(name))),
      serviceAccount: named('CoreV1ServiceAccount', (pod, get) => get(String(specOf(pod)?.serviceAccountName || 'default'), pod.metadata.namespace)),
      configMaps: namedList('CoreV1ConfigMap', (pod) => podReferences(pod).configMaps),
      secrets: namedList('CoreV1Secret', (pod) => podReferences(pod).secrets),
      persistentVolumeClaims: namedList('CoreV1PersistentVolumeClaim', (pod) => podReferences(pod).persistentVolumeClaims),
    },
    CoreV1ConfigMap: { pods: usedBy('configMaps') },
    CoreV1Secret: { pods: usedBy('secrets') },
    CoreV1PersistentVolumeClaim: {
      pods: usedBy('persistentVolumeClaims'),
      persistentVolume: named('CoreV1PersistentVolume', (claim, get) => nameIn(specOf(claim)?.volumeName, (name) => get(name))),
      storageClass: named('StorageV1StorageClass', (claim, get) => nameIn(specOf(claim)?.storageClassName, (name) => get(name))),
    },
    RbacV1Role: { bindings: grantedBy(catalog, 'Role') },
    RbacV1ClusterRole: { bindings: grantedBy(catalog, 'ClusterRole') },
    RbacV1RoleBinding: bindingRelations(catalog),
    RbacV1ClusterRoleBinding: bindingRelations(catalog),
  };
  for (const [name, field] of Object.entries(extra[typeName] ?? {})) if (field) fields[name] = field;
  return fields;
}

type NamedLoader = (name: string, namespace?: string) => Promise<KubeObject | null>;

function nameIn(value: unknown, read: (name: string) => Promise<KubeObject | null>): Promise<KubeObject | null> | undefined {
  return typeof value === 'string' && value ? read(value) : undefined;
}

/** A Service's pods: its selector as a label set (a Service without a selector selects nothing, as the endpoints controller reads it). */
function selectedBy(selector: Record<string, string> | undefined, pods: KubeObject[]): KubeObject[] {
  if (!selector || Object.keys(selector).length === 0) return [];
  const parsed = labelSelectorFromSet(selector);
  return pods.filter((pod) => matchesLabels(parsed, pod.metadata.labels));
}

function commonRelations(catalog: KindCatalog): GraphQLFieldConfigMap<KubeObject, GraphqlContext> {
  const fields: GraphQLFieldConfigMap<KubeObject, GraphqlContext> = {
    owners: {
      type: listOf(catalog.objectInterface),
      description: 'The objects named in metadata.ownerReferences (null where the owner is gone or of a kind not served).',
      extensions: LIST_COMPLEXITY,
      resolve: (object, _args, context) => (object.metadata.ownerReferences ?? []).map(async (owner) => {
        const entry = catalog.forKind(owner.apiVersion, owner.kind);
        const found = entry ? await objectLoader(context).get(entry.ref, object.metadata.namespace, owner.name) : null;
        return found && found.metadata.uid === owner.uid ? found : null;
      }),
    },
    owned: {
      type: listOf(new GraphQLNonNull(catalog.objectInterface)),
      description: `The objects whose ownerReferences name this one, among ${DEPENDENT_KINDS.join(', ')} in its namespace that the caller may list.`,
      extensions: LIST_COMPLEXITY,
      resolve: async (object, _args, context) => {
        const kinds = DEPENDENT_KINDS.map((name) => catalog.byType.get(name)?.ref).filter((ref): ref is ResourceRef => !!ref && !!object.metadata.namespace);
        const lists = await Promise.all(kinds.map((ref) => context.loader.list(ref, object.metadata.namespace).catch((error) => (isForbidden(error) ? [] : Promise.reject(error)))));
        return lists.flat().filter((item) => item.metadata.ownerReferences?.some((owner) => owner.uid === object.metadata.uid));
      },
    },
  };
  const events = catalog.item('CoreV1Event');
  if (events) {
    fields.events = {
      type: listOf(events),
      description: "Events about this object (involvedObject.uid), from its namespace's events.",
      extensions: LIST_COMPLEXITY,
      resolve: (object, _args, context) => context.loader.eventsFor(new Set([object.metadata.uid ?? '']), object.metadata.namespace),
    };
  }
  return fields;
}

interface BindingShape {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

function bindingRelations(catalog: KindCatalog): Record<string, Relation> {
  const typeOfSubject: Record<string, string> = { ServiceAccount: 'CoreV1ServiceAccount', User: 'DevDrydockV1User', Group: 'DevDrydockV1Team' };
  return {
    role: {
      type: catalog.objectInterface,
      description: 'The Role or ClusterRole of roleRef (null when it does not exist).',
      resolve: (binding, _args, context) => {
        const { roleRef } = binding as unknown as BindingShape;
        const entry = catalog.byType.get(roleRef?.kind === 'Role' ? 'RbacV1Role' : 'RbacV1ClusterRole');
        return entry && roleRef?.name ? objectLoader(context).get(entry.ref, binding.metadata.namespace, roleRef.name) : null;
      },
    },
    subjectObjects: {
      type: listOf(catalog.objectInterface),
      description: "The subjects as objects: a ServiceAccount, or Drydock's User or Team of that name (null where there is none).",
      extensions: LIST_COMPLEXITY,
      resolve: (binding, _args, context) =>
        ((binding as unknown as BindingShape).subjects ?? []).map((subject) => {
          const entry = catalog.byType.get(typeOfSubject[subject.kind ?? ''] ?? '');
          return entry && subject.name ? objectLoader(context).get(entry.ref, subject.namespace ?? binding.metadata.namespace, subject.name) : null;
        }),
    },
  };
}

/**
 * The bindings whose roleRef names a role: a Role's RoleBindings in its namespace; a ClusterRole's
 * ClusterRoleBindings and the RoleBindings of every namespace that grant it there (as
 * `kubectl get rolebindings,clusterrolebindings -A` would show them, filtered by roleRef). Bindings of a
 * collection the caller may not list are left out, as `owned` leaves out what it may not list.
 */
function grantedBy(catalog: KindCatalog, roleKind: 'Role' | 'ClusterRole'): Relation | undefined {
  const roleBindings = catalog.byType.get('RbacV1RoleBinding');
  const clusterRoleBindings = catalog.byType.get('RbacV1ClusterRoleBinding');
  if (!roleBindings || !clusterRoleBindings) return undefined;
  const sources = roleKind === 'Role' ? [roleBindings] : [clusterRoleBindings, roleBindings];
  return {
    type: listOf(new GraphQLNonNull(catalog.objectInterface)),
    description: roleKind === 'Role' ? 'The RoleBindings of its namespace whose roleRef names this Role.' : 'The ClusterRoleBindings, and the RoleBindings of every namespace, whose roleRef names this ClusterRole (those the caller may list).',
    extensions: LIST_COMPLEXITY,
    resolve: async (role, _args, context) => {
      const lists = await Promise.all(sources.map((entry) => context.loader.list(entry.ref, roleKind === 'Role' ? role.metadata.namespace : undefined).catch((error) => (isForbidden(error) ? [] : Promise.reject(error)))));
      return lists.flat().filter((binding) => {
        const { roleRef } = binding as unknown as BindingShape;
        return roleRef?.kind === roleKind && roleRef.name === role.metadata.name;
      });
    },
  };
}

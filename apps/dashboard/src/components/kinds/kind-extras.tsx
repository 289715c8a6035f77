'use client';
import { BindingExtras, RoleExtras, type PolicyRule } from './access-extras';
import type { KubeObjectJson, ServedKind } from './kind-writes';
import { SecretData } from './secret-data';
import { ServiceExtras } from './service-extras';
import { ClaimStorage, UsedByPods } from './usage-extras';

/** Whether the page must hide the object's values (a Secret's data) until the user reveals them. */
export const hidesValues = (kind: ServedKind) => kind.getField === 'coreV1Secret';

/**
 * What a kind deserves beyond the generic page, keyed by its generated get field: a Service's endpoints and
 * pods, the pods that use a ConfigMap, Secret or claim, a claim's volume and class, a role's rules and the
 * bindings that grant it, a binding's subjects. Other kinds get nothing here.
 */
export function KindExtras({ kind, object, name, namespace }: { kind: ServedKind; object: KubeObjectJson; name: string; namespace?: string }) {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  switch (kind.getField) {
    case 'coreV1Service':
      return namespace ? <ServiceExtras namespace={namespace} name={name} selector={spec.selector as Record<string, string> | undefined} /> : null;
    case 'coreV1ConfigMap':
      return namespace ? <UsedByPods getField={kind.getField} namespace={namespace} name={name} /> : null;
    case 'coreV1Secret':
      return namespace ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <SecretData namespace={namespace} name={name} keys={Object.keys({ ...((object.data as object | undefined) ?? {}), ...((object.stringData as object | undefined) ?? {}) })} />
          <UsedByPods getField={kind.getField} namespace={namespace} name={name} />
        </div>
      ) : null;
    case 'coreV1PersistentVolumeClaim':
      return namespace ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ClaimStorage namespace={namespace} name={name} />
          <UsedByPods getField={kind.getField} namespace={namespace} name={name} />
        </div>
      ) : null;
    case 'rbacV1Role':
    case 'rbacV1ClusterRole':
      return <RoleExtras getField={kind.getField} namespace={namespace} name={name} rules={(object.rules as PolicyRule[] | undefined) ?? []} />;
    case 'rbacV1RoleBinding':
    case 'rbacV1ClusterRoleBinding':
      return <BindingExtras getField={kind.getField} namespace={namespace} name={name} subjects={(object.subjects as never[] | undefined) ?? []} roleRef={object.roleRef as { kind?: string; name?: string } | undefined} />;
    default:
      return null;
  }
}

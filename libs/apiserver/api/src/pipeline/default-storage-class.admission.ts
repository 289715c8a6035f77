import type { KubeObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { AdmissionRequest, MutatingAdmissionPlugin } from './admission';

const isDefaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
const betaIsDefaultClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';
const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a new claim that names no
 * class (no spec.storageClassName, not even "", and no beta annotation) gets the default StorageClass,
 * the newest of those annotated is-default-class "true" (by name when created together).
 */
export class DefaultStorageClassAdmission implements MutatingAdmissionPlugin {
  readonly name = 'DefaultStorageClass';

  constructor(private readonly store: ObjectStore) {}

  async admit(request: AdmissionRequest): Promise<void> {
    if (request.operation !== 'CREATE' || request.def.group !== '' || request.def.resource !== 'persistentvolumeclaims' || request.subresource) return;
    const claim = request.object;
    const spec = (claim.spec ?? {}) as { storageClassName?: string | null };
    if ((spec.storageClassName !== undefined && spec.storageClassName !== null) || claim.metadata.annotations?.[betaStorageClassAnnotation] !== undefined) return;
    const classes = (await this.store.list({ cluster: request.cluster, resource: 'storageclasses.storage.k8s.io' })).items;
    const defaults = classes.filter(isDefaultClass).sort(newestFirst);
    if (defaults.length) claim.spec = { ...spec, storageClassName: defaults[0].metadata.name };
  }
}

function isDefaultClass(storageClass: KubeObject): boolean {
  const annotations = storageClass.metadata.annotations ?? {};
  return annotations[isDefaultClassAnnotation] === 'true' || annotations[betaIsDefaultClassAnnotation] === 'true';
}

/** GetDefaultClass: the newest creationTimestamp wins; ties go to the first name. */
function newestFirst(a: KubeObject, b: KubeObject): number {
  const byTime = Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '');
  return byTime || (a.metadata.name! < b.metadata.name! ? -1 : 1);
}

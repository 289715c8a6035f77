import { getControllerOf, newControllerRef } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { isNotFound, isInvalid } from '@drydock/client';

/**
 * controller.ControllerRefManager.ClaimObjects: of the candidates, return those this owner controls
 * after adopting orphans that match its selector and releasing owned objects that no longer match.
 * Adoption first confirms with a fresh read that the owner is still alive (`canAdopt`, called at most
 * once). Patches are JSON patches guarded by a `test` of the object's UID, as upstream's carry the UID.
 */
export interface ClaimOptions<T extends KubeObject> {
  owner: KubeObject;
  ownerApiVersion: string;
  ownerKind: string;
  candidates: T[];
  matches: (object: T) => boolean;
  canAdopt: () => Promise<boolean>;
  patch: (object: T, operations: unknown[]) => Promise<T>;
}

export async function claimObjects<T extends KubeObject>(options: ClaimOptions<T>): Promise<T[]> {
  const { owner, candidates, matches } = options;
  const claimed: T[] = [];
  const errors: Error[] = [];
  let adoptable: Promise<boolean> | undefined;
  for (const object of candidates) {
    const ref = getControllerOf(object);
    try {
      if (ref) {
        if (ref.uid !== owner.metadata.uid) continue;
        if (matches(object)) claimed.push(object);
        else if (!owner.metadata.deletionTimestamp) await release(options, object);
        continue;
      }
      if (owner.metadata.deletionTimestamp || !matches(object) || object.metadata.deletionTimestamp) continue;
      adoptable ??= options.canAdopt();
      if (!(await adoptable)) continue;
      claimed.push(await adopt(options, object));
    } catch (error) {
      if (!isNotFound(error) && !isInvalid(error)) errors.push(error as Error);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

function adopt<T extends KubeObject>(options: ClaimOptions<T>, object: T): Promise<T> {
  const ref = newControllerRef(options.owner, options.ownerApiVersion, options.ownerKind);
  const operations: unknown[] = [{ op: 'test', path: '/metadata/uid', value: object.metadata.uid }];
  if (object.metadata.ownerReferences?.length) operations.push({ op: 'add', path: '/metadata/ownerReferences/-', value: ref });
  else operations.push({ op: 'add', path: '/metadata/ownerReferences', value: [ref] });
  return options.patch(object, operations);
}

function release<T extends KubeObject>(options: ClaimOptions<T>, object: T): Promise<T> {
  const remaining = (object.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== options.owner.metadata.uid);
  return options.patch(object, [
    { op: 'test', path: '/metadata/uid', value: object.metadata.uid },
    remaining.length ? { op: 'replace', path: '/metadata/ownerReferences', value: remaining } : { op: 'remove', path: '/metadata/ownerReferences' },
  ]);
}

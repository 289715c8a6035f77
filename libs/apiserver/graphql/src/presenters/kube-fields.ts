import { getControllerOf, selectorToString } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';

/** Loose readers for the JSON of Kubernetes objects (fields are optional everywhere). */
export type Json = Record<string, unknown>;

export const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
export const arr = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export const spec = (object: KubeObject): Json => obj(object.spec);
export const status = (object: KubeObject): Json => obj(object.status);

export interface ConditionView {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function conditionsOf(object: KubeObject): ConditionView[] {
  return arr(status(object).conditions).map((c) => ({ type: str(c.type) ?? '', status: str(c.status) ?? 'Unknown', reason: str(c.reason), message: str(c.message), lastTransitionTime: str(c.lastTransitionTime) }));
}

export function condition(object: KubeObject, type: string): ConditionView | undefined {
  return conditionsOf(object).find((c) => c.type === type);
}

export interface ObjectRefView {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export function refOf(object: KubeObject): ObjectRefView {
  return { apiVersion: object.apiVersion, kind: object.kind ?? '', namespace: object.metadata.namespace, name: object.metadata.name ?? '', uid: object.metadata.uid };
}

/** The controller owner reference (or the first owner when none is marked controller). */
export function controllerOf(object: KubeObject) {
  return getControllerOf(object) ?? object.metadata.ownerReferences?.[0];
}

/** A label selector as a string, as kubectl prints it (`app=web,tier in (a,b)`); undefined when there is none. */
export function selectorString(selector: unknown): string | undefined {
  return selector === undefined ? undefined : selectorToString(selector);
}

/** The object without what the server manages (status, managedFields, resourceVersion …): what a user edits. */
export function editableView(object: KubeObject | null | undefined): Json {
  if (!object) return {};
  const rest: Json = { ...(object as Json) };
  delete rest.status;
  const metadata = { ...obj(rest.metadata) };
  for (const key of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete metadata[key];
  return { ...rest, metadata };
}

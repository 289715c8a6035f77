import type { GraphQLInputType, GraphQLOutputType } from 'graphql';
import type { ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';

/** One served kind with its generated types: what the query, mutation and subscription builders read. */
export interface KindEntry {
  ref: ResourceRef;
  /** `AppsV1Deployment`; its root fields are named from it (kind-names). */
  typeName: string;
  verbs: Set<string>;
  object: GraphQLOutputType;
  /** The kind's list type (`AppsV1DeploymentList`); none for kinds that are never listed (reviews). */
  list?: GraphQLOutputType;
  input: GraphQLInputType;
}

/** Objects in REST lists may omit apiVersion and kind; the graph always has them. */
export function withTypeMeta<T extends KubeObject>(object: T, ref: ResourceRef): T {
  const apiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
  return object.apiVersion && object.kind ? object : { ...object, apiVersion: object.apiVersion ?? apiVersion, kind: object.kind ?? ref.kind };
}

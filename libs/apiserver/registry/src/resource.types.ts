import type { FieldError, KubeObject } from '@drydock/util';
import type { SubresourceEntry } from './subresource.types';

/** One column of a server-side printed Table (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: '' | 'name' | 'date' | 'quantity' | 'duration';
  description: string;
  /** 0 = always shown, 1 = only with `-o wide`. */
  priority: 0 | 1;
}

/** Context a strategy may read; strategies never do I/O. */
export interface StrategyContext {
  /** Now, for timestamps and AGE columns. */
  now: Date;
}

/**
 * A resource's behaviour, as upstream's rest.RESTCreateStrategy / RESTUpdateStrategy / TableConvertor:
 * small pure functions the generic store calls in a fixed order.
 *
 * Create: defaults → prepareForCreate → validate.   Update: defaults → prepareForUpdate → validate → validateUpdate.
 * `defaults` and `prepare*` mutate the object they are given; `validate*` never mutate.
 */
export interface ResourceStrategy {
  /** Upstream's SetDefaults_* for the kind (and nested types, e.g. a pod template's containers). */
  defaults?(object: KubeObject): void;
  /** E.g. clear status for kinds with a status subresource, set generation. */
  prepareForCreate?(object: KubeObject, ctx: StrategyContext): void;
  /** E.g. keep the old status on a main-resource update, bump generation when the spec changed. */
  prepareForUpdate?(object: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Every field error of the object, with paths. metadata (name, labels, ...) is validated by the generic store. */
  validate(object: KubeObject): FieldError[];
  /** Immutable fields and transitions. */
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
  /** For `/status` updates: copy everything but status from old (default: keep old spec and metadata except labels/annotations). */
  prepareForStatusUpdate?(object: KubeObject, old: KubeObject): void;
  /** Server-side printing. When absent the default is Name + Created At. */
  table?: {
    columns: TableColumn[];
    row(object: KubeObject, ctx: StrategyContext): unknown[];
    /** The order of a list's rows when the printer sorts them (upstream's printFlowSchemaList); else the list's order. */
    order?(a: KubeObject, b: KubeObject): number;
  };
  /** Field-selector fields beyond metadata.name and metadata.namespace (e.g. `spec.nodeName`, `status.phase`). */
  selectableFields?(object: KubeObject): Record<string, string>;
  /** How a DELETE treats the kind beyond finalizers (graceful pods, terminating namespaces). */
  deletion?: DeletionStrategy;
}

/**
 * Upstream's RESTDeleteStrategy / RESTGracefulDeleteStrategy and the deletion parts of a kind's REST
 * storage. The generic store marks an object for deletion (deletionTimestamp) instead of removing it
 * while finalizers remain, while a grace period runs, or while the kind finalizes it itself.
 */
export interface DeletionStrategy {
  /**
   * Upstream's CheckGracefulDelete: the seconds the object stays marked before it goes (0: no grace
   * period). `requested` is DeleteOptions.gracePeriodSeconds.
   */
  gracePeriodSeconds?(object: KubeObject, requested: number | undefined): number;
  /** Whether the kind finalizes a deleted object itself and keeps it marked meanwhile (namespace: spec.finalizers). */
  awaitsFinalization?(object: KubeObject): boolean;
  /** Changes a marked object (a namespace's status.phase Terminating). Called on every DELETE that marks. Mutates. */
  prepareForDelete?(object: KubeObject): void;
}

/** Where a `/scale` subresource reads and writes (autoscaling/v1 Scale). */
export interface ScaleSubresource {
  specReplicasPath: string; // 'spec.replicas'
  statusReplicasPath: string; // 'status.replicas'
  /** Path of a label selector object (`spec.selector`) rendered as a string, or of a string (`status.selector` in CRDs). */
  labelSelectorPath?: string;
}

/**
 * A resource, defined once. Discovery, OpenAPI, routes, Table printing and (later) GraphQL all read these.
 */
export interface ResourceDefinition {
  group: string; // '' for core
  version: string;
  kind: string;
  /** plural, lower case: `deployments` */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** How metadata.name is validated (upstream's ValidateXName): default 'subdomain' (DNS-1123). */
  nameValidation?: 'subdomain' | 'label' | 'dns1035' | 'pathSegment';
  /** Verbs of the main resource; default: all eight. */
  verbs?: string[];
  /** Name of the OpenAPI model of the kind (as in @drydock/openapi), for strict decoding and explain. */
  model?: string;
  subresources?: {
    status?: boolean;
    scale?: ScaleSubresource;
    /** Every other subresource (pods/eviction, pods/log...): listed in discovery, served when the entry carries `rest`. */
    extra?: SubresourceEntry[];
  };
  strategy: ResourceStrategy;
  /** A review (SubjectAccessReview, TokenReview…): create answers a decision and stores nothing. */
  review?: boolean;
  /**
   * Never stored: the API server computes the objects on each get and list (metrics.k8s.io, as
   * metrics-server serves it). `rest` is attached where the API server builds its storage.
   */
  computed?: { rest?: ComputedResourceRest };
  /** A custom resource version's openAPIV3Schema (strict decoding, OpenAPI, server-side apply). */
  schema?: Record<string, unknown>;
}

/** One get or list of a computed resource, after authentication and authorization. */
export interface ComputedCall {
  cluster: string;
  /** '' for cluster-scoped resources and for a list across namespaces. */
  namespace: string;
  /** The object's name (get). */
  name: string;
  /** labelSelector, fieldSelector… as the client sent them. */
  query: URLSearchParams;
}

/** Upstream's rest.Getter and rest.Lister of a resource that is not stored (metrics-server's storage). */
export interface ComputedResourceRest {
  /** The object, or a StatusError (404 with the resource's own message). */
  get(call: ComputedCall): Promise<KubeObject>;
  list(call: ComputedCall): Promise<ComputedList>;
}

/** One page of a computed list: its items and, when more remain, upstream's continue token for the next page. */
export interface ComputedList {
  items: KubeObject[];
  continue?: string;
}

export const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from './resource.types';

/** One request to a subresource of one object, after authentication and authorization. */
export interface SubresourceCall {
  def: ResourceDefinition;
  cluster: string;
  /** '' for cluster-scoped resources. */
  namespace: string;
  /** The parent object's name. */
  name: string;
  query: URLSearchParams;
  req: IncomingMessage;
}

/** What a subresource answers: the status code and the body the API server sends. */
export interface SubresourceReply {
  code: number;
  body: unknown;
  /** Send the body as YAML (a kubeconfig, which clients save as a file) instead of JSON. */
  yaml?: boolean;
}

/**
 * A subresource served by its own REST object, as upstream registers `pods/eviction` to an
 * EvictionREST built with the clients it needs. The API server builds these objects where it builds
 * its storage and attaches them to the definitions, so the registry stays free of I/O and the router
 * and handler know no resource by name. A verb the object lacks is answered 405.
 */
export interface SubresourceRest {
  /** POST with a decoded body (Eviction, Binding...). */
  create?(call: SubresourceCall, body: KubeObject): Promise<SubresourceReply>;
  /** PUT with a decoded body (a namespace's finalize). */
  update?(call: SubresourceCall, body: KubeObject): Promise<SubresourceReply>;
  /** DELETE (a user's tokens: revocation). */
  delete?(call: SubresourceCall): Promise<SubresourceReply>;
  /** POST and PUT may come without a body (users/NAME/kubeconfig); the object then receives `{}`. */
  acceptsEmptyBody?: boolean;
  /** GET: a reply, or nothing when the object streamed its answer on `res` itself (logs). */
  get?(call: SubresourceCall, res: ServerResponse): Promise<SubresourceReply | void>;
  /** Any method, the body unread and the path below the subresource kept (an HTTP proxy: pods/proxy, services/proxy). */
  proxy?(call: SubresourceCall, res: ServerResponse): Promise<void>;
  /** A WebSocket upgrade (upstream's rest.Connecter: exec, attach, port-forward); resolves once connected. */
  connect?(call: SubresourceCall, socket: Duplex, head: Buffer): Promise<void>;
}

/** A subresource beyond status and scale: listed in discovery, served when it carries `rest`. */
export interface SubresourceEntry {
  name: string;
  /** Group and version of `kind` when they differ from the parent's (policy/v1 Eviction). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  rest?: SubresourceRest;
}

import type { ResourceDefinition } from '@drydock/registry';
import type { RequestInfo } from '../http/request-info';

/** Who is asking (authentication's result). */
export interface UserInfo {
  name: string;
  groups: string[];
  /** The ServiceAccount's uid, for ServiceAccount tokens. */
  uid?: string;
  /** Upstream's user.Info extra (a bound token's pod and node). */
  extra?: Record<string, string[]>;
}

/** Everything a verb handler needs about one resource request; built by the router, read-only after. */
export interface ResourceRequest {
  info: RequestInfo;
  def: ResourceDefinition;
  query: URLSearchParams;
  user: UserInfo;
  userAgent: string;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Write options shared by create, update and patch (query parameters). */
export interface WriteParams {
  dryRun: boolean;
  fieldManager: string;
  fieldValidation: FieldValidation;
}

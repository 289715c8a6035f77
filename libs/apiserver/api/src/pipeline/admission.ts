import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  def: ResourceDefinition;
  cluster: string;
  /** The object as it will be stored (mutating plugins may change it; validating ones must not). */
  object: KubeObject;
  old: KubeObject | null;
  /** The subresource written (`status`, `binding`...), as upstream's admission attributes carry it. */
  subresource?: string;
  /** A dry run (`dryRun=All`): plugins decide as for a real write but change nothing outside the object. */
  dryRun?: boolean;
}

/**
 * Upstream's admission.MutationInterface: may change `request.object`. Runs after defaults and before
 * the strategy's prepare and validate, so whatever it writes is validated like the client's own fields.
 */
export interface MutatingAdmissionPlugin {
  readonly name: string;
  admit(request: AdmissionRequest): Promise<void>;
}

/**
 * Upstream's admission.ValidationInterface: sees the prepared, validated object just before it is
 * persisted and may only refuse (throw a StatusError).
 */
export interface ValidatingAdmissionPlugin {
  readonly name: string;
  validate(request: Readonly<AdmissionRequest>): Promise<void>;
}

/** The ordered admission plugins of one API server: every mutating one runs before any validating one. */
export class Admission {
  static readonly none = new Admission([], []);

  constructor(
    readonly mutating: readonly MutatingAdmissionPlugin[],
    readonly validating: readonly ValidatingAdmissionPlugin[],
  ) {}

  /** The mutating phase, in order. */
  async admit(request: AdmissionRequest): Promise<void> {
    for (const plugin of this.mutating) await plugin.admit(request);
  }

  /** The validating phase, in order. */
  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    for (const plugin of this.validating) await plugin.validate(request);
  }
}

import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  def: ResourceDefinition;
  cluster: string;
  /** The object as it will be stored (mutating plugins may change it). */
  object: KubeObject;
  old: KubeObject | null;
}

/** An admission plugin: mutating ones change `object`, validating ones throw a StatusError. */
export interface AdmissionPlugin {
  readonly name: string;
  admit(request: AdmissionRequest): Promise<void>;
}

/** Runs plugins in registration order (mutating before validating, as upstream). */
export class Admission {
  constructor(private readonly plugins: AdmissionPlugin[]) {}

  async admit(request: AdmissionRequest): Promise<void> {
    for (const plugin of this.plugins) await plugin.admit(request);
  }
}

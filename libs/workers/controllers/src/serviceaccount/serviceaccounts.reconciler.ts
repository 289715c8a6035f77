import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, resources } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { isActive, isNamespaceTerminatingError } from './namespace-state';

/** The ServiceAccounts every namespace gets (upstream's DefaultServiceAccountsControllerOptions). */
const desiredAccounts = ['default'];

/**
 * pkg/controller/serviceaccount (ServiceAccountsController): every active namespace has a `default`
 * ServiceAccount; one deleted is created again. Keys are namespace names.
 */
export class ServiceAccountsReconciler extends QueueReconciler {
  private readonly namespaces: Informer;
  private readonly accounts: Informer;

  constructor(ctx: ControllerContext) {
    super('serviceaccount', ctx, 'serviceaccount-controller');
    this.namespaces = ctx.informers.informerFor(resources.namespaces);
    this.accounts = ctx.informers.informerFor(resources.serviceaccounts);
    const enqueueNamespace = (namespace: KubeObject) => this.queue.add(namespace.metadata.name!);
    this.namespaces.onAdd(enqueueNamespace).onUpdate((_old, namespace) => enqueueNamespace(namespace));
    this.accounts.onDelete((account) => {
      if (desiredAccounts.includes(account.metadata.name!)) this.queue.add(account.metadata.namespace!);
    });
  }

  async sync(namespaceName: string): Promise<void> {
    const namespace = this.namespaces.get('', namespaceName);
    if (!namespace || !isActive(namespace)) return;
    for (const name of desiredAccounts) {
      if (this.accounts.get(namespaceName, name)) continue;
      try {
        await this.ctx.client.create(resources.serviceaccounts, namespaceName, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: namespaceName } });
      } catch (error) {
        // Created meanwhile, or the namespace went away or began terminating: nothing to do, as upstream.
        if (!isAlreadyExists(error) && !isNotFound(error) && !isNamespaceTerminatingError(error)) throw error;
      }
    }
  }
}

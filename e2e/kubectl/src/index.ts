export * from './harness/api-client';
export * from './harness/command';
export * from './harness/drydock.harness';
export * from './harness/expectations';
export * from './harness/fixtures';
export * from './harness/kubeconfig';
export * from './harness/kubectl-binaries';
export * from './harness/use-drydock';

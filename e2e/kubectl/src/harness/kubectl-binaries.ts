// The kubectl and helm binaries live with the other test helpers (e2e/reliability uses them too).
export { kubectlBinaries, type KubectlBinaries } from '@drydock/testing';

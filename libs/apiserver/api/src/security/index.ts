// The data directory's credentials and kubeconfigs, without the rest of the API server: the launcher
// writes them before any API server runs, and importing `@drydock/api` whole for them cost every start
// (npm start's own process, and each test harness that launches a Drydock) about 2 s of CPU.
export * from './pki';
export * from './kubeconfig';
export { knownTokenLine } from '../pipeline/authentication';

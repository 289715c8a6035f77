export * from './launcher.config';
export * from './launcher';
export { startAppProcess, type ManagedProcess } from './child-process';
export { Supervisor, defaultRestartPolicy, type RestartPolicy } from './supervisor';
export * from './prepare-data-directory';

export * from './launcher.config';
export * from './launcher';

export * from './name-validation';
export * from './field-validation';
export * from './object-meta-validation';
export * from './label-selector-validation';
export * from './human-duration';
export * from './field-labels';

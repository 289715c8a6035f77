export * from './quantity/quantity';
export * from './quantity/quantity-canonical';

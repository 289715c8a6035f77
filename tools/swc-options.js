// How Drydock's TypeScript becomes JavaScript, in one place: Jest (@swc/jest) and every process the
// launcher starts (tools/register-typescript.js) compile it alike. NestJS needs legacy decorators with
// their metadata; class names are kept for its providers and for log lines.
module.exports = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
};

// Lints one import line per probe with the repository's ESLint configuration, as `npm run lint` does,
// and prints the module-boundary errors per probe as JSON. Input on stdin: [{ file, specifier }], the file
// relative to the repository root (it need not exist). A separate process because ESLint loads its
// configuration with a dynamic import, which Jest's module sandbox does not support.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import devkit from '@nx/devkit';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const probes = JSON.parse(readFileSync(0, 'utf8'));

// The rule reads the cached project graph; build it first (NX_DAEMON=false: no daemon) so this works
// on a clean clone.
await devkit.createProjectGraphAsync({ exitOnError: false });
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { file, specifier } of probes) {
  const code = `import * as imported from '${specifier}';\n\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  results.push(result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message));
}
process.stdout.write(JSON.stringify(results));

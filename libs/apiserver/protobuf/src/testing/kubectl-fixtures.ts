import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One protobuf body captured from the real kubectl by tools/capture-kubectl-protobuf.mjs. */
export interface KubectlFixture {
  file: string;
  command: string;
  method: string;
  path: string;
  contentType: string;
  /** What the same command prints with --dry-run=client -o json, when it can. */
  expected?: string;
}

const directory = join(__dirname, 'fixtures');

export function kubectlFixtures(): KubectlFixture[] {
  return JSON.parse(readFileSync(join(directory, 'fixtures.json'), 'utf8')) as KubectlFixture[];
}

export function fixtureBody(file: string): Buffer {
  return readFileSync(join(directory, file));
}

export function fixtureJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(directory, file), 'utf8')) as Record<string, unknown>;
}

import { CommandResult } from './command';

/** Fails with the command and everything it printed unless it exited 0; returns its stdout. */
export function expectSuccess(result: CommandResult): string {
  if (result.code !== 0) throw new Error(describeResult(result, 'expected exit code 0'));
  return result.stdout;
}

/** Fails unless the command exited non-zero; returns its stderr. */
export function expectFailure(result: CommandResult): string {
  if (result.code === 0 || result.code === null) throw new Error(describeResult(result, 'expected a non-zero exit code'));
  return result.stderr;
}

export function describeResult(result: CommandResult, expectation: string): string {
  return `${expectation}\n$ ${result.command}\nexit code: ${result.code}\n--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}`;
}

/** Splits command output into non-empty lines with trailing spaces removed. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
}

/** Splits a table row printed by kubectl into its cells (cells are separated by 3+ spaces or a tab). */
export function cells(row: string): string[] {
  return row.trim().split(/\s{3,}|\t/);
}

/** An AGE cell as kubectl prints it: 5s, 2m30s, 3h, 4d. */
export const AGE = String.raw`\d+[smhd](\d+[smh])?`;

import { serverArgs } from './postgres-process';

describe('the embedded PostgreSQL command line', () => {
  const settingsOf = (args: string[]) => Object.fromEntries(args.flatMap((arg, i) => (args[i - 1] === '-c' ? [arg.split('=')] : [])));

  it('ends sessions left idle in a transaction after 10 s, so no abandoned transaction holds the revision counter for ever', () => {
    expect(settingsOf(serverArgs({ dataDir: '/tmp/x' }, 5432)).idle_in_transaction_session_timeout).toBe('10s');
  });

  it('ends a session whose transaction is 30 s old (the API server\'s query deadline) even while a statement of it runs, so no outside session holds the revision counter past the deadline of the writes queued behind it', () => {
    expect(settingsOf(serverArgs({ dataDir: '/tmp/x' }, 5432)).transaction_timeout).toBe('30s');
  });

  it("lets the launcher's settings replace the default", () => {
    expect(settingsOf(serverArgs({ dataDir: '/tmp/x', settings: { idle_in_transaction_session_timeout: '3000ms' } }, 5432)).idle_in_transaction_session_timeout).toBe('3000ms');
  });
});

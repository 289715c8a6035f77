import type { ChangeEvent } from '@drydock/storage';
import { CredentialCleanup } from './credential-cleanup';

function event(type: ChangeEvent['type'], name: string): ChangeEvent {
  return { revision: 1, type, key: { cluster: 'default', resource: 'users.drydock.dev', namespace: '', name }, object: { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name } } };
}

describe('CredentialCleanup', () => {
  it('removes the credentials of a deleted User, and only of deleted ones', async () => {
    let listener: (events: ChangeEvent[]) => void = () => undefined;
    const purged: string[] = [];
    const events = { revision: 7, watch: jest.fn((_filter, _from, l) => ((listener = l), { close: () => undefined })) };
    const cleanup = new CredentialCleanup(events, { purgeUser: async (name) => void purged.push(name), purgeExpired: async () => undefined }, () => undefined);
    cleanup.start();
    expect(events.watch).toHaveBeenCalledWith({ cluster: 'default', resource: 'users.drydock.dev', namespace: '' }, 7, expect.any(Function), expect.any(Function));
    listener([event('ADDED', 'alice'), event('MODIFIED', 'alice'), event('DELETED', 'bob')]);
    await Promise.resolve();
    expect(purged).toEqual(['bob']);
    cleanup.stop();
  });

  it('watches again from the current revision when its watch fails, until stopped', () => {
    let fail: (error: unknown) => void = () => undefined;
    const events = { revision: 3, watch: jest.fn((_filter, _from, _l, onError) => ((fail = onError), { close: () => undefined })) };
    const errors: unknown[] = [];
    const cleanup = new CredentialCleanup(events, { purgeUser: async () => undefined, purgeExpired: async () => undefined }, (error) => errors.push(error));
    cleanup.start();
    fail(new Error('compacted'));
    expect(events.watch).toHaveBeenCalledTimes(2);
    cleanup.stop();
    fail(new Error('compacted'));
    expect(events.watch).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
  });
});

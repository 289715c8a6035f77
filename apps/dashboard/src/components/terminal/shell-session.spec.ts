import { describe, expect, it } from '@jest/globals';
import { describeStatus, execPath } from './shell-session';

describe('the terminal\'s end of session line (the exec status on channel 3)', () => {
  it('says the exit code kubectl would exit with', () => {
    expect(describeStatus('{"metadata":{},"status":"Success"}')).toBe('exit code 0');
    const failure = { metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [sh], exit code 4', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } };
    expect(describeStatus(JSON.stringify(failure))).toBe('exit code 4');
  });

  it('shows any other failure\'s message, and text that is not a status as it is', () => {
    expect(describeStatus('{"metadata":{},"status":"Failure","message":"container not found (\\"talk\\")"}')).toBe('container not found ("talk")');
    expect(describeStatus('boom')).toBe('boom');
  });
});

describe('the terminal\'s exec path', () => {
  const query = new URLSearchParams({ container: 'app', command: 'sh' });

  it('is the pod\'s exec in the default cluster, and under /clusters/<name> in a sandbox cluster', () => {
    expect(execPath({ namespace: 'default', pod: 'talker', container: 'app' }, query)).toBe('/api/v1/namespaces/default/pods/talker/exec?container=app&command=sh');
    expect(execPath({ namespace: 'default', pod: 'talker', container: 'app', cluster: 'default' }, query)).toBe('/api/v1/namespaces/default/pods/talker/exec?container=app&command=sh');
    expect(execPath({ namespace: 'web', pod: 'talker', container: 'app', cluster: 'lab' }, query)).toBe('/clusters/lab/api/v1/namespaces/web/pods/talker/exec?container=app&command=sh');
  });
});

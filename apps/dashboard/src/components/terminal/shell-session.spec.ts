import { describe, expect, it } from '@jest/globals';
import { describeStatus } from './shell-session';

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

import { builtinResources } from '@drydock/registry';
import { Admission, AdmissionRequest } from './admission';

const configMaps = builtinResources().find((d) => d.group === '' && d.resource === 'configmaps')!;

function request(): AdmissionRequest {
  return { operation: 'CREATE', def: configMaps, cluster: 'default', object: { metadata: { name: 'a' } }, old: null };
}

describe('Admission', () => {
  it('runs the mutating plugins in their order, and the validating ones only in the validating phase', async () => {
    const calls: string[] = [];
    const admission = new Admission(
      [
        { name: 'first', admit: async () => void calls.push('first') },
        { name: 'second', admit: async () => void calls.push('second') },
      ],
      [{ name: 'check', validate: async () => void calls.push('check') }],
    );
    await admission.admit(request());
    expect(calls).toEqual(['first', 'second']);
    await admission.validate(request());
    expect(calls).toEqual(['first', 'second', 'check']);
  });

  it('stops at the first plugin that refuses', async () => {
    const calls: string[] = [];
    const admission = new Admission([], [
      { name: 'refuse', validate: async () => Promise.reject(new Error('refused')) },
      { name: 'later', validate: async () => void calls.push('later') },
    ]);
    await expect(admission.validate(request())).rejects.toThrow('refused');
    expect(calls).toEqual([]);
  });
});

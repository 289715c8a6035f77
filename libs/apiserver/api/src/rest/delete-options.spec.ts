import { StatusError } from '@drydock/util';
import { parseDeleteOptions } from './delete-options';

describe('parseDeleteOptions', () => {
  it('maps the deprecated orphanDependents onto a policy, as upstream: true orphans, false cascades in the foreground', () => {
    expect(parseDeleteOptions({ orphanDependents: true }, new URLSearchParams())).toMatchObject({ propagationPolicy: 'Orphan', orphanDependents: true });
    expect(parseDeleteOptions({ orphanDependents: false }, new URLSearchParams())).toMatchObject({ propagationPolicy: 'Foreground', orphanDependents: false });
    expect(parseDeleteOptions(undefined, new URLSearchParams('orphanDependents=false'))).toMatchObject({ propagationPolicy: 'Foreground', orphanDependents: false });
    expect(parseDeleteOptions(undefined, new URLSearchParams())).toMatchObject({ propagationPolicy: undefined, orphanDependents: undefined });
  });

  it('refuses orphanDependents beside propagationPolicy with 422, as ValidateDeleteOptions', () => {
    const both = () => parseDeleteOptions({ orphanDependents: false, propagationPolicy: 'Background' }, new URLSearchParams());
    expect(both).toThrow(StatusError);
    expect(both).toThrow(/orphanDependents and deletionPropagation cannot be both set/);
  });
});

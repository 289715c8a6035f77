import { relativeMembers } from './tar.command';

describe('tar (absolute member names lose their leading /)', () => {
  it('makes kubectl cp\'s `tar cf - /tmp/x` archive tmp/x', () => {
    expect(relativeMembers(['cf', '-', '/tmp/x'], '/')).toEqual(['cf', '-', '-C', '/', 'tmp/x']);
    expect(relativeMembers(['-czf', '/tmp/a.tgz', '/etc/hosts', '/etc/hostname'], '/root')).toEqual(['-czf', '/tmp/a.tgz', '-C', '/', 'etc/hosts', 'etc/hostname']);
  });

  it('keeps a relative member after an absolute one relative to the working directory', () => {
    expect(relativeMembers(['cf', 'out.tar', '/etc/hosts', 'notes'], '/root')).toEqual(['cf', 'out.tar', '-C', '/', 'etc/hosts', '-C', '/root', 'notes']);
  });

  it('leaves extraction and relative archives alone', () => {
    expect(relativeMembers(['xmf', '-', '-C', '/tmp'], '/')).toBeUndefined();
    expect(relativeMembers(['cf', '-', 'data'], '/tmp')).toBeUndefined();
  });
});

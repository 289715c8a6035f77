import { StatusError } from '@drydock/util';
import { parsePatchBody } from './patch-body.parser';

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected an error');
}

describe('parsePatchBody', () => {
  it('decodes the three JSON patch types, ignoring content-type parameters', () => {
    expect(parsePatchBody('application/json-patch+json', '[{"op":"remove","path":"/a"}]')).toEqual({ type: 'json', patch: [{ op: 'remove', path: '/a' }] });
    expect(parsePatchBody('application/merge-patch+json; charset=utf-8', Buffer.from('{"a":1}'))).toEqual({ type: 'merge', patch: { a: 1 } });
    expect(parsePatchBody('application/strategic-merge-patch+json', '{"spec":{"paused":null}}')).toEqual({ type: 'strategic', patch: { spec: { paused: null } } });
  });

  it('decodes apply bodies as YAML, which includes the JSON kubectl and helm send', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  port: "80"\n';
    expect(parsePatchBody('application/apply-patch+yaml', yaml).patch).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { port: '80' } });
    expect(parsePatchBody('application/apply-patch+yaml', '{"apiVersion":"v1","kind":"ConfigMap"}').patch).toEqual({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('answers 415 listing the accepted types for any other content type', () => {
    const error = thrown(() => parsePatchBody('application/json', '{}'));
    expect(error.toStatus()).toMatchObject({
      code: 415, reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('answers 415 for strategic merge patch where it is not allowed (custom resources)', () => {
    const error = thrown(() => parsePatchBody('application/strategic-merge-patch+json', '{}', { strategicMergeAllowed: false }));
    expect(error).toMatchObject({ code: 415 });
    expect(error.message).not.toContain('strategic');
  });

  it('answers 400 for malformed bodies of every type', () => {
    expect(thrown(() => parsePatchBody('application/merge-patch+json', '{"a":'))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(thrown(() => parsePatchBody('application/merge-patch+json', '{"a":')).message).toMatch(/^error decoding patch: /);
    expect(thrown(() => parsePatchBody('application/json-patch+json', '{}'))).toMatchObject({ code: 400 });
    expect(thrown(() => parsePatchBody('application/strategic-merge-patch+json', '"text"'))).toMatchObject({ code: 400 });
    expect(thrown(() => parsePatchBody('application/apply-patch+yaml', 'a: [1'))).toMatchObject({ code: 400 });
    expect(thrown(() => parsePatchBody('application/apply-patch+yaml', 'a: [1')).message).toMatch(/^error decoding YAML: /);
    expect(thrown(() => parsePatchBody('application/apply-patch+yaml', '- a\n- b'))).toMatchObject({ code: 400 });
  });
});

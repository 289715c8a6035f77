import { defaultPullPolicy, imagePullError, parseImageReference } from './image-rules';

describe('image rules', () => {
  it('normalises references as containerd does', () => {
    expect(parseImageReference('nginx').canonical).toBe('docker.io/library/nginx:latest');
    expect(parseImageReference('bitnami/redis:7').canonical).toBe('docker.io/bitnami/redis:7');
    expect(parseImageReference('ghcr.io/org/app:1.0.0')).toMatchObject({ registry: 'ghcr.io', repository: 'org/app', tag: '1.0.0' });
    expect(parseImageReference('localhost:5000/app')).toMatchObject({ registry: 'localhost:5000', tag: 'latest' });
  });

  it.each(['nginx', 'nginx:1.27', 'nginx:1.27.3-alpine', 'busybox:1.36.1-musl', 'postgres:16-alpine', 'redis:7.2.4-bookworm', 'ubuntu:22.04', 'nginx:stable-alpine', 'alpine:3.20'])('pulls %s', (image) => {
    expect(imagePullError(image)).toBeUndefined();
  });

  it('fails a tag a well-known image never had, with containerd\'s NotFound message', () => {
    expect(imagePullError('nginx:no-such-tag')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found',
    );
    expect(imagePullError('busybox:nope')).toBeDefined();
  });

  it('pulls images it cannot know', () => {
    expect(imagePullError('ghcr.io/org/app:1.0.0')).toBeUndefined();
    expect(imagePullError('myorg/whatever:no-such-tag')).toBeUndefined();
  });

  it('defaults imagePullPolicy as the API server does', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
  });
});

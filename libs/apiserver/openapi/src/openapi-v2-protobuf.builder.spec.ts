import { openApiV2Protobuf } from './openapi-v2-protobuf.builder';

describe('openApiV2Protobuf', () => {
  it('encodes a Document with swagger 2.0 and info, and nothing else', () => {
    const info = Buffer.concat([Buffer.from([0x0a, 10]), Buffer.from('Kubernetes'), Buffer.from([0x12, 7]), Buffer.from('v1.35.0')]);
    const expected = Buffer.concat([Buffer.from([0x0a, 3]), Buffer.from('2.0'), Buffer.from([0x12, info.length]), info]);
    expect(openApiV2Protobuf().equals(expected)).toBe(true);
  });
});

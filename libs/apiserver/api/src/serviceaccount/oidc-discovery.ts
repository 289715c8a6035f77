import type { ServiceAccountKeys } from './service-account-keys';

export const openIdConfigurationPath = '/.well-known/openid-configuration';
export const jwksPath = '/openid/v1/jwks';

/**
 * ServiceAccount issuer discovery (pkg/serviceaccount/openidmetadata.go): the OIDC provider document and
 * the JWKS, so that anything outside the cluster can verify a ServiceAccount token. Served to
 * system:serviceaccounts by the bootstrap role system:service-account-issuer-discovery.
 */
export class OidcDiscovery {
  constructor(private readonly keys: ServiceAccountKeys) {}

  /** The document for `path`, or undefined when the path is not one of discovery's. */
  async document(path: string): Promise<Record<string, unknown> | undefined> {
    if (path === openIdConfigurationPath) {
      return {
        issuer: this.keys.issuer,
        jwks_uri: `${this.keys.issuer}${jwksPath}`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
      };
    }
    if (path === jwksPath) return this.keys.jwks();
    return undefined;
  }
}

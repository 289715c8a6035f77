import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { errors, exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import type { ServiceAccountClaims } from './service-account-claims';

/** kubeadm's default --service-account-issuer; also the API server's audience (--api-audiences defaults to it). */
export const defaultIssuer = 'https://kubernetes.default.svc.cluster.local';

const algorithm = 'ES256';
/** jwt.DefaultLeeway: exp and nbf are checked with a minute of slack, as upstream's validator. */
const leewaySeconds = 60;

/** Upstream's keyIDFromPublicKey: base64url(SHA-256(DER of the PKIX public key)). */
function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
}

/** How long a verified token's signature check stands (upstream's token cache: 10 s for successes, none for failures). */
const verifiedTtlMs = 10_000;
/** Verified tokens remembered at most (the oldest is forgotten first). */
const maxVerified = 4096;

/** Why a token was refused (upstream logs these and answers 401 without saying). */
export class InvalidTokenError extends Error {}

/**
 * The API server's ServiceAccount token key (`pki/sa.key`, kept with the PKI): signs TokenRequest's
 * JWTs (ES256, as upstream's ECDSA signer), verifies them, and publishes the public key as the JWKS
 * of the OIDC discovery endpoints.
 */
export class ServiceAccountKeys {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly keyId: string;
  /** Token → its claims, until the time its check stands (never past its expiry). */
  private readonly verified = new Map<string, { claims: ServiceAccountClaims; untilMs: number }>();

  constructor(
    privateKeyPem: string,
    readonly issuer = defaultIssuer,
    readonly audiences: string[] = [issuer],
  ) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = keyId(this.publicKey);
  }

  sign(claims: ServiceAccountClaims): Promise<string> {
    return new SignJWT({ ...claims }).setProtectedHeader({ alg: algorithm, kid: this.keyId }).sign(this.privateKey);
  }

  /**
   * The claims of a token this server issued, signature, issuer, audience (one of the API server's),
   * expiry and not-before checked; undefined when the token is not a JWT of this issuer at all (another
   * authenticator may know it); InvalidTokenError when it is ours but invalid.
   */
  async verify(token: string): Promise<ServiceAccountClaims | undefined> {
    if (!looksLikeJwt(token)) return undefined;
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && now < known.untilMs) return known.claims;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, algorithms: [algorithm], clockTolerance: leewaySeconds });
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!audiences.some((audience) => this.audiences.includes(audience))) throw new InvalidTokenError('token audiences is invalid for the target audiences');
      this.remember(token, payload as unknown as ServiceAccountClaims, now);
      return payload as unknown as ServiceAccountClaims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('service account token has expired');
      if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }

  /**
   * The ES256 signature check is most of a request's authentication cost, and a kubelet or controller
   * sends the same token thousands of times: as upstream's token cache, a verified token's claims are
   * reused for 10 s, never past exp (with the leeway). The claims are only the token's own; whether
   * its ServiceAccount and bound object still exist is checked on every request by the authenticator.
   */
  private remember(token: string, claims: ServiceAccountClaims, now: number): void {
    const expiresMs = typeof claims.exp === 'number' ? (claims.exp + leewaySeconds) * 1000 : Infinity;
    this.verified.set(token, { claims, untilMs: Math.min(now + verifiedTtlMs, expiresMs) });
    if (this.verified.size > maxVerified) this.verified.delete(this.verified.keys().next().value!);
  }

  /** The JSON Web Key Set of /openid/v1/jwks. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ use: 'sig', kty: jwk.kty, kid: this.keyId, crv: jwk.crv, alg: algorithm, x: jwk.x, y: jwk.y }] };
  }
}

/** Three base64url parts: anything else is not a JWT and belongs to another authenticator. */
function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

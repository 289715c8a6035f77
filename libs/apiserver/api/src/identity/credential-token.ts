import { randomBytes } from 'node:crypto';
import { hashToken } from '../security/pki';

/**
 * The kinds of random bearer secrets Drydock hands out, each with its own prefix, so an authenticator
 * knows at a glance whether a token can be its own (the admin token and ServiceAccount JWTs have none
 * of these prefixes) and a leaked token says what it is, as GitHub's `ghp_` tokens do.
 */
export const credentialPrefixes = {
  /** A user's API token (the token of a kubeconfig from users/NAME/kubeconfig). */
  apiToken: 'drydock_u_',
  /** A dashboard session, from a name and password sign-in. */
  session: 'drydock_s_',
  /** A one-time sign-in link's secret. */
  signInLink: 'drydock_l_',
} as const;

export type CredentialKind = keyof typeof credentialPrefixes;

export interface NewCredential {
  /** The secret: shown once, never stored. */
  token: string;
  /** What is stored: SHA-256 hex of the token. */
  hash: string;
}

/** A fresh 256-bit random token of `kind`, and its hash. */
export function newCredential(kind: CredentialKind): NewCredential {
  const token = credentialPrefixes[kind] + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The kind a token claims by its prefix, or undefined when it is none of Drydock's. */
export function credentialKindOf(token: string): CredentialKind | undefined {
  return (Object.keys(credentialPrefixes) as CredentialKind[]).find((kind) => token.startsWith(credentialPrefixes[kind]));
}

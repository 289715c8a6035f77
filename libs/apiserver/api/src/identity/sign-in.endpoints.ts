import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, isPlainObject } from '@drydock/util';
import { kubeTime } from '@drydock/kube';
import { readBody } from '../http/body';
import { sendObject } from '../http/response';
import { bearerTokenOf } from '../pipeline/authentication';
import { hashToken } from '../security/pki';
import type { IdentityServices } from './identity-services';
import { passwordProblem } from './password.store';
import { SignInThrottle } from './sign-in.throttle';

/** The unauthenticated endpoints of signing in, for the dashboard's server (JSON in, JSON out). */
export const signInPaths = {
  /** `{"user", "password"}` → 201 `{"user", "token", "expirationTimestamp"}`: a dashboard session. */
  signIn: '/drydock/v1/signin',
  /** `{"link", "password"}`: sets the password through a one-time sign-in link, then as signIn. */
  password: '/drydock/v1/password',
  /** Bearer <session token> → 200: the session ends. */
  signOut: '/drydock/v1/signout',
} as const;

const paths = new Set<string>(Object.values(signInPaths));
const badCredentials = () => StatusError.unauthorized('invalid user name or password');

/**
 * Sign-in by name and password, setting a password through a sign-in link, and sign-out. Public paths
 * (before authentication), as upstream serves its few anonymous endpoints; bodies are never logged or
 * audited, and a failure says no more than upstream's 401 does.
 */
export class SignInEndpoints {
  constructor(
    private readonly identity: IdentityServices,
    private readonly throttle = new SignInThrottle(),
  ) {}

  handles(path: string): boolean {
    return paths.has(path);
  }

  async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') throw StatusError.methodNotAllowed(`${req.method} is not supported on ${path}`);
    if (path === signInPaths.signOut) return this.signOut(req, res);
    const body = await readJson(req);
    if (path === signInPaths.password) return this.setPassword(res, body);
    return this.signIn(res, body);
  }

  private async signIn(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const { user: userName, password } = body;
    if (typeof userName !== 'string' || typeof password !== 'string' || !userName) throw StatusError.badRequest('expected a JSON body {"user": "...", "password": "..."}');
    const wait = this.throttle.retryAfterSeconds(userName);
    if (wait) throw StatusError.tooManyRequests('too many failed sign-ins for this user, please try again later', wait);
    const user = await this.identity.users.find(userName);
    const created = new Date(user?.metadata.creationTimestamp ?? 0);
    const valid = await this.identity.passwords.verify(userName, password, created);
    if (!user || !valid) {
      this.throttle.failed(userName);
      throw badCredentials();
    }
    this.throttle.succeeded(userName);
    await this.openSession(res, userName);
  }

  private async setPassword(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const { link, password } = body;
    if (typeof link !== 'string' || !link) throw StatusError.badRequest('expected a JSON body {"link": "...", "password": "..."}');
    const problem = passwordProblem(password);
    if (problem) throw StatusError.badRequest(problem);
    const redeemed = await this.identity.signInLinks.redeem(link);
    const user = redeemed && (await this.identity.users.find(redeemed.userName));
    if (!redeemed || !user || redeemed.createdAt < new Date(user.metadata.creationTimestamp ?? 0)) {
      throw StatusError.unauthorized('this sign-in link is not valid: it was used already, has expired, or its user is gone');
    }
    await this.identity.passwords.set(redeemed.userName, password as string);
    await this.openSession(res, redeemed.userName);
  }

  private async signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearerTokenOf(req);
    if (token) await this.identity.sessions.close(hashToken(token));
    this.identity.authenticator.invalidate();
    sendObject(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
  }

  private async openSession(res: ServerResponse, userName: string): Promise<void> {
    const session = await this.identity.sessions.open(userName);
    sendObject(res, 201, { user: userName, token: session.token, expirationTimestamp: kubeTime(session.expiresAt) });
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
  } catch (error) {
    if (error instanceof StatusError) throw error;
    throw StatusError.badRequest('the body must be a JSON object');
  }
  if (!isPlainObject(value)) throw StatusError.badRequest('the body must be a JSON object');
  return value;
}

import { ClosableKubeClient, isAlreadyExists, KubeClient, resources } from '@drydock/client';

/** How long a controller's token lives (TokenRequest's default), and when it is renewed: at 80 %, as client-go's cache does. */
const tokenSeconds = 3600;
const renewAtFraction = 0.8;
/** Retry a failed renewal after this long while the current token still lives. */
const retryMs = 10_000;

interface AccountToken {
  token: string;
  timer?: NodeJS.Timeout;
  /** A renewal asked for by a 401 is under way (further 401s of the old token wait for it). */
  renewing?: boolean;
}

/**
 * Upstream's DynamicControllerClientBuilder (k8s.io/controller-manager/pkg/clientbuilder), for
 * --use-service-account-credentials: each controller of one cluster talks to the API server as its own
 * ServiceAccount in kube-system (created when missing), with a TokenRequest token renewed before it
 * expires, so RBAC's `system:controller:<account>` roles decide what it may do. The shared informers
 * stay on the controller-manager's own identity (system:kube-controller-manager), as upstream's do.
 */
export class ServiceAccountCredentials {
  private readonly tokens = new Map<string, AccountToken>();
  private readonly first: Promise<void>[] = [];
  private stopped = false;

  /**
   * `root`: the cluster's client as the controller-manager; `clientAs` makes a client of the same
   * cluster that reads its token from the source before each request.
   */
  constructor(
    private readonly root: KubeClient,
    private readonly clientAs: (tokenSource: () => string, onUnauthorized: () => void) => ClosableKubeClient,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * A client acting as kube-system/<account>. Its first token is requested at once, in the background
   * (so that it overlaps the informers' first lists); use the client after ready().
   */
  clientFor(account: string): ClosableKubeClient {
    if (!this.tokens.has(account)) {
      const entry: AccountToken = { token: '' };
      this.tokens.set(account, entry);
      this.first.push(this.ensureAccount(account).then(() => this.requestToken(account)).then((token) => {
        entry.token = token;
        this.scheduleRenewal(account, tokenSeconds * renewAtFraction * 1000);
      }));
    }
    return this.clientAs(() => this.tokens.get(account)?.token ?? '', () => this.renewSoon(account));
  }

  /** Resolves once every client handed out has its first token; rejects when one could not be had. */
  async ready(): Promise<void> {
    await Promise.all(this.first);
  }

  /** A 401: the account or its token is gone (a cluster reset removes kube-system's accounts); renew at once, once. */
  private renewSoon(account: string): void {
    const entry = this.tokens.get(account);
    if (!entry || entry.renewing) return;
    entry.renewing = true;
    clearTimeout(entry.timer);
    this.scheduleRenewal(account, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.tokens.values()) clearTimeout(entry.timer);
  }

  private async ensureAccount(account: string): Promise<void> {
    if (await this.root.get(resources.serviceaccounts, 'kube-system', account)) return;
    try {
      await this.root.create(resources.serviceaccounts, 'kube-system', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: 'kube-system' } });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  private async requestToken(account: string): Promise<string> {
    const reply = await this.root.createSubresource(resources.serviceaccounts, 'kube-system', account, 'token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: tokenSeconds } });
    const token = (reply.status as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`the TokenRequest for kube-system/${account} answered no token`);
    return token;
  }

  private scheduleRenewal(account: string, afterMs: number): void {
    const entry = this.tokens.get(account);
    if (!entry || this.stopped) return;
    entry.timer = setTimeout(() => {
      this.ensureAccount(account)
        .then(() => this.requestToken(account))
        .then((token) => { entry.token = token; entry.renewing = false; this.scheduleRenewal(account, tokenSeconds * renewAtFraction * 1000); })
        .catch((error: Error) => { this.log(`renewing the token of kube-system/${account} failed (retrying): ${error.message}`); this.scheduleRenewal(account, retryMs); });
    }, afterMs);
    entry.timer.unref();
  }
}

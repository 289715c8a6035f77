import type { ResourceDefinition } from '../../resource.types';
import { userStrategy } from './user.strategy';

export const userResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'User',
  resource: 'users',
  singular: 'user',
  namespaced: false,
  model: 'dev.drydock.v1.User',
  subresources: {
    status: true,
    extra: [
      // POST (empty body): a new API token of the user, answered once as a kubeconfig (clientcmd v1 Config).
      { name: 'kubeconfig', group: '', version: 'v1', kind: 'Config', verbs: ['create'] },
      // POST (empty body): a one-time sign-in link with which the user sets their password.
      { name: 'signinlink', kind: 'SignInLink', verbs: ['create'] },
      // GET lists the user's API tokens (never their secrets); DELETE ?tokenName=NAME revokes one.
      { name: 'tokens', kind: 'UserTokenList', verbs: ['delete', 'get'] },
    ],
  },
  strategy: userStrategy,
};

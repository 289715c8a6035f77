import { launcherConfigFromEnv } from './launcher.config';

describe('the launcher\'s settings of the embedded PostgreSQL', () => {
  it('leaves the session bounds to the server\'s defaults when the environment does not set them', () => {
    expect(launcherConfigFromEnv({}).postgresSettings).toBeUndefined();
  });

  it('bounds idle and active transactions as DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS and DRYDOCK_STORE_TRANSACTION_TIMEOUT_SECONDS say', () => {
    expect(launcherConfigFromEnv({ DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: '3', DRYDOCK_STORE_TRANSACTION_TIMEOUT_SECONDS: '6.5' }).postgresSettings).toEqual({ idle_in_transaction_session_timeout: '3000ms', transaction_timeout: '6500ms' });
  });
});

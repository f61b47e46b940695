// Starts the fake HubSpot, Google and OpenAI servers seeded from a demo workspace, and gives the
// environment that points the live adapters at them. For the --live workflow and check-secrets tests.
import type { Workspace } from '../../src/connectors/demo/workspace-schema.js';
import { startFakeHubspot, type FakeHubspot } from '../fake-servers/hubspot/index.js';
import { startFakeGoogle, type FakeGoogle } from '../fake-servers/google/start-fake-google.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-servers/openai/index.js';
import { seedGoogleFromWorkspace, seedHubspotFromWorkspace } from './seed-fakes-from-workspace.js';

export const GOOGLE_CLIENT = { id: 'client-123.apps.googleusercontent.com', secret: 'GOCSPX-fake-client-secret' };
export const GOOGLE_REFRESH_TOKEN = '1//0fake-refresh-token-for-live-tests';

export interface LiveFakes {
  hubspot: FakeHubspot;
  google: FakeGoogle;
  openai: FakeOpenAi;
  /** Every variable a live run needs, pointing at the fakes. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startLiveFakes(workspace: Workspace): Promise<LiveFakes> {
  const hubspot = await startFakeHubspot();
  const google = await startFakeGoogle({ userEmail: workspace.settings.seller.email });
  const openai = await startFakeOpenAi();
  seedHubspotFromWorkspace(hubspot, workspace);
  seedGoogleFromWorkspace(google, workspace);
  google.seed.oauthClient(GOOGLE_CLIENT.id, GOOGLE_CLIENT.secret);
  google.seed.refreshToken(GOOGLE_REFRESH_TOKEN);
  const env = {
    HUBSPOT_ACCESS_TOKEN: hubspot.accessToken,
    HUBSPOT_API_BASE_URL: hubspot.url,
    GOOGLE_API_ROOT_URL: google.url,
    GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`,
    GOOGLE_CLIENT_ID: GOOGLE_CLIENT.id,
    GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT.secret,
    GOOGLE_REFRESH_TOKEN,
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_MODEL: 'gpt-4o-mini',
  };
  return {
    hubspot,
    google,
    openai,
    env,
    close: async () => {
      await Promise.all([hubspot.close(), google.close(), openai.close()]);
    },
  };
}

import { type Context, Hono } from 'hono';
import { AddPasskeyInput } from '../../domain/inputs/passkeys.ts';
import { parseOrThrow } from '../../services/create-user.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import {
  finishPasskeyRegistration,
  startPasskeyRegistration,
} from '../../services/passkeys/passkey-registration.ts';
import { listPasskeys, removePasskey } from '../../services/passkeys/passkey-settings.ts';
import { relyingParty } from '../../services/passkeys/relying-party.ts';
import { getUser } from '../../services/preferences.ts';
import type { AppEnv } from '../context.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { PasskeysPage } from './settings-passkeys-page.tsx';

const NOTICES: Record<string, string> = {
  added: 'The passkey is added. Next time, sign in with it.',
  removed: 'The passkey is removed and no longer signs you in.',
};

/**
 * Settings › Passkeys, mounted under /settings/passkeys behind the settings pages' sign-in check;
 * the global CSRF middleware has checked every POST (the JSON calls send X-CSRF-Token). Refusals
 * of the JSON calls answer problem JSON through the app's error handler.
 */
export function passkeySettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c: Context<AppEnv>) => {
    const actor = c.get('actor');
    const [user, passkeys] = await Promise.all([getUser(deps, actor), listPasskeys(deps, actor)]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <PasskeysPage
        page={page}
        passkeys={passkeys}
        timeZone={user.timeZone}
        rpId={relyingParty(deps).id}
        notice={NOTICES[c.req.query('saved') ?? '']}
      />,
    );
  });
  app.post('/options', async (c) => c.json(await startPasskeyRegistration(deps, c.get('actor'))));
  app.post('/', async (c) => {
    const input = parseOrThrow(AddPasskeyInput, await c.req.json());
    const added = await finishPasskeyRegistration(deps, c.get('actor'), input);
    return c.json({ name: added.name, redirect: '/settings/passkeys?saved=added' }, 201);
  });
  app.post('/:id/remove', async (c) => {
    await removePasskey(deps, c.get('actor'), c.req.param('id'));
    return c.redirect('/settings/passkeys?saved=removed', 303);
  });
  return app;
}

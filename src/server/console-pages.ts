/** What the console's route modules share: the app, its phrases, the live feed, and the page helpers. */
import type { Logger } from '../log.js';
import type { App } from '../main.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import { formatIso } from '../domain/time.js';
import type { Staff } from '../store/community-repo.js';
import { html, type SafeHtml } from './html.js';
import type { Viewer } from './layout.js';
import type { LiveFeed } from './live.js';

export interface ConsolePages {
  app: App;
  ui: PhraseCatalog;
  live: LiveFeed;
  log: Logger;
  /** A resident-facing phrase by key, as the bot would say it. */
  say: (key: string) => string;
  /** A time as the console shows it: date, hours and minutes. */
  time: (ms: number) => string;
  viewer: (c: { get(k: 'staff'): Staff; get(k: 'session'): { csrf: string } }) => Viewer;
}

export function consolePages(app: App, ui: PhraseCatalog, live: LiveFeed, log: Logger): ConsolePages {
  return {
    app,
    ui,
    live,
    log,
    say: (key: string) => app.outbound.render({ key }, 0).text,
    time: (ms: number) => formatIso(ms).slice(0, 16).replace('T', ' '),
    viewer: (c) => ({
      staff: c.get('staff'),
      csrf: c.get('session').csrf,
    }),
  };
}

/**
 * Reloads the page when the server says the data changed (server-sent events) — but not while
 * one of its own forms is being sent: the reload would cancel that navigation.
 */
export function liveReload(version: string): SafeHtml {
  return html`<script src="/assets/live.js" data-version="${version}" defer></script>`;
}

import type { Logger } from '../logger.js';
import type { EventStore, FeedStore, IngestionStore } from '../ports.js';

/** What the HTTP app needs. */
export interface ApiDeps {
  events: EventStore;
  ingestions: IngestionStore;
  /**
   * Published feed files. Not read by the app (it renders feeds from the store, which is
   * always current and costs one indexed query); kept so callers may pass it.
   */
  feeds?: FeedStore;
  /** Public base URL of the site, without a trailing slash: used in feed links. */
  publicUrl: string;
  log: Logger;
  /**
   * Splits the source `key` out of event `eventId` into an event of its own. Absent → the
   * endpoint answers 501.
   */
  unmerge?: (eventId: string, key: string) => Promise<unknown>;
  /** Folder of the timeline page's files; defaults to `static/` next to this module. */
  staticDir?: string;
}

/**
 * The Event model: one real-world diplomatic event, read from one or more articles.
 *
 * Field names are a public interface (API, feeds, CLI output): add fields, never rename.
 */

/** The kinds of event the timeline knows. */
export const EVENT_TYPES = [
  'meeting',
  'talks',
  'agreement',
  'statement',
  'proposal',
  'ceasefire',
  'military_cooperation',
  'sanctions',
  'invitation',
  'other',
] as const;

/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Where an event's date came from: the article text, its URL, object metadata, or the upload time. */
export type DateSource = 'text' | 'url' | 'metadata' | 'uploaded' | null;

/** A quotation attributed to a speaker (canonical name when known). */
export interface Quote {
  speaker: string | null;
  text: string;
}

/** CAMEO QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

/**
 * One article's reading of the event: what that source alone says.
 * Kept per source so a merged event can show who said what.
 */
export interface EventReading {
  type: EventType;
  /** CAMEO event code, e.g. "042" (make a visit), "046" (engage in negotiation). */
  cameo: string;
  quadClass: QuadClass;
  /** YYYY-MM-DD, YYYY-MM or YYYY; null when the article gives no basis. */
  date: string | null;
  dateSource: DateSource;
  /** Canonical person names, sorted. */
  participants: string[];
  /** Canonical country names, sorted. */
  countries: string[];
  /** Canonical organization names, sorted. */
  organizations: string[];
  location: string | null;
  quotes: Quote[];
  /** Field name to the sentence it was read from. */
  evidence: Record<string, string>;
}

/** Article metadata read from the input (text, HTML or JSON) and the object's metadata. */
export interface ArticleMeta {
  title: string;
  /**
   * Where `title` comes from: the page's `headline`, or, when the text has none (a stored copy
   * that starts mid-page), the `lede`'s first sentence, so feeds still have a title to show.
   */
  titleSource: 'headline' | 'lede';
  /** The lede: first paragraph(s) of article text, chrome removed. */
  summary: string;
  publisher: string | null;
  author: string | null;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  url: string | null;
  /** Detected language (ISO 639-1) when known. */
  language: string | null;
}

/** The result of normalizing one article: its metadata and its reading of the event. */
export interface NormalizedArticle {
  article: ArticleMeta;
  reading: EventReading;
  /** Chrome-free body text, for full-text search and re-processing. */
  body: string;
}

/** One article behind an event. */
export interface Source {
  /** The S3 object key (or file name for the CLI). */
  key: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  title: string;
  published: string | null;
  /** SHA-256 of the object's bytes: a changed upload under the same key updates the source. */
  contentHash: string;
  /** ISO timestamp when this source was (last) normalized. */
  ingestedAt: string;
  /** What this source alone says. */
  reading: EventReading;
  /** The article's lede, so the event can be rebuilt from any of its sources (merge, unmerge). */
  summary?: string;
  /** Fields that matched when this source was merged into the event (absent for the first source). */
  matched?: string[];
}

/**
 * An event of the timeline: the reconciled reading of its sources (the {@link EventReading}
 * fields), plus what the timeline needs to show, merge and version it.
 */
export interface Event extends EventReading {
  id: string;
  title: string;
  summary: string;
  publisher: string | null;
  author: string | null;
  published: string | null;
  /** One per article, sorted by key. */
  sources: Source[];
  /** Fields that matched when sources were merged into this event (empty for one source). */
  mergedBy: string[];
  /**
   * Source keys this event must not be merged with automatically: set when a merge is
   * undone, so a later ingest does not fold the split sources back together.
   */
  keptApart?: string[];
  normalizerVersion: string;
  /** ISO timestamp of creation. */
  createdAt: string;
  /** ISO timestamp of the last change; feeds use it as the entry's `updated`. */
  updatedAt: string;
  /** Optimistic-concurrency counter, incremented on every write. */
  version: number;
  /**
   * True while the event is pending: created by a normalizer that has not yet finished its
   * duplicate check, so no list, filter, facet count or feed shows it (`EventStore.reveal`
   * in ports.ts makes it visible). Set by stores on read; a write never
   * changes it except `create` (a pending event) and `reveal`. Absent on visible events.
   */
  pending?: boolean;
}

/** Outcome of one object put in the bucket. */
export type IngestionStatus = 'normalized' | 'rejected' | 'pending';

/** The record of what happened to one object of the bucket. */
export interface Ingestion {
  key: string;
  status: IngestionStatus;
  eventId?: string;
  reason?: string;
  /** Error code of a rejection (see errors.ts). */
  code?: string;
  contentHash?: string;
  normalizerVersion?: string;
  updatedAt: string;
}

/**
 * The timeline grouped by month, and the same events in TimelineJS's JSON format
 * (https://timeline.knightlab.com/docs/json-format.html) so it can be embedded anywhere.
 */
import type { Event } from './event.js';
import { timelineSortKey } from './event-order.js';
import { bucketLabel, bucketOfSortKey } from './feed-archive.js';
import { TYPE_LABELS } from './feed-model.js';
import { cleanText, escapeHtml, isHttpUrl } from './feed-text.js';

/** One month of the timeline. */
export interface TimelineMonth {
  /** `YYYY-MM` (`YYYY-00` for events known only to the year). */
  month: string;
  label: string;
  events: Event[];
}

/** Groups events (newest first) into months, keeping their order. */
export function groupByMonth(events: readonly Event[]): TimelineMonth[] {
  const months: TimelineMonth[] = [];
  for (const event of events) {
    const month = bucketOfSortKey(timelineSortKey(event));
    let last = months.at(-1);
    if (!last || last.month !== month) {
      last = { month, label: bucketLabel(month), events: [] };
      months.push(last);
    }
    last.events.push(event);
  }
  return months;
}

/** A TimelineJS date. */
export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
}

/** A TimelineJS slide. */
export interface TimelineJsEvent {
  unique_id: string;
  start_date: TimelineJsDate;
  text: { headline: string; text: string };
  group: string;
}

/** The TimelineJS document. */
export interface TimelineJs {
  title: { text: { headline: string; text: string } };
  events: TimelineJsEvent[];
}

/**
 * TimelineJS renders `headline` and `text` as HTML, so every piece of article text is
 * escaped here; only the markup this function writes is live.
 */
export function toTimelineJs(events: readonly Event[]): TimelineJs {
  return {
    title: {
      text: { headline: 'Entente', text: 'Diplomatic events read from news articles.' },
    },
    events: events.map((event) => ({
      unique_id: event.id,
      start_date: timelineJsDate(event),
      text: { headline: escapeHtml(cleanText(event.title)), text: slideText(event) },
      group: TYPE_LABELS[event.type],
    })),
  };
}

function timelineJsDate(event: Event): TimelineJsDate {
  const day = event.date ?? event.published ?? event.createdAt.slice(0, 10);
  const [year, month, date] = day.split('-').map(Number);
  return {
    year: year ?? 0,
    ...(month ? { month } : {}),
    ...(date ? { day: date } : {}),
  };
}

function slideText(event: Event): string {
  const parts: string[] = [];
  const facts = [TYPE_LABELS[event.type], event.location, event.participants.join(', ')]
    .map((s) => cleanText(s ?? ''))
    .filter(Boolean);
  parts.push(`<p>${facts.map(escapeHtml).join(' · ')}</p>`);
  if (event.summary) parts.push(`<p>${escapeHtml(cleanText(event.summary))}</p>`);
  const links = event.sources
    .filter((s) => isHttpUrl(s.url))
    .map((s) => `<a href="${escapeHtml(s.url ?? '')}">${escapeHtml(cleanText(s.publisher ?? s.title))}</a>`);
  if (links.length > 0) parts.push(`<p>Sources: ${links.join(', ')}</p>`);
  return parts.join('');
}

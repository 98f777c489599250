/**
 * End to end on the local run: for each upload, the time from the start of PutObject until
 * the event is visible in the API (`/api/ingestions?key=` → event id → `/api/events/{id}`)
 * and its title is in `/feeds/timeline.atom`. Uploads are sequential, each a distinct
 * generated article dated later than the one before, so each lands at the top of the
 * live feed. Target: p95 ≤ 1 s.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Event, Ingestion } from '../functions/core/event.js';
import { MONTH_NAMES } from '../functions/core/feed-model.js';
import type { LocalStack } from '../local/stack.js';
import { generateCorpus } from './corpus.js';
import { median, percentile, round } from './stats.js';

/** Target of issue 7, in ms. */
export const E2E_TARGET_P95_MS = 1000;

/** What {@link runEndToEndBench} returns. */
export interface EndToEndResult {
  uploads: number;
  /** Uploads whose event reached the API and the Atom feed. */
  visible: number;
  rejected: number;
  timedOut: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Median of the first stage alone: PutObject start → ingestion record finished. */
  medianIngestedMs: number;
  targetP95Ms: number;
  /** Per upload, in ms (timeouts count as the timeout). */
  timesMs: number[];
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The `i`th probe article: a unique title, a date line, and a generated body. */
function probeArticle(body: string, index: number): { title: string; text: string; published: string } {
  // Ten days apart from mid-2018: newer than the generated corpus (2015–2017), older than now.
  const day = new Date(Date.UTC(2018, 5, 1) + index * 10 * 86_400_000);
  const published = day.toISOString().slice(0, 10);
  const title = `Foreign ministers meet for round ${index + 1} of talks on the Syrian conflict`;
  const dateLine = `${DAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()} 10:00 GMT`;
  const paragraphs = body.split('\n').filter((line) => line.length > 80);
  return {
    title,
    published,
    text: [title, '', dateLine, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n'),
  };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function pollUntil<T>(
  probe: () => Promise<T | null>,
  deadline: number,
  intervalMs: number,
): Promise<T | null> {
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (performance.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Uploads `count` articles one after another and times each until visible. */
export async function runEndToEndBench(
  stack: LocalStack,
  options: { articlesDir: string; count: number; timeoutMs?: number; pollMs?: number },
): Promise<EndToEndResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 10;
  const http = stack.urls.http;
  const bodies = generateCorpus(options.articlesDir, options.count, 2026);
  const times: number[] = [];
  const ingestedTimes: number[] = [];
  let visible = 0;
  let rejected = 0;
  let timedOut = 0;

  for (const [index, generated] of bodies.entries()) {
    const article = probeArticle(generated.text, index);
    const key = `bench/e2e/${String(index).padStart(4, '0')}.txt`;
    const start = performance.now();
    const deadline = start + timeoutMs;
    await stack.s3Client.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: key,
        Body: article.text,
        ContentType: 'text/plain; charset=utf-8',
        Metadata: { published: article.published },
      }),
    );
    const ingestion = await pollUntil(
      async () => {
        const response = await fetch(`${http}/api/ingestions?key=${encodeURIComponent(key)}`);
        if (!response.ok) {
          await response.body?.cancel();
          return null;
        }
        const record = (await response.json()) as Ingestion;
        return record.status === 'pending' ? null : record;
      },
      deadline,
      pollMs,
    );
    if (!ingestion) {
      timedOut += 1;
      times.push(timeoutMs);
      continue;
    }
    ingestedTimes.push(performance.now() - start);
    if (ingestion.status === 'rejected' || !ingestion.eventId) {
      rejected += 1;
      continue;
    }
    const eventId = ingestion.eventId;
    const event = await pollUntil(
      async () => {
        const response = await fetch(`${http}/api/events/${eventId}`);
        if (!response.ok) {
          await response.body?.cancel();
          return null;
        }
        return (await response.json()) as Event;
      },
      deadline,
      pollMs,
    );
    const inFeed =
      event &&
      (await pollUntil(
        async () => {
          const xml = await (await fetch(`${http}/feeds/timeline.atom`)).text();
          return xml.includes(escapeXml(event.title)) || xml.includes(event.title) ? true : null;
        },
        deadline,
        pollMs,
      ));
    if (!inFeed) {
      timedOut += 1;
      times.push(timeoutMs);
      continue;
    }
    times.push(performance.now() - start);
    visible += 1;
  }

  return {
    uploads: bodies.length,
    visible,
    rejected,
    timedOut,
    medianMs: round(median(times), 1),
    p95Ms: round(percentile(times, 95), 1),
    maxMs: round(Math.max(...times), 1),
    medianIngestedMs: round(median(ingestedTimes), 1),
    targetP95Ms: E2E_TARGET_P95_MS,
    timesMs: times.map((t) => round(t, 1)),
  };
}

/**
 * Independent judges of the feeds: Python's feedparser (what many readers are built on)
 * and jing with the RFC 4287 RELAX NG schema. Both run as separate processes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PARSE = `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
def entry(e):
    return {
        "id": e.get("id"), "title": e.get("title"),
        "title_type": e.get("title_detail", {}).get("type"),
        "updated": e.get("updated"), "published": e.get("published"),
        "summary": e.get("summary"), "link": e.get("link"),
        "tags": [t.get("term") for t in e.get("tags", [])],
        "authors": [a.get("name") for a in e.get("authors", [])],
    }
print(json.dumps({
    "bozo": d.bozo, "error": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.get("title"), "updated": d.feed.get("updated"),
    "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
    "entries": [entry(e) for e in d.entries],
}))
`;

/** What feedparser read from a feed. */
export interface ParsedFeed {
  bozo: number | boolean;
  error: string;
  version: string;
  title: string;
  updated: string;
  links: Array<{ rel: string; href: string }>;
  entries: Array<{
    id: string;
    title: string;
    title_type: string;
    updated: string;
    published: string;
    summary: string;
    link: string;
    tags: string[];
    authors: string[];
  }>;
}

const dir = mkdtempSync(join(tmpdir(), 'entente-feeds-'));
let counter = 0;

function writeTemp(body: string, ext: string): string {
  counter += 1;
  const path = join(dir, `feed-${process.pid}-${counter}.${ext}`);
  writeFileSync(path, body);
  return path;
}

/** Parses a feed with /usr/bin/python3's feedparser. */
export function feedparser(body: string, ext: 'atom' | 'rss'): ParsedFeed {
  const path = writeTemp(body, ext);
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', PARSE, path], { encoding: 'utf8' }),
  ) as ParsedFeed;
}

/** Validates an Atom document against RFC 4287's RELAX NG schema with jing. */
export function jingAtom(body: string): { ok: boolean; output: string } {
  const path = writeTemp(body, 'atom');
  const schema = new URL('../fixtures/atom.rnc', import.meta.url).pathname;
  const run = spawnSync('jing', ['-c', schema, path], { encoding: 'utf8' });
  // jing's launcher prints classpath warnings on stderr; validation errors go to stdout.
  return { ok: run.status === 0, output: run.stdout };
}

/** Decodes the HTML entities feedparser leaves in `type="html"` text, as a reader's renderer would. */
export function htmlToText(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

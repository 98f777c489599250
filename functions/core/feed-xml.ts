/**
 * RSS 2.0 and Atom 1.0 with the `feed` package, finished where its defaults fall short:
 * - Atom titles are written as `type="html"`, so the text is HTML-escaped first (a title
 *   "A <b> & C" would otherwise be read as markup by real readers);
 * - RFC 5005 archive links (`prev-archive`, `current`, `fh:archive`) and `xml:lang` are
 *   added after rendering, since `feed` has no option for them;
 * - each format gets its own `Feed` instance, because RSS `<author>` must be an e-mail
 *   address while Atom wants names.
 */
import { Feed, type Item } from 'feed';
import type { FeedDocument } from './feed-model.js';
import { escapeHtml } from './feed-text.js';

const ATOM_NS = '<feed xmlns="http://www.w3.org/2005/Atom">';
const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** Renders the document as Atom 1.0 (RFC 4287) with RFC 5005 archive links. */
export function renderAtom(doc: FeedDocument): string {
  const feed = baseFeed(doc, 'atom');
  for (const entry of doc.entries) {
    feed.addItem({
      ...baseItem(entry),
      // type="html": the title is HTML, so its text must be escaped to show as written.
      title: escapeHtml(entry.title),
      author: entry.authors.map((name) => ({ name })),
    });
  }
  const links = archiveLinks(doc, 'atom', 'application/atom+xml')
    .map((link) => `\n    ${link}`)
    .join('');
  const xml = feed.atom1();
  return insertAfterSelfLink(
    xml.replace(
      ATOM_NS,
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="${HISTORY_NS}" xml:lang="${doc.language}">`,
    ),
    'atom',
    links + (doc.archive ? '\n    <fh:archive/>' : ''),
  );
}

/** Renders the document as RSS 2.0 with RFC 5005 links as `atom:link` elements. */
export function renderRss(doc: FeedDocument): string {
  const feed = baseFeed(doc, 'rss');
  for (const entry of doc.entries) {
    // RSS titles are plain text (CDATA keeps the characters as written).
    feed.addItem({ ...baseItem(entry), title: entry.title });
  }
  const links = archiveLinks(doc, 'rss', 'application/rss+xml')
    .map((link) => `\n        ${link.replace('<link ', '<atom:link ')}`)
    .join('');
  const xml = feed
    .rss2()
    .replace(
      '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:fh="${HISTORY_NS}">`,
    );
  return insertAfterSelfLink(xml, 'rss', links + (doc.archive ? '\n        <fh:archive/>' : ''));
}

function baseFeed(doc: FeedDocument, format: 'atom' | 'rss'): Feed {
  return new Feed({
    id: doc.id,
    title: doc.title,
    description: doc.description,
    link: doc.homeUrl,
    language: doc.language,
    updated: new Date(doc.updated),
    generator: false,
    copyright: 'Entente; excerpts belong to their publishers',
    feedLinks: { [format]: `${doc.selfBase}.${format}${doc.query}` },
    author: { name: 'Entente', link: doc.homeUrl },
  });
}

function baseItem(entry: FeedDocument['entries'][number]): Item {
  return {
    title: entry.title,
    id: entry.id,
    link: entry.url,
    date: new Date(entry.updated),
    published: new Date(entry.published),
    description: entry.summaryHtml,
    category: entry.categories.map((c) => ({
      // xml-js escapes `&` and `"` in attributes but not `<`: strip angle brackets from labels.
      name: c.label.replace(/[<>]/g, ''),
      term: c.term,
      scheme: c.scheme,
    })),
  };
}

/** RFC 5005 links of a feed document, as Atom `<link>` elements with escaped URLs. */
function archiveLinks(doc: FeedDocument, ext: string, type: string): string[] {
  const links: string[] = [];
  if (doc.currentBase) links.push(link('current', `${doc.currentBase}.${ext}`, type));
  if (doc.prevArchiveBase) links.push(link('prev-archive', `${doc.prevArchiveBase}.${ext}`, type));
  return links;
}

function link(rel: string, href: string, type: string): string {
  return `<link rel="${rel}" type="${type}" href="${escapeHtml(href)}"/>`;
}

/** Inserts extra elements right after the feed's own `rel="self"` link (always present). */
function insertAfterSelfLink(xml: string, format: 'atom' | 'rss', extra: string): string {
  const marker =
    format === 'atom'
      ? /<link rel="self" href="[^"]*"\/>/
      : /<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/;
  const match = marker.exec(xml);
  if (!match) throw new Error(`feed ${format} output has no self link`);
  const end = match.index + match[0].length;
  return xml.slice(0, end) + extra + xml.slice(end);
}

/**
 * Decoding and parsing of an uploaded object into article text plus whatever metadata the
 * format carries. Plain text, HTML (through Mozilla Readability on a linkedom DOM) and JSON
 * (`{title, body, url, published, publisher}`) are articles; anything else is rejected with
 * a {@link RejectedInputError} whose `code` says why.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { RejectedInputError } from './errors.js';

/** An input turned into text lines and the metadata its format carried. */
export interface ParsedArticle {
  format: 'text' | 'html' | 'json';
  /** Article text, one paragraph or line per `\n`. */
  text: string;
  title: string | null;
  url: string | null;
  /** Raw published value from the format's metadata (ISO or free text). */
  published: string | null;
  publisher: string | null;
  author: string | null;
}

/** Above this many characters the text is cut: no news article is longer, and time stays bounded. */
export const MAX_TEXT_CHARS = 200_000;

const MAGIC: { code: string; what: string; bytes: number[] }[] = [
  { code: 'BINARY_INPUT', what: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { code: 'BINARY_INPUT', what: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { code: 'BINARY_INPUT', what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { code: 'BINARY_INPUT', what: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { code: 'BINARY_INPUT', what: 'a WebP/RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { code: 'BINARY_INPUT', what: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { code: 'BINARY_INPUT', what: 'a zip archive (or Office document)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { code: 'BINARY_INPUT', what: 'an empty zip archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { code: 'BINARY_INPUT', what: 'a 7-zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { code: 'BINARY_INPUT', what: 'a bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
  { code: 'BINARY_INPUT', what: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { code: 'BINARY_INPUT', what: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { code: 'BINARY_INPUT', what: 'an OLE (old Office) document', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/** Windows-1252 code points for bytes 0x80–0x9F (Node's decoder treats them as Latin-1 controls). */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (const b of bytes) {
    chunk.push(b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? 0xfffd) : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/** The text encoding that was detected, for messages and tests. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252 when
 * the bytes are not valid UTF-8. Rejects binary formats by their magic bytes and by NULs.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  if (bytes.length === 0) throw new RejectedInputError('EMPTY_INPUT', 'the file is empty');
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes))
      throw new RejectedInputError(m.code, `the file is ${m.what}, not an article`);
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const sample = bytes.subarray(0, 65536);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) {
      throw new RejectedInputError(
        'BINARY_INPUT',
        'the file contains NUL bytes: binary data, or UTF-16 text without a byte-order mark',
      );
    }
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  }
  if (controls > Math.max(8, sample.length * 0.01)) {
    throw new RejectedInputError('BINARY_INPUT', 'the file is binary data (control bytes), not text');
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/**
 * Removes characters that are invalid in XML 1.0 (C0 controls except tab/newline/CR, lone
 * surrogates, U+FFFE/U+FFFF) and the Unicode replacement character, so nothing downstream
 * (feeds, DynamoDB, JSON) chokes on them. Also unifies line breaks.
 */
export function stripInvalidChars(text: string): string {
  // Most texts hold none of these: one pass over the code units spares three regex scans.
  if (!mayHoldInvalidChars(text)) return text;
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uFFFD]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  );
}

/** Whether `text` has a carriage return, a control or non-character, or a surrogate: what {@link stripInvalidChars} removes. */
function mayHoldInvalidChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x0a && c !== 0x09) return true;
    } else if ((c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffd) return true;
  }
  return false;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

const HTML_SNIFF =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p|h1|h2|section|main|meta|title)\b/i;
const XML_SNIFF = /^\s*<(?:\?xml|rss|feed|svg)\b/i;

/** Which parser a key, content type and the text itself point to. */
export function detectFormat(
  key: string,
  contentType: string | null | undefined,
  text: string,
): 'text' | 'html' | 'json' {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  const type = (contentType ?? '').toLowerCase();
  if (ext === 'json' || type.includes('json')) return 'json';
  if (ext === 'html' || ext === 'htm' || type.includes('html') || HTML_SNIFF.test(text.slice(0, 2000)))
    return 'html';
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      // Text that merely starts with a brace is still text.
    }
  }
  return 'text';
}

/** Parses JSON `{title, body, url, published, publisher}` (body required; `text`/`content` accepted for body). */
export function parseJsonArticle(text: string): ParsedArticle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RejectedInputError(
      'BAD_JSON',
      `the JSON does not parse: ${(error as Error).message.slice(0, 120)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RejectedInputError(
      'BAD_JSON_SHAPE',
      'JSON input must be an object {title, body, url, published, publisher}',
    );
  }
  const o = value as Record<string, unknown>;
  const body = str(o.body) ?? str(o.text) ?? str(o.content);
  if (!body) {
    throw new RejectedInputError(
      'BAD_JSON_SHAPE',
      'JSON input has no "body" string: expected {title, body, url, published, publisher}',
    );
  }
  const isHtml = /<(?:p|div|br|article|span|h\d)\b[^>]*>/i.test(body);
  const inner = isHtml ? parseHtmlArticle(`<html><body>${body}</body></html>`) : null;
  return {
    format: 'json',
    text: inner ? inner.text : body,
    title: str(o.title) ?? str(o.headline),
    url: str(o.url) ?? str(o.link),
    published: str(o.published) ?? str(o.date) ?? str(o.publishedAt),
    publisher: str(o.publisher) ?? str(o.source) ?? str(o.site),
    author: str(o.author) ?? str(o.byline),
  };
}

const BLOCK_TAG =
  /<\/?(?:p|div|h[1-6]|li|ul|ol|br|blockquote|tr|td|th|table|figcaption|figure|section|article|header|footer|aside|pre|hr|dd|dt|dl|main|nav)\b[^>]*>/gi;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  eacute: 'é',
  uuml: 'ü',
  ouml: 'ö',
};

/** Decodes HTML character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Turns an HTML fragment into text with one line per block element; tags, scripts and styles dropped. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template|iframe|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(BLOCK_TAG, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

type LinkedDocument = ReturnType<typeof parseHTML>['document'];

function meta(document: LinkedDocument, names: string[]): string | null {
  for (const n of names) {
    const el =
      document.querySelector(`meta[property="${n}"]`) ??
      document.querySelector(`meta[name="${n}"]`) ??
      document.querySelector(`meta[itemprop="${n}"]`);
    const content = el?.getAttribute('content');
    if (content?.trim()) return content.trim();
  }
  return null;
}

/** Drops a site name appended to a page title ("Kerry meets Lavrov | World news | The Guardian"). */
export function stripSiteSuffix(title: string | null, siteName: string | null): string | null {
  if (!title) return null;
  let t = title.trim();
  if (siteName && t.toLowerCase().endsWith(siteName.toLowerCase())) {
    t = t.slice(0, t.length - siteName.length).replace(/\s*[|–—:-]\s*$/, '');
  }
  const parts = t.split(/\s+\|\s+/);
  if (parts.length > 1) t = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return t.trim() || title.trim();
}

/**
 * Parses an HTML page: metadata from `<meta>`/`<time>`/canonical link, then the main text by
 * Readability; when Readability finds no article, the body text without scripts and styles.
 */
export function parseHtmlArticle(html: string): ParsedArticle {
  const { document } = parseHTML(html);
  const metaTitle = meta(document, ['og:title', 'twitter:title', 'headline']);
  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    meta(document, ['og:url']) ??
    null;
  const published =
    meta(document, [
      'article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'date',
      'DC.date.issued',
      'dc.date',
      'sailthru.date',
      'parsely-pub-date',
    ]) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const publisher = meta(document, ['og:site_name', 'application-name', 'publisher']);
  const metaAuthor = meta(document, ['author', 'article:author', 'byl', 'parsely-author']);
  const docTitle = document.querySelector('title')?.textContent?.trim() || null;
  const h1Html = document.querySelector('h1')?.innerHTML;
  const h1 = h1Html ? htmlToText(h1Html).replace(/\n/g, ' ').trim() || null : null;
  let text = '';
  let readTitle: string | null = null;
  let byline: string | null = null;
  try {
    const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
    if (parsed?.content) {
      text = htmlToText(parsed.content);
      readTitle = parsed.title?.trim() || null;
      byline = parsed.byline?.trim() || null;
    }
  } catch {
    // Readability gives up on some malformed pages: fall back to the raw body below.
  }
  if (!text) {
    const bodyHtml = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    text = htmlToText(bodyHtml);
  }
  const title = stripSiteSuffix(metaTitle ?? h1 ?? readTitle ?? docTitle, publisher);
  return {
    format: 'html',
    text,
    title: title ? decodeEntities(title).replace(/\s+/g, ' ').trim() : null,
    url: url?.trim() || null,
    published: published?.trim() || null,
    publisher,
    author: metaAuthor ?? (byline && byline.length < 80 ? byline : null),
  };
}

/** Decodes bytes and parses them by format into text and metadata. */
export function parseArticle(bytes: Uint8Array, key: string, contentType?: string | null): ParsedArticle {
  const decoded = stripInvalidChars(decodeBytes(bytes).text);
  if (!decoded.trim()) throw new RejectedInputError('EMPTY_INPUT', 'the file has only whitespace');
  if (XML_SNIFF.test(decoded.slice(0, 500))) {
    throw new RejectedInputError(
      'UNSUPPORTED_FORMAT',
      'XML/RSS/SVG documents are not articles: send text, HTML or JSON',
    );
  }
  const format = detectFormat(key, contentType, decoded);
  let parsed: ParsedArticle;
  if (format === 'json') parsed = parseJsonArticle(decoded);
  else if (format === 'html') parsed = parseHtmlArticle(decoded);
  else
    parsed = {
      format: 'text',
      text: decoded,
      title: null,
      url: null,
      published: null,
      publisher: null,
      author: null,
    };
  const text = stripInvalidChars(parsed.text).slice(0, MAX_TEXT_CHARS);
  return { ...parsed, text };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RejectedInputError } from '../../functions/core/errors.js';
import { type NormalizeInput, normalizeArticle } from '../../functions/core/normalize.js';

const enc = (s: string) => new TextEncoder().encode(s);
const SAMPLES = join(import.meta.dirname, 'samples');

function input(text: string | Uint8Array, extra: Partial<NormalizeInput> = {}): NormalizeInput {
  return {
    bytes: typeof text === 'string' ? enc(text) : text,
    key: 'a.txt',
    metadata: {},
    uploadedAt: '',
    ...extra,
  };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof RejectedInputError) return error.code;
    throw error;
  }
  return 'NOT_REJECTED';
}

const ARTICLE = `Kerry and Lavrov hold talks in Geneva
By Jane Roe
The US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva on Friday to discuss a ceasefire in Syria.
The two men talked for several hours, officials said, and agreed to meet again soon.
"We had a constructive conversation," Mr Kerry told reporters after the meeting.`;

describe('normalizeArticle on articles', () => {
  it('reads a plain-text article end to end', () => {
    const n = normalizeArticle(input(ARTICLE, { metadata: { published: '2016-08-27' } }));
    expect(n.article).toMatchObject({
      title: 'Kerry and Lavrov hold talks in Geneva',
      author: 'Jane Roe',
      published: '2016-08-27',
      language: 'en',
    });
    expect(n.reading).toMatchObject({
      type: 'talks',
      cameo: '046',
      date: '2016-08-26',
      dateSource: 'metadata',
      participants: ['John Kerry', 'Sergey Lavrov'],
      countries: ['Russia', 'Syria', 'United States'],
      location: 'Geneva',
    });
    expect(n.reading.quotes).toEqual([
      { speaker: 'John Kerry', text: 'We had a constructive conversation,' },
    ]);
    expect(n.reading.evidence.location).toBe('Kerry and Lavrov hold talks in Geneva');
  });

  it('takes the publication date from the URL when nothing else gives it', () => {
    const n = normalizeArticle(
      input(ARTICLE, {
        metadata: { sourceUrl: 'https://www.independent.co.uk/news/world/2016/08/27/kerry-lavrov' },
      }),
    );
    expect(n.article).toMatchObject({ published: '2016-08-27', publisher: 'The Independent' });
    expect(n.reading).toMatchObject({ date: '2016-08-26', dateSource: 'url' });
  });

  it('reads JSON input', () => {
    const json = JSON.stringify({
      title: 'Kerry and Lavrov hold talks in Geneva',
      body: ARTICLE.split('\n').slice(2).join('\n'),
      url: 'https://example.org/x',
      published: '2016-08-27T10:00:00Z',
      publisher: 'Example Post',
    });
    const n = normalizeArticle(input(json, { key: 'a.json' }));
    expect(n.article).toMatchObject({
      title: 'Kerry and Lavrov hold talks in Geneva',
      publisher: 'Example Post',
      published: '2016-08-27',
    });
    expect(n.reading.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
  });

  it('normalizes an article with no date and no known actor, inventing nothing', () => {
    const n = normalizeArticle(
      input(
        'Local council debates budget\nThe council met to debate the budget for the coming year and heard from residents about parks.',
      ),
    );
    expect(n.reading).toMatchObject({
      date: null,
      dateSource: null,
      participants: [],
      countries: [],
      organizations: [],
      location: null,
    });
    expect(n.article.published).toBeNull();
  });

  it('decodes Windows-1252 and UTF-16 articles', () => {
    const cp = new Uint8Array([
      ...enc('Kerry meets Lavrov\nJohn Kerry met Sergey Lavrov and said it was a '),
      0x93,
      ...enc('good day'),
      0x94,
      ...enc(' for talks.'),
    ]);
    expect(normalizeArticle(input(cp)).body).toContain('“good day”');
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...ARTICLE].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(normalizeArticle(input(utf16)).reading.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
  });

  it('carries no script from HTML into any output field', () => {
    const html = `<html><head><title>Kerry meets Lavrov</title><script>alert("x")</script><style>p{}</style></head>
      <body><h1>Kerry meets Lavrov <script>alert(2)</script></h1><p onclick="alert(3)">${ARTICLE.split('\n').slice(2).join('</p><p>')}</p>
      <img src=x onerror="alert(4)"></body></html>`;
    const out = JSON.stringify(normalizeArticle(input(html, { key: 'a.html' })));
    expect(out).not.toMatch(/alert|onclick|onerror|<script/);
    expect(out).toContain('Sergey Lavrov');
  });

  it('keeps output free of XML-invalid characters', () => {
    const n = normalizeArticle(input(ARTICLE.replace('Geneva on', 'Gen\u0001eva\u0008 on')));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are gone.
    expect(JSON.stringify(n)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('survives a huge single line', () => {
    const line = 'John Kerry met Sergey Lavrov in Geneva to talk about Syria. '.repeat(40_000);
    const n = normalizeArticle(input(line));
    expect(n.reading.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
    expect(n.article.title.length).toBeLessThanOrEqual(250);
  });

  it.each([
    [
      'reuters-ceasefire.txt',
      {
        type: 'ceasefire',
        participants: ['John Kerry', 'Sergey Lavrov'],
        location: 'Geneva',
        date: '2016-09-09',
      },
    ],
    ['minsk-ceasefire.txt', { type: 'ceasefire', location: 'Minsk', date: '2015-02-12' }],
    [
      'vienna-iran.txt',
      { participants: ['John Kerry', 'Mohammad Javad Zarif'], location: 'Vienna', date: '2015-07-05' },
    ],
    ['sanctions.txt', { type: 'sanctions', participants: [], date: null, location: null }],
  ])('reads %s', (file, expected) => {
    const n = normalizeArticle(input(readFileSync(join(SAMPLES, file)), { key: file }));
    expect(n.reading).toMatchObject(expected);
  });

  it('finds the publisher from a wire dateline and strips the dateline from the lede', () => {
    const n = normalizeArticle(input(readFileSync(join(SAMPLES, 'reuters-ceasefire.txt'))));
    expect(n.article.publisher).toBe('Reuters');
    expect(n.article.author).toBe('Arshad Mohammed and Lesley Wroughton');
    expect(n.article.summary.startsWith('U.S. Secretary of State John Kerry')).toBe(true);
    expect(n.body).not.toMatch(/Skip to main content|Related Coverage|skeptical of truce deal|Editing by/);
  });
});

describe('normalizeArticle on bad input', () => {
  it.each([
    ['empty', new Uint8Array(), 'EMPTY_INPUT'],
    ['whitespace', enc('  \n\n\t  \r\n'), 'EMPTY_INPUT'],
    [
      'only chrome',
      enc('Join our commenting forum\nComments\nShare on Facebook\nSign up to our newsletter\n2 min read\n'),
      'NO_ARTICLE_TEXT',
    ],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'BINARY_INPUT'],
    ['a PDF', enc('%PDF-1.4\n%âãÏÓ\n1 0 obj'), 'BINARY_INPUT'],
    ['gzip', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'BINARY_INPUT'],
    ['zip', new Uint8Array([0x50, 0x4b, 3, 4, 20, 0]), 'BINARY_INPUT'],
    ['JSON of the wrong shape', enc('{"headline": "x", "text": 5}'), 'BAD_JSON_SHAPE'],
    ['a JSON array', enc('[{"body": "x"}]'), 'BAD_JSON_SHAPE'],
    [
      'French',
      enc(
        "Lavrov et Kerry se sont rencontrés à Genève\nLe ministre russe des affaires étrangères a rencontré son homologue américain vendredi à Genève pour discuter d'un cessez-le-feu en Syrie, selon des responsables des deux pays.",
      ),
      'NOT_ENGLISH',
    ],
    [
      'Russian',
      enc(
        'Лавров и Керри провели переговоры в Женеве\nМинистр иностранных дел России Сергей Лавров встретился с госсекретарем США Джоном Керри.',
      ),
      'NOT_ENGLISH',
    ],
  ])('rejects %s with a code', (_name, bytes, expected) => {
    expect(code(() => normalizeArticle(input(bytes)))).toBe(expected);
  });

  it('gives a readable reason with every rejection', () => {
    try {
      normalizeArticle(input(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])));
    } catch (error) {
      expect((error as Error).message).toMatch(/PDF/);
    }
  });

  it('throws nothing but RejectedInputError on random bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('a.txt', 'a.html', 'a.json', 'a'),
        (bytes, key) => {
          try {
            normalizeArticle(input(bytes, { key }));
          } catch (error) {
            if (!(error instanceof RejectedInputError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws nothing but RejectedInputError on random near-articles', () => {
    const pieces = [
      ...ARTICLE.split('\n'),
      'Join our commenting forum',
      'Tuesday 15 December 2015 13:09 GMT',
      '<p>Kerry</p>',
      '<script>alert(1)</script>',
      '{"body": "Kerry met Lavrov"}',
      '“unclosed quote by Lavrov',
      'By',
      'By Wednesday night',
      'January 27',
      'Mr',
      'President',
      'the Russian capital',
      '\u0000',
      '\ud800',
      ' ',
      '',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...pieces),
            fc.string({ maxLength: 40 }),
            fc.string({ unit: 'binary', maxLength: 20 }),
          ),
          { maxLength: 30 },
        ),
        fc.constantFrom('a.txt', 'a.html', 'a.json'),
        fc.constantFrom('', '2016-10-15T00:00:00Z', 'garbage'),
        (parts, key, uploadedAt) => {
          try {
            const n = normalizeArticle(input(parts.join('\n'), { key, uploadedAt }));
            expect(typeof n.article.title).toBe('string');
            if (n.reading.date !== null) expect(n.reading.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
          } catch (error) {
            if (!(error instanceof RejectedInputError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

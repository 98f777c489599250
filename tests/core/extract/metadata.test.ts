import { describe, expect, it } from 'vitest';
import { toLines } from '../../../functions/core/chrome.js';
import { cleanAuthor, publisherFromUrl, readLayout } from '../../../functions/core/extract/metadata.js';

const layout = (text: string, title: string | null = null) => readLayout(toLines(text), title);

describe('readLayout', () => {
  it('finds headline, standfirst, a name line above a date line, and the body', () => {
    const l = layout(`Home
World
Kerry and Lavrov fail to agree on new Syria ceasefire
Ministers meet with regional powers but no breakthrough is announced
Patrick Wintour Diplomatic editor
Sat 15 Oct 2016 18.52 BST
Share on Facebook
The US and Russia have failed to agree on a new ceasefire for Syria after talks in Lausanne.
Kerry said there had been no breakthrough.`);
    expect(l.title).toBe('Kerry and Lavrov fail to agree on new Syria ceasefire');
    expect(l.standfirst).toBe('Ministers meet with regional powers but no breakthrough is announced');
    expect(l.author).toBe('Patrick Wintour');
    expect(l.publishedInText).toBe('2016-10-15');
    expect(l.paragraphs).toEqual([
      'The US and Russia have failed to agree on a new ceasefire for Syria after talks in Lausanne.',
      'Kerry said there had been no breakthrough.',
    ]);
  });
  it('reads a wire dateline: city, agency, and strips it from the lede', () => {
    const l = layout(
      'Russia and US agree on Syria plan for Aleppo\nMOSCOW (Reuters) - Russia and the United States agreed on a plan for Aleppo, officials said.',
    );
    expect(l.dateline).toBe('Moscow');
    expect(l.agency).toBe('Reuters');
    expect(l.paragraphs[0]).toBe('Russia and the United States agreed on a plan for Aleppo, officials said.');
  });
  it('makes a title from the first sentence when there is no headline line', () => {
    const l = layout(
      'John Kerry met Sergey Lavrov in Geneva on Friday to discuss Syria, and they agreed to meet again next month after long talks.',
    );
    expect(l.title).toBe(
      'John Kerry met Sergey Lavrov in Geneva on Friday to discuss Syria, and they agreed to meet again next month after long talks.',
    );
    expect(l.paragraphs).toHaveLength(1);
  });
});

describe('cleanAuthor', () => {
  it.each([
    ['By Stephen Lendman', 'Stephen Lendman'],
    ['By Arshad Mohammed and Lesley Wroughton', 'Arshad Mohammed and Lesley Wroughton'],
    ['By Jane Roe | December 3, 2016', 'Jane Roe'],
    ['By Jane Roe, Reuters', 'Jane Roe'],
    ['By staff', null],
  ])('%j → %j', (raw, name) => {
    expect(cleanAuthor(raw)).toBe(name);
  });
});

describe('publisherFromUrl', () => {
  it('maps a host or its parent domain to the outlet', () => {
    expect(publisherFromUrl('https://www.independent.co.uk/news/world/x.html')).toBe('The Independent');
    expect(publisherFromUrl('https://english.alaraby.co.uk/english/news/2016/10/15/x')).toBe('The New Arab');
    expect(publisherFromUrl('https://unknown.example/x')).toBeNull();
    expect(publisherFromUrl('not a url')).toBeNull();
  });
});

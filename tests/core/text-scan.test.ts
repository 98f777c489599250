import { describe, expect, it } from 'vitest';
import { isSpaceCode, whitespaceSplitCount } from '../../functions/core/text-scan.js';

describe('whitespaceSplitCount', () => {
  const samples = [
    '',
    ' ',
    'one',
    'Kerry meets Lavrov in Geneva',
    '  leading and trailing  ',
    'tabs\tand\nnew\r\nlines',
    'no\u00a0break and\u2009thin\u3000ideographic\ufeffBOM',
    'ogham\u1680mark, line\u2028and paragraph\u2029separators',
    'not spaces: \u200b zero width \u0085 next line',
    '“Quoted,” he said — twice.',
  ];
  it.each(samples)('counts what split(/\\s+/) gives for %j', (text) => {
    expect(whitespaceSplitCount(text)).toBe(text.split(/\s+/).length);
  });
});

describe('isSpaceCode', () => {
  it('agrees with \\s on every BMP code unit', () => {
    const disagreements: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) disagreements.push(c);
    }
    expect(disagreements).toEqual([]);
  });
});

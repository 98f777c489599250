import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../functions/handlers/normalize.js';
import { encodeS3EventKey } from '../../local/s3-key.js';

describe('encodeS3EventKey', () => {
  it('encodes as S3 notifications do: + for space, %2B for plus, / kept, UTF-8 escapes', () => {
    expect(encodeS3EventKey('a b+c.txt')).toBe('a+b%2Bc.txt');
    expect(encodeS3EventKey('dir/sub dir/é.txt')).toBe('dir/sub+dir/%C3%A9.txt');
    expect(encodeS3EventKey('../x/./y.txt')).toBe('../x/./y.txt');
    expect(encodeS3EventKey("it's (1)!.txt")).toBe('it%27s+%281%29%21.txt');
    expect(encodeS3EventKey('100%.txt')).toBe('100%25.txt');
  });

  it.each([
    'plain.txt',
    'with space.txt',
    'a+b.txt',
    ' + leading and trailing + ',
    'unicode/Лавров 外交 🕊.txt',
    '../../etc/passwd',
    '%2e%2e/%20literal-escapes%.txt',
    'query?x=1&y=2#frag.html',
    'tab\tand\nnewline',
  ])('round-trips %j through the handler decode', (key) => {
    expect(decodeS3Key(encodeS3EventKey(key))).toBe(key);
  });

  it('round-trips any unicode key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (key) => {
        const encoded = encodeS3EventKey(key);
        expect(encoded).not.toContain(' ');
        // Every + in the encoding stands for a space of the key; a literal + is %2B.
        expect(encoded.split('+').length).toBe(key.split(' ').length);
        expect(decodeS3Key(encoded)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});

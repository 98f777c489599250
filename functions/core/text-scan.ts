/**
 * Small one-pass text measures that the normalizer asks for on every line: the same answers
 * as the regex idioms they replace, without building arrays or running a regex per line.
 */

/** True for a code unit that the regex class `\s` matches. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `text.split(/\s+/).length` without the array: one more than the number of white-space runs. */
export function whitespaceSplitCount(text: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpaceCode(text.charCodeAt(i))) {
      if (!inSpace) n++;
      inSpace = true;
    } else inSpace = false;
  }
  return n;
}

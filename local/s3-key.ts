/**
 * Object keys in S3 event notifications are URL-encoded by S3 (form encoding: a space is
 * `+`, a literal `+` is `%2B`, `/` stays as is). s3rver sends keys raw, so the local
 * delivery encodes them the way S3 does; the handler then decodes exactly as on AWS.
 */

/** Characters `encodeURIComponent` leaves alone that S3's form encoding escapes. */
const EXTRA_ESCAPES: Record<string, string> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '~': '%7E' };

/**
 * Encodes an object key as S3 puts it in an event notification: UTF-8 percent-encoding per
 * path segment, `/` kept, space as `+`.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/%20/g, '+')
        .replace(/[!'()~]/g, (c) => EXTRA_ESCAPES[c] ?? c),
    )
    .join('/');
}

/**
 * Text hygiene shared by every output: feeds, the timeline's JSON, the page.
 * Article text is hostile until proven otherwise; these helpers make it safe to embed.
 */

/**
 * Characters XML 1.0 forbids anywhere in a document (C0 controls except tab, LF, CR; lone
 * surrogates; U+FFFE/U+FFFF). One of them makes a whole feed unreadable, so they are dropped.
 */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops the characters XML 1.0 forbids; everything else is kept as is. */
export function stripInvalidXml(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Drops XML-invalid characters and folds runs of whitespace: the form used for titles and names. */
export function cleanText(text: string): string {
  return stripInvalidXml(text).replace(/\s+/g, ' ').trim();
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** True for an absolute http(s) URL: the only kind of link an output may carry from an article. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads entry titles out of an Atom document, whether written as CDATA or escaped text. */
export function atomEntryTitles(xml: string): string[] {
  const titles: string[] = [];
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
    const match = /<title([^>]*)>([\s\S]*?)<\/title>/.exec(entry);
    const raw = match?.[2] ?? '';
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw.trim());
    const text = cdata ? (cdata[1] ?? '') : decodeXmlText(raw.trim());
    // A type="html" title is escaped HTML inside the XML: a reader decodes that layer too.
    titles.push(/type="html"/.test(match?.[1] ?? '') ? decodeXmlText(text) : text);
  }
  return titles;
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

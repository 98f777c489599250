/** Reads entry titles out of an Atom document, whether written as CDATA or escaped text. */
export function atomEntryTitles(xml: string): string[] {
  const titles: string[] = [];
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
    const raw = /<title[^>]*>([\s\S]*?)<\/title>/.exec(entry)?.[1] ?? '';
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw.trim());
    titles.push(cdata ? (cdata[1] ?? '') : decodeXmlText(raw.trim()));
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

/** The pieces of an article that extraction reads, each with its place in the article. */

/** Where a piece of text sits: headline, standfirst (sub-headline), body sentence, or photo caption. */
export type UnitKind = 'title' | 'standfirst' | 'body' | 'caption';

/** One sentence (or headline, caption) of the article. */
export interface Unit {
  kind: UnitKind;
  text: string;
  /** Position among body sentences (0 = lede); -1 for non-body units. */
  index: number;
}

const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Adm|Sen|Rep|Gov|Prof|St|Jr|Sr|Inc|Ltd|Co|No|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|approx|est)|\b[A-Z])\.$/;

/** Splits a paragraph into sentences, keeping abbreviations ("Mr.", "U.S.", "Gen.") whole. */
export function splitSentences(paragraph: string): string[] {
  const parts = paragraph.split(/(?<=[.!?…]["”’)\]]?)\s+(?=["“‘([]?[\p{Lu}\p{N}])/u);
  const out: string[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && ABBREVIATIONS.test(prev)) out[out.length - 1] = `${prev} ${part}`;
    else out.push(part);
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

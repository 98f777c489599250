/**
 * Page-chrome removal by how chrome looks, not by listing one site's phrases: calls to
 * action (short imperative lines), appeals addressed to "you" about "our journalism",
 * link-like and menu-like lines, reading-time and comment counters, photo captions with
 * credits, lines repeated on the page, and the author's bio at the end.
 */

import { whitespaceSplitCount } from './text-scan.js';

/** Splits text into trimmed non-empty lines, also splitting sentences glued by a lost newline ("difference.John"). */
export function toLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw
      .replace(/[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim();
    if (!line) continue;
    // A lower-case word, end punctuation, then a capitalised word with no space: two lines
    // that lost their break when the page was scraped.
    // A cheap test first (end punctuation right before a capital, any script): the split's
    // look-behind would otherwise run at every position of every line.
    if (!MAYBE_GLUED_SENTENCE.test(line)) {
      out.push(line);
      continue;
    }
    for (const part of line.split(/(?<=\p{Ll}{2}[.!?]["”’]?)(?=\p{Lu}\p{Ll})/u)) {
      const p = part.trim();
      if (p) out.push(p);
    }
  }
  return out;
}

/** What every glued sentence break has: end punctuation, maybe a quote, then a capital (U+00C0 up: any script). */
const MAYBE_GLUED_SENTENCE = /[.!?]["”’]?[A-Z\u00c0-\uffff]/;

/** Verbs that open calls to action, as the first word of a line. */
const IMPERATIVE_START =
  /^(?:join|share|subscribe|sign (?:up|in)|log ?in|register|follow|donate|click|tap|read (?:more|next|the full|our)|watch|listen|download|get (?:visible|the|our|breaking|alerts)|advertise|stay (?:up to date|informed|connected)|please|visit|like us|tweet|email us|print|leave a comment|back to|skip to|go to|see (?:also|more)|related|recommended|more from|most (?:read|popular|viewed)|trending|show comments|load more|view (?:comments|gallery|more)|continue reading|support|contribute|become a|enable|allow|accept|manage|thank you for|check out|find out more|learn more|sponsored|advertisement|promoted|up next|you may also like|you might also like|don'?t miss|explore|discover|try|buy|order|shop|send us|contact us|write to|bookmark)\b/i;

/** Verbs that label buttons, as the first word of a line of four words or fewer ("Get short URL", "Copy link"). */
const SHORT_COMMAND =
  /^(?:get|copy|save|send|open|close|hide|show|expand|collapse|embed|reply|report|edit|cancel|submit|post|view|play|pause|mute|zoom|adjust|change|select|choose|switch|toggle|reset|refresh|reload|next|previous|prev|back|top)\b/i;

/** Words of site furniture: where two or more meet in a line, it is about the site, not the news. */
const CHROME_WORDS =
  /\b(?:support|donat\w*|subscri\w*|newsletter|notification\w*|browser|preferences|cookies?|paywalls?|journalism|readers?|comment\w*|forum|register\w*|logged|log in|sign up|advert\w*|sponsor\w*|click|share|app|e-?mail|privacy|terms|rights reserved|copyright|podcasts?|radio|streaming|archives|mp3s?|membership|premium|free trial|refresh|page|site|website|blog|account|password|inbox|alerts?|updates|follow us|twitter|facebook|instagram|youtube|whatsapp|telegram)\b/gi;

/** Addressed to the reader or speaking as the outlet ("your support", "we need reporters"). */
const SELF_OR_READER = /\b(?:[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|us)\b/;

/** A caption's photo credit at the end of a line, or a credit line. */
const CREDIT =
  /(?:\((?!(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|Transcript|Video|Audio|Photos?|Updated?|Live|Opinion|Analysis|Interview|Explainer|Full [Tt]ext|Watch|Listen|Exclusive|Podcast)\))(?:[A-Z][\w.&/ -]{1,40}|Getty(?: Images)?|File(?: photo)?)\)|\[(?:[A-Z][\w.&/ -]{1,40})\])\s*$|(?:\bphoto(?:graph)?s?|\bimage|\bpicture|\bcredit)\s*(?:by|:|©)|©|\bGetty Images\b|\/\s*(?:Reuters|AFP|AP|EPA|Getty)\b/i;

/** A wire photo credit ("REUTERS/Sergei Karpukhin", "AP Photo/Ivan Sekretarev"): the line is a caption. */
const PHOTO_CREDIT =
  /\b(?:REUTERS|Reuters|AFP|AP(?: Photo)?|EPA(?:-EFE)?|Getty Images|SPUTNIK|Sputnik|TASS|ANADOLU|POOL)\s*\/\s*\p{Lu}/u;

/** An outlet's photo credit ("(UPI Photo/Jane Roe)"): tested only on lines that say "Photo". */
const OUTLET_PHOTO = /\b\p{Lu}{2,6} Photo\s*\/\s*\p{Lu}/u;

/** A photo passed on by an agency, closing a caption: "Jane Roe/Example News via AP". */
const VIA_CREDIT = /\/\s*\p{Lu}[\p{L}.&' -]{1,40}\s+via\s+(?:AP|AFP|Reuters|Getty Images|EPA)\)?\s*$/u;

/** Words glued where a menu lost its separators ("FinancialGovernment SolutionsLegal"). */
const GLUED_WORDS = /\p{Ll}{2}\p{Lu}\p{Ll}/gu;

/** Emoji and pictographs (not ©/®/™): promos and teasers, not news prose. */
const PICTOGRAPH = /(?![©®™])\p{Extended_Pictographic}/u;
/** A cheap first test for {@link PICTOGRAPH}: symbols and emoji live above U+2190. */
const MAYBE_PICTOGRAPH = /[\u2190-\u2bff\ud83c-\ud83e]/;

/** The site's banner ("An official website of the United States government"). */
const SITE_BANNER = /^(?:an?\s+|the\s+)?official\s+(?:web\s*)?(?:site|portal)\s+of\b/i;

/** ", City, Country, April 12, 2017." closing a line: how wire captions end. */
const CAPTION_PLACE_DATE =
  /\bin \p{Lu}[\p{L}.' -]+,\s+\p{Lu}[\p{L}.' -]+,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?\s+\d{1,2},\s+(?:19|20)\d{2}\.?$/u;

/** A year and full stop, then a photographer's name glued to it: a caption's lost credit. */
const GLUED_PHOTOGRAPHER = /(?:19|20)\d{2}\.\s?\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u;

/** Navigation: section names parted by slashes or angle brackets, or a menu starting at "Home". */
const BREADCRUMB =
  /^(?:\p{Lu}[\p{L}&' -]*(?:\s+[/>»]\s+\p{Lu}[\p{L}&' -]*)+|Home(?=.*\b(?:News|World|Search|Contact|About|Archive|Video|Politics|Opinion|Business|Sports?)\b)(?:\s+[\p{L}&'-]+)+)$/u;

/** A wire photo credit closing a long caption: "(AP Photo/Jane Roe, File)", "REUTERS/Jane Roe". */
const LONG_CAPTION_CREDIT =
  /\((?:AP|AFP|Reuters|EPA|Getty)(?: Photo)?\s*\/[^)]{2,60}\)\s*$|\b(?:REUTERS|AFP|EPA)\s*\/\s*\p{Lu}[\p{L} .'-]{2,40}$/u;

/** Picture language typical of captions. */
const CAPTION_CUES =
  /\((?:L|R|C|left|right|centre|center)\)|\b(?:pictured|file photo|attends?|gestures?|looks on|poses?)\b/;

const META_LINE =
  /^(?:\d+\s*(?:min(?:ute)?s?|hours?)\s+read|comments?(?:\s*\(\d+\))?|\d+\s*comments?|share(?: this)?(?: article)?|print|email|advertisement|sponsored|listen|video|photo|image|gallery|loading\.*|close|menu|search|home|news|world|politics|opinion|more|top stories|latest|updated|breaking news|live|watch|tags?:.*|topics?:.*|filed under.*|posted in.*)$/i;

const LINK_LIKE = /https?:\/\/|www\.|\.(?:com|org|net|co\.uk)\b|@\w{2,}|\s[|•»›]\s|^\W+$|[|•»›]\s*$/i;

const BOILERPLATE =
  /\b(?:will not be published|required fields are marked|fields marked with|notify me of (?:new|follow-up)|save my name|contributed to this (?:story|report|article)|all rights reserved|this (?:article|story) (?:was|has been) (?:updated|amended|corrected)|is not responsible for|the views expressed|originally (?:published|appeared)|reporting by|editing by|additional reporting|this (?:article|story|content) is more than \d+ \w+ old)\b/i;

const WORD_WITH_LETTER = /[^\s]*[A-Za-z\u00c0-\uffff][^\s]*/g;

/** Word count: space-separated tokens with a letter (cheap: no Unicode regex per word). */
function wordCount(line: string): number {
  // One pass over the code units: a token ends at ASCII white space or U+00A0. The other
  // Unicode spaces are both white space and in the letter range of WORD_WITH_LETTER, where
  // the regex's own reading applies: the rare line holding one is left to it.
  let n = 0;
  let letter = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) {
      if (letter) n++;
      letter = false;
    } else if (c >= 0xc0) {
      if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f)
        return line.match(WORD_WITH_LETTER)?.length ?? 0;
      if (c === 0x205f || c === 0x3000 || c === 0xfeff) return line.match(WORD_WITH_LETTER)?.length ?? 0;
      letter = true;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letter = true;
  }
  return letter ? n + 1 : n;
}

/**
 * Whether `line` can hold two {@link GLUED_WORDS} matches: each needs its own place where a
 * lower-case letter meets a capital (beyond ASCII, any code unit may be either).
 */
function mayHaveTwoGluedWords(line: string): boolean {
  let found = 0;
  for (let i = 2; i < line.length - 1; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c >= 0x80)) continue;
    const prev = line.charCodeAt(i - 1);
    if (!((prev >= 97 && prev <= 122) || prev >= 0x80)) continue;
    const prev2 = line.charCodeAt(i - 2);
    if (!((prev2 >= 97 && prev2 <= 122) || prev2 >= 0x80)) continue;
    const next = line.charCodeAt(i + 1);
    if (!((next >= 97 && next <= 122) || next >= 0x80)) continue;
    if (++found >= 2) return true;
  }
  return false;
}

/** Removes quoted passages, so "we" inside a quote does not make a line sound like the outlet speaking. */
function withoutQuotes(line: string): string {
  return line.replace(/“[^”]*”|"[^"]*"/g, ' ');
}

/** Lines where the outlet speaks to its readers (donations, sign-ups), whatever their length. */
function appealReason(line: string, n = 41): string | null {
  const plain = withoutQuotes(line);
  const hits = plain.match(CHROME_WORDS)?.length ?? 0;
  if (hits >= 2 && n <= 12) return 'site furniture';
  if (hits >= 2 && SELF_OR_READER.test(plain)) return 'appeal to the reader';
  if (
    hits >= 1 &&
    /\b(?:your support|your donation|support us|support our|support free|our journalism|our reporting|our readers|we need|we believe|help us|helps us)\b/i.test(
      plain,
    )
  ) {
    return 'appeal to the reader';
  }
  if (
    /\b(?:[Ww]e|[Oo]ur)\b/.test(plain) &&
    /\b(?:journalis\w+|reporters?|reporting|readers|newsroom|stories|the story)\b/i.test(plain)
  ) {
    return 'outlet speaking';
  }
  return null;
}

/** Why a single line is chrome, or null when it reads as article text. */
export function chromeReason(line: string): string | null {
  const n = wordCount(line);
  if (n === 0) return 'no words';
  // A long line is prose: only an appeal to the reader can make it chrome, or a wire photo's
  // caption ("FILE - In this Sept. 22 file photo, …", "… (AP Photo/Jane Roe, File)").
  if (n > 40) {
    if (n <= 100 && (/^FILE\s*[-–—]\s/.test(line) || LONG_CAPTION_CREDIT.test(line))) return 'caption';
    return appealReason(line);
  }
  if (META_LINE.test(line)) return 'meta line';
  if (SITE_BANNER.test(line) && n <= 15) return 'site banner';
  if (/^(?:copyright\b|©|\(c\)\s*\d{4})/i.test(line) && n <= 30) return 'copyright';
  if (
    n <= 70 &&
    (PHOTO_CREDIT.test(line) ||
      (line.includes(' Photo') && OUTLET_PHOTO.test(line)) ||
      (line.includes(' via ') && VIA_CREDIT.test(line)))
  )
    return 'caption';
  if (mayHaveTwoGluedWords(line) && (line.match(GLUED_WORDS)?.length ?? 0) >= 2) return 'glued menu';
  if (n <= 25 && MAYBE_PICTOGRAPH.test(line) && PICTOGRAPH.test(line)) return 'emoji promo';
  if (BOILERPLATE.test(line)) return 'boilerplate';
  if (IMPERATIVE_START.test(line) && (n <= 20 || /[!]/.test(line))) return 'call to action';
  if (n <= 4 && SHORT_COMMAND.test(line) && !/[.!?"”]$/.test(line)) return 'button';
  // A longer button names what it acts on: the page itself ("Send a link to a friend", "Print this article").
  if (
    n <= 8 &&
    SHORT_COMMAND.test(line) &&
    !/[.!?"”]$/.test(line) &&
    /\b(?:link|friend|article|story|page|url|comments?|e-?mail|this)\b/i.test(line)
  )
    return 'button';
  if (LINK_LIKE.test(line) && n <= 25) return 'link-like';
  // A line that ends with a preposition lost its link ("He can be reached at").
  if (/\b(?:at|on|here|via)\s*:?$/i.test(line) && n <= 25 && !/[.!?"”]$/.test(line)) return 'dangling link';
  const letters = n <= 15 ? line.replace(/[^A-Za-z]/g, '') : '';
  if (
    letters.length >= 8 &&
    letters === letters.toUpperCase() &&
    /[!]|\b(?:HERE|MORE|NOW|FREE)\b/.test(line)
  ) {
    return 'shouting promo';
  }
  const appeal = appealReason(line, n);
  if (appeal) return appeal;
  if (CREDIT.test(line) && n <= 40 && !/[.!?]["”]?$/.test(line.replace(CREDIT, '').trim())) return 'caption';
  if (CAPTION_CUES.test(line) && n <= 40 && !/[.!?]$/.test(line)) return 'caption';
  // A wire photo's caption, its credit lost: it ends on the place and full date of the
  // picture ("… during talks in Moscow, Russia, April 12, 2017.").
  if (n <= 60 && /(?:19|20)\d{2}\.?$/.test(line) && CAPTION_PLACE_DATE.test(line)) return 'caption';
  // … or with the photographer's name glued after it ("…, August 9, 2016.Jane Roe").
  const glued = n <= 60 && /\d\.\s?\p{Lu}/u.test(line) ? GLUED_PHOTOGRAPHER.exec(line) : null;
  if (glued && CAPTION_PLACE_DATE.test(line.slice(0, glued.index + 5))) return 'caption';
  // A breadcrumb ("News / Middle East") or a menu opening with "Home": the site's navigation.
  if (n <= 8 && /[/>»]|^Home\b/.test(line) && BREADCRUMB.test(line)) return 'breadcrumb';
  return null;
}

/** The heading of a comment section ("Leave a Reply", "Comment Form", "12 comments"). */
const COMMENT_SECTION =
  /^(?:leave a (?:reply|comment)|comment form|post a comment|add (?:a |your )?comment|\d+\s+comments?|comments?(?:\s*\(\d+\))?|join the (?:discussion|conversation)|show comments|reader comments|have your say|discussion)\s*:?$/i;

/** The signature line of an embedded tweet: a dash, a name, the handle in brackets. */
export const TWEET_SIGNATURE = /^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)/;

/** A line with its chrome verdict. */
export interface ClassifiedLine {
  text: string;
  chrome: string | null;
  /** A photo caption: chrome for the body, still a clue to place and date. */
  caption: boolean;
}

/** Lower case, every run of other characters than a–z, 0–9, U+00C0–U+1FFF, U+2070 up as one space, trimmed. */
function norm(s: string): string {
  // By hand rather than a global replace: lines are mostly kept characters and single spaces.
  const lower = s.toLowerCase();
  let out = '';
  let i = 0;
  while (i < lower.length) {
    const from = i;
    while (i < lower.length && isNormKept(lower.charCodeAt(i))) i++;
    if (i === lower.length && from === 0) return lower.trim();
    out += lower.slice(from, i);
    if (i < lower.length) {
      out += ' ';
      while (i < lower.length && !isNormKept(lower.charCodeAt(i))) i++;
    }
  }
  return out.trim();
}

function isNormKept(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x1fff) || c >= 0x2070;
}

/**
 * Classifies every line. Beyond {@link chromeReason}: a line repeated on the page, or one
 * that another line starts with (caption text repeated as credit), is a caption or pull
 * quote; a line of the author's bio ends the article.
 */
export function classifyLines(lines: string[], author?: string | null): ClassifiedLine[] {
  const out: ClassifiedLine[] = lines.map((text) => {
    const reason = chromeReason(text);
    return { text, chrome: reason, caption: reason === 'caption' };
  });
  // Headlines listed under "Related" / "Read more" are links to other articles.
  let inRelated = false;
  for (const line of out) {
    if (
      line.chrome &&
      /^(?:related|recommended|more from|read more|most (?:read|popular|viewed|watched)|you may also like|you might also like|see also|trending|up next|more on this|further reading|watch|video|listen|audio|gallery|photos?|more videos)\b/i.test(
        line.text,
      )
    ) {
      inRelated = true;
      continue;
    }
    if (inRelated && !line.chrome && whitespaceSplitCount(line.text) <= 20 && !/[.!?"”]$/.test(line.text)) {
      line.chrome = 'related link';
      continue;
    }
    if (!line.chrome) inRelated = false;
  }
  // A comment section ends the article: what follows is the form, comments and blogroll.
  let prose = 0;
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    // Some 15 words or more: a line of prose (length is a cheap stand-in for a word count).
    if (!line.chrome && line.text.length >= 90) prose++;
    if (prose >= 3 && COMMENT_SECTION.test(line.text)) {
      for (let j = i; j < out.length; j++) out[j]!.chrome = out[j]!.chrome ?? 'comment section';
      break;
    }
  }
  // An embedded tweet: its signature ("— Jane Roe (@janeroe) May 11, 2016") and the tweet's
  // text above it are a quotation of another page, not the article's prose.
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    if (line.text.length > 120 || !TWEET_SIGNATURE.test(line.text)) continue;
    line.chrome = 'embedded tweet';
    line.caption = true;
    const above = out[i - 1];
    if (above && (!above.chrome || above.chrome === 'link-like') && wordCount(above.text) <= 60) {
      above.chrome = 'embedded tweet';
      above.caption = true;
    }
  }
  const seen = new Map<string, number>();
  let bodyNorms = '';
  const keys = out.map((l) => norm(l.text));
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    const key = keys[i]!;
    const next = out[i + 1];
    if (
      key.length >= 30 &&
      next &&
      keys[i + 1]!.startsWith(key) &&
      next.text.length > line.text.length &&
      // A headline's URL slug glued before the lede ("Kerry-meets-Lavrov. GENEVA, …") is no credit.
      !isSlugOf(next.text, line.text)
    ) {
      line.chrome = 'caption';
      line.caption = true;
      next.chrome = 'caption';
      next.caption = true;
    }
    const first = seen.get(key);
    if (first !== undefined && key.length >= 20) {
      line.chrome = line.chrome ?? 'repeated line';
    } else if (key.length >= 30 && !line.chrome && bodyNorms.includes(key)) {
      line.chrome = 'pull quote';
    }
    if (first === undefined) seen.set(key, i);
    if (!line.chrome) bodyNorms += `\n${key}`;
  }
  if (author) {
    const surname = author.split(/\s+/).pop() ?? author;
    const bio = new RegExp(
      `^(?:${escapeRe(author)}|${escapeRe(surname)})\\b.*\\b(?:lives|is an?|is the|writes|can be reached|contributes|has been|was born|author of)\\b`,
      'i',
    );
    const at = out.findIndex((l, i) => i > 2 && bio.test(l.text));
    if (at >= 0) for (let i = at; i < out.length; i++) out[i]!.chrome = out[i]!.chrome ?? 'author bio';
  }
  return out;
}

/** Whether `text` opens with `line` written as a URL slug, its words joined by hyphens. */
function isSlugOf(text: string, line: string): boolean {
  const slug = line.trim().split(/\s+/).join('-');
  return text.slice(0, slug.length).toLowerCase() === slug.toLowerCase();
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

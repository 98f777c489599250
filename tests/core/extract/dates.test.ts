import { describe, expect, it } from 'vitest';
import {
  dateFromUrl,
  isCaptionShaped,
  isCreditedCaption,
  normalizeDateValue,
  parseDateLine,
  resolveEventDate,
} from '../../../functions/core/extract/dates.js';

describe('parseDateLine', () => {
  it.each([
    ['Tuesday 15 December 2015 13:09 GMT', '2015-12-15'],
    ['15 October, 2016', '2016-10-15'],
    ['December 3, 2016', '2016-12-03'],
    ['Published: Dec. 3, 2016 5:04 p.m. ET', '2016-12-03'],
    ['Updated 2017-01-27', '2017-01-27'],
    ['Posted on 9 September 2016 at 10:15', '2016-09-09'],
  ])('reads %j', (line, date) => {
    expect(parseDateLine(line)).toBe(date);
  });
  it('ignores sentences that merely contain a date, and lines without a year', () => {
    expect(
      parseDateLine(
        'The ceasefire that began on 12 September 2016 collapsed after a week of heavy fighting in Aleppo.',
      ),
    ).toBeNull();
    expect(parseDateLine('January 27')).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://www.example.com/news/world/2016/09/09/kerry-lavrov/', '2016-09-09'],
    ['https://example.com/2016-09-09/kerry-lavrov.html', '2016-09-09'],
    ['https://example.com/news/20150212-ukraine-minsk-deal', '2015-02-12'],
    ['https://example.com/2016/13/45/bad', null],
    ['https://example.com/story/12345', null],
    [null, null],
  ])('reads %j', (url, date) => {
    expect(dateFromUrl(url)).toBe(date);
  });
});

describe('normalizeDateValue', () => {
  it('reads ISO timestamps and free-form metadata dates', () => {
    expect(normalizeDateValue('2016-09-09T22:30:00-04:00')).toBe('2016-09-09');
    expect(normalizeDateValue('Fri, 09 Sep 2016 18:00:00 GMT')).toBe('2016-09-09');
    expect(normalizeDateValue('soon')).toBeNull();
  });
});

describe('resolveEventDate', () => {
  const ref = { published: '2016-10-15', publishedSource: 'text' as const, uploaded: null };

  it('resolves a past weekday to the latest such day on or before publication', () => {
    expect(resolveEventDate(['They met on Saturday in Switzerland.'], ref)).toMatchObject({
      date: '2016-10-15',
      dateSource: 'text',
    });
    expect(resolveEventDate(['Kerry said on Thursday that talks failed.'], ref).date).toBe('2016-10-13');
  });
  it("never takes a planned event's date: the report's own date stands", () => {
    expect(resolveEventDate(['Kerry says the envoys will meet on Monday in Geneva.'], ref).date).toBe(
      '2016-10-15',
    );
    expect(resolveEventDate(['Russia has agreed that the talks are set for October 20.'], ref).date).toBe(
      '2016-10-15',
    );
    expect(resolveEventDate(['Lavrov has invited them to Moscow on October 20.'], ref).date).toBe(
      '2016-10-15',
    );
    expect(
      resolveEventDate(['Both sides have said a truce would come into force from October 3.'], ref).date,
    ).toBe('2016-10-15');
  });
  it('gives a yearless date its most recent past occurrence', () => {
    expect(resolveEventDate(['He invited them to Moscow on December 28.'], ref).date).toBe('2015-12-28');
    const jan = { published: '2017-01-14', publishedSource: 'text' as const, uploaded: null };
    expect(resolveEventDate(['The invitation was extended on December 28.'], jan).date).toBe('2016-12-28');
  });
  it('does not date a deal that came after days of talks by the date line', () => {
    const lede = [
      'Three countries have agreed to monitor the truce.',
      'The deal came after two days of talks in the capital.',
    ];
    expect(resolveEventDate(lede, ref).date).toBeNull();
    expect(resolveEventDate(lede.slice(0, 1), ref).date).toBe('2016-10-15');
  });
  it('skips a date line glued to the lede and does not fall back for a past event of unstated day', () => {
    const r = resolveEventDate(['Nov 04, 2015 World leaders recently headed to Vienna for talks.'], {
      published: '2015-11-04',
      publishedSource: 'text',
      uploaded: null,
    });
    expect(r.date).toBeNull();
  });
  it('resolves yesterday, last week and a month-day against publication', () => {
    expect(resolveEventDate(['The ministers spoke yesterday.'], ref).date).toBe('2016-10-14');
    expect(resolveEventDate(['They talked last week.'], ref).date).toBe('2016-10');
    expect(resolveEventDate(['He met them in Moscow on October 12.'], ref).date).toBe('2016-10-12');
  });
  it('takes full dates from the text as they are', () => {
    expect(resolveEventDate(['The deal was signed on 12 February 2015 in Minsk.'], ref)).toMatchObject({
      date: '2015-02-12',
      dateSource: 'text',
    });
  });
  it('never takes the start date of a ceasefire', () => {
    const r = resolveEventDate(
      ['Kerry and Lavrov have discussed the truce which began on September 12.'],
      ref,
    );
    expect(r.date).toBe('2016-10-15');
    // Told in the past simple, with no day of its own, the talk has no date at all.
    expect(
      resolveEventDate(['Kerry and Lavrov discussed the truce which began on September 12.'], ref).date,
    ).toBeNull();
  });
  it('gives null when there is nothing to resolve a weekday against', () => {
    const r = resolveEventDate(['By Wednesday night, some agreement had emerged.'], {
      published: null,
      publishedSource: null,
      uploaded: null,
    });
    expect(r).toMatchObject({ date: null, dateSource: null });
  });
  it('lends the year of the upload to a month-day and says so, never a date after the upload', () => {
    const r = resolveEventDate(['Lavrov met them in Moscow on January 27.'], {
      published: null,
      publishedSource: null,
      uploaded: '2017-02-03',
    });
    expect(r).toMatchObject({ date: '2017-01-27', dateSource: 'uploaded' });
    const late = resolveEventDate(['Lavrov met them in Moscow on January 27.'], {
      published: null,
      publishedSource: null,
      uploaded: '2026-11-05',
    });
    expect(late).toMatchObject({ date: '2026-01-27', dateSource: 'uploaded' });
    const none = resolveEventDate(['Lavrov invited them to Moscow on January 27.'], {
      published: null,
      publishedSource: null,
      uploaded: null,
    });
    expect(none.date).toBeNull();
  });
  it("falls back to the publication date, with its source, for a lede told as the day's news", () => {
    expect(
      resolveEventDate(['Kerry has met Lavrov.'], {
        published: '2016-01-02',
        publishedSource: 'url',
        uploaded: null,
      }),
    ).toMatchObject({
      date: '2016-01-02',
      dateSource: 'url',
    });
  });
  it('does not read the verb "may" as a month', () => {
    expect(
      resolveEventDate(['Russia may 5 times increase its strikes.'], {
        published: null,
        publishedSource: null,
        uploaded: '2016-01-01',
      }).date,
    ).toBeNull();
  });
  it("does not give a past event of unstated day the date line's day", () => {
    // "The summit ended with …": the report is of some earlier, unstated day.
    expect(
      resolveEventDate(['The summit ended with a call for calm.'], ref, {
        lede: ['The summit ended with a call for calm.'],
      }).date,
    ).toBeNull();
    expect(resolveEventDate(['Putin met Obama at the UN.'], ref).date).toBeNull();
    // Present perfect, progressive or a present reporting verb: the day's news.
    for (const lede of [
      'The leaders have met in Paris.',
      'Putin is meeting Kerry in Moscow.',
      'The ministry says it is suspending contacts.',
    ])
      expect(resolveEventDate([lede], ref, { lede: [lede] }).date).toBe('2016-10-15');
  });
  it('reads the tense from the lede, not the present-tense headline', () => {
    const sentences = ['Kerry meets Lavrov in Geneva', 'Kerry met Lavrov in Geneva after a long delay.'];
    expect(resolveEventDate(sentences, ref, { lede: sentences.slice(1) }).date).toBeNull();
    expect(resolveEventDate(sentences, ref, { lede: ['Nov 04, 2015 Kerry has met Lavrov.'] }).date).toBe(
      '2016-10-15',
    );
  });
  it("takes the event's own place-dated line over the publication date, also for relative dates", () => {
    const posted = { published: '2016-09-10', publishedSource: 'text' as const, uploaded: null };
    expect(
      resolveEventDate(['Thank you all for your patience.'], posted, { placedDate: '2016-09-09' }),
    ).toMatchObject({
      date: '2016-09-09',
      dateSource: 'text',
    });
    expect(resolveEventDate(['Today we announce a plan.'], posted, { placedDate: '2016-09-09' }).date).toBe(
      '2016-09-09',
    );
    expect(resolveEventDate(['Today we announce a plan.'], posted).date).toBe('2016-09-10');
  });
  it('dates an unresolvable weekday by a caption of the event on that weekday only', () => {
    const none = { published: null, publishedSource: null, uploaded: null };
    const lede = ['Putin on Tuesday backed the idea of a force.'];
    const caption = 'Putin attends a news conference in Xiamen, China September 5, 2017. PHOTO: REUTERS';
    expect(resolveEventDate(lede, none, { captions: [caption] })).toMatchObject({
      date: '2017-09-05',
      dateSource: 'text',
      evidence: caption,
    });
    // 6 September 2017 was a Wednesday: the caption is of another day.
    expect(
      resolveEventDate(lede, none, { captions: [caption.replace('5, 2017', '6, 2017')] }).date,
    ).toBeNull();
    // A file picture or a portrait dates nothing.
    expect(resolveEventDate(lede, none, { captions: [`FILE - ${caption}`] }).date).toBeNull();
    expect(
      resolveEventDate(lede, none, { captions: ['Putin in Xiamen, China September 5, 2017.'] }).date,
    ).toBeNull();
    // Nothing in the text to agree with: a caption alone does not date the story.
    expect(
      resolveEventDate(['Putin backed the idea of a force.'], none, { captions: [caption] }).date,
    ).toBeNull();
  });
  it('dates a yearless month-day by a caption of the event on that day', () => {
    const none = { published: null, publishedSource: null, uploaded: null };
    const caption = 'Lavrov and Kerry shake hands before their meeting in Geneva on Sept. 9, 2016.';
    expect(resolveEventDate(['Lavrov met Kerry on September 9.'], none, { captions: [caption] }).date).toBe(
      '2016-09-09',
    );
    expect(
      resolveEventDate(['Lavrov met Kerry on September 8.'], none, { captions: [caption] }).date,
    ).toBeNull();
  });
  it('reads a caption taken for the standfirst as a caption, not as the event', () => {
    const pub = { published: '2016-08-26', publishedSource: 'text' as const, uploaded: null };
    const caption =
      'Putin shakes hands with Erdogan during a news conference after their meeting in Sochi, Russia, August 9, 2016.Jane Roe';
    const lede = 'Putin and Erdogan discussed Syria in a telephone conversation on Friday, the Kremlin said.';
    expect(resolveEventDate([caption, lede], pub).date).toBe('2016-08-26');
    const none = { published: null, publishedSource: null, uploaded: null };
    const file =
      'Defense Minister Ivan Petrov in Moscow on February 23, 2006. (UPI Photo/Jane Roe) | License Photo';
    expect(resolveEventDate([file, 'Petrov proposed joint strikes.'], none).date).toBeNull();
    // The same caption still dates a weekday it agrees with (9 August 2016 was a Tuesday).
    expect(resolveEventDate([caption, 'Putin met Erdogan on Tuesday.'], none, { captions: [] }).date).toBe(
      '2016-08-09',
    );
  });
  it('does not date what only could happen', () => {
    const pub = { published: '2016-05-20', publishedSource: 'text' as const, uploaded: null };
    expect(resolveEventDate(['Petrov said strikes could begin Wednesday.'], pub).date).not.toBe('2016-05-18');
    expect(resolveEventDate(['Petrov said strikes could begin Wednesday.'], pub).evidence).toBeNull();
  });
  it("takes a full date from a nearby sentence that names the lede's event again", () => {
    const none = { published: null, publishedSource: null, uploaded: null };
    const lede = ['Putin had a telephone conversation with Merkel and Macron.'];
    const body = [
      ...lede,
      'The conversation resulted in a joint statement:',
      'On August 22, 2017, the leaders had a telephone conversation.',
    ];
    expect(resolveEventDate(lede, none, { lede, body })).toMatchObject({
      date: '2017-08-22',
      evidence: body[2],
    });
    // A date of another event in the paragraph does not count.
    const other = [...lede, 'The Minsk package was adopted on February 12, 2015.'];
    expect(resolveEventDate(lede, none, { lede, body: other }).date).toBeNull();
  });
  it("resolves a reposted readout's 'today' against its source link's date, not the repost's", () => {
    const repost = { published: '2017-05-03', publishedSource: 'text' as const, uploaded: null };
    const readout = ['The two presidents spoke today regarding Syria.'];
    expect(resolveEventDate(readout, repost, { sourceDate: '2017-05-02' })).toMatchObject({
      date: '2017-05-02',
      dateSource: 'url',
    });
    // A link of the same day changes nothing; an old link (a related story) is not the source.
    expect(resolveEventDate(readout, repost, { sourceDate: '2017-05-03' }).date).toBe('2017-05-03');
    expect(resolveEventDate(readout, repost, { sourceDate: '2017-03-01' }).date).toBe('2017-05-03');
  });
});

describe('isCaptionShaped', () => {
  it('knows a caption by its credit or by its place-and-date ending, not prose dates', () => {
    expect(
      isCaptionShaped('Lavrov speaks at a news conference in Moscow, Russia, January 17, 2017. Jane Roe'),
    ).toBe(true);
    expect(isCaptionShaped('Ivan Petrov in Moscow on February 23, 2006. (UPI Photo/Jane Roe)')).toBe(true);
    expect(isCaptionShaped('Kerry and Lavrov met in Geneva on Friday, September 9, 2016.')).toBe(false);
    expect(isCaptionShaped('The ministers agreed the text on September 9, 2016, officials said.')).toBe(
      false,
    );
  });
});

describe('isCreditedCaption', () => {
  it('knows a caption in the body by the photo credit that closes it', () => {
    expect(
      isCreditedCaption('Zarif and Mogherini spoke in Vienna on Jan. 16, 2016. (Jane Roe/Reuters)'),
    ).toBe(true);
    expect(isCreditedCaption('Kerry met Lavrov in Geneva (Switzerland).')).toBe(false);
  });
});

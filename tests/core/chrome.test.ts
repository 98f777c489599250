import { describe, expect, it } from 'vitest';
import { chromeReason, classifyLines, toLines } from '../../functions/core/chrome.js';

describe('toLines', () => {
  it('splits sentences glued by a lost line break, but not abbreviations or names', () => {
    expect(toLines('Your support makes all the difference.John Kerry met Sergey Lavrov.')).toEqual([
      'Your support makes all the difference.',
      'John Kerry met Sergey Lavrov.',
    ]);
    expect(toLines('The U.S. said so.\n\n  Mr. Lavrov agreed.  ')).toEqual([
      'The U.S. said so.',
      'Mr. Lavrov agreed.',
    ]);
  });
});

describe('chromeReason', () => {
  it.each([
    'Join our commenting forum',
    'Share Our Stories! - Click Here',
    'GET VISIBLE! Advertise Here. Find Out More',
    'Notifications can be managed in browser preferences.',
    'Stay up to date with notifications from The Example Times',
    'Your support makes all the difference.',
    'At such a critical moment, we need reporters on the ground. Your donation allows us to keep sending journalists.',
    '2 min read',
    'Comments',
    'Read more: Kerry warns Russia over Aleppo',
    'Sign up to our free daily newsletter',
    'Follow us on Twitter @example',
    'Syrian activists are holding protests outside the conference [AFP]',
    'Russian President Vladimir Putin (R) shakes hands with John Kerry (Reuters)',
    'Reporting by Jane Roe; Editing by John Doe',
    'Agencies contributed to this story.',
    'Visit his blog site at',
    'Photo: Getty Images',
    'An official website of the Example Republic government',
    'Foreign ministers meet in Vienna, Austria, May 17, 2016. REUTERS/Jane Roe',
    'Two ministers shake hands after their talks in Vienna, Austria, May 17, 2016.',
    'Send a link to a friend',
    'FILE - In this Sept. 22, 2016 file photo, a foreign minister speaks in New York. The minister is threatening to cut off all contacts with the other side unless attacks on the city end, the ministry says, after a telephone call on Wednesday.',
    'World leaders pose for a family photo in Paris. AP Photo/John Doe',
    'MarketsPoliticsSportsWorld',
    'Start the day smarter ☀️ Top stories',
    'Get short URL',
    'Copy link',
    'Copyright 2016 The Example Press. All rights reserved.',
    'Your email address will not be published. Required fields are marked *',
  ])('flags %j', (line) => {
    expect(chromeReason(line)).not.toBeNull();
  });

  it.each([
    'John Kerry and Sergey Lavrov are locked in discussions over future talks.',
    "The US, Russia and regional powers engaged in Syria's war met on Saturday in Switzerland.",
    '“We will support any agreement that ends the bombing,” Mr Lavrov told reporters in Moscow.',
    'Russia has said it is not bringing anything new to the table.',
    'Mr Kerry said the talks would resume next week, and urged Moscow to use its influence with Damascus.',
    'The Syrian Observatory for Human Rights reported that 327 civilians had been killed.',
    'U.S. and Russia Announce Plan for Peace in Syria (Transcript)',
    'Published April 2, 2015 6:04PM (EDT)',
    'McDonald and MacArthur met in Geneva on Monday.',
    'Get ready for talks, Lavrov tells Kerry',
  ])('keeps %j', (line) => {
    expect(chromeReason(line)).toBeNull();
  });
});

describe('chromeReason: photo credits', () => {
  it('reads a credit of a photo passed on by an agency, and an outlet photo credit, as captions', () => {
    expect(
      chromeReason(
        'The president meets workers during a visit to a factory, on Nov. 25, 2015. Jane Roe/Example News via AP',
      ),
    ).toBe('caption');
    expect(
      chromeReason('The minister in the capital on February 23, 2006. (UPI Photo/Jane Roe) | License Photo'),
    ).toBe('caption');
  });
});

describe('chromeReason: navigation and glued credits', () => {
  it('reads breadcrumbs and a menu opening with Home as navigation, not a Home Secretary headline', () => {
    expect(chromeReason('News / Middle East')).toBe('breadcrumb');
    expect(chromeReason('Home Archive Search Sponsors About us Contact')).toBe('breadcrumb');
    expect(chromeReason('Home Secretary resigns over visa row')).toBeNull();
  });
  it('reads a caption whose credit lost its slash and was glued to the date', () => {
    expect(
      chromeReason(
        'The president shakes hands with his guest during a news conference in St. Petersburg, Russia, August 9, 2016.Jane Roe',
      ),
    ).toBe('caption');
  });
});

describe('chromeReason: pictographs', () => {
  it('treats emoji as promo but not the copyright sign', () => {
    expect(chromeReason('Start the day smarter ☀️')).toBe('emoji promo');
    expect(chromeReason('© 2016 Example News Service')).not.toBe('emoji promo');
  });
});

describe('classifyLines', () => {
  it('marks a caption repeated with its credit, and a pull quote repeating the body', () => {
    const lines = [
      'Kerry meets Lavrov in Moscow, Russia, 15 December 2015',
      'Kerry meets Lavrov in Moscow, Russia, 15 December 2015 (EPA)',
      '"We are not pursuing this directly with the Russians any more," one official said.',
      'We are not pursuing this directly with the Russians any more.',
    ];
    const out = classifyLines(lines);
    expect(out.map((l) => l.chrome !== null)).toEqual([true, true, false, true]);
    expect(out[0]?.caption).toBe(true);
  });
  it('ends the article at a comment section after the body, but not at a menu item above it', () => {
    const body =
      'Foreign ministers met in Paris on Friday and agreed to keep talking about the withdrawal of heavy weapons.';
    const out = classifyLines([
      'Comments',
      'Ministers meet in Paris',
      body,
      body.replace('Paris', 'Minsk'),
      body.replace('Paris', 'Kiev'),
      'Leave a Reply',
      'Blogroll of friends in Rome',
    ]);
    expect(out.map((l) => l.chrome)).toEqual([
      expect.any(String),
      null,
      null,
      null,
      null,
      'comment section',
      'comment section',
    ]);
  });
  it('marks the label under a video prompt as a link', () => {
    const out = classifyLines([
      'Kerry said the deal was a step forward for the region.',
      'WATCH: Kerry on the deal',
      'Kerry on the Iran nuclear agreement',
    ]);
    expect(out[2]?.chrome).toBe('related link');
  });
  it("cuts the author's bio and everything after it", () => {
    const out = classifyLines(
      [
        'Talks resume in Geneva',
        'By Jane Roe',
        'The talks went on for hours in Geneva.',
        'Both sides said progress had been made on aid deliveries.',
        'Jane Roe lives in Chicago.',
        'Her new book is out.',
      ],
      'Jane Roe',
    );
    expect(out.map((l) => l.chrome !== null)).toEqual([false, false, false, false, true, true]);
  });
  it("does not take a headline for a caption when the next line opens with the headline's URL slug", () => {
    const out = classifyLines([
      'Minister proposes joint airstrikes with partners in the region',
      'Minister-proposes-joint-airstrikes-with-partners-in-the-region. MOSCOW, The minister proposed joint strikes.',
    ]);
    expect(out.map((l) => l.chrome)).toEqual([null, null]);
  });
  it("marks an embedded tweet's signature and its text as a caption, not prose", () => {
    const out = classifyLines([
      'The ministers met in the capital on Wednesday and made no breakthrough, the host said.',
      'Minister arrived at the villa to take part in the ministerial meeting pic.twitter.com/abc123',
      '— Example Ministry (@example_mfa) May 11, 2016',
      'The host said the meeting focused on the preparation of local elections.',
    ]);
    expect(out.map((l) => l.caption)).toEqual([false, true, true, false]);
  });
});

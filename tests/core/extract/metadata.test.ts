import { describe, expect, it } from 'vitest';
import { toLines } from '../../../functions/core/chrome.js';
import {
  cleanAuthor,
  closingNumericDate,
  jalaliToGregorian,
  publisherFromUrl,
  publisherNamed,
  readDateLine,
  readLayout,
  splitSiteName,
} from '../../../functions/core/extract/metadata.js';

const layout = (text: string, title: string | null = null) => readLayout(toLines(text), title);

describe('readLayout', () => {
  it('finds headline, standfirst, a name line above a date line, and the body', () => {
    const l = layout(`Home
World
Kerry and Lavrov fail to agree on new Syria ceasefire
Ministers meet with regional powers but no breakthrough is announced
Patrick Wintour Diplomatic editor
Sat 15 Oct 2016 18.52 BST
Share on Facebook
The US and Russia have failed to agree on a new ceasefire for Syria after talks in Lausanne.
Kerry said there had been no breakthrough.`);
    expect(l.title).toBe('Kerry and Lavrov fail to agree on new Syria ceasefire');
    expect(l.standfirst).toBe('Ministers meet with regional powers but no breakthrough is announced');
    expect(l.author).toBe('Patrick Wintour');
    expect(l.publishedInText).toBe('2016-10-15');
    expect(l.paragraphs).toEqual([
      'The US and Russia have failed to agree on a new ceasefire for Syria after talks in Lausanne.',
      'Kerry said there had been no breakthrough.',
    ]);
  });
  it('reads a wire dateline: city, agency, and strips it from the lede', () => {
    const l = layout(
      'Russia and US agree on Syria plan for Aleppo\nMOSCOW (Reuters) - Russia and the United States agreed on a plan for Aleppo, officials said.',
    );
    expect(l.dateline).toBe('Moscow');
    expect(l.agency).toBe('Reuters');
    expect(l.paragraphs[0]).toBe('Russia and the United States agreed on a plan for Aleppo, officials said.');
  });
  it('makes a title from the first sentence when there is no headline line', () => {
    const l = layout(
      'John Kerry met Sergey Lavrov in Geneva on Friday to discuss Syria, and they agreed to meet again next month after long talks.',
    );
    expect(l.title).toBe(
      'John Kerry met Sergey Lavrov in Geneva on Friday to discuss Syria, and they agreed to meet again next month after long talks.',
    );
    expect(l.paragraphs).toHaveLength(1);
  });
});

describe('readLayout: headlines among page chrome', () => {
  it('takes the line that a date line follows, not the menu or banner above it', () => {
    const l = layout(`Subscribe Register Login
Example Times of Somewhere
Ministers agree new round of talks on Ukraine in Minsk
March 3, 2016
MINSK — Foreign ministers agreed on Thursday to meet again next week, officials said after long talks in the Belarusian capital.`);
    expect(l.title).toBe('Ministers agree new round of talks on Ukraine in Minsk');
    expect(l.publishedInText).toBe('2016-03-03');
  });
  it('takes the repeated headline that a byline follows, past a menu and teasers', () => {
    const l = layout(`Sections
Kerry and Lavrov to meet in Geneva next week
Teaser about a storm in the south
Another teaser about oil markets today
January 20, 2016 / 3:36 PM
Kerry and Lavrov to meet in Geneva next week
Jane Roe
GENEVA (Reuters) - U.S. Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov will meet next week, diplomats said.`);
    expect(l.title).toBe('Kerry and Lavrov to meet in Geneva next week');
    expect(l.publishedInText).toBe('2016-01-20');
    expect(l.agency).toBe('Reuters');
  });
  it('prefers the first of a headline and its subhead', () => {
    const l = layout(`Council Adopts Resolution Endorsing Road Map for Peace in Syria
Ministers Agree Terrorism Must End, Differ over Role for Assad
The Security Council today endorsed a road map for a peace process in Syria, setting out a timetable for talks between the parties.`);
    expect(l.title).toBe('Council Adopts Resolution Endorsing Road Map for Peace in Syria');
  });
  it('does not take a closing paragraph above a byline at the end as the headline', () => {
    const l = layout(`Powers agree on framework for a nuclear deal
Negotiators will now begin writing a final text
LAUSANNE, Switzerland (AP) -- The United States, Iran and five other world powers on Thursday announced an understanding on the nuclear program.
Sanctions are to be rolled back after the nuclear agency confirms compliance with the deal.
By Jane Roe`);
    expect(l.title).toBe('Powers agree on framework for a nuclear deal');
    expect(l.agency).toBe('Associated Press');
    expect(l.paragraphs).toHaveLength(2);
  });
});

describe('readLayout: texts without a headline', () => {
  it('says a wire lede under a caption is no headline', () => {
    const l = layout(`A minister speaks at a news conference in Vienna, Austria, May 3, 2016. REUTERS/Jane Roe
VIENNA (Reuters) - Austria's foreign minister said on Tuesday he expected new talks between the parties to begin in the city within weeks.
He spoke after meeting his counterpart from Jordan.`);
    expect(l.titleSource).toBe('lede');
    expect(l.agency).toBe('Reuters');
  });
  it('does not take a hard-wrapped dateline line or a wrapped sentence for a headline', () => {
    const l = layout(`ROME, Oct 4 Ministers from four countries
agreed on Sunday to open a new round of talks on the
future of the region, including a monitoring mission
and more aid.
"We are ready to begin at once and
we expect the others to follow," the host minister
said.
The host minister said the talks would open in the
capital and that observers from the other countries
of the region would be asked to join them later.
(Reporting by Jane Roe)`);
    expect(l.titleSource).toBe('lede');
    // The sentences broken over lines are read whole.
    expect(l.paragraphs).toContain(
      '"We are ready to begin at once and we expect the others to follow," the host minister said.',
    );
    expect(l.title).toBe(
      'ROME, Oct 4 Ministers from four countries agreed on Sunday to open a new round of talks on the future of the region, including a monitoring mission and more aid.',
    );
  });
  it('takes no headline from below the first paragraph of prose', () => {
    const l =
      layout(`Ministers of four countries met in the capital on Sunday and agreed to open a new round of talks on the future of the region.
The talks are to include a monitoring mission, officials said after the meeting.
Related coverage on other topics
Oil prices climb as markets wait for more news`);
    expect(l.titleSource).toBe('lede');
  });
  it('does not make the title of a text without a headline from its date line', () => {
    const l = layout(`March 3, 2016
Ministers of four countries met in the capital on Sunday and agreed to open a new round of talks on the future of the region.
The talks are to include a monitoring mission, officials said after the meeting.`);
    expect(l.titleSource).toBe('lede');
    expect(l.title).toMatch(/^Ministers of four countries met/);
    expect(l.publishedInText).toBe('2016-03-03');
  });
  it("drops an unknown site's name after a bar from the headline", () => {
    const l = layout(`Ministers agree new round of talks on Ukraine | Example Daily
March 3, 2016
MINSK — Foreign ministers agreed on Thursday to meet again next week, officials said after long talks in the Belarusian capital.`);
    expect(l.title).toBe('Ministers agree new round of talks on Ukraine');
  });
  it('joins a headline broken in two and skips a share button before its date line', () => {
    const l = layout(`Allies expel envoys over spying, announce
new curbs on trade
Send a link to a friend
[March 4, 2016]
By Jane Roe
OSLO (Reuters) - Two governments on Thursday ordered the expulsion of ten diplomats over what they called spying on their ministries.`);
    expect(l.title).toBe('Allies expel envoys over spying, announce new curbs on trade');
    expect(l.titleSource).toBe('headline');
    expect(l.publishedInText).toBe('2016-03-04');
  });
});

describe('readLayout: authors', () => {
  it('takes a lone name under the headline as the author, past a caption', () => {
    const l = layout(`U.S. suspends talks with Russia on Syria
Soldiers walk through a camp in Aleppo province (AFP)
Jane Roe
The United States said Monday it was suspending talks with Russia on ending the violence in Syria.`);
    expect(l.author).toBe('Jane Roe');
    expect(l.paragraphs).toEqual([
      'The United States said Monday it was suspending talks with Russia on ending the violence in Syria.',
    ]);
  });
  it('does not take an outlet byline as the author', () => {
    const l = layout(`Tillerson meets Putin in Moscow
By The Associated Press
Russian President Vladimir Putin is meeting with U.S. Secretary of State Rex Tillerson at the Kremlin.`);
    expect(l.author).toBeNull();
    expect(l.agency).toBe('Associated Press');
  });
});

describe('readLayout: teasers in the body', () => {
  it('drops a headline-shaped teaser between two paragraphs, but keeps a cut-off last line', () => {
    const l = layout(`Kerry and Lavrov meet in Geneva to discuss Syria
GENEVA — Kerry and Lavrov met in Geneva on Friday to discuss a new ceasefire in Syria, officials said.
Nothing to celebrate this New Year in Aleppo
The two ministers spoke for more than five hours and agreed to meet again next week.
"I think everybody's patience with Russia has run`);
    expect(l.paragraphs).toEqual([
      'Kerry and Lavrov met in Geneva on Friday to discuss a new ceasefire in Syria, officials said.',
      'The two ministers spoke for more than five hours and agreed to meet again next week.',
      '"I think everybody\'s patience with Russia has run',
    ]);
  });
  it('keeps every line of a hard-wrapped wire item', () => {
    const wrapped = [
      'GENEVA, Sept 10 (Reuters) - Russia and the United States agreed',
      'on a plan on Saturday to bring peace to Syria, including a',
      'ceasefire from Monday, improved humanitarian access and joint',
      'targeting of militant groups, the two foreign ministers said',
      'after talks that ran late into the night in Geneva. The plan',
      'Then the foreign ministers spoke to reporters in the hotel',
      'lobby for more than an hour about the details of the plan.',
    ];
    const l = layout(['Russia and U.S. agree on a plan for Syria', ...wrapped].join('\n'));
    // Every line is kept, and a sentence broken over lines is read as one paragraph.
    expect(l.paragraphs.join(' ')).toBe(wrapped.join(' '));
  });
});

describe('readLayout: the outlet named in the text', () => {
  it.each([
    [
      'an outlet byline',
      'Ministers meet again on Syria in Vienna\nBy The Associated Press\nForeign ministers met in Vienna on Friday to discuss the war in Syria, officials said.',
      'Associated Press',
    ],
    [
      'an upper-case byline',
      'Germany welcomes a proposal on Ukraine peacekeepers\nBy EUOBSERVER\nGermany said it was pleased with the proposal to send peacekeepers to eastern Ukraine on Tuesday.',
      'EUobserver',
    ],
    [
      'a source line with a date',
      'Turkey and Russia agree a plan for Syria\nXinhua, December 28, 2016\nTurkey and Russia on Wednesday agreed on the framework of a nationwide ceasefire plan in Syria.',
      'Xinhua',
    ],
    [
      'a dateline with a date and agency',
      'Kerry calls talks frank\nWASHINGTON. May 12 (Interfax) - Kerry described as frank the discussion he had with Russian leaders in Sochi on Tuesday.',
      'Interfax',
    ],
    [
      'the agency after the dash of a dateline',
      'Ministers hold long talks in the capital\nVIENNA, 3 MAY — Interfax. The ministers of two countries held talks that lasted about four hours, officials said.',
      'Interfax',
    ],
    [
      'the outlet in brackets opening the text',
      'Ministers hold long talks in the capital\n(Xinhua) – The ministers of two countries held talks on Friday that lasted about four hours, officials said.',
      'Xinhua',
    ],
    [
      'a wire dateline of two cities',
      'Allies expel envoys over spying\nOSLO/WASHINGTON (Reuters) - Two governments on Thursday ordered the expulsion of ten diplomats over what they called spying.',
      'Reuters',
    ],
    [
      'the outlet after the reporter in a byline',
      'Ministers hold long talks in the capital\nBy Jane Roe, Reuters\nThe ministers of two countries held talks on Friday that lasted about four hours, officials said.',
      'Reuters',
    ],
    [
      'a sign-off line naming the outlet',
      'Ministers hold long talks in the capital\nThe ministers of two countries held talks on Friday that lasted about four hours, officials said.\nThey will meet again next month in the same city, a spokesman added later.\nBBC News\nLeave a comment',
      'BBC News',
    ],
    [
      'a dateline with an upper-case agency',
      'Russia invites new officials to talks\nASTANA. KAZINFORM - Russia has extended an invitation to the new administration to attend the talks this month.',
      'Kazinform',
    ],
    [
      'the site banner',
      'Official website of the President of Russia\nPresidents approve a joint statement on Syria\nNovember 11, 2017\nThe two presidents approved a joint statement on Syria following a conversation on the sidelines of the summit.',
      'President of Russia',
    ],
    [
      'the outlet speaking of itself',
      "Talks on Syria ceasefire continue\nThe two ministers met in Geneva on Friday for a second day of talks on a ceasefire.\nAl Jazeera's Jane Roe, reporting from Geneva, said progress was slow.",
      'Al Jazeera',
    ],
    [
      'a copyright line of an agency',
      'Powers agree on framework for a deal\nThe powers on Thursday announced an understanding outlining limits on the program after long talks.\n© 2015 The Associated Press. All rights reserved.',
      'Associated Press',
    ],
  ])('%s', (_what, text, publisher) => {
    expect(layout(text).agency).toBe(publisher);
  });
  it('does not take an agency quoted by another outlet', () => {
    expect(
      layout(
        'Talks on Syria begin in Lausanne\nThe talks began on Saturday in Lausanne with regional powers at the table.\nA coalition official told AFP that the talks would fail.',
      ).agency,
    ).toBeNull();
  });
});

describe('readDateLine', () => {
  it.each([
    ['06 august / 2017', '2017-08-06'],
    ['Nov 04, 2015 More than a dozen world leaders met in Vienna.', '2015-11-04'],
    ['Published: 07.26.16, 12:59', '2016-07-26'],
    ['2016-12-29T18:32:00Z', '2016-12-29'],
    ['Published: 10:33 EST, 30 December 2016 | Updated: 10:33 EST, 30 December 2016', '2016-12-30'],
    ['01:51 GMT +330 March 2017', null],
    ['Published: 05.06.16', null],
    ['Kerry met Lavrov in Geneva to discuss the ceasefire agreed on 9 September 2016 and its future.', null],
  ])('%j → %j', (line, date) => {
    expect(readDateLine(line)).toBe(date);
  });
});

describe('splitSiteName', () => {
  it('splits a site name off a headline, but not a lone section word', () => {
    expect(splitSiteName('Iran nuclear talks: Framework deal agreed - BBC News')).toEqual({
      title: 'Iran nuclear talks: Framework deal agreed',
      publisher: 'BBC News',
    });
    expect(splitSiteName('Reuters | Kerry and Lavrov meet in Geneva')?.publisher).toBe('Reuters');
    expect(splitSiteName('World – BBC News')).toBeNull();
    expect(splitSiteName('Sochi talks on Ukraine were frank - Kerry')).toBeNull();
  });
  it('takes the title without its suffix in a layout', () => {
    expect(
      layout(
        'Iran nuclear talks: Framework deal agreed – BBC News\nIran and six powers agreed a framework on Thursday after talks in Lausanne.',
      ).title,
    ).toBe('Iran nuclear talks: Framework deal agreed');
  });
});

describe('jalaliToGregorian', () => {
  it.each([
    [1395, 10, 27, '2017-01-16'],
    [1394, 1, 1, '2015-03-21'],
    [1395, 1, 1, '2016-03-20'],
    [1395, 12, 30, '2017-03-20'],
    [1396, 6, 31, '2017-09-22'],
  ])('%i/%i/%i → %s', (y, m, d, date) => {
    expect(jalaliToGregorian(y, m, d)).toBe(date);
  });
  it('reads a Persian date line in Persian digits', () => {
    expect(readDateLine('تاریخ انتشار: ۱۳۹۵/۱۰/۲۷')).toBe('2017-01-16');
  });
});

describe('publisherNamed', () => {
  it('maps names and aliases of outlets, in any case, with or without "the"', () => {
    expect(publisherNamed('The Associated Press')).toBe('Associated Press');
    expect(publisherNamed('EUOBSERVER')).toBe('EUobserver');
    expect(publisherNamed('VOA')).toBe('Voice of America');
    expect(publisherNamed('Jane Roe')).toBeNull();
  });
});

describe('cleanAuthor', () => {
  it.each([
    ['By Stephen Lendman', 'Stephen Lendman'],
    ['By Arshad Mohammed and Lesley Wroughton', 'Arshad Mohammed and Lesley Wroughton'],
    ['By Jane Roe | December 3, 2016', 'Jane Roe'],
    ['By Jane Roe, Reuters', 'Jane Roe'],
    ['By staff', null],
  ])('%j → %j', (raw, name) => {
    expect(cleanAuthor(raw)).toBe(name);
  });
});

describe('publisherFromUrl', () => {
  it('maps a host or its parent domain to the outlet', () => {
    expect(publisherFromUrl('https://www.independent.co.uk/news/world/x.html')).toBe('The Independent');
    expect(publisherFromUrl('https://english.alaraby.co.uk/english/news/2016/10/15/x')).toBe('The New Arab');
    expect(publisherFromUrl('https://unknown.example/x')).toBeNull();
    expect(publisherFromUrl('not a url')).toBeNull();
  });
});

describe('readLayout: date lines', () => {
  it('reads the date a byline carries after an outlet name, with no separator', () => {
    const l = layout(`Kerry meets Lavrov in Geneva for fresh talks
By The Associated Press March 3, 2016 8:20 am < a min read
GENEVA (AP) — Kerry and Lavrov have met for talks on the truce in Syria and on aid.`);
    expect(l.publishedInText).toBe('2016-03-03');
    expect(l.publishedLine).toBe('By The Associated Press March 3, 2016 8:20 am < a min read');
  });
  it("does not take the dates of a sidebar's list of other posts for the page's", () => {
    const l = layout(
      `Kerry on the war in Syria
General Strike in Catalonia
June 4, 2016
Catalonia Won the Referendum?
June 3, 2016
Kerry on the war in Syria
by Jane Roe
Speaking in an interview, Kerry said the talks must go on and aid must reach the besieged towns.`,
      'Kerry on the war in Syria',
    );
    expect(l.publishedInText).toBeNull();
    expect(l.headerDateLines).toEqual([]);
  });
  it('still reads one date line under the headline', () => {
    const l = layout(`Kerry on the war in Syria
June 4, 2016
Speaking in an interview, Kerry said the talks must go on and aid must reach the besieged towns.`);
    expect(l.publishedInText).toBe('2016-06-04');
  });
  it('lists every header date line with the line above it', () => {
    const l = layout(`Kerry and Lavrov announce a plan for Syria
September 10, 2016
Remarks at a press availability
Geneva, Switzerland
September 9, 2016
SECRETARY KERRY: Thank you all for your patience during a very long day of talks.`);
    expect(l.publishedInText).toBe('2016-09-10');
    expect(l.headerDateLines.map((d) => [d.date, d.previous])).toEqual([
      ['2016-09-10', 'Kerry and Lavrov announce a plan for Syria'],
      ['2016-09-09', 'Geneva, Switzerland'],
    ]);
  });
});

describe('readLayout: headlines on scraped pages', () => {
  const lede =
    'The two countries signed an agreement on Tuesday to keep their aircraft apart over the region, officials said after the talks.';
  it('takes the line printed twice as the headline, not the standfirst between the copies', () => {
    const l = layout(`Two powers sign deal on air safety
Deal is no endorsement of the other side's campaign, says minister
Two powers sign deal on air safety
${lede}
A working group will meet next month to discuss how the deal works in practice.`);
    expect(l.title).toBe('Two powers sign deal on air safety');
    expect(l.paragraphs[0]).toBe(lede);
  });
  it('prefers the headline above a date line to a long summary under it', () => {
    const l = layout(`Top diplomats discuss preparations for peace talks
Politics & Diplomacy
January 16, 14:06 UTC+3
The foreign minister and his counterpart from the neighbouring country have held a telephone conversation on the settlement talks due in the capital next week
MOSCOW, January 16. /TASS/. The foreign minister and his counterpart have held a telephone conversation, the ministry said.`);
    expect(l.title).toBe('Top diplomats discuss preparations for peace talks');
  });
  it('does not take a sentence ending in a closing quote for a headline', () => {
    const l =
      layout(`Military officials held a video conference on Wednesday on the safety of flights over the region, a spokesman announced in a release."
The department today held a video conference co-chaired by two officials of the defence ministries, the release said.`);
    expect(l.titleSource).toBe('lede');
  });
  it('reads a headline ending in an abbreviation above a dateline lede', () => {
    const l = layout(`Small state agrees to curb terror financing under deal with U.S.
KUWAIT CITY – The United States and the small state signed a memo of understanding on Tuesday on steps it will take to stop the funding of terrorism.`);
    expect(l.title).toBe('Small state agrees to curb terror financing under deal with U.S.');
    expect(l.titleSource).toBe('headline');
  });
  it('takes no video-player label with a time for a headline', () => {
    const l = layout(`LIVE VIDEO STARTS AT 1:41:31
The foreign ministers of the two countries are due to hold a press conference after the meeting of the support group in the city.
The final statement will focus on the ceasefire and on humanitarian aid, a news channel reported.`);
    expect(l.title).not.toContain('1:41:31');
    expect(l.titleSource).toBe('lede');
  });
  it('strips a kicker in capitals before a colon, and names the outlet when it opens the kicker', () => {
    const l = layout(`MESOP LATEST ON GENEVA : Opposition Requests Clarification after Invitation to Talks
The envoy sent out official invitations yesterday to peace talks set to begin in the city on Friday, though he did not say who was invited.`);
    expect(l.title).toBe('Opposition Requests Clarification after Invitation to Talks');
    expect(l.agency).toBe('MESOP');
  });
  it('keeps a mixed-case label before a colon as part of the headline', () => {
    const l = layout(`Peace talks: joint declaration released
The three guarantor countries released a joint declaration at the end of two days of talks in the capital on Tuesday.`);
    expect(l.title).toBe('Peace talks: joint declaration released');
  });
  it("does not glue a byline's places onto the headline", () => {
    const l = layout(`Nuclear deal: historic agreement in the capital – live updates
in Sydney, in London and in New York
Tue 14 Jul 2015 17.02 EDT
The president says every path to a weapon will be cut off under a historic agreement announced in the capital on Tuesday.`);
    expect(l.title).toBe('Nuclear deal: historic agreement in the capital – live updates');
    expect(l.paragraphs.join(' ')).not.toContain('in Sydney');
  });
  it("does not take a headline for a caption when the next line opens with the headline's URL slug", () => {
    const l = layout(`Minister proposes joint airstrikes with partners in the region
Minister-proposes-joint-airstrikes-with-partners-in-the-region. MOSCOW, The minister proposed conducting joint air strikes with the coalition against extremist groups.
The minister said strikes could begin on Wednesday, the ministry said in a statement.`);
    expect(l.title).toBe('Minister proposes joint airstrikes with partners in the region');
    expect(l.standfirst).toBeNull();
    expect(l.dateline).toBe('Moscow');
    expect(l.paragraphs[0]).toBe(
      'The minister proposed conducting joint air strikes with the coalition against extremist groups.',
    );
  });
  it('keeps the only paragraph of a video page as body, not as a standfirst', () => {
    const l = layout(`Secretary in the capital to pursue peace talks
The secretary is in the capital to seek unity on the conflict. The two sides disagree on a number of issues.
Watch video 02:19`);
    expect(l.standfirst).toBeNull();
    expect(l.paragraphs).toEqual([
      'The secretary is in the capital to seek unity on the conflict. The two sides disagree on a number of issues.',
    ]);
  });
});

describe('readLayout: publishers and dates of reposts', () => {
  const body = (n: number) =>
    `The two leaders met in the capital on Tuesday for talks on the conflict and agreed to meet again, officials said after meeting ${n}.`;
  it('reads a sign-off credit in brackets closing the body', () => {
    const l = layout(`Secretary meets president in the capital\n${body(1)}\n${body(2)} (Washington Post)`);
    expect(l.agency).toBe('The Washington Post');
  });
  it('reads an agency in brackets before a tilde opening a paragraph', () => {
    const l = layout(`Ministers to meet again\n${body(1)}\n(FNA) ~ ${body(2)}`);
    expect(l.agency).toBe('Fars News Agency');
  });
  it("reads the site's logo line", () => {
    const l = layout(
      `Daily Caller News Foundation logo\nSecretary signs pact with the small state\n${body(1)}`,
    );
    expect(l.agency).toBe('The Daily Caller');
  });
  it('does not take the outlet of a photo credit for the publisher', () => {
    const l = layout(
      `President orders sanctions after downing of jet\n${body(1)}\nThe president meets workers during a visit to a factory, on Nov. 25, 2015. Jane Roe/Sputnik via AP\n${body(2)}`,
    );
    expect(l.agency).toBeNull();
  });
  it('reads a bare "date YYYY-MM-DD" label, also when the lede follows it on the line', () => {
    const l = layout(`date 2017-06-28 ${body(1)}\n${body(2)}`);
    expect(l.publishedInText).toBe('2017-06-28');
    expect(l.paragraphs[0]).toBe(body(1));
  });
  it("does not take an embedded tweet's date for the page's", () => {
    const l = layout(`Ministers make no breakthrough at talks
The foreign ministers made no breakthrough at today's meeting in the capital, the host said after the talks.
Minister arrived at the villa to take part in the ministerial meeting pic.twitter.com/abc123
— Example Ministry (@example_mfa) May 11, 2016
${body(2)}`);
    expect(l.publishedInText).toBeNull();
    expect(l.captions).toEqual([
      'Minister arrived at the villa to take part in the ministerial meeting pic.twitter.com/abc123 — Example Ministry (@example_mfa) May 11, 2016',
    ]);
  });
  it("reads a digest's closing date stamp month first", () => {
    const l = layout(`Leader hosts king for talks\nSource: Washington Post\n“${body(1)}” (10/05/17)`);
    expect(l.publishedInText).toBe('2017-10-05');
    expect(l.agency).toBe('The Washington Post');
  });
});

describe('closingNumericDate', () => {
  it('reads a bracketed numeric date after the last sentence only', () => {
    expect(closingNumericDate('The talks ended. (10/05/17)')).toBe('2017-10-05');
    expect(closingNumericDate('The talks ended. (25/05/2017)')).toBe('2017-05-25');
    expect(closingNumericDate('The talks ended on (10/05/17) and more')).toBeNull();
    expect(closingNumericDate('Resolution 2254 (12/18)')).toBeNull();
  });
});

describe('readLayout: lines that are never the headline', () => {
  const lede =
    'The two ministers met in the capital on Tuesday and agreed to keep talking about the ceasefire, officials said.';
  it('takes no source label, logo line or bare date line for the headline of a page without one', () => {
    for (const first of [
      'Source: Washington Post',
      'Daily Caller News Foundation logo',
      '06 august / 2017',
    ]) {
      const l = layout(
        `${first}\n${lede}\nThe talks will resume next week in the same city, the ministry said.`,
      );
      expect(l.titleSource).toBe('lede');
    }
  });
  it('takes no banner in capitals for a headline when nothing after it makes one', () => {
    const l = layout(`TV AND RADIO COMPLEX OF THE PRESIDENT\nSome menu\n${lede}`);
    expect(l.title).not.toBe('TV AND RADIO COMPLEX OF THE PRESIDENT');
  });
  it('reads a short question as a headline', () => {
    const l = layout(`Is the ceasefire holding at last?\n${lede}`);
    expect(l.title).toBe('Is the ceasefire holding at last?');
    expect(l.titleSource).toBe('headline');
  });
  it('reads a sign-off after a dash and a copyright with (c)', () => {
    expect(layout(`Ministers meet in the capital\n${lede} — Reuters`).agency).toBe('Reuters');
    expect(layout(`Ministers meet in the capital\n${lede}\n(c) 2016 Example - Press TV`).agency).toBe(
      'Press TV',
    );
  });
  it('reads a "Posted by" byline as the author', () => {
    const l = layout(`Ministers meet in the capital\nPosted by Jane Roe\n${lede}`);
    expect(l.author).toBe('Jane Roe');
  });
});

describe('readLayout: lists of other stories', () => {
  it('takes no card of a trending list (headline, label, headline again) for the headline', () => {
    const l = layout(`Sections
Residents set to return to work after the storm
Storm aftermath
Residents set to return to work after the storm
Crude rises, gasoline falls as refineries restart
ENERGY
Crude rises, gasoline falls as refineries restart
The two ministers met in the capital on Tuesday and agreed to keep talking about the ceasefire, officials said.`);
    expect(l.title).not.toBe('Residents set to return to work after the storm');
    expect(l.title).not.toBe('Crude rises, gasoline falls as refineries restart');
  });
  it('strips an unknown site name after a dash when the page prints it again', () => {
    const l = layout(`Ministers agree to meet again next week – Example Daily Star
The two ministers met in the capital on Tuesday and agreed to keep talking about the ceasefire, officials said.
© 2016 Example Daily Star`);
    expect(l.title).toBe('Ministers agree to meet again next week');
  });
  it('keeps a dash clause that the page does not print elsewhere', () => {
    const l = layout(`Ministers agree to meet again – Talks Continue
The two ministers met in the capital on Tuesday and agreed to keep talking about the ceasefire, officials said.`);
    expect(l.title).toBe('Ministers agree to meet again – Talks Continue');
  });
});

import { describe, expect, it } from 'vitest';
import { chooseActors } from '../../../functions/core/extract/actors.js';
import { findMentions } from '../../../functions/core/extract/entities.js';
import type { Unit } from '../../../functions/core/extract/units.js';

function body(...sentences: string[]): Unit[] {
  return sentences.map((text, index) => ({ kind: 'body' as const, text, index }));
}

function participants(units: Unit[], type: Parameters<typeof chooseActors>[2], date: string): string[] {
  return chooseActors(units, findMentions(units, date), type, date).participants;
}

describe('chooseActors: a story that opens on the outcome', () => {
  const opening = [
    { kind: 'title' as const, text: 'Sanctions on Iran lifted after nuclear checks', index: -1 },
    ...body(
      'International sanctions on Iran were lifted on Saturday.',
      'Inspectors confirmed the country had met its commitments.',
      'Markets in Tehran rose sharply on the news.',
    ),
  ];
  it('takes two people the first naming sentence joins with "with"', () => {
    const units = [
      ...opening,
      ...body(
        '"This is a good day," said Federica Mogherini, who read a joint statement with Foreign Minister Mohammad Javad Zarif.',
      ).map((u) => ({ ...u, index: 3 })),
    ];
    expect(participants(units, 'sanctions', '2016-01-16')).toEqual([
      'Federica Mogherini',
      'Mohammad Javad Zarif',
    ]);
  });
  it('takes the two sides of a call "between" them', () => {
    const units = [
      ...opening,
      ...body('It followed a call between Sergey Kislyak and Michael Flynn in December.').map((u) => ({
        ...u,
        index: 3,
      })),
    ];
    expect(participants(units, 'sanctions', '2016-01-16')).toEqual(['Michael Flynn', 'Sergey Kislyak']);
  });
  it('does not take one person reacting to the outcome, nor two named side by side', () => {
    const oneReacts = [
      ...opening,
      ...body('German Foreign Minister Frank-Walter Steinmeier welcomed the result.').map((u) => ({
        ...u,
        index: 3,
      })),
    ];
    expect(participants(oneReacts, 'sanctions', '2016-01-16')).toEqual([]);
    const sideBySide = [
      ...opening,
      ...body('Frank-Walter Steinmeier and Jean-Marc Ayrault both welcomed the result.').map((u) => ({
        ...u,
        index: 3,
      })),
    ];
    expect(participants(sideBySide, 'sanctions', '2016-01-16')).toEqual([]);
  });
});

describe('chooseActors: heads of state as context', () => {
  it('drops a president named only further down when his minister stands for the country up front', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Kerry meets Putin in Moscow', index: -1 },
      ...body(
        'John Kerry met Vladimir Putin in Moscow on Thursday.',
        'The talks lasted three hours.',
        'Putin conveyed his regards to President Barack Obama.',
        '"My last conversation with Obama convinced me," Putin said.',
        'Kerry confirmed that Obama had agreed.',
      ),
    ];
    expect(participants(units, 'meeting', '2016-07-14')).toEqual(['John Kerry', 'Vladimir Putin']);
  });
  it('keeps a president named up front even when his minister is there too', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Putin and Lavrov receive Kerry', index: -1 },
      ...body('Vladimir Putin and Sergey Lavrov received John Kerry in Moscow on Thursday.'),
    ];
    expect(participants(units, 'meeting', '2016-07-14')).toEqual([
      'John Kerry',
      'Sergey Lavrov',
      'Vladimir Putin',
    ]);
  });
  it('counts a president-elect as the head of state he is about to be', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Obama expels Russian diplomats', index: -1 },
      ...body(
        'Barack Obama on Thursday ordered the expulsion of 35 Russian diplomats.',
        'The move sets up a clash with President-elect Donald Trump.',
        'It was not clear whether Trump would reverse it.',
        'Trump has brushed aside the allegations.',
      ),
    ];
    expect(participants(units, 'sanctions', '2016-12-29')).toEqual(['Barack Obama']);
  });
});

describe('chooseActors: photo captions kept as text', () => {
  it('does not take a person only placed in a photo ("X, left, and Y, right, arrive")', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Iran deal takes effect', index: -1 },
      {
        kind: 'standfirst',
        text: 'Foreign Minister Mohammad Javad Zarif, left, IAEA chief Yukiya Amano and Federica Mogherini, right, arrive in Vienna.',
        index: -1,
      },
      ...body('Federica Mogherini and Foreign Minister Mohammad Javad Zarif announced the end of sanctions.'),
    ];
    expect(participants(units, 'sanctions', '2016-01-16')).toEqual([
      'Federica Mogherini',
      'Mohammad Javad Zarif',
    ]);
  });
});

describe('chooseActors: people joined to a participant', () => {
  it('takes a person "along with" a chosen participant', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Trump and Putin meet in Hamburg', index: -1 },
      ...body(
        'Donald Trump and Vladimir Putin met in Hamburg on Friday, with Rex Tillerson at the table.',
        'The meeting ran for two hours.',
        'Both sides called it constructive.',
        'Observers were surprised by its length.',
        'Tillerson, along with Foreign Minister Sergey Lavrov, was the only other person in the room.',
      ),
    ];
    expect(participants(units, 'meeting', '2017-07-07')).toEqual([
      'Donald Trump',
      'Rex Tillerson',
      'Sergey Lavrov',
      'Vladimir Putin',
    ]);
  });
  it('takes the signatories of a text, deputy ministers too', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Memorandum on de-escalation zones signed in Astana', index: -1 },
      ...body(
        'Russia, Iran and Turkey signed a memorandum in Astana.',
        'The text was signed by Alexander Lavrentyev and by Deputy Foreign Minister Sedat Onal of Turkey.',
      ),
    ];
    expect(participants(units, 'agreement', '2017-05-04')).toEqual(['Alexander Lavrentyev', 'Sedat Onal']);
  });
  it('adds the named counterpart of a participant when sanctions are lifted under a deal', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Sanctions on Iran lifted', index: -1 },
      ...body(
        'Iranian Foreign Minister Mohammad Javad Zarif announced the lifting of sanctions on Saturday.',
        'Banks will reconnect to the global system.',
        'Oil exports are expected to rise.',
        'Secretary of State John Kerry called it a milestone.',
      ),
    ];
    expect(participants(units, 'sanctions', '2016-01-16')).toEqual(['John Kerry', 'Mohammad Javad Zarif']);
  });
});

describe('chooseActors: who the prose says took part', () => {
  it('takes the people a sentence lists as at the meeting, however junior or late', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Kerry and Zarif meet again in Geneva', index: -1 },
      ...body(
        'Secretary of State John Kerry and Iranian Foreign Minister Mohammad Javad Zarif met in Geneva on Sunday.',
        'Both sides said gaps remained.',
        'Talks resume on Monday.',
        'The meeting included for the first time U.S. Energy Secretary Ernest Moniz and Iran’s nuclear chief Ali Akbar Salehi.',
      ),
    ];
    expect(participants(units, 'talks', '2015-02-22')).toEqual([
      'Ali Akbar Salehi',
      'Ernest Moniz',
      'John Kerry',
      'Mohammad Javad Zarif',
    ]);
  });
  it('does not take people a sentence says will be at a later meeting', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Kerry and Zarif meet again in Geneva', index: -1 },
      ...body(
        'Secretary of State John Kerry and Iranian Foreign Minister Mohammad Javad Zarif met in Geneva on Sunday.',
        'Both sides said gaps remained.',
        'Talks resume on Monday.',
        'Next week the talks will include Ernest Moniz.',
      ),
    ];
    expect(participants(units, 'talks', '2015-02-22')).not.toContain('Ernest Moniz');
  });
  it('keeps an aide who is one side of the meeting the headline names', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Nuland and Surkov hold talks on Ukraine', index: -1 },
      ...body(
        'Consultations of the presidential aide Vladislav Surkov with Assistant Secretary of State Victoria Nuland ended on Friday.',
      ),
    ];
    expect(participants(units, 'talks', '2016-01-15')).toEqual(['Victoria Nuland', 'Vladislav Surkov']);
  });
  it('does not read an assistant secretary of state as the secretary', () => {
    const units: Unit[] = body(
      'Surkov met the U.S. assistant Secretary of state for European Affairs in Kaliningrad on Friday.',
    );
    const people = findMentions(units, '2016-01-15').people.map((p) => p.name);
    expect(people).not.toContain('John Kerry');
  });
  it('leaves out the people of an earlier update the decision follows', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'EU extends sanctions on Russia', index: -1 },
      ...body(
        'The European Union extended economic sanctions on Russia by six months.',
        'The decision follows an update from President Macron and Chancellor Merkel to the European Council.',
      ),
    ];
    expect(participants(units, 'sanctions', '2017-06-28')).toEqual([]);
  });
  it('leaves out a leader named for his team or for the administration he leads', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Russia invites US to Astana talks', index: -1 },
      ...body(
        'The incoming U.S. administration led by Donald Trump has been invited to the talks, Russian Foreign Minister Sergei Lavrov said.',
        'A source close to US President-elect Donald Trump’s management said the invitation would be considered.',
      ),
    ];
    expect(participants(units, 'invitation', '2017-01-17')).toEqual(['Sergey Lavrov']);
  });
});

describe('chooseActors: organizations', () => {
  it('reports a renamed group named with its old name once, under the old name', () => {
    const units = body('The truce does not apply to Daesh and Jabhat Fatah al Sham (al-Nusra Front).');
    const orgs = chooseActors(units, findMentions(units, null), 'ceasefire', null).organizations;
    expect(orgs).toEqual(['Islamic State', 'Jabhat al-Nusra']);
    const renamedOnly = body('The truce does not apply to Jabhat Fatah al-Sham.');
    expect(
      chooseActors(renamedOnly, findMentions(renamedOnly, null), 'ceasefire', null).organizations,
    ).toEqual(['Jabhat Fatah al-Sham']);
  });
});

describe('chooseActors: the lede and the leaders it lists', () => {
  it('reads the sentence after a headline printed again as the lede', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'DIGEST: Opposition asks for clarification', index: -1 },
      ...body(
        'Opposition asks for clarification',
        'U.N. Special Envoy for Syria Staffan de Mistura sent out invitations to peace talks yesterday.',
        'The opposition said it appreciated the invitation.',
      ),
    ];
    expect(participants(units, 'invitation', '2016-01-27')).toEqual(['Staffan de Mistura']);
  });
  it('takes the heads of the countries whose leaders the lede says agreed', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Ceasefire agreed after Minsk summit', index: -1 },
      ...body(
        'The leaders of Germany, France, Russia and Ukraine have agreed on a deal to end fighting.',
        'Ukrainian President Petro Poroshenko said a ceasefire would start on Sunday.',
        'Mr Poroshenko had been locked in talks with Russian President Vladimir Putin.',
        'The talks lasted 16 hours.',
        'Markets rose.',
        'German Chancellor Angela Merkel said the deal was a glimmer of hope.',
      ),
    ];
    expect(participants(units, 'ceasefire', '2015-02-12')).toContain('Angela Merkel');
  });
  it('takes the people who chaired a conference, a titled name with a middle initial too', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'US and Russian officials hold video conference on Syria', index: -1 },
      ...body(
        'A spokesman said the talks went well.',
        'The conference was co-chaired by Rear Adm. Michael J. Dumont, Deputy Director for Strategic Initiatives.',
      ),
    ];
    expect(participants(units, 'military_cooperation', '2017-02-08')).toEqual(['Michael J. Dumont']);
  });
});

describe('chooseActors: who a sentence says took part', () => {
  const lede = (title: string, ...rest: string[]): Unit[] => [
    { kind: 'title', text: title, index: -1 },
    ...body(...rest),
  ];
  it('takes every name of a long attendance list, "was also attended by" too', () => {
    const units = lede(
      'Vilk and Moro end first round of talks',
      'Foreign Minister Arno Vilk and Foreign Minister Dario Moro held talks for five hours on Monday.',
      'The meeting was also attended by the head of the national energy agency of the republic, Minister Tomas Rand, the deputies of the minister, Ambassador Lena Oske and Ambassador Pavel Kurr, special assistant to the president Minister Edo Vasko and Under Secretary of State for Political Affairs Wendy Sherman.',
    );
    expect(participants(units, 'talks', '2015-03-16')).toEqual(
      expect.arrayContaining(['Edo Vasko', 'Lena Oske', 'Pavel Kurr', 'Tomas Rand', 'Wendy Sherman']),
    );
  });
  it('takes the people a meeting "between X and Y" included', () => {
    const units = lede(
      'Ministers hold long talks',
      'Foreign Minister Arno Vilk and Foreign Minister Dario Moro held four hours of talks on Sunday.',
      'A spokeswoman said the weekend would be key.',
      'Analysts were cautious.',
      'Markets were calm.',
      'The meeting between Vilk and Moro included Energy Secretary Ernest Moniz.',
    );
    expect(participants(units, 'talks', '2015-03-16')).toContain('Ernest Moniz');
  });
  it('leaves out counterparts a participant is only scheduled to meet later', () => {
    const units = lede(
      'Vilk and Moro end first round of talks',
      'Foreign Minister Arno Vilk and Foreign Minister Dario Moro held talks for five hours on Monday.',
      'Experts were also present.',
      'The talks resume on Tuesday.',
      'Observers were hopeful.',
      'Vilk is scheduled to leave for Brussels later on Monday to discuss the talks with his counterparts, Frank-Walter Steinmeier and Laurent Fabius.',
    );
    expect(participants(units, 'talks', '2015-03-16')).toEqual(['Arno Vilk', 'Dario Moro']);
  });
  it('takes the other side of a phone call a participant says he had', () => {
    const units = lede(
      'Ceasefire to start at midnight',
      'A ceasefire will start at midnight on Saturday.',
      'President Arno Vilk spoke on state television.',
      'Rebels said they would respect it.',
      'Aid convoys are ready.',
      'Later, President Arno Vilk said he had a telephone call with Barack Obama and both welcomed the deal.',
    );
    expect(participants(units, 'ceasefire', '2016-02-22')).toEqual(['Arno Vilk', 'Barack Obama']);
  });
  it('reads past an appositive to the verb: "X, who is also an envoy of Y, met with Z"', () => {
    const units = lede(
      'Moscow invites Washington to the talks',
      'Deputy Foreign Minister Arno Vilk said the invitation had been sent.',
      'Others will follow.',
      'Earlier in the day, Vilk, who is also a special envoy of the president for the region, met with the ambassador in Moscow, John Tefft, to discuss the talks.',
    );
    expect(participants(units, 'invitation', '2017-01-13')).toEqual(['Arno Vilk', 'John Tefft']);
  });
  it('takes everyone in a list of people that held talks, once one of them takes part', () => {
    const units = lede(
      'Vilk hails hope after summit',
      'The summit ended on Thursday with a deal.',
      'Rebels must sign it.',
      'Nobody knows if they will.',
      "At the same time, President Arno Vilk, Ukraine's Petro Porochenko, President Dario Moro and Chancellor Lena Oske held talks on the political issues.",
    );
    expect(participants(units, 'ceasefire', '2015-02-12')).toEqual([
      'Arno Vilk',
      'Dario Moro',
      'Lena Oske',
      'Petro Poroshenko',
    ]);
  });
});

describe('chooseActors: the head of a delegation', () => {
  it('takes a junior official who leads a delegation, written after or before the name', () => {
    const after: Unit[] = [
      { kind: 'title', text: 'Talks close to a deal', index: -1 },
      ...body(
        'The guarantor countries are close to a deal on safe zones.',
        'Speaking at the meetings, Alexander Lavrentyev, who leads the Russian delegation, said a deal was near.',
      ),
    ];
    expect(participants(after, 'talks', '2017-05-03')).toEqual(['Alexander Lavrentyev']);
    const before: Unit[] = [
      { kind: 'title', text: 'Talks close to a deal', index: -1 },
      ...body(
        'The guarantor countries are close to a deal on safe zones.',
        'A deal is near, the head of the Iranian delegation, Hossein Jaberi Ansari, said.',
      ),
    ];
    expect(participants(before, 'talks', '2017-05-03')).toEqual(['Hossein Jaberi Ansari']);
  });
});

describe('chooseActors: whose authority an act is done under', () => {
  it('leaves out the leader an official acts for ("delegated to him by", "on behalf of")', () => {
    for (const lede of [
      'Under authority delegated to him by President Barack Obama, Secretary of State John Kerry signed the waivers.',
      'On behalf of President Barack Obama, Secretary of State John Kerry signed the waivers.',
    ]) {
      const units: Unit[] = [
        { kind: 'title', text: 'Sanctions waivers signed', index: -1 },
        ...body('Sanctions on Iran were lifted on Saturday.', lede),
      ];
      expect(participants(units, 'sanctions', '2016-01-16')).toEqual(['John Kerry']);
    }
  });
  it('leaves out the person whose proposal a response answers', () => {
    const units: Unit[] = [
      { kind: 'title', text: "The Pentagon responded to Shoigu's proposal on joint strikes", index: -1 },
      ...body(
        'The Pentagon does not intend to coordinate its actions with Russia, a spokesman said.',
        'The memorandum on flight safety works well, he added.',
      ),
    ];
    expect(participants(units, 'statement', '2016-05-21')).toEqual([]);
  });
});

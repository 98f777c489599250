import { describe, expect, it } from 'vitest';
import { chooseActors } from '../../../functions/core/extract/actors.js';
import { findMentions, officeHolder } from '../../../functions/core/extract/entities.js';
import type { Unit } from '../../../functions/core/extract/units.js';

function body(...sentences: string[]): Unit[] {
  return sentences.map((text, index) => ({ kind: 'body' as const, text, index }));
}

function people(text: string, date: string | null = null) {
  return findMentions(body(text), date).people.map((p) => p.name);
}

describe('people', () => {
  it('gives one canonical name to every spelling', () => {
    expect(people('Sergei Lavrov met Kerry. Mr Lavrov said so. Sergey Lavrov left.')).toEqual([
      'Sergey Lavrov',
      'John Kerry',
      'Sergey Lavrov',
      'Sergey Lavrov',
    ]);
  });
  it('resolves an office to its holder at the date, and stays silent when it cannot tell', () => {
    expect(people("Russia's foreign minister said the talks went well.")).toEqual(['Sergey Lavrov']);
    expect(people('The US Secretary of State arrived.', '2016-05-01')).toEqual(['John Kerry']);
    expect(people('The US Secretary of State arrived.', '2017-05-01')).toEqual(['Rex Tillerson']);
    // Kerry or Tillerson: without a date and without a name in the text, nobody.
    expect(people('The US Secretary of State arrived.')).toEqual([]);
  });
  it('recognises unknown people by the title that introduces them, and their surname later', () => {
    const m = findMentions(
      body('Yemeni Foreign Minister Abdulmalik al-Mekhlafi arrived.', 'Mr Mekhlafi said he was hopeful.'),
      null,
    );
    expect(m.people.map((p) => [p.name, p.country])).toEqual([
      ['Abdulmalik al-Mekhlafi', 'Yemen'],
      ['Abdulmalik al-Mekhlafi', 'Yemen'],
    ]);
  });
  it('flags spokespeople and deputies, and background mentions', () => {
    const m = findMentions(
      body(
        "Lavrov's deputy Sergey Ryabkov briefed journalists.",
        'Dmitry Peskov said nothing.',
        'They discussed the fate of President Bashar al-Assad.',
      ),
      null,
    );
    const flags = Object.fromEntries(
      m.people.map((p) => [p.name, { np: p.nonParticipant, bg: p.background }]),
    );
    expect(flags['Sergey Ryabkov']).toEqual({ np: true, bg: false });
    expect(flags['Dmitry Peskov']?.np).toBe(true);
    expect(flags['Bashar al-Assad']?.bg).toBe(true);
  });
  it('does not read "pro-Trump" as a mention of Trump', () => {
    expect(people('A pro-Trump group met.')).toEqual([]);
  });
});

describe('countries and organizations', () => {
  it('maps names, demonyms and government metonyms to countries', () => {
    const m = findMentions(
      body('Washington and the Kremlin traded blame; American and Russian officials met in Moscow.'),
      null,
    );
    expect(m.countries.map((c) => [c.country.name, c.form, c.locative])).toEqual([
      ['United States', 'metonym', false],
      ['Russia', 'body', false],
      ['United States', 'demonym', false],
      ['Russia', 'demonym', false],
      ['Russia', 'metonym', true],
    ]);
  });
  it('maps organization aliases and marks descriptors', () => {
    const m = findMentions(
      body(
        'Isis, Daesh, ISIL and the al-Qaeda-aligned Nusra Front, once affiliated with al-Qaeda, and the UN.',
      ),
      null,
    );
    expect(m.orgs.map((o) => [o.org.name, o.descriptor])).toEqual([
      ['Islamic State', false],
      ['Islamic State', false],
      ['Islamic State', false],
      ['al-Qaeda', true],
      ['Jabhat al-Nusra', false],
      ['al-Qaeda', true],
      ['United Nations', false],
    ]);
  });
  it('does not take a longer name apart ("Syrian Observatory for Human Rights" is no mention of Syria)', () => {
    const m = findMentions(body('The Syrian Observatory for Human Rights said 20 died.'), null);
    expect(m.countries).toEqual([]);
    expect(m.orgs.map((o) => o.org.name)).toEqual(['Syrian Observatory for Human Rights']);
  });
});

describe('chooseActors', () => {
  it('takes the people of the lede and repeated actors, not spokespeople or background figures', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Kerry and Lavrov hold talks on Syria', index: -1 },
      ...body(
        'John Kerry and Sergey Lavrov held talks in Geneva on Friday.',
        'State Department spokesman John Kirby said progress was made.',
        'The two men disagree over the future of President Bashar al-Assad.',
        'Turkey was not invited.',
      ),
    ];
    const actors = chooseActors(units, findMentions(units, '2016-09-09'), 'talks', '2016-09-09');
    expect(actors.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
    expect(actors.countries).toEqual(['Russia', 'Syria', 'United States']);
  });
  it('adds the named counterpart of a participant in talks', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Talks on Syria begin', index: -1 },
      ...body(
        'Secretary of State John Kerry arrived for talks.',
        'Weather was fine.',
        'Later, Lavrov told reporters he had no expectations.',
      ),
    ];
    const actors = chooseActors(units, findMentions(units, '2016-10-15'), 'talks', '2016-10-15');
    expect(actors.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
  });
});

describe('chooseActors: parties and background', () => {
  it('counts a country named once in an early sentence about the event, not one named once elsewhere', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Powers agree on Iran framework', index: -1 },
      ...body(
        'The United States and Iran announced an understanding on Thursday.',
        'The talks were long.',
        'The top diplomats of Britain, France and Germany also took part in the talks.',
        'Oil prices rose.',
        'Weather was fine.',
        'Traders in Japan watched closely.',
      ),
    ];
    const actors = chooseActors(units, findMentions(units, '2015-04-02'), 'agreement', '2015-04-02');
    expect(actors.countries).toEqual(['France', 'Germany', 'Iran', 'United Kingdom', 'United States']);
  });
  it('reads a name that only qualifies others ("Trump officials", "Trump\'s adviser") as background', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Lavrov invites Trump officials to Syria talks', index: -1 },
      ...body('Sergey Lavrov extended the invitation to Michael Flynn, Donald Trump’s designated adviser.'),
    ];
    const actors = chooseActors(units, findMentions(units, '2017-01-17'), 'invitation', '2017-01-17');
    expect(actors.participants).not.toContain('Donald Trump');
    expect(actors.participants).toContain('Sergey Lavrov');
  });
});

describe('chooseActors: junior officials and background clauses', () => {
  it('does not add an assistant secretary as the counterpart of a foreign minister', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Lavrov holds talks on Ukraine', index: -1 },
      ...body(
        'Foreign Minister Sergey Lavrov held talks in Zurich on Wednesday.',
        'Weather was fine.',
        'A meeting with Assistant Secretary of State Victoria Nuland was arranged later.',
      ),
    ];
    const actors = chooseActors(units, findMentions(units, '2016-01-20'), 'talks', '2016-01-20');
    expect(actors.participants).toEqual(['Sergey Lavrov']);
  });
  it('reads a leader named in a "since" clause or by his air force as background', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Tillerson and Lavrov meet in Bonn', index: -1 },
      ...body(
        'Rex Tillerson and Sergey Lavrov met for the first time since President Donald Trump took office.',
        'They agreed that Assad air attacks and Bashar al-Assad’s air force must stop.',
      ),
    ];
    const actors = chooseActors(units, findMentions(units, '2017-02-16'), 'meeting', '2017-02-16');
    expect(actors.participants).toEqual(['Rex Tillerson', 'Sergey Lavrov']);
  });
});

describe('counterparts named only by title', () => {
  it('resolves "his Turkish counterpart" to the holder of the same office at the date', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'Shoigu holds talks in Moscow', index: -1 },
      ...body('Russian Defence Minister Sergei Shoigu met his Turkish counterpart in Moscow on Friday.'),
    ];
    const actors = chooseActors(units, findMentions(units, '2016-12-16'), 'meeting', '2016-12-16');
    expect(actors.participants).toEqual(['Fikri Işık', 'Sergei Shoigu']);
    // A year later the office had another holder.
    const later = chooseActors(units, findMentions(units, '2017-09-01'), 'meeting', '2017-09-01');
    expect(later.participants).toEqual(['Nurettin Canikli', 'Sergei Shoigu']);
  });
  it('stays silent when the country of the counterpart is not said', () => {
    const units: Unit[] = body('Foreign Minister Sergey Lavrov called his counterpart on Friday.');
    expect(findMentions(units, '2016-12-16').people.map((p) => p.name)).toEqual(['Sergey Lavrov']);
  });
});

describe('canonical organizations', () => {
  it('folds UN-branded bodies into the United Nations and names groupings in full', () => {
    const m = findMentions(
      body('The Security Council and the OSCE met, with ASEAN and APEC ministers, and the UNHCR.'),
      null,
    );
    expect([...new Set(m.orgs.map((o) => o.org.name))].sort()).toEqual([
      'Asia-Pacific Economic Cooperation',
      'Association of Southeast Asian Nations',
      'Organization for Security and Co-operation in Europe',
      'United Nations',
    ]);
  });
});

describe('officeHolder', () => {
  it('knows terms', () => {
    expect(officeHolder('president', 'United States', '2016-06-01', new Set())?.name).toBe('Barack Obama');
    expect(officeHolder('president', 'United States', '2017-06-01', new Set())?.name).toBe('Donald Trump');
  });
});

describe('non-participant roles and earlier events', () => {
  function flags(text: string, date: string | null = '2017-02-16') {
    return findMentions(body(text), date).people.map((p) => [p.name, p.nonParticipant, p.background]);
  }
  it('reads a role word as a title only when it is the name\'s own ("spokesman X"), not a word of the sentence', () => {
    expect(flags('Kremlin spokesman Dmitry Peskov said so.')).toEqual([['Dmitry Peskov', true, false]]);
    expect(flags('A journalist then asked Lavrov about the resignation.')).toEqual([
      ['Sergey Lavrov', false, false],
    ]);
  });
  it('reads people in a clause about an earlier event ("comes hours after X met Y") as background', () => {
    expect(flags('The meeting comes hours after Tillerson faced Lavrov in Moscow.')).toEqual([
      ['Rex Tillerson', false, true],
      ['Sergey Lavrov', false, true],
    ]);
    expect(flags("That came after last week's threat by Kerry to suspend contacts.", '2016-10-03')).toEqual([
      ['John Kerry', false, true],
    ]);
    expect(flags('Kerry said the talks came as a surprise.', '2016-10-03')).toEqual([
      ['John Kerry', false, false],
    ]);
  });
  it('reads a leader whose support or initiative is mentioned as background', () => {
    expect(flags('Russia is supporting Assad.')).toEqual([['Bashar al-Assad', false, true]]);
    expect(flags('The meeting was an initiative of Russian President Vladimir Putin.')).toEqual([
      ['Vladimir Putin', false, true],
    ]);
  });
  it('reads a transcript speaker label ("SECRETARY KERRY:") as a mention of the speaker', () => {
    const m = findMentions(body('SECRETARY KERRY: Thank you all for your patience today.'), '2016-09-09');
    expect(m.people.map((p) => [p.name, p.office])).toEqual([['John Kerry', 'secretary']]);
    expect(findMentions(body('QUESTION: What did you agree on today?'), null).people).toEqual([]);
  });
});

describe('known people written in another case', () => {
  it('reads "Al-Thani" after a title as the known emir', () => {
    const units: Unit[] = [
      { kind: 'body', text: "Qatar's Emir Tamim bin Hamad Al-Thani arrived in Moscow.", index: 0 },
    ];
    expect(findMentions(units, '2016-01-18').people.map((p) => p.name)).toContain('Tamim bin Hamad Al Thani');
  });
});

describe('countries that only place or source something', () => {
  function countryFlags(text: string): [string, boolean][] {
    const units: Unit[] = [{ kind: 'body', text, index: 0 }];
    return findMentions(units, null).countries.map((c) => [c.country.name, c.locative]);
  }
  it('reads "the Swiss city of" and "Kazakhstan’s capital" as places', () => {
    expect(countryFlags('They met in the Swiss city of Lausanne.')).toEqual([['Switzerland', true]]);
    expect(countryFlags('Talks open in Kazakhstan’s capital, Astana, on Monday.')).toEqual([
      ['Kazakhstan', true],
    ]);
  });
  it('reads "Lebanese media reported" as a source, not a party', () => {
    expect(countryFlags('Iran backs the plan, Lebanese media reported.')).toEqual([
      ['Iran', false],
      ['Lebanon', true],
    ]);
  });
});

describe('organizations named only to describe', () => {
  function orgs(text: string): [string, boolean][] {
    const units: Unit[] = [{ kind: 'body', text, index: 0 }];
    return findMentions(units, null).orgs.map((o) => [o.org.name, o.descriptor]);
  }
  it('keeps the describing name when it is the only name of the groups', () => {
    expect(orgs('Russia proposed joint strikes against al-Qaida-linked groups.')).toEqual([
      ['al-Qaeda', false],
    ]);
    expect(orgs('Russia proposed joint strikes against the al-Qaeda-aligned Jabhat al-Nusra.')).toEqual([
      ['al-Qaeda', true],
      ['Jabhat al-Nusra', false],
    ]);
  });
});

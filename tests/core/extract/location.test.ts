import { describe, expect, it } from 'vitest';
import { datelineFromText, pickDateline, placeOfDateLine } from '../../../functions/core/extract/location.js';
import { normalizeArticle } from '../../../functions/core/normalize.js';

function read(text: string) {
  return normalizeArticle({
    bytes: new TextEncoder().encode(text),
    key: 'a.txt',
    metadata: {},
    uploadedAt: '',
  }).reading;
}

describe('datelines', () => {
  it('reads the city of a wire dateline, known or not', () => {
    expect(datelineFromText(['LAUSANNE, Switzerland (AP) -- The powers announced a framework.'])).toBe(
      'Lausanne',
    );
    expect(datelineFromText(['ZURICH, Jan 20 (Reuters) - Talks should start this month.'])).toBe('Zurich');
    expect(datelineFromText(['WASHINGTON — The Treasury imposed sanctions.'])).toBe('Washington');
    expect(datelineFromText(['The Treasury imposed sanctions on Sunday.'])).toBeNull();
  });
  it('reads a known place written in a date line', () => {
    expect(placeOfDateLine('November 11, 2017, Danang')).toBe('Da Nang');
    expect(placeOfDateLine('November 11, 2017')).toBeNull();
  });
});

describe('the event location', () => {
  it('takes the dateline when the text names no other place for the event', () => {
    const r = read(
      'Kerry and Lavrov agree on a plan\n\nGENEVA (AP) — The top diplomats of the United States and Russia agreed on a plan for Syria on Friday after long talks.\n\nThey said the plan would be announced soon.\n',
    );
    expect(r.location).toBe('Geneva');
  });
  it('never takes the venue of a planned meeting', () => {
    const r = read(
      'Lavrov invites US officials to Syria talks\n\nMOSCOW (AP) — Russia is inviting officials of the incoming U.S. administration to attend upcoming Syria talks in Kazakhstan, Foreign Minister Sergey Lavrov said.\n\nThe talks are due to start later this month.\n',
    );
    expect(r.location).toBe('Moscow');
  });
  it('gives no place for a phone call', () => {
    const r = read(
      'Kerry and Lavrov discuss Syria\n\nASTANA. U.S. Secretary of State John Kerry and Russian Foreign Minister Sergey Lavrov discussed Syria in a telephone conversation, the ministry said.\n\nThe two agreed to stay in touch over the coming days.\n',
    );
    expect(r.location).toBeNull();
  });
  it('does not take the place of a file photo for the event', () => {
    const r = read(
      'Minister suspends contacts over the war\n\nThe minister suspended all contacts with his counterpart on Monday, officials said.\n\nFILE - In this file photo, the minister speaks in Paris after a telephone call with his counterpart. (AP Photo)\n\nThe decision ends months of diplomacy.\n',
    );
    expect(r.location).not.toBe('Paris');
  });
  it('reads a dateline with a day and no dash', () => {
    expect(datelineFromText(['GENEVA, Sept 10 The two ministers agreed on a plan.'])).toBe('Geneva');
  });
  it('does not take the venue of what someone proposes', () => {
    const r = read(
      'President proposes new negotiations in Astana\n\nThe president proposed on Thursday that the sides hold new negotiations in Astana.\n\nThe idea was welcomed by both sides.\n',
    );
    expect(r.location).not.toBe('Astana');
  });
  it('does not take the place of an earlier event in the same sentence', () => {
    const r = read(
      'Treasury imposes new sanctions over missile test\n\nThe new sanctions follow a missile shown at a parade in Tehran last year, officials said.\n\nThe measures target eleven companies.\n',
    );
    expect(r.location).toBeNull();
  });
  it('reads "met here" as the dateline place, not another place of the sentence', () => {
    const r = read(
      'Ministers agree on a ceasefire\n\nVIENNA (AP) — The ministers agreed on a ceasefire on Friday.\n\nThe deal came after the two met here for a long session after calls with officials in Washington.\n',
    );
    expect(r.location).toBe('Vienna');
    const s = read(
      'Ministers agree on a ceasefire\n\nThe ministers agreed on a ceasefire on Friday.\n\nThe deal came after the two met here for a long session after calls with officials in Washington.\n',
    );
    expect(s.location).toBeNull();
  });
  it('takes the place an invitee is asked to come to, not the venue of talks they are invited to', () => {
    expect(
      read(
        'Rebel groups invited to Moscow\n\nThe minister invited the groups to Moscow for a meeting with him.\n\nThe groups have not replied.\n',
      ).location,
    ).toBe('Moscow');
    expect(
      read(
        'Minister invites officials to peace talks\n\nThe minister invited the officials to attend peace talks in Astana, his ministry said.\n\nThe officials have not replied.\n',
      ).location,
    ).not.toBe('Astana');
  });
  it('reads a known place in title case opening the lede as its dateline', () => {
    expect(datelineFromText(['Moscow, A truce should be the next step, the president said.'])).toBe('Moscow');
    expect(datelineFromText(['Nobody, A truce should be the next step.'])).toBeNull();
  });
  it('skips a transcript speaker label when picking the dateline', () => {
    expect(pickDateline(['Secretary Kerry', null, 'Geneva'])).toBe('Geneva');
    expect(pickDateline(['Secretary Kerry', null])).toBeNull();
  });
  it('takes the place line above an official page date line', () => {
    const r = read(
      'Ministers announce a plan for peace\n\nMinister of Foreign Affairs\n\nGeneva, Switzerland\n\nSeptember 9, 2016\n\nMINISTER: Thank you all for your patience during a very long day of detailed work on the plan.\n\nWe have agreed on a plan that we hope will reduce violence across the country.\n',
    );
    expect(r.location).toBe('Geneva');
  });
  it('places an announcement where it was made when no event sentence names a place', () => {
    const r = read(
      'President imposes sanctions on neighbour\n\nThe president imposed new sanctions on the neighbour on Thursday.\n\nThe measures answer months of provocations, the president said in a statement from Hawaii, where he is on holiday.\n',
    );
    expect(r.location).toBe('Hawaii');
    const m = read(
      'Ministers meet on the border\n\nThe ministers met on Thursday to talk about the border.\n\nThe talks were useful, the minister said in a statement from Hawaii.\n',
    );
    expect(m.location).toBeNull();
  });
});

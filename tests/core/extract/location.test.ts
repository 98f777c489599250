import { describe, expect, it } from 'vitest';
import { datelineFromText, placeOfDateLine } from '../../../functions/core/extract/location.js';
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
});

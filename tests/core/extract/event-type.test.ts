import { describe, expect, it } from 'vitest';
import { cameoFor, classifyEventType } from '../../../functions/core/extract/event-type.js';
import type { Unit } from '../../../functions/core/extract/units.js';

function classify(title: string, ...body: string[]) {
  const units: Unit[] = [
    { kind: 'title', text: title, index: -1 },
    ...body.map((text, index) => ({ kind: 'body' as const, text, index })),
  ];
  return classifyEventType(units).type;
}

describe('classifyEventType', () => {
  it.each([
    ['US and Russia meet to establish list of terror groups', 'meeting'],
    ['US and Russia begin lackluster talks on Syria war', 'talks'],
    ['Syrian opposition groups invited to Moscow', 'invitation'],
    ['Kerry, Lavrov agree on Syria ceasefire plan', 'ceasefire'],
    ['US and Russia in talks to fight side by side in Aleppo', 'military_cooperation'],
    ['EU extends economic sanctions on Russia', 'sanctions'],
    ['Russia and Turkey sign agreement on gas pipeline', 'agreement'],
    ['Lavrov warns Washington against new strikes', 'statement'],
    ['EU sanctions Belarus officials over crackdown', 'sanctions'],
    ['Ukraine talks: peace deal agreed after long night', 'agreement'],
    ['Merkel backs sending monitors to the border', 'proposal'],
  ])('%s → %s', (title, type) => {
    expect(classify(title)).toBe(type);
  });
  it('reads a ceasefire that someone calls for or says should be signed as no ceasefire', () => {
    expect(
      classify(
        'Minister calls for truce across the country, proposes new negotiations',
        'A truce across the whole country should be signed next, the minister said on Friday.',
      ),
    ).toBe('proposal');
  });
  it('treats a ceasefire that is only the topic of talks as talks', () => {
    expect(classify('Lavrov, Kerry discuss Syria ceasefire in phone call')).toBe('talks');
  });
  it('does not read a failure to agree as an agreement', () => {
    expect(classify('Kerry and Lavrov fail to agree on new ceasefire after talks')).toBe('talks');
  });
  it('reads a ceasefire agreed as a ceasefire, also written "cease fire"', () => {
    expect(classify('Trump and Putin agreed to cease fire in the southwest of Syria')).toBe('ceasefire');
  });
  it('reads a ceasefire deal that talks are about as talks', () => {
    expect(classify('Kerry and Lavrov holding talks on Syria ceasefire deal')).toBe('talks');
  });
  it('reads a memorandum of understanding and an adopted resolution as agreements', () => {
    expect(classify('U.S. and Russia sign memo of understanding on Syria')).toBe('agreement');
    expect(classify('Security Council unanimously adopts resolution on Syria peace process')).toBe(
      'agreement',
    );
  });
  it('reads a released joint declaration as a statement, not talks', () => {
    expect(
      classify(
        'Astana talks: joint declaration released',
        'After two days of talks, the three released a final declaration.',
      ),
    ).toBe('statement');
  });
  it('reads suspended talks as other, coded as reduced relations', () => {
    const units: Unit[] = [
      { kind: 'title', text: 'U.S. suspends talks with Russia on Syria cease-fire', index: -1 },
    ];
    const r = classifyEventType(units);
    expect(r.type).toBe('other');
    expect(r.reducesRelations).toBe(true);
    expect(cameoFor(r.type, 'unknown', r.reducesRelations)).toEqual({ cameo: '160', quadClass: 4 });
  });
  it('lets the headline word decide between talks and a meeting', () => {
    expect(
      classify('Ministers meet to discuss the border', 'The ministers discussed the border for hours.'),
    ).toBe('meeting');
    expect(
      classify('Ministers discuss the border at a meeting', 'The ministers met in the capital on Monday.'),
    ).toBe('talks');
  });
  it('reads the noun after a host verb, not the host verb, as the kind of event', () => {
    expect(classify('The capital hosted the talks of the two ministers')).toBe('talks');
  });
  it('takes the lede when the headline names neither talks nor a meeting', () => {
    expect(classify('A long day for the ministers', 'The two ministers met in the capital on Monday.')).toBe(
      'meeting',
    );
  });
  it('reads a phone call as talks, not a meeting', () => {
    expect(classify('Two presidents hold phone call on the border')).toBe('talks');
    expect(classify('The president spoke by phone with his counterpart')).toBe('talks');
    expect(classify('Leaders talked about the border on Friday')).toBe('talks');
  });
  it('reads talks between military officials as military cooperation', () => {
    expect(classify('Military officials of two countries hold online dialogue on air operations')).toBe(
      'military_cooperation',
    );
    expect(classify('Foreign ministers hold online dialogue on the border')).toBe('talks');
  });
  it('reads a deal reached in the present tense as an agreement', () => {
    expect(classify('Neighbours reach deal on the border dispute')).toBe('agreement');
    expect(classify('Neighbours clinch trade deal after long night')).toBe('agreement');
  });
  it('reads seeking cooperation as a proposal', () => {
    expect(classify('Minister seeks neighbour cooperation to end the war')).toBe('proposal');
  });
  it('reads a visit made at the invitation of a host as a meeting, not an invitation', () => {
    expect(classify('President visits the capital at the invitation of his counterpart')).toBe('meeting');
    expect(classify('President invites his counterpart to the capital')).toBe('invitation');
  });
  it('falls back to other when nothing matches', () => {
    expect(classify('A quiet day', 'Nothing happened anywhere.')).toBe('other');
  });
});

describe('cameoFor', () => {
  it('maps types to CAMEO codes and QuadClasses', () => {
    expect(cameoFor('meeting', 'party')).toEqual({ cameo: '042', quadClass: 1 });
    expect(cameoFor('meeting', 'third')).toEqual({ cameo: '044', quadClass: 1 });
    expect(cameoFor('talks', 'unknown')).toEqual({ cameo: '046', quadClass: 1 });
    expect(cameoFor('agreement', 'unknown')).toEqual({ cameo: '057', quadClass: 1 });
    expect(cameoFor('ceasefire', 'unknown')).toEqual({ cameo: '0871', quadClass: 2 });
    expect(cameoFor('military_cooperation', 'unknown')).toEqual({ cameo: '062', quadClass: 2 });
    expect(cameoFor('sanctions', 'unknown')).toEqual({ cameo: '163', quadClass: 4 });
  });
});

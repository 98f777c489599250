import { describe, expect, it } from 'vitest';
import { slugify } from '../../functions/core/slug.js';

describe('slugify', () => {
  it('lower-cases and hyphenates names', () => {
    expect(slugify('Sergey Lavrov')).toBe('sergey-lavrov');
  });
  it('folds accents and drops apostrophes', () => {
    expect(slugify('Staffan de Mistúra')).toBe('staffan-de-mistura');
    expect(slugify("Côte d'Ivoire")).toBe('cote-divoire');
  });
  it('trims separators at the ends', () => {
    expect(slugify('  --Islamic State!  ')).toBe('islamic-state');
  });
});

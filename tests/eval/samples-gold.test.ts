/**
 * The five sample articles against the gold labels they were specified with (copied from
 * `shared/eval/dev/gold` into `tests/eval/samples/`): every scored field must be right.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreDirectory } from '../../functions/cli/score-directory.js';

describe('sample articles against their gold labels', () => {
  it('scores every field of the five samples as correct', () => {
    const report = scoreDirectory(join(import.meta.dirname, '../../articles'), join(import.meta.dirname, 'samples'));
    expect(report.n).toBe(5);
    expect(report.inventedDates).toBe(0);
    for (const field of ['title', 'publisher', 'published', 'eventDate', 'type', 'location'] as const) {
      expect(report[field].accuracy, field).toBe(1);
    }
    for (const field of ['participants', 'countries', 'organizations'] as const) {
      expect(report[field].f1, field).toBe(1);
    }
  });
});

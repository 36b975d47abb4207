/** The grading rules against hand computations: weights, drops, exemptions, missing work, letters, GPA, rank. */
import { describe, expect, it } from 'vitest';
import { gpa, levelFor, periodGrade, rank, type ScoredItem } from './rules.js';
import { GRADING_DEFAULTS } from './schemas.js';

const cats = [
  { id: 'hw', name: 'Homework', weightPercent: 20, dropLowest: 1 },
  { id: 'qz', name: 'Quizzes', weightPercent: 30, dropLowest: 0 },
  { id: 'ts', name: 'Tests', weightPercent: 50, dropLowest: 0 },
];
const item = (entryId: string, categoryId: string | null, points: number | null, more: Partial<ScoredItem> = {}) => ({
  entryId,
  categoryId,
  maxPoints: 10,
  points,
  exempt: false,
  missing: false,
  ...more,
});

describe('period grade', () => {
  it('weights categories, drops the lowest homework, and renormalises', () => {
    // Homework 10/10, 5/10, 8/10 → drop 5 → 18/20 = 90 %. Quizzes 7/10 + 9/10 = 80 %. Tests 43/50 = 86 %.
    // 0.2 × 90 + 0.3 × 80 + 0.5 × 86 = 18 + 24 + 43 = 85.
    const r = periodGrade(cats, [
      item('h1', 'hw', 10),
      item('h2', 'hw', 5),
      item('h3', 'hw', 8),
      item('q1', 'qz', 7),
      item('q2', 'qz', 9),
      item('t1', 'ts', 43, { maxPoints: 50 }),
    ]);
    expect(r.categories.map((c) => [c.name, c.percent, c.dropped])).toEqual([
      ['Homework', 90, ['h2']],
      ['Quizzes', 80, []],
      ['Tests', 86, []],
    ]);
    expect(r.percent).toBe(85);
    expect(levelFor(GRADING_DEFAULTS.scale, r.percent!).letter).toBe('B');
  });

  it('leaves out exempt and unscored items, counts missing ones as 0, renormalises over graded categories', () => {
    // Homework: h1 exempt (its 0 ignored), h2 missing → 0/10, h3 10/10, drop lowest → h2 dropped → 100 %.
    // Quizzes: q1 missing (0/10), q2 not scored → 0 %. Tests: nothing yet → renormalise over 20 + 30.
    // (20 × 100 + 30 × 0) / 50 = 40.
    const r = periodGrade(cats, [
      item('h1', 'hw', 0, { exempt: true }),
      item('h2', 'hw', null, { missing: true }),
      item('h3', 'hw', 10),
      item('q1', 'qz', null, { missing: true }),
      item('q2', 'qz', null),
      item('x', null, 2),
    ]);
    expect(r.categories.map((c) => [c.percent, c.counted])).toEqual([
      [100, 1],
      [0, 1],
      [null, 0],
    ]);
    expect(r.percent).toBe(40);
    expect(levelFor(GRADING_DEFAULTS.scale, 40).letter).toBe('F');
  });

  it('never drops a category’s only item, and has no grade without a counted item', () => {
    const r = periodGrade(cats, [item('h1', 'hw', 4)]);
    expect(r.categories[0]).toMatchObject({ percent: 40, dropped: [] });
    expect(r.percent).toBe(40);
    expect(periodGrade(cats, [item('h1', 'hw', 3, { exempt: true })]).percent).toBeNull();
  });

  it('treats an item without maxPoints as a percentage and keeps extra credit', () => {
    const r = periodGrade([cats[2]!], [item('t1', 'ts', 95, { maxPoints: null }), item('t2', 'ts', 11)]);
    // (95 + 11) / (100 + 10) = 96.36 %
    expect(r.percent).toBe(96.36);
  });

  it('maps boundaries on the default scale: 89.99 → B, 90 → A, 59.99 → F, 60 → D', () => {
    const letter = (p: number) => levelFor(GRADING_DEFAULTS.scale, p).letter;
    expect([letter(89.99), letter(90), letter(59.99), letter(60), letter(0), letter(100)]).toEqual([
      'B',
      'A',
      'F',
      'D',
      'F',
      'A',
    ]);
  });
});

describe('GPA', () => {
  const addOns = { honors: 0.5, ap: 1 };
  it('weights by credits; honors/AP add-ons only on passing grades', () => {
    // A (4) AP 1 cr, B (3) honors 1 cr, C (2) regular 0.5 cr, F (0) AP 1 cr.
    // Unweighted: (4 + 3 + 1 + 0) / 3.5 = 2.2857 → 2.286. Weighted: (5 + 3.5 + 1 + 0) / 3.5 = 2.714.
    const r = gpa(
      [
        { attemptedCredits: 1, gradePoints: 4, level: 'ap' },
        { attemptedCredits: 1, gradePoints: 3, level: 'honors' },
        { attemptedCredits: 0.5, gradePoints: 2, level: 'regular' },
        { attemptedCredits: 1, gradePoints: 0, level: 'ap' },
        { attemptedCredits: 1, gradePoints: null, level: 'regular' },
      ],
      addOns,
    );
    expect(r).toEqual({ unweighted: 2.286, weighted: 2.714, credits: 3.5 });
  });
  it('is null without graded credits', () => {
    expect(gpa([], addOns)).toEqual({ unweighted: null, weighted: null, credits: 0 });
    expect(gpa([{ attemptedCredits: 0, gradePoints: 4, level: 'regular' }], addOns).unweighted).toBeNull();
  });
  it('ranks ties together (1, 2, 2, 4) and leaves students without a GPA unranked', () => {
    const r = rank([{ v: 3.5 }, { v: 4 }, { v: 3.5 }, { v: null }, { v: 2 }], (x) => x.v);
    expect(r.map((x) => [x.item.v, x.rank])).toEqual([
      [4, 1],
      [3.5, 2],
      [3.5, 2],
      [2, 4],
      [null, null],
    ]);
  });
});

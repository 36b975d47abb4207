/** Every mastery-learning rule at its boundaries (pure functions: no database). */
import { describe, expect, it } from 'vitest';
import {
  accuracyBand,
  dailyPlan,
  DAILY_PLAN,
  lessonXp,
  mapPlacement,
  masteryAfterMiss,
  masteryAfterPass,
  masteryLevel,
  missPenalty,
  nextDayLessons,
  targetCompleted,
  testOutPassed,
} from './rules.js';

describe('daily plan', () => {
  it('is 4 × 25 minutes of core subjects plus one 20-minute block: two hours', () => {
    const plan = dailyPlan();
    expect(plan.map((p) => p.targetMinutes)).toEqual([25, 25, 25, 25, 20]);
    expect(plan.reduce((sum, p) => sum + p.targetMinutes, 0)).toBe(120);
    expect(new Set(plan.map((p) => p.subjectId)).size).toBe(5);
  });
});

describe('target completion', () => {
  const target = { targetMinutes: 25, targetAccuracy: 80 };
  it('needs both minutes and accuracy, each at least the target', () => {
    expect(targetCompleted({ ...target, actualMinutes: 25, actualAccuracy: 80 })).toBe(true);
    expect(targetCompleted({ ...target, actualMinutes: 24, actualAccuracy: 100 })).toBe(false);
    expect(targetCompleted({ ...target, actualMinutes: 10, actualAccuracy: 95 })).toBe(false);
    expect(targetCompleted({ ...target, actualMinutes: 60, actualAccuracy: 79.99 })).toBe(false);
    expect(targetCompleted({ ...target, actualMinutes: null, actualAccuracy: 90 })).toBe(false);
    expect(targetCompleted({ ...target, actualMinutes: 30, actualAccuracy: null })).toBe(false);
  });
});

describe('XP per lesson', () => {
  it.each([
    [100, true, 125],
    [100, false, 100],
    [99.99, true, 100],
    [99, true, 100],
    [99, false, 50],
    [80, true, 100],
    [80, false, 50],
    [79.99, true, 0],
    [79, false, 0],
    [0, true, 0],
  ])('accuracy %d %%, first attempt %s → %d XP of 100', (accuracy, first, xp) => {
    expect(lessonXp(100, accuracy, first)).toBe(xp);
  });
  it('rounds to whole XP', () => {
    expect(lessonXp(10, 100, true)).toBe(13); // 12.5 → 13
    expect(lessonXp(5, 85, false)).toBe(3); // 2.5 → 3
  });
});

describe('mastery score', () => {
  it.each([
    [0, 14],
    [9, 23],
    [10, 23], // +13
    [50, 59], // +9
    [89, 95], // +6
    [90, 95], // +5
    [99, 100], // +5, capped
    [100, 100], // +4, capped
  ])('a pass at %d → %d', (score, after) => {
    expect(masteryAfterPass(score)).toBe(after);
  });
  it('a pass adds at least 4', () => {
    for (let s = 0; s <= 96; s++) expect(masteryAfterPass(s) - s).toBeGreaterThanOrEqual(4);
  });
  it.each([
    [100, 8],
    [90, 8],
    [89, 7],
    [80, 7],
    [79, 6],
    [60, 5],
    [50, 4],
    [40, 3],
    [39, 2],
    [30, 2],
    [29, 1],
    [20, 1],
    [19, 1],
    [0, 1],
  ])('a miss at %d loses %d', (score, penalty) => {
    expect(missPenalty(score)).toBe(penalty);
  });
  it('a miss never goes below 0', () => {
    expect(masteryAfterMiss(0)).toBe(0);
    expect(masteryAfterMiss(90)).toBe(82);
  });
  it('shows the score as a 1–10 level', () => {
    expect([0, 1, 10, 11, 89, 90, 91, 100].map(masteryLevel)).toEqual([1, 1, 1, 2, 9, 9, 10, 10]);
  });
});

describe('test-out', () => {
  it('passes at 90 or more', () => {
    expect(testOutPassed(90)).toBe(true);
    expect(testOutPassed(89.99)).toBe(false);
    expect(testOutPassed(100)).toBe(true);
  });
});

describe('MAP placement', () => {
  it('places one grade up at the 90th percentile or above, never past twelfth grade', () => {
    expect(mapPlacement(4, 90)).toEqual({ grade: 5, advanced: true });
    expect(mapPlacement(4, 89)).toEqual({ grade: 4, advanced: false });
    expect(mapPlacement(0, 99)).toEqual({ grade: 1, advanced: true });
    expect(mapPlacement(12, 99)).toEqual({ grade: 12, advanced: false });
  });
});

describe('accuracy bands and the next day', () => {
  it.each([
    [79.99, 'too_hard'],
    [80, 'ideal'],
    [90, 'ideal'],
    [90.01, 'on_track'],
    [95, 'on_track'],
    [95.01, 'ready_for_more'],
    [100, 'ready_for_more'],
  ])('%d %% is %s', (accuracy, band) => {
    expect(accuracyBand(accuracy)).toBe(band);
  });
  it('moves the lesson target one step, within bounds', () => {
    expect(nextDayLessons(3, 70)).toBe(2);
    expect(nextDayLessons(3, 85)).toBe(3);
    expect(nextDayLessons(3, 93)).toBe(3);
    expect(nextDayLessons(3, 96)).toBe(4);
    expect(nextDayLessons(DAILY_PLAN.minLessons, 10)).toBe(DAILY_PLAN.minLessons);
    expect(nextDayLessons(DAILY_PLAN.maxLessons, 100)).toBe(DAILY_PLAN.maxLessons);
    expect(nextDayLessons(3, null)).toBe(3);
  });
});

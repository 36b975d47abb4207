/**
 * The grading rules as pure functions (no database): a period grade from weighted categories, a letter
 * from a school's scale, GPAs and class rank. The services feed them rows; the tests check them against
 * hand computations.
 *
 * Period grade:
 * - an item counts in its category unless the student is exempt from it; an item without a category
 *   counts nowhere;
 * - a missing item (not exempt) counts as 0 of its points; an item not yet scored (and not missing) is
 *   left out until it is scored;
 * - an item is worth its maxPoints (100 when it has none: the score is a percentage);
 * - a category's percentage is its points earned over its points possible after dropping its
 *   `dropLowest` lowest items (by percentage; at least one item always stays);
 * - the period percentage is the weighted mean of the categories that have a counted item (weights are
 *   renormalised over them, so a category with nothing yet does not pull the grade to 0); a category of
 *   weight 0 counts for nothing; no counted item → no grade.
 */
import type { GradeScaleLevel } from './schemas.js';

export interface CategoryRule {
  id: string;
  name: string;
  weightPercent: number;
  dropLowest: number;
}

export interface ScoredItem {
  entryId: string;
  categoryId: string | null;
  /** null: a percentage item (out of 100). */
  maxPoints: number | null;
  /** Points earned (null: not scored). */
  points: number | null;
  exempt: boolean;
  missing: boolean;
}

export interface CategoryResult {
  id: string;
  name: string;
  weightPercent: number;
  percent: number | null;
  counted: number;
  dropped: string[];
}

export interface PeriodGradeResult {
  percent: number | null;
  categories: CategoryResult[];
}

const round = (n: number, places: number) => {
  const f = 10 ** places;
  return Math.round((n + Number.EPSILON) * f) / f;
};

export function periodGrade(categories: readonly CategoryRule[], items: readonly ScoredItem[]): PeriodGradeResult {
  const results = categories.map((c): CategoryResult => {
    const counted = items
      .filter((i) => i.categoryId === c.id && !i.exempt && (i.missing || i.points !== null))
      .map((i) => {
        const possible = i.maxPoints ?? 100;
        const earned = i.missing && i.points === null ? 0 : (i.points ?? 0);
        return { entryId: i.entryId, earned, possible, ratio: earned / possible };
      });
    const drop = Math.min(c.dropLowest, Math.max(0, counted.length - 1));
    const sorted = [...counted].sort((a, b) => a.ratio - b.ratio || a.entryId.localeCompare(b.entryId));
    const dropped = sorted.slice(0, drop).map((i) => i.entryId);
    const kept = sorted.slice(drop);
    const possible = kept.reduce((s, i) => s + i.possible, 0);
    const earned = kept.reduce((s, i) => s + i.earned, 0);
    return {
      id: c.id,
      name: c.name,
      weightPercent: c.weightPercent,
      percent: kept.length === 0 || possible === 0 ? null : round((100 * earned) / possible, 2),
      counted: kept.length,
      dropped,
    };
  });
  const weighted = results.filter((c) => c.percent !== null && c.weightPercent > 0);
  const totalWeight = weighted.reduce((s, c) => s + c.weightPercent, 0);
  const percent =
    totalWeight === 0
      ? null
      : round(weighted.reduce((s, c) => s + c.weightPercent * (c.percent ?? 0), 0) / totalWeight, 2);
  return { percent, categories: results };
}

/** The scale's level for a percentage (scale: any order; the highest minimum the percentage reaches). */
export function levelFor(scale: readonly GradeScaleLevel[], percent: number): GradeScaleLevel {
  const sorted = [...scale].sort((a, b) => b.minPercent - a.minPercent);
  return sorted.find((l) => percent >= l.minPercent) ?? sorted[sorted.length - 1]!;
}

export function levelOfLetter(scale: readonly GradeScaleLevel[], letter: string): GradeScaleLevel | undefined {
  return scale.find((l) => l.letter.toLowerCase() === letter.toLowerCase());
}

export type GpaLevel = 'regular' | 'honors' | 'ap';

export interface GpaCourse {
  attemptedCredits: number;
  /** Grade points of the final letter on the school's scale (null: not graded — not counted). */
  gradePoints: number | null;
  level: GpaLevel;
}

export interface GpaAddOns {
  honors: number;
  ap: number;
}

export interface Gpa {
  unweighted: number | null;
  weighted: number | null;
  credits: number;
}

/**
 * Credit-weighted GPA: Σ credits × points / Σ credits over graded courses with credits. Weighted adds the
 * course level's add-on to the points of a passing grade (an F earns no add-on). Rounded to 3 places.
 */
export function gpa(courses: readonly GpaCourse[], addOns: GpaAddOns): Gpa {
  const graded = courses.filter((c) => c.gradePoints !== null && c.attemptedCredits > 0);
  const credits = graded.reduce((s, c) => s + c.attemptedCredits, 0);
  if (credits === 0) return { unweighted: null, weighted: null, credits: 0 };
  const addOn = (c: GpaCourse) => (c.gradePoints! > 0 && c.level !== 'regular' ? addOns[c.level] : 0);
  const unweighted = graded.reduce((s, c) => s + c.attemptedCredits * c.gradePoints!, 0) / credits;
  const weighted = graded.reduce((s, c) => s + c.attemptedCredits * (c.gradePoints! + addOn(c)), 0) / credits;
  return { unweighted: round(unweighted, 3), weighted: round(weighted, 3), credits: round(credits, 3) };
}

/** Competition ranking (1, 2, 2, 4) by a value, highest first; null values are not ranked. */
export function rank<T>(items: readonly T[], value: (t: T) => number | null): { item: T; rank: number | null }[] {
  const ranked = items
    .filter((i) => value(i) !== null)
    .sort((a, b) => value(b)! - value(a)!)
    .map((item) => ({ item, rank: 0 }));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && value(prev.item) === value(r.item) ? prev.rank : i + 1;
  });
  return [...ranked, ...items.filter((i) => value(i) === null).map((item) => ({ item, rank: null }))];
}

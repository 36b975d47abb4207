/**
 * A deterministic OneRoster 1.2 district, parameterised by scale (1 = the size: 50,000
 * students, 3,000 teachers, 10,000 classes, 400,000 enrollments, 40,000 line items, 390,000
 * results). Every file is described once as rows; each row is rendered two ways from the same
 * values: as a CSV-binding line (the package the importer reads) and as the table's columns (the
 * raw COPY baseline: district-output.ts writes both), so both paths load exactly the same rows.
 */
import { FILE_BY_NAME, headerOf, type FileSpec } from '../../src/standards/oneroster/csv/files.js';

export type Cell = string | number | boolean | null;

export interface DistrictSize {
  scale: number;
  schools: number;
  students: number;
  teachers: number;
  classes: number;
  courses: number;
  enrollments: number;
  lineItems: number;
  results: number;
}

/** 100 class and 100 student sourcedIds spread evenly over the district: the paths the REST loads cycle. */
export function sampleIds(size: DistrictSize): { classIds: string[]; userIds: string[] } {
  const pick = (count: number, prefix: string) =>
    Array.from({ length: 100 }, (_, i) => `${prefix}-${String(Math.floor((i * count) / 100)).padStart(6, '0')}`);
  return { classIds: pick(size.classes, 'cls'), userIds: pick(size.students, 'stu') };
}

export function districtSize(scale: number): DistrictSize {
  const classes = Math.max(10, Math.round(10_000 * scale));
  const enrollments = Math.max(4 * classes, Math.round(400_000 * scale));
  return {
    scale,
    schools: Math.max(2, Math.round(40 * scale)),
    students: Math.max(40, Math.round(50_000 * scale)),
    teachers: Math.max(5, Math.round(3_000 * scale)),
    classes,
    courses: Math.max(2, Math.round(classes / 5)),
    enrollments,
    lineItems: 4 * classes,
    // One result per student enrollment (each class has one teacher enrollment).
    results: enrollments - classes,
  };
}

export interface DistrictFile {
  name: string;
  table: string;
  csvHeader: string[];
  dbColumns: string[];
  count: number;
  /** The row's values for the CSV binding, then for the table's columns. */
  row(i: number, stamp: string): { csv: Cell[]; db: Cell[] };
}

const pad = (n: number) => String(n).padStart(6, '0');
const pgArray = (items: string[]) => `{${items.join(',')}}`;
const DB_BASE = ['tenant_id', 'sourced_id', 'status', 'date_last_modified'];
const CSV_BASE_COLUMNS = 3; // sourcedId, status, dateLastModified

/** The physical columns of a file's first `stored` columns after the base ones (or a chosen subset, by name). */
function storedColumns(spec: FileSpec, stored: number | string[]): string[] {
  if (typeof stored !== 'number') return stored;
  return spec.columns.slice(CSV_BASE_COLUMNS, CSV_BASE_COLUMNS + stored).map((c) => c.db!);
}

export function districtFiles(size: DistrictSize, tenantId: string): DistrictFile[] {
  const studentEnrollments = size.enrollments - size.classes;
  const school = (i: number) => `sch-${pad(i % size.schools)}`;
  const klass = (c: number) => `cls-${pad(c)}`;
  // Student enrollment k: student k mod S, in a class spread by a stride so a student's ~8 classes differ.
  const enrolment = (k: number) => {
    const student = k % size.students;
    const c = (student * 37 + Math.floor(k / size.students) * 101) % size.classes;
    return { student: `stu-${pad(student)}`, c };
  };
  const base = (id: string, stamp: string) => ({
    csv: [id, 'active', stamp] as Cell[],
    db: [tenantId, id, 'active', stamp] as Cell[],
  });
  // The CSV side is the standard's header (files.ts), in its order: the rows give their values in that order.
  // The database side stores the file's first `stored` columns after sourcedId/status/dateLastModified, named as
  // the product's CSV map (files.ts) stores them, so the bench cannot drift from the import it measures; users and
  // roles store a subset, named.
  const file = (
    name: string,
    stored: number | string[],
    count: number,
    values: (i: number) => { id: string; csv: Cell[]; db: Cell[] },
  ): DistrictFile => ({
    name,
    table: FILE_BY_NAME.get(name)!.tableName!,
    csvHeader: headerOf(FILE_BY_NAME.get(name)!),
    dbColumns: [...DB_BASE, ...storedColumns(FILE_BY_NAME.get(name)!, stored)],
    count,
    row(i, stamp) {
      const v = values(i);
      const b = base(v.id, stamp);
      return { csv: [...b.csv, ...v.csv], db: [...b.db, ...v.db] };
    },
  });
  return [
    file('academicSessions', 6, 3, (i) => {
      const sessions: [string, string, string, string, string, string | null][] = [
        ['y2027', '2026-27', 'schoolYear', '2026-08-15', '2027-06-10', null],
        ['t2027-1', 'Fall', 'term', '2026-08-15', '2026-12-20', 'y2027'],
        ['t2027-2', 'Spring', 'term', '2027-01-05', '2027-06-10', 'y2027'],
      ];
      const [id, title, type, start, end, parent] = sessions[i]!;
      const values = [title, type, start, end, parent, '2027'];
      return { id, csv: values, db: values };
    }),
    file('orgs', 4, size.schools + 1, (i) => {
      const values =
        i === 0
          ? ['Bench District', 'district', 'D-1', null]
          : [`School ${i}`, 'school', String(255_901_000 + i), 'dist-1'];
      return { id: i === 0 ? 'dist-1' : school(i - 1), csv: values, db: values };
    }),
    file('courses', 6, size.courses, (i) => {
      const grade = String(6 + (i % 7)).padStart(2, '0');
      return {
        id: `crs-${pad(i)}`,
        csv: ['y2027', `Course ${i}`, `C${i}`, grade, 'dist-1', 'Math', ''],
        db: ['y2027', `Course ${i}`, `C${i}`, pgArray([grade]), 'dist-1', pgArray(['Math'])],
      };
    }),
    file('classes', 9, size.classes, (c) => {
      const grade = String(6 + (c % 7)).padStart(2, '0');
      const term = c % 2 === 0 ? 't2027-1' : 't2027-2';
      const common = [`Class ${c}`];
      return {
        id: klass(c),
        csv: [
          ...common,
          grade,
          `crs-${pad(c % size.courses)}`,
          `K${c}`,
          'scheduled',
          `Room ${c % 300}`,
          school(c),
          term,
          'Math',
          '',
          '',
        ],
        db: [
          ...common,
          pgArray([grade]),
          `crs-${pad(c % size.courses)}`,
          `K${c}`,
          'scheduled',
          `Room ${c % 300}`,
          school(c),
          pgArray([term]),
          pgArray(['Math']),
        ],
      };
    }),
    file(
      'users',
      [
        'enabled_user',
        'username',
        'given_name',
        'family_name',
        'identifier',
        'email',
        'grades',
        'primary_org_sourced_id',
      ],
      size.students + size.teachers,
      (i) => {
        const isStudent = i < size.students;
        const n = isStudent ? i : i - size.students;
        const id = isStudent ? `stu-${pad(n)}` : `tch-${pad(n)}`;
        const grade = isStudent ? String(6 + (n % 7)).padStart(2, '0') : '';
        const [given, family, email] = [`Given${n % 997}`, `Family${n % 1009}`, `${id}@bench.example.org`];
        return {
          id,
          csv: [
            'true',
            id,
            '',
            given,
            family,
            '',
            id.toUpperCase(),
            email,
            '',
            '',
            '',
            grade,
            '',
            '',
            '',
            '',
            '',
            school(n),
            '',
          ],
          db: [true, id, given, family, id.toUpperCase(), email, grade ? pgArray([grade]) : null, school(n)],
        };
      },
    ),
    file('roles', ['user_sourced_id', 'role_type', 'role', 'org_sourced_id'], size.students + size.teachers, (i) => {
      const isStudent = i < size.students;
      const n = isStudent ? i : i - size.students;
      const user = isStudent ? `stu-${pad(n)}` : `tch-${pad(n)}`;
      const role = isStudent ? 'student' : 'teacher';
      return {
        id: `role-${user}`,
        csv: [user, 'primary', role, '', '', school(n), ''],
        db: [user, 'primary', role, school(n)],
      };
    }),
    file('enrollments', 5, size.enrollments, (i) => {
      if (i < size.classes) {
        // The class's teacher: a teacher of the class's school where the sizes allow it.
        const teacher = `tch-${pad(i % size.teachers)}`;
        return {
          id: `enr-t-${pad(i)}`,
          csv: [klass(i), school(i), teacher, 'teacher', 'true', '', ''],
          db: [klass(i), school(i), teacher, 'teacher', true],
        };
      }
      const { student, c } = enrolment(i - size.classes);
      return {
        id: `enr-s-${pad(i - size.classes)}`,
        csv: [klass(c), school(c), student, 'student', 'false', '', ''],
        db: [klass(c), school(c), student, 'student', false],
      };
    }),
    file('categories', 2, 3, (i) => {
      const title = ['Homework', 'Quizzes', 'Tests'][i]!;
      const weight = ['0.2', '0.3', '0.5'][i]!;
      return { id: `cat-${i}`, csv: [title, weight], db: [title, weight] };
    }),
    file('lineItems', 9, size.lineItems, (i) => {
      const c = Math.floor(i / 4);
      const term = c % 2 === 0 ? 't2027-1' : 't2027-2';
      const values = [
        `Assignment ${i % 4} of class ${c}`,
        'Bench assignment',
        '2026-09-01',
        '2026-09-08',
        klass(c),
        `cat-${i % 3}`,
        term,
        0,
        100,
      ];
      return { id: `li-${pad(c)}-${i % 4}`, csv: [...values, ''], db: values };
    }),
    file('results', 6, studentEnrollments, (k) => {
      const { student, c } = enrolment(k);
      const values = [`li-${pad(c)}-${k % 4}`, student, 'fully graded', 50 + (k % 51), '2026-09-09', null];
      return { id: `res-${pad(k)}`, csv: [...values, '', '', '', '', '', ''], db: values };
    }),
  ];
}

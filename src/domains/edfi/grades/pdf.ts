/**
 * Report cards and transcripts as PDF (pdfkit, standard Helvetica: text stays extractable). Pure
 * rendering: the data comes assembled from report-cards.ts. One page per report card; a whole school
 * is one document with a page per student.
 */
import PDFDocument from 'pdfkit';

export interface ReportCardData {
  schoolName: string;
  schoolYear: number;
  gradingPeriod: string;
  periodDates: { beginDate: string; endDate: string };
  student: { name: string; studentUniqueId: string; gradeLevel: string | null };
  courses: {
    courseTitle: string;
    sectionIdentifier: string;
    teacher: string | null;
    percent: number | null;
    letter: string | null;
    comment: string | null;
  }[];
  attendance: { enrolledDays: number; absentDays: number; tardyDays: number; rate: number | null };
  gpa: { period: number | null; cumulative: number | null; cumulativeWeighted: number | null };
  issuedOn: string;
}

export interface TranscriptData {
  schoolName: string;
  student: { name: string; studentUniqueId: string; birthDate: string | null; gradeLevel: string | null };
  terms: {
    schoolYear: number;
    term: string;
    courses: {
      courseCode: string;
      courseTitle: string | null;
      level: string;
      letter: string | null;
      attemptedCredits: number;
      earnedCredits: number;
      gradePoints: number | null;
    }[];
    gpa: { unweighted: number | null; weighted: number | null };
  }[];
  cumulative: { unweighted: number | null; weighted: number | null; attempted: number; earned: number };
  rank: number | null;
  classSize: number | null;
  issuedOn: string;
}

const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const BAND = '#eef2f7';
const fmt = (n: number | null, places = 2) => (n === null ? '—' : n.toFixed(places));
const yearLabel = (y: number) => `${y - 1}–${y}`;

type Doc = PDFKit.PDFDocument;
interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table with a shaded header row; returns the y below it. Rows taller than one line wrap (comments). */
function table(doc: Doc, x: number, y: number, columns: Column[], rows: string[][]): number {
  const total = columns.reduce((s, c) => s + c.width, 0);
  doc.rect(x, y, total, 20).fill(BAND);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(9.5);
  let cx = x;
  for (const c of columns) {
    doc.text(c.title, cx + 5, y + 6, { width: c.width - 10, align: c.align ?? 'left' });
    cx += c.width;
  }
  y += 20;
  doc.font('Helvetica').fontSize(10);
  for (const row of rows) {
    const height =
      Math.max(...row.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 10 }))) + 10;
    cx = x;
    row.forEach((cell, i) => {
      const c = columns[i]!;
      doc.fillColor(INK).text(cell, cx + 5, y + 5, { width: c.width - 10, align: c.align ?? 'left' });
      cx += c.width;
    });
    y += height;
    doc
      .moveTo(x, y)
      .lineTo(x + total, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
  return y;
}

function header(doc: Doc, title: string, school: string, subtitle: string): number {
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(school, 50, 50);
  doc.font('Helvetica').fontSize(13).fillColor(MUTED).text(title, 50, 74);
  doc.fontSize(10).text(subtitle, 50, 92);
  doc.moveTo(50, 110).lineTo(545, 110).lineWidth(1.2).strokeColor(INK).stroke();
  return 122;
}

function facts(doc: Doc, y: number, pairs: [string, string][]): number {
  const colWidth = 495 / pairs.length;
  pairs.forEach(([label, value], i) => {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(label.toUpperCase(), 50 + i * colWidth, y);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(INK)
      .text(value, 50 + i * colWidth, y + 12, { width: colWidth - 8 });
  });
  return y + 36;
}

function section(doc: Doc, y: number, title: string): number {
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(title, 50, y);
  return y + 18;
}

function footer(doc: Doc, text: string) {
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(text, 50, 780, { width: 495, align: 'center' });
}

export function drawReportCard(doc: Doc, card: ReportCardData): void {
  let y = header(
    doc,
    `Report card — ${card.gradingPeriod}`,
    card.schoolName,
    `School year ${yearLabel(card.schoolYear)} · ${card.periodDates.beginDate} to ${card.periodDates.endDate}`,
  );
  y = facts(doc, y, [
    ['Student', card.student.name],
    ['Student ID', card.student.studentUniqueId],
    ['Grade level', card.student.gradeLevel ?? '—'],
  ]);
  y = section(doc, y + 6, 'Grades');
  y = table(
    doc,
    50,
    y,
    [
      { title: 'Course', width: 135 },
      { title: 'Teacher', width: 95 },
      { title: '%', width: 45, align: 'right' },
      { title: 'Grade', width: 45, align: 'center' },
      { title: 'Teacher comment', width: 175 },
    ],
    card.courses.length === 0
      ? [['No grades for this period yet.', '', '', '', '']]
      : card.courses.map((c) => [
          c.courseTitle,
          c.teacher ?? '—',
          c.percent === null ? '—' : c.percent.toFixed(1),
          c.letter ?? '—',
          c.comment ?? '',
        ]),
  );
  y = facts(doc, y + 12, [
    ['Period GPA (4.0)', fmt(card.gpa.period)],
    ['Cumulative GPA', fmt(card.gpa.cumulative)],
    ['Weighted cumulative', fmt(card.gpa.cumulativeWeighted)],
  ]);
  y = section(doc, y + 6, 'Attendance this period');
  const a = card.attendance;
  facts(doc, y, [
    ['Days enrolled', String(a.enrolledDays)],
    ['Days absent', String(a.absentDays)],
    ['Days tardy', String(a.tardyDays)],
    ['Attendance rate', a.rate === null ? '—' : `${(a.rate * 100).toFixed(1)} %`],
  ]);
  footer(doc, `Issued ${card.issuedOn} · Grades A–F; % is the weighted average of the course's gradebook categories.`);
}

export function drawTranscript(doc: Doc, t: TranscriptData): void {
  let y = header(doc, 'Official transcript', t.schoolName, `Issued ${t.issuedOn}`);
  y = facts(doc, y, [
    ['Student', t.student.name],
    ['Student ID', t.student.studentUniqueId],
    ['Birth date', t.student.birthDate ?? '—'],
    ['Grade level', t.student.gradeLevel ?? '—'],
  ]);
  for (const term of t.terms) {
    if (y > 640) {
      doc.addPage();
      y = 50;
    }
    y = section(doc, y + 6, `${yearLabel(term.schoolYear)} · ${term.term}`);
    y = table(
      doc,
      50,
      y,
      [
        { title: 'Code', width: 70 },
        { title: 'Course', width: 160 },
        { title: 'Level', width: 55 },
        { title: 'Grade', width: 45, align: 'center' },
        { title: 'Attempted', width: 60, align: 'right' },
        { title: 'Earned', width: 50, align: 'right' },
        { title: 'Points', width: 55, align: 'right' },
      ],
      term.courses.map((c) => [
        c.courseCode,
        c.courseTitle ?? '',
        c.level === 'ap' ? 'AP' : c.level === 'honors' ? 'Honors' : 'Regular',
        c.letter ?? '—',
        c.attemptedCredits.toFixed(2),
        c.earnedCredits.toFixed(2),
        fmt(c.gradePoints, 1),
      ]),
    );
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(MUTED)
      .text(`Term GPA ${fmt(term.gpa.unweighted)} · weighted ${fmt(term.gpa.weighted)}`, 50, y + 5);
    y += 22;
  }
  if (t.terms.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(11)
      .fillColor(INK)
      .text('No completed courses yet.', 50, y + 10);
    y += 30;
  }
  y = facts(doc, Math.min(y + 10, 700), [
    ['Cumulative GPA', fmt(t.cumulative.unweighted)],
    ['Weighted GPA', fmt(t.cumulative.weighted)],
    ['Credits attempted', t.cumulative.attempted.toFixed(2)],
    ['Credits earned', t.cumulative.earned.toFixed(2)],
    ['Class rank', t.rank === null ? '—' : `${t.rank} of ${t.classSize}`],
  ]);
  footer(doc, 'Weighted GPA adds the school’s honors and AP add-ons to passing grades. Official copy.');
}

/** Renders pages into one PDF (Buffer). */
export function renderPdf(title: string, draw: (doc: Doc, page: (first: boolean) => void) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, () => doc.addPage());
  doc.end();
  return done;
}

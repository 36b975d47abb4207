/**
 * The directory's views: who is in which school and section, as the web app's homes show them
 * (a teacher's sections and rosters, a parent's children, a student's classes, the district overview,
 * the global search). Shared with the web app: zod only.
 */
import { z } from 'zod';

export const sectionSummary = z.object({
  id: z.string().describe('The section resource id (the URL key)'),
  sectionIdentifier: z.string(),
  name: z.string(),
  courseTitle: z.string().nullable(),
  schoolId: z.number(),
  schoolName: z.string(),
  sessionName: z.string(),
  studentCount: z.number(),
  teachers: z.array(z.string()),
});
export type SectionSummary = z.infer<typeof sectionSummary>;

export const rosterStudent = z.object({
  studentUsi: z.number(),
  studentUniqueId: z.string(),
  firstName: z.string(),
  lastSurname: z.string(),
  gradeLevel: z.string().nullable(),
});

export const sectionRoster = z.object({ section: sectionSummary, students: z.array(rosterStudent) });

export const studentProfile = z.object({
  studentUsi: z.number(),
  studentUniqueId: z.string(),
  firstName: z.string(),
  lastSurname: z.string(),
  birthDate: z.string(),
  gradeLevel: z.string().nullable(),
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  sections: z.array(sectionSummary),
});
export type StudentProfile = z.infer<typeof studentProfile>;

export const sectionParams = z.strictObject({ sectionId: z.uuid('must be a section id') });
export const studentParams = z.strictObject({ studentUsi: z.coerce.number().int().positive() });

export const sectionList = z.object({ sections: z.array(sectionSummary) });
export const childrenList = z.object({ children: z.array(studentProfile) });

export const overviewView = z.object({
  counts: z.object({ schools: z.number(), students: z.number(), staff: z.number(), sections: z.number() }),
  schools: z.array(z.object({ schoolId: z.number(), name: z.string(), students: z.number(), sections: z.number() })),
  recentJobs: z.array(
    z.object({
      id: z.string(),
      jobType: z.string(),
      status: z.string(),
      createdAt: z.string(),
      completedAt: z.string().nullable(),
      errorMessage: z.string().nullable(),
    }),
  ),
});
export type OverviewView = z.infer<typeof overviewView>;

export const SEARCH_LIMIT = 8;
export const searchQuery = z.strictObject({
  q: z.string().trim().min(2, 'must have at least 2 characters').max(100, 'is too long'),
});
export const searchResult = z.object({
  students: z.array(
    z.object({
      studentUsi: z.number(),
      name: z.string(),
      studentUniqueId: z.string(),
      /** The student's current school (the audit page's picker tells namesakes apart by it). */
      schoolName: z.string().nullable(),
    }),
  ),
  staff: z.array(z.object({ staffUsi: z.number(), name: z.string(), staffUniqueId: z.string() })),
  sections: z.array(z.object({ id: z.string(), name: z.string(), schoolName: z.string() })),
});
export type SearchResult = z.infer<typeof searchResult>;

/** The language school's front desk: the classes nearest today, overdue invoices and new leads. */
export const frontDeskView = z.object({
  organization: z.object({ name: z.string(), currency: z.string(), timezone: z.string() }).nullable(),
  nextSessions: z.array(
    z.object({
      sessionId: z.string(),
      className: z.string(),
      date: z.string(),
      startTime: z.string().nullable(),
      endTime: z.string().nullable(),
      status: z.string().nullable(),
    }),
  ),
  overdueInvoices: z.object({
    count: z.number(),
    totalCents: z.number().int(),
    items: z.array(
      z.object({
        invoiceId: z.string(),
        payerName: z.string(),
        amountCents: z.number().int(),
        dueDate: z.string().nullable(),
      }),
    ),
  }),
  newLeads: z.array(
    z.object({
      leadId: z.string(),
      name: z.string(),
      source: z.string().nullable(),
      interest: z.string().nullable(),
      createdAt: z.string().nullable(),
    }),
  ),
});
export type FrontDeskView = z.infer<typeof frontDeskView>;

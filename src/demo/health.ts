/**
 * The demo district's student health records, for the nurse of the first school: immunizations —
 * most students complete, some short of required doses (IMMUNIZATION_REQUIREMENTS), so the
 * compliance list has names on it; daily medications at given times (and one as needed), so today's
 * list has doses; allergies of each severity; visits to the nurse's office — today's, two students in
 * the office now, and the days before. Written directly (the seed runs as the owner), keeping
 * the health service's rules: dates in the past, positive dose numbers, each dose once.
 */
import { IMMUNIZATION_REQUIREMENTS } from '../domains/health/index.js';
import { allergies, immunizations, medications, nurseVisits } from '../domains/health/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import type { K12Result } from './k12.js';
import { addDays, isoDate, Random } from './random.js';

const DOSES_PER_INSERT = 2000;

const MEDICATIONS: [name: string, dosage: string, frequency: string, instructions: string][] = [
  ['Methylphenidate', '10 mg', 'Daily at 12:00', 'With lunch; nurse’s office.'],
  ['Albuterol inhaler', '2 puffs', 'As needed', 'Before PE or at the first sign of wheezing.'],
  ['Insulin lispro', 'Per carb count', 'Daily at 11:45', 'Check blood glucose first; log the reading.'],
  ['Cetirizine', '5 mg', 'Daily at 08:30', 'On arrival, with water.'],
  ['Levetiracetam', '250 mg', 'Daily at 08:15, 14:30', 'Twice in school hours; never skip a dose.'],
  ['Amoxicillin', '400 mg', 'Daily at 13:00', 'A ten-day course; finish it.'],
];

const ALLERGIES: [allergen: string, type: string, severity: string, reaction: string, plan: string][] = [
  ['Peanuts', 'Food', 'severe', 'Anaphylaxis', 'Epinephrine auto-injector in the nurse’s office; call 911.'],
  ['Bee stings', 'Insect', 'severe', 'Swelling, difficulty breathing', 'Epinephrine auto-injector; call 911.'],
  ['Penicillin', 'Medication', 'moderate', 'Hives', 'No penicillin-class antibiotics.'],
  ['Shellfish', 'Food', 'moderate', 'Hives, vomiting', 'Antihistamine; call a parent.'],
  ['Latex', 'Environmental', 'mild', 'Skin rash', 'Nitrile gloves only.'],
  ['Pollen', 'Environmental', 'mild', 'Sneezing, itchy eyes', 'Antihistamine as needed.'],
  ['Eggs', 'Food', 'mild', 'Stomach ache', 'Avoid egg dishes at lunch.'],
];

export async function seedHealth(tx: Tx, tenantId: string, k12: K12Result, seed: number, today: Date) {
  // Its own generator: adding health data changes nothing else the seed draws.
  const rng = new Random(seed + 4111);
  const school = k12.schools[0]!.schoolId;
  const students = k12.students.filter((s) => s.schoolId === school);
  // About one student in five is short of doses: a missing vaccine or a series not finished.
  const short = new Set(rng.sample(students, Math.max(2, Math.round(students.length / 5))).map((s) => s.studentUSI));
  const doses: (typeof immunizations.$inferInsert)[] = [];
  for (const student of students) {
    const skipped = short.has(student.studentUSI) ? rng.pick(IMMUNIZATION_REQUIREMENTS).vaccine : undefined;
    for (const { vaccine, doses: required } of IMMUNIZATION_REQUIREMENTS) {
      const given = vaccine === skipped ? rng.int(0, required - 1) : required;
      for (let dose = 1; dose <= given; dose++)
        doses.push({
          tenantId,
          studentUsi: student.studentUSI,
          vaccineType: vaccine,
          doseNumber: dose,
          // A series given over the early years, a few months apart, all in the past.
          dateAdministered: isoDate(addDays(today, -3650 + dose * 120 + rng.int(0, 60))),
          administeredBy: rng.pick(['County Health Clinic', 'Family Pediatrics', 'Demo School Nurse']),
          lotNumber: `L${rng.int(10000, 99999)}`,
          isCompliant: true,
        });
    }
  }
  // In slices: a large demo's doses would pass PostgreSQL's 65,535 parameters in one statement.
  for (let start = 0; start < doses.length; start += DOSES_PER_INSERT)
    await tx.insert(immunizations).values(doses.slice(start, start + DOSES_PER_INSERT));

  const onMedication = rng.sample(students, Math.min(students.length, MEDICATIONS.length));
  const meds = onMedication.map((student, i) => {
    const [medicationName, dosage, frequency, administrationInstructions] = MEDICATIONS[i]!;
    return {
      tenantId,
      studentUsi: student.studentUSI,
      medicationName,
      dosage,
      frequency,
      administrationInstructions,
      startDate: isoDate(addDays(today, -rng.int(5, 200))),
      // The antibiotic course ends in a week; the rest go on.
      endDate: medicationName === 'Amoxicillin' ? isoDate(addDays(today, 7)) : null,
      prescribedBy: rng.pick(['Dr. Ana Ruiz', 'Dr. Sam Okafor', 'Dr. Lee Chen']),
      isActive: true,
    };
  });
  if (meds.length > 0) await tx.insert(medications).values(meds);

  const allergic = rng.sample(students, Math.min(students.length, ALLERGIES.length));
  const rows = allergic.map((student, i) => {
    const [allergenName, allergyType, severity, reaction, treatmentPlan] = ALLERGIES[i]!;
    return {
      tenantId,
      studentUsi: student.studentUSI,
      allergenName,
      allergyType,
      severity,
      reaction,
      treatmentPlan,
      dateIdentified: isoDate(addDays(today, -rng.int(100, 2000))),
      isActive: true,
    };
  });
  if (rows.length > 0) await tx.insert(allergies).values(rows);
  const visits = demoVisits(rng, students, today).map((v) => ({ ...v, tenantId }));
  if (visits.length > 0) await tx.insert(nurseVisits).values(visits);
  return { immunizations: doses.length, medications: meds.length, allergies: rows.length, nurseVisits: visits.length };
}

type VisitAction = (typeof nurseVisits.$inferInsert)['actionTaken'];
const VISITS: [reason: string, assessment: string, action: VisitAction, minutesAgo: number, stayed: number][] = [
  ['Headache', 'No fever (36.8 °C); rested 20 minutes with water.', 'returned_to_class', 300, 20],
  ['Scraped knee at recess', 'Cleaned and bandaged.', 'returned_to_class', 240, 10],
  ['Stomach ache, vomited once', 'Temperature 38.4 °C.', 'sent_home', 180, 45],
  ['Nosebleed', 'Stopped after ten minutes of pressure.', 'returned_to_class', 120, 15],
  ['Dizzy after PE', 'Blood glucose 62 mg/dL; juice given, parent informed.', 'parent_contacted', 75, 30],
  // Still in the office: no time out, no action yet.
  ['Sore throat', 'Temperature 37.9 °C; resting.', null, 25, 0],
  ['Asthma symptoms', 'Inhaler given per plan; observing.', null, 10, 0],
  // The days before.
  ['Bumped head on a door', 'No signs of concussion; ice pack.', 'returned_to_class', 1440 + 200, 25],
  ['Fever', 'Temperature 38.9 °C.', 'sent_home', 1440 + 90, 40],
  ['Allergic reaction (hives)', 'Antihistamine per plan; hives faded.', 'parent_contacted', 2880 + 150, 50],
];

/** Visits relative to now (never in the future), each for a different student. */
function demoVisits(rng: Random, students: { studentUSI: number }[], now: Date) {
  const who = rng.sample(students, Math.min(students.length, VISITS.length));
  return who.map((student, i) => {
    const [reason, assessment, actionTaken, minutesAgo, stayed] = VISITS[i]!;
    const timeIn = new Date(now.getTime() - minutesAgo * 60_000);
    return {
      studentUsi: student.studentUSI,
      timeIn,
      timeOut: actionTaken ? new Date(timeIn.getTime() + stayed * 60_000) : null,
      reason,
      assessment,
      actionTaken,
      recordedBy: 'demo:nurse',
    };
  });
}

/**
 * The data classification vocabulary: the "what" axis of the policy engine (role × classification ×
 * relationship) and the source of the FERPA data categories written to compliance.audit_logs. Which
 * table has which classification is data of the domains, registered by the composition root
 * (src/data-classification.ts → src/schema.ts); a table without one is refused (deny by default).
 */
export const CLASSIFICATIONS = [
  'directory',
  'educational_record',
  'sensitive_health',
  'sensitive_special_education',
  'sensitive_discipline',
  'financial',
  'compliance',
  'ai_supervision',
  'identity',
  'operational',
  'reference',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

let registered: ReadonlyMap<string, Classification> | undefined;

/** Called once by the composition root (src/schema.ts) with every table's classification. */
export function registerClassifications(map: ReadonlyMap<string, Classification>): void {
  registered = map;
}

/** schema.table → classification, for every table of the data model. */
export function tableClassifications(): ReadonlyMap<string, Classification> {
  if (!registered) throw new Error('No data classification registered: import src/schema.ts first.');
  return registered;
}

/** The classification of a table (`schema.table`), or undefined for a table Schola does not have. */
export function classificationOf(table: string): Classification | undefined {
  return tableClassifications().get(table.toLowerCase());
}

export function isClassification(value: string): value is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(value);
}

export interface ClassificationInfo {
  /** FERPA data categories written to compliance.audit_logs.data_categories. */
  dataCategories: string[];
  /** Reads must write an audit row (operation SELECT). */
  auditReads: boolean;
  /** Creates, updates and deletes must write an audit row (student-related or security-relevant data). */
  auditWrites: boolean;
}

export const CLASSIFICATION_INFO: Record<Classification, ClassificationInfo> = {
  directory: { dataCategories: ['directory_information'], auditReads: false, auditWrites: true },
  educational_record: { dataCategories: ['education_record'], auditReads: false, auditWrites: true },
  sensitive_health: { dataCategories: ['education_record', 'health'], auditReads: true, auditWrites: true },
  sensitive_special_education: {
    dataCategories: ['education_record', 'special_education'],
    auditReads: true,
    auditWrites: true,
  },
  sensitive_discipline: { dataCategories: ['education_record', 'discipline'], auditReads: true, auditWrites: true },
  financial: { dataCategories: ['financial'], auditReads: true, auditWrites: true },
  compliance: { dataCategories: ['compliance'], auditReads: false, auditWrites: true },
  ai_supervision: { dataCategories: ['education_record', 'ai_supervision'], auditReads: true, auditWrites: true },
  identity: { dataCategories: ['account'], auditReads: false, auditWrites: true },
  operational: { dataCategories: ['operational'], auditReads: false, auditWrites: false },
  reference: { dataCategories: [], auditReads: false, auditWrites: false },
};

/**
 * Whether `roles` reading `table` must write an audit row: the classification's rule, and every read of
 * student directory data by an auditor (who reaches it only to pick a student on the audit page, tenant-wide:
 * the trail shows whom the auditor looked up).
 */
export function readsAudited(table: string, roles: readonly string[]): boolean {
  const c = classificationOf(table);
  if (!c) return true;
  return CLASSIFICATION_INFO[c].auditReads || (c === 'directory' && roles.includes('auditor'));
}

/** The audit facts of a table: its FERPA data categories and whether reads/writes are audited. */
export function auditFactsOf(table: string): ClassificationInfo | undefined {
  const c = classificationOf(table);
  return c ? CLASSIFICATION_INFO[c] : undefined;
}

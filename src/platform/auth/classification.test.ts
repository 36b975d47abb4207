import { describe, expect, it } from 'vitest';
import { allTables } from '../../schema.js';
import { SCHEMA_CLASSIFICATION, TABLE_CLASSIFICATION_OVERRIDES } from '../../data-classification.js';
import {
  auditFactsOf,
  CLASSIFICATION_INFO,
  CLASSIFICATIONS,
  classificationOf,
  tableClassifications,
} from './classification.js';

describe('data classification', () => {
  it('classifies every table of the data model', () => {
    const unclassified = allTables()
      .filter((t) => classificationOf(t.qualifiedName) === undefined)
      .map((t) => t.qualifiedName);
    expect(unclassified).toEqual([]);
    const counts = Object.fromEntries(
      CLASSIFICATIONS.map((c) => [c, [...tableClassifications().values()].filter((v) => v === c).length]),
    );
    console.log(`classification: ${allTables().length} tables —`, JSON.stringify(counts));
    expect(tableClassifications().size).toBe(allTables().length);
  });

  it('names only schemas and tables that exist (no stale override hides a typo)', () => {
    const tables = new Set(allTables().map((t) => t.qualifiedName));
    const schemas = new Set(allTables().map((t) => t.schema));
    expect(Object.keys(TABLE_CLASSIFICATION_OVERRIDES).filter((t) => !tables.has(t))).toEqual([]);
    expect(Object.keys(SCHEMA_CLASSIFICATION).filter((s) => !schemas.has(s))).toEqual([]);
  });

  it('puts the sensitive domains where the issue says', () => {
    expect(classificationOf('edfi.disciplineincident')).toBe('sensitive_discipline');
    expect(classificationOf('edfi.student')).toBe('directory');
    expect(classificationOf('edfi.grade')).toBe('educational_record');
    expect(classificationOf('edfi.descriptor')).toBe('reference');
    for (const t of allTables()) {
      const c = classificationOf(t.qualifiedName);
      if (t.schema === 'health') expect(c).toBe('sensitive_health');
      if (t.schema === 'specialed') expect(c).toBe('sensitive_special_education');
      if (t.schema === 'finance' && t.name !== 'products') expect(c).toBe('financial');
      if (t.schema === 'supervision' || t.schema === 'ai_memory') expect(c).toBe('ai_supervision');
      if (t.schema === 'compliance') expect(c).toBe('compliance');
      if (t.schema === 'identity') expect(c).toBe('identity');
    }
  });

  it('refuses to classify what does not exist', () => {
    expect(classificationOf('edfi.nothing')).toBeUndefined();
    expect(classificationOf('health')).toBeUndefined();
  });

  it('gives the audit its data categories and says which reads are audited', () => {
    expect(auditFactsOf('health.allergies')).toEqual({
      dataCategories: ['education_record', 'health'],
      auditReads: true,
      auditWrites: true,
    });
    expect(auditFactsOf('finance.invoices')?.auditReads).toBe(true);
    expect(auditFactsOf('supervision.safety_alerts')?.auditReads).toBe(true);
    expect(auditFactsOf('edfi.grade')).toEqual({
      dataCategories: ['education_record'],
      auditReads: false,
      auditWrites: true,
    });
    expect(auditFactsOf('edfi.descriptor')?.auditWrites).toBe(false);
    const auditedReads = CLASSIFICATIONS.filter((c) => CLASSIFICATION_INFO[c].auditReads);
    expect(auditedReads.sort()).toEqual([
      'ai_supervision',
      'financial',
      'sensitive_discipline',
      'sensitive_health',
      'sensitive_special_education',
    ]);
  });
});

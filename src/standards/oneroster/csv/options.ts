/** What a OneRoster CSV import is asked to do, and the progress it reports. */
import type { Principal } from '../../../platform/auth/roles.js';

export interface ImportProgress {
  file: string;
  /** Rows read from this file so far. */
  fileRows: number;
  /** Rows read from the package so far. */
  rows: number;
  phase: 'reading' | 'applying' | 'done';
}

export interface ImportOptions {
  partial?: boolean;
  /** Called after every batch; a throw aborts the import and rolls everything back. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Who the audit rows name (default: the system importer). */
  principal?: Pick<Principal, 'tenantId' | 'actorId' | 'roles'>;
}

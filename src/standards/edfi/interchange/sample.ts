/**
 * The Ed-Fi 5.2 Grand Bend ISD sample (Apache-2.0) shipped in `samples/edfi-grand-bend/`: the
 * standard descriptor value sets (`Descriptors/`), interchange files (`xml/`) and their XSDs
 * (`xsd/`). Tests, benchmarks and users load it from the repository itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GRAND_BEND_SAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'samples',
  'edfi-grand-bend',
);

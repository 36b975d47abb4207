// The last step of .ci/run: sums the vitest JSON reports of both engines into "N passed, N failed"
// (written to <reports>/summary.txt and printed). Usage: node .ci/summary.mjs <reports dir> <failed CI steps>
//
// A test file that crashed before its tests ran (import error, a throwing beforeAll) is reported by
// vitest as a testResult with status "failed" and either no assertion results or only skipped ones;
// it counts as one failure, or it would pass unseen as "skipped". A run that exited non-zero
// (<engine>.exit) although its report shows no failure (e.g. the global teardown found test temporary
// directories left behind) counts as one failure too.
import fs from 'node:fs';

const [reports, failedStepsArg = '0'] = process.argv.slice(2);
const failedSteps = Number(failedStepsArg);

/** Files whose run failed while none of their tests failed: they crashed before (or around) their tests. */
function filesFailedToRun(report) {
  return report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
}

let passed = 0;
let failed = 0;
for (const name of ['pglite', 'postgres']) {
  const file = `${reports}/${name}.json`;
  if (!fs.existsSync(file)) {
    console.log(`${name}: no report (the run crashed)`);
    failed++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const crashed = filesFailedToRun(report);
  console.log(
    `${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped, ` +
      `${crashed.length} files failed to run`,
  );
  for (const entry of crashed) console.log(`  failed to run: ${entry.name}: ${(entry.message ?? '').split('\n')[0]}`);
  passed += report.numPassedTests;
  failed += report.numFailedTests + crashed.length;
  const exitFile = `${reports}/${name}.exit`;
  const exitCode = fs.existsSync(exitFile) ? Number(fs.readFileSync(exitFile, 'utf8').trim()) : 0;
  if (exitCode !== 0 && report.numFailedTests + crashed.length === 0) {
    console.log(`${name}: vitest exited with code ${exitCode} although no test failed (see the run's output)`);
    failed++;
  }
}
failed += failedSteps;
if (failedSteps > 0) console.log(`${failedSteps} CI step(s) failed (type-check, lint or database)`);
fs.writeFileSync(`${reports}/summary.txt`, `${passed} passed, ${failed} failed\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

// Electron security lint (DESIGN §6): runs @doyensec/electronegativity over the Electron shell
// (electron/main + electron/preload, in one scan) and fails only on a HIGH severity finding.
//
//   node scripts/electronegativity.mjs [--fail-on high|medium|low|informational] [--sarif FILE] [--json FILE]
//                                      [--timeout SECONDS] [--root DIR (another checkout or a fixture)]
//
// Exit codes: 0 no finding at or above --fail-on (default high); 1 there is one; 2 the scan itself
// failed (not installed, timed out, a file it could not parse).
//
// Why not its CLI: the CLI exits 1 whenever it finds anything, and first spends ~10 s failing to
// fetch translations and Electron's release list from the internet. The programmatic API returns the
// findings as objects; the two fetches go through `got`, which is stubbed here so that the scan stays
// offline. The check that needs the release list (AvailableSecurityFixesGlobalCheck) is excluded:
// keeping Electron current is the dependency updater's job, not this lint's.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['electron/main', 'electron/preload'];
// Tests are left out: a mock that calls setPermissionRequestHandler or listens to will-navigate
// would satisfy the global checks and hide a missing one in the real code.
const isTest = (path) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || path.split(sep).includes('__tests__');
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const { values: args } = parseArgs({
  options: {
    'fail-on': { type: 'string', default: 'high' },
    sarif: { type: 'string' },
    json: { type: 'string' },
    timeout: { type: 'string', default: '120' },
    root: { type: 'string' },
  },
});
const root = args.root ? resolve(args.root) : repo;
const failOn = SEVERITIES.indexOf(String(args['fail-on']).toUpperCase());
const timeoutSeconds = Number(args.timeout);
if (failOn < 0 || !(timeoutSeconds > 0)) {
  console.error(
    'usage: node scripts/electronegativity.mjs [--fail-on high|medium|low|informational] [--sarif FILE] [--json FILE] [--timeout SECONDS] [--root DIR]',
  );
  process.exit(2);
}

const require = createRequire(join(repo, 'package.json'));
let runnerPath;
try {
  runnerPath = require.resolve('@doyensec/electronegativity');
} catch {
  console.error(
    '@doyensec/electronegativity is not installed: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install -D @doyensec/electronegativity@1.10.3',
  );
  process.exit(2);
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

// Offline: whoever in the tool asks `got` for something gets an immediate network error.
const fromTool = createRequire(runnerPath);
const gotPath = fromTool.resolve('got');
const offline = () => Promise.reject(new Error('electronegativity.mjs keeps the scan offline'));
offline.head = offline;
offline.get = offline;
const stub = new Module(gotPath);
Object.assign(stub, { filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) });
fromTool.cache[gotPath] = stub;

// Stage the non-test sources in one folder, so that the global checks see main and preload together.
const stage = mkdtempSync(join(tmpdir(), 'counter-electronegativity-'));
const toRepoPath = (file) => (file === 'N/A' ? '(global)' : relative(stage, file).split(sep).join('/'));
for (const dir of SCANNED) cpSync(join(root, dir), join(stage, dir), { recursive: true, filter: (source) => !isTest(source) });

const timer = setTimeout(() => {
  console.error(`electronegativity: no result after ${timeoutSeconds} s; giving up`);
  rmSync(stage, { recursive: true, force: true });
  process.exit(2);
}, timeoutSeconds * 1000);

let result;
const log = console.log;
try {
  const run = fromTool(runnerPath);
  // Its own progress chatter about translations and releases is noise here.
  console.log = (...line) => {
    if (!/translations|Electron's (new )?releases/.test(String(line[0]))) log(...line);
  };
  result = await run(
    {
      input: stage,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
      electronVersionOverride: electronVersion,
      parserPlugins: [],
      isRelative: false,
      isVerbose: true,
    },
    false,
  );
} catch (error) {
  console.log = log;
  console.error(`electronegativity failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(2);
} finally {
  console.log = log;
  clearTimeout(timer);
  rmSync(stage, { recursive: true, force: true });
}

const findings = result.issues
  .map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    file: toRepoPath(issue.file),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    description: issue.description,
    url: issue.shortenedURL,
  }))
  .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.file.localeCompare(b.file) || a.line - b.line);

console.log(
  `Electronegativity over ${SCANNED.join(' + ')} (tests excluded), Electron ${electronVersion}: ` +
    `${result.globalChecks + result.atomicChecks} checks, ${findings.length} finding(s)`,
);
if (findings.length > 0) {
  const rows = findings.map((f) => [
    f.severity,
    f.confidence,
    f.id + (f.manualReview ? ' (review)' : ''),
    f.line ? `${f.file}:${f.line}:${f.column}` : f.file,
    `${f.description} ${f.url}`,
  ]);
  const head = ['SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE', 'WHAT'];
  const widths = head.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  '));
}

const parseErrors = result.errors.filter((error) => !error.tolerable);
for (const error of result.errors) {
  console.error(`${error.tolerable ? 'warning' : 'error'}: ${toRepoPath(error.file)}: ${error.message}`);
}

if (args.json)
  writeFileSync(args.json, `${JSON.stringify({ electronVersion, scanned: SCANNED, findings, errors: result.errors }, null, 2)}\n`);
if (args.sarif) writeFileSync(args.sarif, `${JSON.stringify(sarif(findings), null, 2)}\n`);

const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= failOn);
if (parseErrors.length > 0) {
  console.error(`electronegativity could not parse ${parseErrors.length} file(s): they were not checked`);
  process.exit(2);
}
if (failing.length > 0) {
  console.error(`${failing.length} finding(s) at or above ${SEVERITIES[failOn]}`);
  process.exit(1);
}
console.log(`No finding at or above ${SEVERITIES[failOn]}.`);

function sarif(list) {
  const level = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules: [...new Set(list.map((f) => f.id))].map((id) => ({
              id,
              helpUri: `https://github.com/doyensec/electronegativity/wiki/${id}`,
            })),
          },
        },
        results: list.map((f) => ({
          ruleId: f.id,
          level: level[f.severity] ?? 'note',
          message: { text: `${f.severity}/${f.confidence}${f.manualReview ? ', manual review' : ''}: ${f.description}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file === '(global)' ? SCANNED[0] : f.file },
                ...(f.line ? { region: { startLine: f.line, startColumn: f.column + 1 } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}

/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepack`), the tarball
 * installed into an empty project, then the reference letter published through `npx rijkspers build`
 * and through `import { publish } from 'rijkspers'`. Installs from the npm cache when it can
 * (`--prefer-offline`); puppeteer's postinstall (a browser download) is never run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve('.');
const REF = join(REPO, 'input', '000_4c8a1616a76a7555.txt');
const STEM = '000_4c8a1616a76a7555';

const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

let work: string;
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rijkspers-pack-'));
  // Packed from a copy: prepack rebuilds dist/, which other tests of this run may be using.
  const source = join(work, 'source');
  for (const name of ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'templates', 'docs']) {
    cpSync(join(REPO, name), join(source, name), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(source, 'node_modules'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(work, packed[0]!.filename);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-rijkspers', private: true, type: 'module', allowScripts: { puppeteer: false } }, null, 2)}\n`);
  execFileSync('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env, stdio: 'pipe' });
  writeFileSync(join(work, 'files.json'), JSON.stringify(packed[0]!.files.map((f) => f.path)));
}, 600_000);

afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

describe('the packed package', () => {
  it('ships bin, dist with declarations, templates and the report schema, and no tests', () => {
    const files = JSON.parse(readFileSync(join(work, 'files.json'), 'utf8')) as string[];
    expect(files).toEqual(expect.arrayContaining(['bin/rijkspers.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'templates/_base/strings/nl.json', 'docs/report-schema.json', 'package.json']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('publishes the reference letter with npx rijkspers build', () => {
    const out = join(work, 'out-cli');
    const r = spawnSync('npx', ['--no-install', 'rijkspers', 'build', REF, '--out', out, '--no-check', '--quiet'], { cwd: project, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`${STEM}.epub`, `${STEM}.html`, `${STEM}.pdf`, `${STEM}.report.json`, 'index.html']);
    expect(r.stdout).toMatch(/Summary: 1 letter, 3 outputs written, not checked/u);
  });

  it('publishes it with import { publish } from \'rijkspers\'', () => {
    const out = join(work, 'out-api');
    writeFileSync(join(project, 'publish.mjs'), [
      "import { publish, REPORT_VERSION } from 'rijkspers';",
      `const report = await publish(${JSON.stringify(REF)}, { outDir: ${JSON.stringify(out)}, check: false, formats: ['html', 'pdf'] });`,
      'console.log(JSON.stringify({ version: REPORT_VERSION, exitCode: report.summary.exitCode, status: report.letters[0].status }));',
    ].join('\n'));
    const r = spawnSync(process.execPath, ['publish.mjs'], { cwd: project, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ version: 3, exitCode: 0, status: 'not-checked' });
    expect(existsSync(join(out, `${STEM}.pdf`))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('has types for the library API', () => {
    const types = readFileSync(join(project, 'node_modules', 'rijkspers', 'dist', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function publish\(/u);
    expect(types).toMatch(/export declare function check\(/u);
    expect(types).toMatch(/export declare function parse\(/u);
  });
});

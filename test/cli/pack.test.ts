/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepack`), the tarball
 * unpacked as `node_modules/rijkspers` of an empty project with its `bin` linked as npm links it,
 * then the reference letter published through `npx rijkspers build` and through
 * `import { publish } from 'rijkspers'`.
 *
 * The project's other packages are links to this repository's node_modules rather than an
 * `npm install` of the tarball: that install took 60–110 s of a 2-core `make test`, and all it adds
 * is that `dependencies` lists what the package uses. A test here checks that directly: every package
 * that dist/ imports or resolves, and every font package a house style names, is a dependency.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, parseModule, visitNodes } from '../support/source.js';

const REPO = resolve('.');
const REF = join(REPO, 'input', '000_4c8a1616a76a7555.txt');
const STEM = '000_4c8a1616a76a7555';

const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface PackageJson {
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

let work: string;
let project: string;
let installed: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rijkspers-pack-'));
  // Packed from a copy: prepack rebuilds dist/, which other tests of this run may be using.
  const source = join(work, 'source');
  for (const name of ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'templates', 'docs']) {
    cpSync(join(REPO, name), join(source, name), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(source, 'node_modules'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  writeFileSync(join(work, 'files.json'), JSON.stringify(packed[0]!.files.map((f) => f.path)));

  project = join(work, 'project');
  const modules = join(project, 'node_modules');
  installed = join(modules, 'rijkspers');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-rijkspers', private: true, type: 'module' }, null, 2)}\n`);
  // An npm tarball holds the package under package/.
  execFileSync('tar', ['-xzf', join(work, packed[0]!.filename), '-C', installed, '--strip-components=1']);
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name.startsWith('.') || name === 'rijkspers') continue;
    symlinkSync(join(REPO, 'node_modules', name), join(modules, name));
  }
  const bins = join(modules, '.bin');
  mkdirSync(bins);
  for (const [command, file] of Object.entries((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson).bin ?? {})) {
    symlinkSync(relative(bins, join(installed, file)), join(bins, command));
  }
}, 600_000);

afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** Package name of a bare specifier (`@scope/name/file` → `@scope/name`); undefined for paths and built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

interface EsNode {
  type?: string;
  value?: unknown;
  name?: string;
  source?: EsNode | null;
  callee?: EsNode;
  property?: EsNode;
  arguments?: EsNode[];
}

interface Use {
  specifier: string;
  /** Imported or `require()`d by the module itself; else resolved through a `createRequire` that may start in another package. */
  direct: boolean;
}

/**
 * Every module a file imports, exports from, `import()`s or `require()`s (direct), and every one it
 * `….resolve()`s or loads with `createRequire(…)(…)`, found by parsing it (oxc, through vite's `parseSync`).
 */
function usesOf(file: string): Use[] {
  const found: Use[] = [];
  const text = (n: EsNode | null | undefined): string | undefined => (n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined);
  visitNodes(parseModule(file).program, (node) => {
    const n = node as EsNode;
    if (['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].includes(n.type ?? '')) {
      const spec = text(n.source);
      if (spec !== undefined) found.push({ specifier: spec, direct: true });
    }
    if (n.type === 'CallExpression' && n.callee) {
      const spec = text(n.arguments?.[0]);
      const c = n.callee;
      const direct = c.type === 'Identifier' && c.name === 'require';
      const resolved = (c.type === 'MemberExpression' && c.property?.name === 'resolve')
        || (c.type === 'CallExpression' && c.callee?.type === 'Identifier' && c.callee.name === 'createRequire');
      if (spec !== undefined && (direct || resolved)) found.push({ specifier: spec, direct });
    }
  });
  return found;
}

function packagesOf(specifiers: readonly string[]): string[] {
  return [...new Set(specifiers.map(packageOf).filter((p): p is string => p !== undefined))].sort();
}

/** The names under `dependencies` (and `optionalDependencies`) of the package in `dir`. */
function dependenciesOf(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})];
}

describe('the packed package', () => {
  it('ships bin, dist with declarations, templates and the report schema, and no tests', () => {
    const files = JSON.parse(readFileSync(join(work, 'files.json'), 'utf8')) as string[];
    expect(files).toEqual(expect.arrayContaining(['bin/rijkspers.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'templates/_base/strings/nl.json', 'docs/report-schema.json', 'package.json']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('lists as a dependency every package its code imports and every font package of its house styles', () => {
    const deps = dependenciesOf(installed);
    const uses = [...filesUnder(join(installed, 'dist'), '.js'), ...filesUnder(join(installed, 'bin'), '.js')].flatMap((f) => usesOf(f));
    const fonts = filesUnder(join(installed, 'templates'), 'theme.json').flatMap((f) => {
      const fontSpecs = (JSON.parse(readFileSync(f, 'utf8')) as { fonts?: Record<string, string | string[]> }).fonts ?? {};
      return Object.entries(fontSpecs).filter(([key]) => key !== 'family').flatMap(([, spec]) => spec);
    });
    const direct = packagesOf([...uses.filter((u) => u.direct).map((u) => u.specifier), ...fonts]);
    // The scan sees the packages: if it found none, it would prove nothing.
    expect(direct).toEqual(expect.arrayContaining(['fontkit', 'pdfkit', 'puppeteer-core', 'commander', 'piscina', '@expo-google-fonts/fira-sans']));
    expect(direct.filter((p) => !deps.includes(p))).toEqual([]);
  });

  it('reaches every package it resolves through another package (Ace\'s core, pa11y\'s sniffer) by its dependencies', () => {
    const reached = new Set<string>();
    const reach = (names: readonly string[]): void => {
      for (const name of names) {
        if (reached.has(name)) continue;
        reached.add(name);
        // Optional packages for other platforms are not installed.
        const dir = join(REPO, 'node_modules', name);
        if (existsSync(join(dir, 'package.json'))) reach(dependenciesOf(dir));
      }
    };
    reach(dependenciesOf(installed));
    const uses = filesUnder(join(installed, 'dist'), '.js').flatMap((f) => usesOf(f)).filter((u) => !u.direct);
    const resolved = packagesOf(uses.map((u) => u.specifier));
    expect(resolved).toEqual(expect.arrayContaining(['axe-core', '@daisy/ace-cli', '@daisy/ace-core', '@pa11y/html_codesniffer']));
    expect(resolved.filter((p) => !reached.has(p))).toEqual([]);
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
    const types = readFileSync(join(installed, 'dist', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function publish\(/u);
    expect(types).toMatch(/export declare function check\(/u);
    expect(types).toMatch(/export declare function parse\(/u);
  });
});

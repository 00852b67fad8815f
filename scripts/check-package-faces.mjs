#!/usr/bin/env node
// Checks each package's face: every name its src/index.ts exports is imported from outside the package
// by code that is not a test (another package, a CLI command, the bench) or written in a README's
// example. A name only other packages' tests import belongs on the package's `./internal` subpath
// (src/internal.ts); a name nothing imports belongs on neither. Exits 1 otherwise.
// A package with a `bin` (the CLI) is used through its command and is not checked.
// `--verbose` also lists the names each package's users take.
// Syntax only (the TypeScript compiler's parser, already installed), so no build is needed; it follows
// `export *` into the package's own modules. It also fails where a README's example imports a name the
// index does not export.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');

function files(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? files(path, keep) : keep(name) ? [path] : [];
  });
}

const parse = (path, text = readFileSync(path, 'utf8')) =>
  ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

const hasExport = (node) => ts.getModifiers?.(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;

/** Every name a module exports, following `export * from './x.js'` into the package's own files. */
function exportedNames(path, seen = new Set()) {
  if (seen.has(path)) return [];
  seen.add(path);
  const names = [];
  for (const node of parse(path).statements) {
    if (ts.isExportDeclaration(node)) {
      const from = node.moduleSpecifier?.text;
      if (!node.exportClause && from?.startsWith('.')) {
        const target = resolve(dirname(path), from.replace(/\.js$/, '.ts'));
        names.push(...exportedNames(existsSync(target) ? target : join(target, 'index.ts'), seen));
      } else if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        names.push(...node.exportClause.elements.map((e) => e.name.text));
      } else if (node.exportClause) names.push(node.exportClause.name.text);
    } else if (hasExport(node)) {
      if (ts.isVariableStatement(node)) names.push(...node.declarationList.declarations.map((d) => d.name.text));
      else if (node.name) names.push(node.name.text);
    }
  }
  return names;
}

/** The names `file` takes from each '@accelgan/…' specifier: imports, re-exports and awaited dynamic imports. */
function importedNames(source, text) {
  const out = [];
  const add = (specifier, names) => specifier.startsWith('@accelgan/') && out.push({ specifier, names });
  /** A namespace `ns`: the names read off it, as `ns.name`. */
  const readsOf = (ns) => [...text.matchAll(new RegExp(`\\b${ns}\\.(\\w+)`, 'g'))].map((m) => m[1]);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const specifier = node.moduleSpecifier?.text ?? '';
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      if (bindings && ts.isNamedImports(bindings))
        add(
          specifier,
          bindings.elements.map((e) => (e.propertyName ?? e.name).text),
        );
      else if (bindings && ts.isNamespaceImport(bindings)) add(specifier, readsOf(bindings.name.text));
      else if (bindings && ts.isNamedExports(bindings))
        add(
          specifier,
          bindings.elements.map((e) => (e.propertyName ?? e.name).text),
        );
      else add(specifier, ['*']);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const specifier = node.arguments[0]?.text ?? '';
      let holder = node.parent;
      while (holder && (ts.isAwaitExpression(holder) || ts.isParenthesizedExpression(holder))) holder = holder.parent;
      if (holder && ts.isVariableDeclaration(holder) && ts.isObjectBindingPattern(holder.name))
        add(
          specifier,
          holder.name.elements.map((e) => (e.propertyName ?? e.name).text),
        );
      else if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name))
        add(specifier, readsOf(holder.name.text));
      else if (holder && ts.isPropertyAccessExpression(holder)) add(specifier, [holder.name.text]);
      else add(specifier, ['*']);
    } else if (ts.isImportTypeNode(node)) {
      const specifier = node.argument.literal?.text ?? '';
      add(
        specifier,
        node.qualifier ? [ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.left.text] : ['*'],
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** TypeScript blocks of a README, each parsed as a module of its own. */
function readmeSources(path) {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/```(?:ts|typescript|js|javascript)\n([\s\S]*?)```/g)].map((m) => ({
    path,
    text: m[1],
  }));
}

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'src/index.ts')))
  .map((dir) => ({ dir, ...JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));

/** Tests reach internals; a string holding an import is a plug-in module a test writes, as a user would. */
const isTest = (path) => /\.test\.ts$|test-helpers?\.ts$/.test(path);
const isTs = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const users = [
  ...[...packages.map((p) => join(p.dir, 'src')), join(root, 'bench/src'), join(root, 'pipelines')]
    .flatMap((dir) => files(dir, isTs))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') })),
  ...[join(root, 'README.md'), ...packages.map((p) => join(p.dir, 'README.md'))]
    .filter(existsSync)
    .flatMap(readmeSources),
];
/** Imports written inside strings, as a test writes a plug-in module: `import { a, b } from '@accelgan/x'`. */
function quotedImports(source) {
  const strings = [];
  const visit = (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return strings.flatMap((text) =>
    [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](@accelgan\/[^'"]+)['"]/g)].map((m) => ({
      specifier: m[2],
      quoted: true,
      names: m[1].split(',').map((n) =>
        n
          .replace(/^\s*type\s+/, '')
          .split(/\s+as\s+/)[0]
          .trim(),
      ),
    })),
  );
}
/**
 * A package's own README may list its API as signatures ("API at a glance") instead of importing it:
 * there a signature line (`readEvents(path: string, skipped?: SkipCounter)`) counts every name in it, and
 * so does a line that is only names.
 */
const documented = ({ path, text }) => {
  const own = packages.find((p) => path === join(p.dir, 'README.md'));
  if (!own || /^\s*import\b/m.test(text)) return [];
  const names = text.split('\n').flatMap((line) => {
    if (/^\s*[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*(\/\/.*)?$/.test(line))
      return line.replace(/\/\/.*/, '').match(/\w+/g);
    // A signature line: the function and the types its caller names.
    return /^\s*[A-Za-z_]\w*\s*[(<]/.test(line) ? line.replace(/\/\/.*/, '').match(/\w+/g) : [];
  });
  return [{ specifier: own.name, names }];
};
const uses = users.flatMap((user) => {
  const source = parse(user.path, user.text);
  return [
    ...importedNames(source, user.text).map((u) => ({ ...u, imported: true })),
    ...quotedImports(source),
    ...documented(user),
  ].map((u) => ({ ...u, path: user.path, test: u.quoted !== true && isTest(user.path) }));
});

let problems = 0;
for (const { dir, name, bin } of packages) {
  if (bin) continue;
  const exported = [...new Set(exportedNames(join(dir, 'src/index.ts')))];
  // A package's own README counts: its example is how a library user calls it.
  const outside = uses.filter(
    (u) => u.specifier === name && (!u.path.startsWith(`${dir}/`) || u.path.endsWith('README.md')),
  );
  const usedBy = (n, pick) => outside.some((u) => pick(u) && (u.names.includes(n) || u.names.includes('*')));
  const notUsed = exported.filter((n) => !usedBy(n, () => true));
  const internal = exported.filter((n) => !notUsed.includes(n) && !usedBy(n, (u) => !u.test));
  const lines = readFileSync(join(dir, 'src/index.ts'), 'utf8').trimEnd().split('\n').length;
  console.log(`${name}: ${exported.length} names in ${lines} lines of src/index.ts`);
  if (verbose) console.log(`  used: ${exported.filter((n) => !notUsed.includes(n)).join(', ')}`);
  if (notUsed.length > 0) console.log(`  imported by nothing outside the package: ${notUsed.join(', ')}`);
  if (internal.length > 0) console.log(`  imported only by tests (move to ./internal): ${internal.join(', ')}`);
  // A README's example (TypeScript checks the code) that imports a name the index does not export.
  for (const u of outside.filter((u) => u.imported && u.path.endsWith('README.md'))) {
    const missing = u.names.filter((n) => n !== '*' && !exported.includes(n));
    if (missing.length > 0)
      console.log(`  ${u.path.slice(root.length + 1)} imports what it does not export: ${missing}`);
    problems += missing.length;
  }
  problems += notUsed.length + internal.length;
}
if (problems > 0) {
  console.error(`${problems} problem(s) with the packages' faces, listed above.`);
  process.exit(1);
}
console.log('every name on a package face has a user outside the package');

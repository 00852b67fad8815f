#!/usr/bin/env node
// Fails when a package's source files import each other in a loop (type-only imports count too:
// a loop of types is still two modules that cannot be read apart). Written here rather than taken
// from madge or dependency-cruiser because the TypeScript compiler already installed lists a
// file's imports in a few lines, and the project's imports are all relative ESM paths (`./x.js`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every .ts file under `dir`, tests included (a test importing in a loop is a loop too). */
function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names: `./x.js` is `./x.ts`, a folder is its index.ts. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
  return importedFiles.map((f) => resolveImport(file, f.fileName)).filter((f) => f !== undefined);
}

/** Strongly connected components of more than one file, or one file importing itself (Tarjan). */
function loops(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const folders = ['packages', 'pipelines'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
folders.push(join(root, 'bench'));
const withSources = folders.filter((folder) => existsSync(join(folder, 'src')));
let failed = 0;
for (const folder of withSources) {
  const src = join(folder, 'src');
  const graph = new Map(sourceFiles(src).map((file) => [file, importsOf(file)]));
  for (const component of loops(graph)) {
    failed++;
    console.error(`import loop in ${relative(root, folder)}: ${component.map((f) => relative(src, f)).join(', ')}`);
  }
}
if (failed > 0) {
  console.error(`${failed} import loop(s); a loop is broken by moving what both sides need into a module of its own.`);
  process.exit(1);
}
console.log(`no import loops inside any of ${withSources.length} packages`);

/**
 * Module boundaries, kept by a check (`npm run check`), not by goodwill. The rules are written out
 * in docs/ARCHITECTURE.md ("Who may call what"); this file is their one executable form.
 *
 *   npx tsx scripts/check-boundaries.ts [root]     exits 1 and lists every violation
 *
 * Server:
 *   - a file in server/modules/<A>/ imports from server/modules/<B>/ only `*.service.ts` (the
 *     module's face). Tests and test fixtures (`*.matrix.ts`, `*.fixtures.ts`, `*.testkit.ts`) may
 *     also import another module's fixtures.
 *   - `*.table.ts` of a module is imported elsewhere only as `import type` by server/db/schema.ts.
 *   - server/lib, server/db and server/access sit below the modules and import none of them
 *     (server/access/matrix/ gathers the modules' route matrices, which are test fixtures).
 *   - registries (server/modules/*.ts, server/app.ts, server/main.ts) may import `*.routes.ts` and
 *     `*.subscriptions.ts`; the rest of server/ (http, cli, jobs, test) imports services only.
 *   - server/cli/demo*.ts is the documented exception: it writes rows in bulk on an empty database.
 *   - no file writes (insertInto / updateTable / deleteFrom / replaceInto / mergeInto, or raw SQL in
 *     a `sql` template) a table that another module declares; the owner of each table is read from
 *     the `Database` interface in server/db/schema.ts and the imports beside it. Tests, fixtures,
 *     server/test (factories) and the demo generator are exempt: they build data, they are no path
 *     a user takes.
 * Web (web/src):
 *   - features/<A>/ never imports features/<B>/; shared pieces live in components/ or lib/.
 *   - lib/ imports only lib/; components/ imports lib/ and components/ (never features/ or app/).
 *   - app/ (routing, shell, start-up) may import anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export interface Violation {
  /** Root-relative path with forward slashes. */
  file: string;
  line: number;
  message: string;
}

interface ImportEdge {
  /** Root-relative target without its extension (`server/modules/journal/scales`). */
  target: string;
  typeOnly: boolean;
  line: number;
}

interface TableWrite {
  table: string | null;
  line: number;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git']);
const WRITE_METHODS = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const RAW_WRITE_PATTERNS = [
  /\binsert\s+into\s+"?([a-z_][a-z0-9_]*)/gi,
  /\bdelete\s+from\s+"?([a-z_][a-z0-9_]*)/gi,
  /\bupdate\s+"?([a-z_][a-z0-9_]*)"?\s+set\b/gi,
];
const FIXTURE_SUFFIXES = ['.matrix', '.fixtures', '.testkit'];

const toPosix = (p: string) => p.split(path.sep).join('/');
const withoutExtension = (p: string) => p.replace(/\.(d\.ts|tsx|ts|mts|jsx|js|mjs)$/, '');

function listSources(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) out.push(...listSources(root, relative));
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
      out.push(relative);
    }
  }
  return out;
}

function parse(root: string, file: string): ts.SourceFile {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

/** Resolves a specifier to a root-relative path without extension; null for packages. */
function resolveSpecifier(file: string, specifier: string): string | null {
  if (specifier.startsWith('@contract/')) return withoutExtension(`contract/${specifier.slice('@contract/'.length)}`);
  if (!specifier.startsWith('.')) return null;
  return withoutExtension(toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))));
}

/** Every static import, re-export, dynamic `import()` and `import('x').T` type in a file. */
function importsOf(source: ts.SourceFile, file: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean, at: ts.Node) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const target = resolveSpecifier(file, specifier.text);
    if (target) edges.push({ target, typeOnly, line: lineOf(source, at) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, node);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly, node);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true, node);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every Kysely write and raw SQL write in a file, with the table it names (null when not a literal). */
function tableWritesOf(source: ts.SourceFile): TableWrite[] {
  const writes: TableWrite[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && WRITE_METHODS.has(node.expression.name.text)) {
      const argument = node.arguments[0];
      const table = argument && ts.isStringLiteralLike(argument) ? (argument.text.trim().split(/\s+as\s+/i)[0] ?? '').trim() : null;
      writes.push({ table, line: lineOf(source, node.expression.name) });
    } else if (ts.isTaggedTemplateExpression(node) && /^sql\b/.test(node.tag.getText(source))) {
      const text = ts.isNoSubstitutionTemplateLiteral(node.template)
        ? node.template.text
        : [node.template.head.text, ...node.template.templateSpans.map((span) => span.literal.text)].join(' ');
      for (const pattern of RAW_WRITE_PATTERNS) {
        for (const match of text.matchAll(pattern)) writes.push({ table: match[1] ?? null, line: lineOf(source, node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return writes;
}

/** Table name → owning module, read from the `Database` interface and the table imports of server/db/schema.ts. */
export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const schemaFile = 'server/db/schema.ts';
  if (!fs.existsSync(path.join(root, schemaFile))) return owners;
  const source = parse(root, schemaFile);
  const moduleOfType = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = resolveSpecifier(schemaFile, statement.moduleSpecifier.text);
    const owner = target?.match(/^server\/modules\/([^/]+)\//)?.[1];
    const bindings = statement.importClause?.namedBindings;
    if (!owner || !bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) moduleOfType.set(element.name.text, owner);
  }
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== 'Database') continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
      const owner = moduleOfType.get(member.type.typeName.getText(source));
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : null;
      if (owner && name) owners.set(name, owner);
    }
  }
  return owners;
}

// --- server ---------------------------------------------------------------------------------------

interface ServerFile {
  /** The module a file belongs to (server/modules/<module>/…), or null outside the modules. */
  module: string | null;
  /** test: `*.test.ts`; fixture: matrices, fixtures, testkits; code: everything else. */
  role: 'test' | 'fixture' | 'code';
}

function serverFile(file: string): ServerFile {
  const module = file.match(/^server\/modules\/([^/]+)\//)?.[1] ?? null;
  const base = withoutExtension(path.posix.basename(file));
  const role = base.endsWith('.test') ? 'test' : FIXTURE_SUFFIXES.some((s) => base.endsWith(s)) ? 'fixture' : 'code';
  return { module, role };
}

const isDemoGenerator = (file: string) => /^server\/cli\/demo[^/]*$/.test(file) && !file.endsWith('.test.ts');
const isRegistry = (file: string) => /^server\/modules\/[^/]+\.ts$/.test(file) || file === 'server/app.ts' || file === 'server/main.ts';
const isTestSupport = (file: string) => file.startsWith('server/test/');

/** Why an import of another module's file is refused, or null when it is allowed. */
function refusedModuleImport(file: string, edge: ImportEdge, targetModule: string): string | null {
  const importer = serverFile(file);
  if (importer.module === targetModule) return null;
  if (isDemoGenerator(file)) return null;
  const targetBase = path.posix.basename(edge.target);
  const targetPath = `${edge.target}.ts`;
  const isFace = targetBase.endsWith('.service');
  const isFixture = FIXTURE_SUFFIXES.some((s) => targetBase.endsWith(s));

  if (targetBase.endsWith('.table')) {
    return file === 'server/db/schema.ts' && edge.typeOnly
      ? null
      : `imports ${targetPath}: a module's tables are imported only as \`import type\` by server/db/schema.ts`;
  }
  if (/^server\/(lib|db)\//.test(file))
    return `imports ${targetPath}: server/lib and server/db sit below the modules and import none of them`;
  if (file.startsWith('server/access/')) {
    return file.startsWith('server/access/matrix/') && isFixture
      ? null
      : `imports ${targetPath}: the access policy sits below the modules (only server/access/matrix/ gathers their route matrices)`;
  }
  if (isFace) return null;
  if (isFixture && (importer.role !== 'code' || isTestSupport(file))) return null;
  if (isRegistry(file) && /\.(routes|subscriptions)$/.test(targetBase)) return null;
  const who = importer.module ? `module "${importer.module}"` : 'this file';
  return `imports ${targetPath}: ${who} may reach module "${targetModule}" only through its *.service.ts`;
}

function checkServer(root: string): Violation[] {
  const violations: Violation[] = [];
  const owners = tableOwners(root);
  for (const file of listSources(root, 'server')) {
    const source = parse(root, file);
    for (const edge of importsOf(source, file)) {
      const targetModule = edge.target.match(/^server\/modules\/([^/]+)\//)?.[1];
      if (!targetModule) continue;
      const refusal = refusedModuleImport(file, edge, targetModule);
      if (refusal) violations.push({ file, line: edge.line, message: refusal });
    }

    const importer = serverFile(file);
    const writesExempt =
      importer.role !== 'code' || isTestSupport(file) || isDemoGenerator(file) || file.startsWith('server/db/migrations/');
    if (writesExempt) continue;
    for (const write of tableWritesOf(source)) {
      if (write.table === null) {
        violations.push({
          file,
          line: write.line,
          message: 'writes a table named by an expression: name it as a string literal so its owner can be checked',
        });
        continue;
      }
      const owner = owners.get(write.table);
      if (owner && owner !== importer.module) {
        const who = importer.module ? `module "${importer.module}"` : 'this file';
        violations.push({
          file,
          line: write.line,
          message: `writes table "${write.table}", which module "${owner}" owns: ${who} must call a function of ${owner}'s *.service.ts instead`,
        });
      }
    }
  }
  return violations;
}

// --- web ------------------------------------------------------------------------------------------

type WebLayer = { kind: 'lib' } | { kind: 'components' } | { kind: 'app' } | { kind: 'feature'; name: string } | { kind: 'other' };

function webLayer(file: string): WebLayer {
  const parts = file.split('/');
  if (parts[0] !== 'web' || parts[1] !== 'src') return { kind: 'other' };
  const top = parts[2];
  if (top === 'lib' || top === 'components' || top === 'app') return { kind: top };
  if (top === 'features' && parts[3] && parts.length > 4) return { kind: 'feature', name: parts[3] };
  return { kind: 'app' }; // main.tsx, boot.ts: the start-up, part of the app layer
}

function describeLayer(layer: WebLayer): string {
  return layer.kind === 'feature' ? `features/${layer.name}` : layer.kind;
}

function refusedWebImport(from: WebLayer, to: WebLayer): string | null {
  if (to.kind === 'other') return null;
  switch (from.kind) {
    case 'lib':
      return to.kind === 'lib' ? null : 'lib/ imports only lib/';
    case 'components':
      return to.kind === 'lib' || to.kind === 'components' ? null : 'components/ imports only lib/ and components/';
    case 'feature':
      return to.kind === 'feature' && to.name !== from.name
        ? `features/${from.name} may not import another feature; move the shared piece to components/ or lib/`
        : null;
    default:
      return null;
  }
}

function checkWeb(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of listSources(root, 'web/src')) {
    const from = webLayer(file);
    const source = parse(root, file);
    for (const edge of importsOf(source, file)) {
      const to = webLayer(edge.target);
      const refusal = refusedWebImport(from, to);
      if (refusal) violations.push({ file, line: edge.line, message: `imports ${edge.target} (${describeLayer(to)}): ${refusal}` });
    }
  }
  return violations;
}

/** Every boundary violation under `root` (the repository root), in file order. */
export function checkBoundaries(root: string): Violation[] {
  return [...checkServer(root), ...checkWeb(root)].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `  ${v.file}:${v.line}  ${v.message}`).join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkBoundaries(root);
  if (violations.length > 0) {
    console.error(`Module boundaries: ${violations.length} violation(s) (rules: docs/ARCHITECTURE.md, "Who may call what")\n`);
    console.error(formatViolations(violations));
    process.exit(1);
  }
  console.log('Module boundaries: no violations');
}

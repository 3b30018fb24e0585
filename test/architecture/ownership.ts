// Which tables a source file names, and how (read or write), found in its syntax tree: Kysely calls whose first
// argument is a table name, and table names after FROM/JOIN/INTO/UPDATE in sql`…` templates.
import ts from 'typescript';

const READS = new Set(['selectFrom', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'selectAll']);
const WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
/** registries a module must fill through its declaration, never by calling them */
export const REGISTRY_CALLS = new Set(['definePermission', 'registerMessages', 'registerSearchKind', 'registerDataset', 'registerSitemapSource', 'registerFeedSource', 'registerEvidenceProvider', 'registerFileOwner', 'registerJob']);

export interface TableUse {
  table: string;
  write: boolean;
  line: number;
}

export function tableUses(fileName: string, source: string, known: ReadonlySet<string>): { uses: TableUse[]; registryCalls: Array<{ name: string; line: number }> } {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const uses: TableUse[] = [];
  const registryCalls: Array<{ name: string; line: number }> = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const a = n.arguments[0];
      if ((READS.has(name) || WRITES.has(name)) && a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))) {
        const table = a.text.split(/\s+as\s+/)[0]!.trim();
        if (known.has(table)) uses.push({ table, write: WRITES.has(name), line: line(n) });
      }
      if (ts.isIdentifier(callee) && REGISTRY_CALLS.has(name)) registryCalls.push({ name, line: line(n) });
    }
    if (ts.isTaggedTemplateExpression(n) && n.tag.getText(sf) === 'sql') {
      for (const m of n.template.getText(sf).matchAll(/\b(FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)/gi)) {
        if (known.has(m[2]!)) uses.push({ table: m[2]!, write: /INTO|UPDATE/i.test(m[1]!), line: line(n) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { uses, registryCalls };
}

// The rewrite behind utils/cli/lazy-schema.ts, for the CLI's compiled worker (scripts/build-cli.mjs):
// in a module of the core that imports zod, each top-level `const X = <call chain>` whose root is
// `z`, a schema made lazy above it in the same module, or an imported schema extended
// (`Imported.extend(…)`, `.pick(…)`, …) becomes `const X = __lazySchema(() => (<call chain>))`.
// Only call chains: `z.enum([…]).options` is an array, not a schema, and stays as it is.
import * as acorn from 'acorn';

const COMPOSE = new Set(['extend', 'pick', 'omit', 'partial', 'required', 'merge', 'array', 'optional', 'nullable', 'nullish', 'and', 'or']);

/** The chain's root identifier and the name of its first member (`A.extend(…).optional()` → A, extend). */
function chainRoot(node) {
  let first;
  for (;;) {
    if (node.type === 'CallExpression') node = node.callee;
    else if (node.type === 'MemberExpression') {
      if (!node.computed && node.property.type === 'Identifier') first = node.property.name;
      node = node.object;
    } else return { root: node, first };
  }
}

/**
 * JavaScript (the module already compiled from TypeScript) in, the same with its schemas made
 * lazy out; `null` when there is nothing to rewrite. `helper` is the module exporting lazySchema.
 */
export function lazySchemaSource(js, helper) {
  const ast = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
  const imported = new Set();
  for (const st of ast.body) {
    if (st.type !== 'ImportDeclaration' || !String(st.source.value).startsWith('.')) continue;
    for (const s of st.specifiers) if (s.type === 'ImportSpecifier') imported.add(s.local.name);
  }
  const zod = ast.body.some((st) => st.type === 'ImportDeclaration' && st.source.value === 'zod' && st.specifiers.some((s) => s.local.name === 'z'));
  if (!zod) return null;
  const lazy = new Set();
  const edits = [];
  for (const st of ast.body) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
    if (!decl || decl.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier' || !d.init || d.init.type !== 'CallExpression') continue;
      const { root, first } = chainRoot(d.init);
      if (root.type !== 'Identifier') continue;
      const ok = root.name === 'z' || lazy.has(root.name) || (imported.has(root.name) && COMPOSE.has(first));
      if (!ok) continue;
      lazy.add(d.id.name);
      edits.push([d.init.start, d.init.end]);
    }
  }
  if (edits.length === 0) return null;
  let out = js;
  for (const [s, e] of edits.reverse()) out = `${out.slice(0, s)}__lazySchema(() => (${out.slice(s, e)}))${out.slice(e)}`;
  return `import { lazySchema as __lazySchema } from ${JSON.stringify(helper)};\n${out}`;
}

// `renkei-doctor/eslint`: the ESLint plugin (utils/eslint/plugin.ts; README "ESLint plugin").
// The compiled plugin (dist/eslint/plugin.mjs) when the package ships it; in a checkout, the
// TypeScript sources through tsx (a development dependency), in a namespace of their own so
// ESLint's other modules load as they would without it.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/eslint/plugin.mjs', import.meta.url);
const source = new URL('../utils/eslint/plugin.ts', import.meta.url);

async function load() {
  if (existsSync(source)) {
    try {
      const { register } = await import('tsx/esm/api');
      const api = register({ namespace: 'renkei-doctor-eslint' });
      return await api.import(source.href, import.meta.url);
    } catch (e) {
      if (!existsSync(bundled)) throw e;
    }
  }
  return import(bundled.href);
}

const mod = await load();
const plugin = mod.default?.default ?? mod.default;
export default plugin;
export const configs = plugin.configs;
export const rules = plugin.rules;

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', 'demo-screenshots/**', '.bench/**', '.wxt/**', 'node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/eslint-project/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The analysis core is pure: no browser API, no WXT, no React. Extension, CLI and tests share it.
    files: ['utils/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['wxt', 'wxt/*', '#imports', 'webextension-polyfill', 'react', 'react-dom', 'zustand', '@/entrypoints/*', '@/components/*', 'node:*'], message: 'utils/core is pure TypeScript: no browser, framework or Node API.' },
        ],
      }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'process'],
    },
  },
);

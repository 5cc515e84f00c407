// Flat config. The three import boundaries come from DESIGN §1.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.counter-data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/engine/**'],
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'The engine runs under plain Node: never import electron (DESIGN §1).' },
      { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The engine never imports React (DESIGN §1).' },
      { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The engine depends only on shared/.' },
    ]),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      {
        group: ['**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'hono', 'hono/*'],
        message: 'The renderer imports only shared/ and browser packages (DESIGN §1).',
      },
    ]),
  },
  {
    files: ['shared/**'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod($|/)|\\.{1,2}/).*', message: 'shared/ imports only zod (DESIGN §1).' }] },
      ],
    },
  },
);

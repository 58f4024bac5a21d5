// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layering (see ../shared/DESIGN.md): core is plain Node (no electron, no transports); the
 * renderer takes only types from src-main; raw ipcMain/ipcRenderer live only in the IPC helpers.
 */
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC helpers (src-main/electron/ipc.ts, preload.ts); raw IPC elsewhere bypasses the contract.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'bench-output/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [rawIpc] }],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core is plain Node: it never imports electron (DESIGN.md).' }],
          patterns: [
            { regex: '^electron/', message: 'core is plain Node: it never imports electron.' },
            { regex: '(^|/)(electron|server|cli)(/|$)', message: 'core must not import a transport or the CLI; they import core.' },
            { regex: '^node:https?$|^https?$', message: 'core does not serve HTTP; the server transport does.' },
          ],
        },
      ],
    },
  },
  {
    // The one HTTP *client* in core: the city platform's API (SPEC §4). Serving HTTP stays out.
    files: ['src-main/core/exchange/sync/http.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core is plain Node: it never imports electron (DESIGN.md).' }],
          patterns: [
            { regex: '^electron/', message: 'core is plain Node: it never imports electron.' },
            { regex: '(^|/)(electron|server|cli)(/|$)', message: 'core must not import a transport or the CLI; they import core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/server/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'serve mode and the CLI run without Electron.' }],
          patterns: [{ regex: '(^|/)electron(/|$)', message: 'serve mode and the CLI run without Electron.' }],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to `api`.' }],
          patterns: [
            {
              regex: '(^|/)src-main(/|$)',
              allowTypeImports: true,
              message: 'The renderer may import only types from src-main (`import type`); it talks to the backend through `api`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);

// ESLint for the portal's scripts (web/) and the tools: `npm run lint` in CI. The recommended rules,
// plus what keeps the portal's habits: modules, no HTML strings from data, no leftovers.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['web/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build elements with dom.js element(); never parse HTML from data.' },
        { property: 'outerHTML', message: 'Build elements with dom.js element(); never parse HTML from data.' }],
      eqeqeq: 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['web/shared/shell.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['tools/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
  },
];

// Lint enforces the architecture: the core is pure (no vscode, no DOM-only code paths), the webview
// only draws and talks through the protocol, the worker never touches vscode, and nothing but the
// extension host imports `vscode`.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.vscode-test/**', '.demo/**'] },
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': ['error', { paths: [noVscode] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['**/extension/**', '**/webview/**', '**/worker/**', '**/cli/**'], message: 'src/core is the pure core: it imports only itself and node builtins.' },
        ],
      }],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['node:*', '**/extension/**', '**/webview/**', '**/worker/**', '**/cli/**'], message: 'src/protocol holds types shared by host, worker and webview; it imports only core types.' },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['node:*', '**/extension/**', '**/worker/**', '**/cli/**', '**/core/io/**'], message: 'The webview only draws and asks: it imports the protocol and browser-safe core modules.' },
        ],
      }],
    },
  },
  {
    files: ['src/worker/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['**/extension/**', '**/webview/**'], message: 'The worker and the CLI use the core, never the host or the webview.' },
        ],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/webview/**', '**/cli/**'], message: 'The host talks to the webview through src/protocol, not its code.' },
        ],
      }],
    },
  },
  {
    // In-VS Code tests run inside the extension host, so they may use the vscode API.
    files: ['test/integration/suite/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

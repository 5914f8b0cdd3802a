// Lint rules for Loupe: the recommended sets for JavaScript, TypeScript and Svelte, with the few
// exceptions the code base needs (each says why).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-subpath/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Test doubles mimic loose shapes (JSON-RPC bodies, DOM events) where `any` says so plainly.
		files: ['tests/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		rules: {
			// Server data is never rendered as HTML: {@html} stays an error everywhere.
			'svelte/no-at-html-tags': 'error',
			// `_` marks a value taken apart to drop it ({ [key]: _, ...rest }).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			],
			// Links are built from checked URLs (resolve() is for the app's own routes).
			'svelte/no-navigation-without-resolve': 'off',
			// Stores keep private bookkeeping in plain Maps and Sets on purpose; what the UI reads is $state.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	}
);

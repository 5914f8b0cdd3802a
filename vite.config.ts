import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { clientMetadataPlugin } from './scripts/vite-client-metadata.js';
import { connectPreloadPlugin } from './scripts/vite-connect-preload.js';

export default defineConfig({
	plugins: [sveltekit(), clientMetadataPlugin(), connectPreloadPlugin()],
	server: { host: '127.0.0.1' },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/servers/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000
	}
});

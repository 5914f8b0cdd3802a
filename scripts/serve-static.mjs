#!/usr/bin/env node
/**
 * Serves the built app (build/) on 127.0.0.1. Static files only, as any static host would.
 * Usage: node scripts/serve-static.mjs [--port 4173] [--dir build]
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json'
};

export function startStaticServer({
	port = 4173,
	host = '127.0.0.1',
	dir = 'build',
	base = ''
} = {}) {
	const root = resolve(dir);
	const server = createServer(async (req, res) => {
		try {
			let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
			if (base) {
				// Under a sub-path, only that sub-path exists, as on GitHub Pages.
				if (path !== base && !path.startsWith(`${base}/`)) {
					res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
					return res.end('Not found');
				}
				path = path.slice(base.length) || '/';
			}
			let file = normalize(join(root, path));
			if (!file.startsWith(root))
				throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
			let info = await stat(file).catch(() => undefined);
			if (info?.isDirectory()) {
				if (!path.endsWith('/')) {
					res.writeHead(308, { Location: `${base}${path}/` });
					return res.end();
				}
				file = join(file, 'index.html');
				info = await stat(file).catch(() => undefined);
			}
			if (!info) {
				res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
				return res.end('Not found');
			}
			const body = await readFile(file);
			res.writeHead(200, {
				'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
				'Cache-Control': file.includes('/_app/immutable/')
					? 'public, max-age=31536000, immutable'
					: 'no-cache',
				'X-Content-Type-Options': 'nosniff',
				'Referrer-Policy': 'no-referrer'
			});
			res.end(req.method === 'HEAD' ? undefined : body);
		} catch {
			res.writeHead(500);
			res.end();
		}
	});
	return new Promise((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolvePromise(server));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const arg = (name, fallback) => {
		const i = process.argv.indexOf(`--${name}`);
		return i > 0 ? process.argv[i + 1] : fallback;
	};
	const port = Number(arg('port', process.env.PORT ?? 4173));
	await startStaticServer({ port, dir: arg('dir', 'build'), base: process.env.BASE_PATH ?? '' });
	console.log(`Loupe is served at http://127.0.0.1:${port}${process.env.BASE_PATH ?? ''}/`);
}

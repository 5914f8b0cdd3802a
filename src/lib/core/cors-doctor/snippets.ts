/**
 * The CORS set-up a failed hop needs, as header lines and as short snippets for common stacks.
 * The text is data for a <pre>, never markup: the origin and the path come from the page and
 * the URL the person typed.
 */
import type { CorsFix } from './verdicts.js';

export interface Snippet {
	stack: string;
	code: string;
}

/** The header lines of a fix: what every answer (and the OPTIONS preflight) must carry. */
export function headerLines(fix: CorsFix): string[] {
	const lines = [`Access-Control-Allow-Origin: ${fix.origin}`];
	if (fix.methods.length) lines.push(`Access-Control-Allow-Methods: ${fix.methods.join(', ')}`);
	if (fix.allowHeaders.length)
		lines.push(`Access-Control-Allow-Headers: ${fix.allowHeaders.join(', ')}`);
	if (fix.exposeHeaders.length)
		lines.push(`Access-Control-Expose-Headers: ${fix.exposeHeaders.join(', ')}`);
	return lines;
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname || '/';
	} catch {
		return '/';
	}
}

const js = (items: readonly string[]) =>
	`[${items.map((i) => `'${i.replace(/['\\]/g, '')}'`).join(', ')}]`;
const py = (items: readonly string[]) =>
	`[${items.map((i) => `"${i.replace(/["\\]/g, '')}"`).join(', ')}]`;
const plain = (text: string) => text.replace(/["'\\\n\r]/g, '');

export function snippets(fix: CorsFix): Snippet[] {
	const path = plain(pathOf(fix.url));
	const origin = plain(fix.origin);
	const methods = fix.methods;
	const allow = fix.allowHeaders;
	const expose = fix.exposeHeaders;
	const lines = headerLines({ ...fix, origin });
	const preflightOnly = lines.filter((l) => !l.startsWith('Access-Control-Expose-Headers'));
	return [
		{
			stack: 'Express (cors)',
			code: [
				`import cors from 'cors';`,
				``,
				`// Before the MCP routes, so errors carry the headers too.`,
				`app.use('${path}', cors({`,
				`  origin: '${origin}',`,
				`  methods: ${js(methods)},`,
				`  allowedHeaders: ${js(allow)},`,
				...(expose.length ? [`  exposedHeaders: ${js(expose)},`] : []),
				`  maxAge: 600`,
				`}));`
			].join('\n')
		},
		{
			stack: 'Hono (cors)',
			code: [
				`import { cors } from 'hono/cors';`,
				``,
				`app.use('${path}', cors({`,
				`  origin: '${origin}',`,
				`  allowMethods: ${js(methods)},`,
				`  allowHeaders: ${js(allow)},`,
				...(expose.length ? [`  exposeHeaders: ${js(expose)},`] : []),
				`  maxAge: 600`,
				`}));`
			].join('\n')
		},
		{
			stack: 'Starlette / FastAPI (CORSMiddleware)',
			code: [
				`from starlette.middleware.cors import CORSMiddleware`,
				``,
				`app.add_middleware(`,
				`    CORSMiddleware,`,
				`    allow_origins=${py([origin])},`,
				`    allow_methods=${py(methods)},`,
				`    allow_headers=${py(allow)},`,
				...(expose.length ? [`    expose_headers=${py(expose)},`] : []),
				`    max_age=600,`,
				`)`
			].join('\n')
		},
		{
			stack: 'nginx',
			code: [
				`location ${path} {`,
				`    # "always": errors (4xx, 5xx) carry the headers too.`,
				...lines
					.filter((l) => !/^Access-Control-Allow-(Methods|Headers)/.test(l))
					.map((l) => `    add_header ${l.replace(': ', ' "')}" always;`),
				`    if ($request_method = OPTIONS) {`,
				...preflightOnly.map((l) => `        add_header ${l.replace(': ', ' "')}" always;`),
				`        add_header Access-Control-Max-Age 600 always;`,
				`        return 204;`,
				`    }`,
				`    proxy_pass http://127.0.0.1:3000;  # your MCP server`,
				`    proxy_buffering off;               # event streams flow as sent`,
				`}`
			].join('\n')
		},
		{
			stack: 'Cloudflare Workers',
			code: [
				`const CORS = {`,
				...lines.map((l) => {
					const [name, value] = [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)];
					return `  '${name}': '${value}',`;
				}),
				`  'Access-Control-Max-Age': '600'`,
				`};`,
				``,
				`export default {`,
				`  async fetch(request, env, ctx) {`,
				`    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });`,
				`    const response = await handleMcp(request, env, ctx); // your MCP handler`,
				`    const headers = new Headers(response.headers);`,
				`    for (const [name, value] of Object.entries(CORS)) headers.set(name, value);`,
				`    return new Response(response.body, { status: response.status, headers });`,
				`  }`,
				`};`
			].join('\n')
		}
	];
}

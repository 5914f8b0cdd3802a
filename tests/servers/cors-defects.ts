/**
 * Demo endpoints whose CORS has one defect each, as real servers ship them (issue 10), for the
 * CORS doctor. Each serves the demo tools over Streamable HTTP with sessions (2025-11-25), where
 * every defect shows: the session id, DELETE on Disconnect, the headers after initialize.
 *
 *   /mcp-cors-no-mcp-headers  Allow-Headers: Content-Type, Authorization, Mcp-Session-Id (as
 *                             mcp-framework sends): initialize passes, the next request is blocked
 *   /mcp-cors-no-expose       no Access-Control-Expose-Headers: the session id is hidden from pages
 *   /mcp-cors-no-delete       Allow-Methods: GET, POST, OPTIONS: Disconnect cannot end the session
 *   /mcp-cors-no-param-headers  the 2026-07-28 era (as /mcp), whose Allow-Headers never takes the
 *                             per-tool Mcp-Param-* headers: the session works until a tool that
 *                             mirrors an argument into one (regional_echo) is called
 *   /mcp-cors-expose-all      not a defect: Access-Control-Expose-Headers: *, so a page can read
 *                             every header (Retry-After included) and the list itself
 */
import { ALLOWED_HEADERS, ALLOWED_METHODS, EXPOSED_HEADERS, type CorsPolicy } from './cors';

export const CORS_DEFECTS: Readonly<Record<string, CorsPolicy>> = {
	'/mcp-cors-no-mcp-headers': {
		methods: ALLOWED_METHODS,
		allowHeaders: ['Content-Type', 'Authorization', 'Mcp-Session-Id'],
		exposeHeaders: ['Mcp-Session-Id']
	},
	'/mcp-cors-no-expose': {
		methods: ALLOWED_METHODS,
		allowHeaders: ALLOWED_HEADERS,
		exposeHeaders: []
	},
	'/mcp-cors-no-delete': {
		methods: 'GET, POST, OPTIONS',
		allowHeaders: ALLOWED_HEADERS,
		exposeHeaders: EXPOSED_HEADERS
	},
	'/mcp-cors-no-param-headers': {
		methods: ALLOWED_METHODS,
		allowHeaders: ALLOWED_HEADERS,
		exposeHeaders: EXPOSED_HEADERS,
		paramHeaders: false
	},
	'/mcp-cors-expose-all': {
		methods: ALLOWED_METHODS,
		allowHeaders: ALLOWED_HEADERS,
		exposeHeaders: ['*']
	}
};

/** The defect endpoints that speak both eras (the others keep 2025-era sessions). */
export const DUAL_ERA_DEFECTS = new Set(['/mcp-cors-no-param-headers']);

export const CORS_DEFECT_PATHS = Object.keys(CORS_DEFECTS);

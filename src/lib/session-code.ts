/**
 * What a connection needs beyond the first screen, fetched as one (connect-code.ts): the session
 * core with the MCP SDK, and this tab's memory of server eras.
 */
export { McpSession } from './core/session.js';
export { eraHintFor, rememberEra } from './era-memory.js';

/**
 * What a connection needs beyond the first screen, fetched as one (connect-code.ts): the session
 * core with the MCP SDK, this tab's memory of server eras, the local bridge's token header, and
 * the reader of big received messages (a worker, started with the first one).
 */
export { McpSession } from '../../core/session.js';
export { eraHintFor, rememberEra } from './era-memory.js';
export { withBridgeHeaders } from '../../core/bridge-link.js';
export { readBigReceivedText } from '../../ui/received-text.js';

/**
 * Warms the demo server up from Node before anything is timed: the first burst a fresh
 * server process sends is slower (cold JIT), and that is the server's cost, not Loupe's.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export async function warmUpBurst(endpoint, count) {
	const client = new Client({ name: 'loupe-bench-warm-up', version: '0.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
	try {
		const result = await client.callTool({ name: 'log_burst', arguments: { count } });
		const text = result.content?.find((c) => c.type === 'text')?.text;
		if (text !== `sent ${count}`) throw new Error(`log_burst answered ${JSON.stringify(text)}`);
	} finally {
		await client.close().catch(() => {});
	}
}

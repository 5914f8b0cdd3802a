/**
 * One HTTP response held open as a server-sent event stream, each message line of the stdio
 * server one `message` event, exactly as the server wrote it.
 */
export class EventStream {
	open = true;
	/** @type {Array<() => void>} */
	#closers = [];

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {Record<string, string>} headers CORS and session headers
	 * @param {{ methods?: string[] }} [about] the methods of the requests it answers
	 */
	constructor(res, headers, about = {}) {
		this.res = res;
		this.methods = about.methods ?? [];
		res.writeHead(200, {
			...headers,
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache, no-transform'
		});
		res.flushHeaders();
		res.once('close', () => this.#closed());
	}

	/** @param {string} line one JSON-RPC message (no line breaks) */
	send(line) {
		if (this.open) this.res.write(`event: message\ndata: ${line}\n\n`);
	}

	end() {
		if (this.open) this.res.end();
		this.#closed();
	}

	/** @param {() => void} fn called once, when the stream ends or the client goes away */
	onClose(fn) {
		if (this.open) this.#closers.push(fn);
		else fn();
	}

	#closed() {
		if (!this.open) return;
		this.open = false;
		for (const fn of this.#closers.splice(0)) fn();
	}
}

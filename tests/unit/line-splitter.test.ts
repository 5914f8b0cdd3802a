import { describe, expect, it } from 'vitest';
import { lineSplitter } from '../../src/lib/core/line-splitter';

function split(chunks: string[]): string[] {
	const lines: string[] = [];
	const splitter = lineSplitter((line) => lines.push(line));
	for (const chunk of chunks) splitter.push(chunk);
	splitter.end();
	return lines;
}

/** Every way to cut `text` in two, three pieces at every pair of positions, and one character at a time. */
function everyChunking(text: string): string[][] {
	const out: string[][] = [[text], [...text]];
	for (let i = 0; i <= text.length; i++) {
		out.push([text.slice(0, i), text.slice(i)]);
		for (let j = i; j <= text.length; j++)
			out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
	}
	return out;
}

describe('lineSplitter', () => {
	it('ends lines at LF, CRLF and a lone CR', () => {
		expect(split(['a\nb\n'])).toEqual(['a', 'b']);
		expect(split(['a\r\nb\r\n'])).toEqual(['a', 'b']);
		expect(split(['a\rb\r'])).toEqual(['a', 'b']);
		expect(split(['a\r\rb\n\nc\r\n\r\n'])).toEqual(['a', '', 'b', '', 'c', '']);
		// LF then CR is two line endings, not one.
		expect(split(['a\n\rb\n'])).toEqual(['a', '', 'b']);
	});

	it('gives the same lines however the text is cut into chunks', () => {
		const text = 'data: one\r\n\r\ndata: two\n\ndata: three\r\rx\r\n\n\r: c\ny\r';
		const expected = ['data: one', '', 'data: two', '', 'data: three', '', 'x', '', '', ': c', 'y'];
		expect(split([text])).toEqual(expected);
		for (const chunks of everyChunking(text))
			expect(split(chunks), JSON.stringify(chunks)).toEqual(expected);
	});

	it('joins a CRLF split across chunks into one line ending', () => {
		expect(split(['a\r', '\nb\n'])).toEqual(['a', 'b']);
		expect(split(['a\r', '', '\nb\n'])).toEqual(['a', 'b']);
		expect(split(['a\r', '\r\n'])).toEqual(['a', '']);
		// A CR at the end of a chunk ends its line at once, without waiting for the next chunk.
		const lines: string[] = [];
		lineSplitter((line) => lines.push(line)).push('data: now\r');
		expect(lines).toEqual(['data: now']);
	});

	it('drops a byte order mark that opens the stream, and only that one', () => {
		expect(split(['\ufeffa\n\ufeffb\n'])).toEqual(['a', '\ufeffb']);
		expect(split(['', '\ufeff', 'a\n'])).toEqual(['a']);
		expect(split(['x', '\ufeffa\n'])).toEqual(['x\ufeffa']);
	});

	it('drops a last line without its line ending', () => {
		expect(split(['a\nb'])).toEqual(['a']);
		expect(split(['a\n', 'partial'])).toEqual(['a']);
	});

	it('keeps a long line cut into many chunks whole', () => {
		const long = 'x'.repeat(100_000);
		const chunks: string[] = [];
		for (let i = 0; i < long.length; i += 7) chunks.push(long.slice(i, i + 7));
		expect(split([...chunks, '\r', '\n', 'z\n'])).toEqual([long, 'z']);
	});

	it('keeps non-ASCII text as it is', () => {
		expect(split(['é😀\r\n𝔘\n'])).toEqual(['é😀', '𝔘']);
	});
});

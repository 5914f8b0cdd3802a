import { describe, expect, it } from 'vitest';
import { base64Pieces, base64ToBlob } from '../../src/lib/core/base64';

const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
const base64 = Buffer.from(bytes).toString('base64');

describe('base64 in slices', () => {
	it('decodes piece by piece into exactly the bytes', async () => {
		const pieces: Uint8Array[] = [];
		const steps = [...base64Pieces(base64, pieces as never, 4096)].length;
		expect(steps).toBe(Math.ceil(base64.length / 4096));
		expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
		const blob = await base64ToBlob(base64, 'image/png');
		expect(blob.type).toBe('image/png');
		expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
	});

	it('allows line breaks, as servers wrap base64', async () => {
		const wrapped = base64.replace(/.{76}/g, '$&\r\n');
		expect(
			Buffer.from(await (await base64ToBlob(wrapped, 'x/y')).arrayBuffer()).equals(
				Buffer.from(bytes)
			)
		).toBe(true);
	});

	it('rejects what is not base64', async () => {
		await expect(base64ToBlob('not*base64', 'x/y')).rejects.toThrow();
	});
});

/**
 * Generates small, valid PNG images in code (no image assets in the repo).
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/**
 * An RGBA PNG of `width`×`height` pixels: a red→blue horizontal gradient,
 * green rising downwards, with a one-pixel dark border.
 */
export function gradientPng(width = 32, height = 32): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type: RGBA
	header[10] = 0; // compression
	header[11] = 0; // filter
	header[12] = 0; // interlace

	const stride = width * 4 + 1;
	const raw = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		raw[y * stride] = 0; // filter type: none
		for (let x = 0; x < width; x++) {
			const i = y * stride + 1 + x * 4;
			const border = x === 0 || y === 0 || x === width - 1 || y === height - 1;
			raw[i] = border ? 30 : Math.round((255 * (width - 1 - x)) / Math.max(1, width - 1));
			raw[i + 1] = border ? 30 : Math.round((255 * y) / Math.max(1, height - 1));
			raw[i + 2] = border ? 30 : Math.round((255 * x) / Math.max(1, width - 1));
			raw[i + 3] = 255;
		}
	}

	return encode(header, raw);
}

function encode(header: Buffer, raw: Buffer, level = -1): Buffer {
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return Buffer.concat([
		signature,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** An opaque RGBA PNG of deterministic noise: it hardly compresses (about 4 bytes a pixel). */
export function noisePng(width: number, height: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = 6;
	const stride = width * 4 + 1;
	const raw = Buffer.alloc(stride * height);
	let seed = 0x2545f491;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * stride + 1 + x * 4;
			seed ^= seed << 13;
			seed ^= seed >>> 17;
			seed ^= seed << 5;
			raw.writeInt32LE(seed, i);
			raw[i + 3] = 255;
		}
	}
	return encode(header, raw, 1);
}

/** Which server-sent media Loupe displays (everything else is text or a download). No dependencies. */

/** Image and audio types a browser can show safely from data: URLs. SVG is left out on purpose. */
export const SAFE_MEDIA =
	/^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/(mpeg|mp3|wav|x-wav|wave|ogg|webm|flac|aac|mp4))$/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Whether data looks like base64: a possible length, and base64 characters in its first 4 KiB. */
export function looksBase64(data: string): boolean {
	return data.length % 4 !== 1 && BASE64.test(data.slice(0, 4096));
}

/** Blob types that are text by nature (SVG, an image type, stays a download). */
const TEXT_TYPE =
	/^(text\/[\w.+-]+|application\/([\w.-]+\+)?(json|xml|yaml|x-yaml|javascript|x-ndjson|toml))(\s*;.*)?$/i;
/** Text blobs past this many base64 characters stay a download. */
const MAX_TEXT_BLOB = 2_000_000;

/**
 * A blob whose mimeType says text (servers send `text/plain` as base64 too): its UTF-8 text, or
 * undefined when the type is not text, the blob is too big, or the bytes are not valid UTF-8.
 * The text is shown as text, never as markup.
 */
export function textFromBlob(mimeType: string | undefined, base64: string): string | undefined {
	if (!mimeType || !TEXT_TYPE.test(mimeType.trim()) || base64.length > MAX_TEXT_BLOB)
		return undefined;
	try {
		const binary = atob(base64.replace(/\s+/g, ''));
		const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/** Bytes in a base64 string: padding and whitespace aware, without copying a string that has no whitespace. */
export function base64Bytes(data: string): number {
	const clean = /\s/.test(data) ? data.replace(/\s+/g, '') : data;
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

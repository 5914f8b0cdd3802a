/** Which server-sent media Loupe displays (everything else is text or a download). No dependencies. */

/** Image and audio types a browser can show safely from data: URLs. SVG is left out on purpose. */
export const SAFE_MEDIA = /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/(mpeg|mp3|wav|x-wav|wave|ogg|webm|flac|aac|mp4))$/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Whether data looks like base64: a possible length, and base64 characters in its first 4 KiB. */
export function looksBase64(data: string): boolean {
	return data.length % 4 !== 1 && BASE64.test(data.slice(0, 4096));
}

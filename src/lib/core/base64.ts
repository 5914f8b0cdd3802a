/**
 * Base64 to bytes without a long task: decoded a piece at a time (1 MiB of text per step, on
 * 4-character boundaries) with pauses between slices, into a Blob. Whitespace is allowed, as
 * servers wrap base64 lines; anything else that is not base64 rejects.
 */
import { runSliced, type SliceOptions } from './sliced-run.js';

/** Base64 characters decoded per step (a multiple of 4). */
const STEP_CHARS = 1 << 20;

type FromBase64 = (text: string) => Uint8Array<ArrayBuffer>;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

function decodePiece(piece: string): Uint8Array<ArrayBuffer> {
	if (nativeFromBase64) return nativeFromBase64.call(Uint8Array, piece);
	const binary = atob(piece);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** Pushes the decoded pieces of `base64` onto `out`, one step per piece. */
export function* base64Pieces(
	base64: string,
	out: Uint8Array<ArrayBuffer>[],
	stepChars = STEP_CHARS
): Generator<void, void, void> {
	const text = /\s/.test(base64) ? base64.replace(/\s+/g, '') : base64;
	for (let i = 0; i < text.length; i += stepChars) {
		out.push(decodePiece(text.slice(i, i + stepChars)));
		yield;
	}
}

/** The bytes of `base64` as a Blob of `type`, decoded in slices. */
export async function base64ToBlob(
	base64: string,
	type: string,
	options?: SliceOptions
): Promise<Blob> {
	const pieces: Uint8Array<ArrayBuffer>[] = [];
	await runSliced(base64Pieces(base64, pieces), options);
	return new Blob(pieces, { type });
}

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/**
 * Saves base64 data as a file, decoded in time slices (megabytes never freeze the page). Always as
 * application/octet-stream: never opened or rendered.
 */
export async function saveBase64(base64: string, name: string): Promise<void> {
	const { base64ToBlob } = await import('../core/base64.js');
	saveBlob(await base64ToBlob(base64, 'application/octet-stream'), name);
}

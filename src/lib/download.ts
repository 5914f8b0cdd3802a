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

/** Saves base64 data as a file. Always as application/octet-stream: never opened or rendered. */
export function saveBase64(base64: string, name: string): void {
	const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
	saveBlob(new Blob([bytes], { type: 'application/octet-stream' }), name);
}

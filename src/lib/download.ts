/** Saves base64 data as a file. Always as application/octet-stream: never opened or rendered. */
export function saveBase64(base64: string, name: string): void {
	const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
	const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A short sine tone as a WAV file, generated in code (8 kHz, 8-bit, mono). */
export function toneWav(durationMs = 250, frequency = 440): Buffer {
	const rate = 8000;
	const samples = Math.round((rate * durationMs) / 1000);
	const out = Buffer.alloc(44 + samples);
	out.write('RIFF', 0, 'ascii');
	out.writeUInt32LE(36 + samples, 4);
	out.write('WAVE', 8, 'ascii');
	out.write('fmt ', 12, 'ascii');
	out.writeUInt32LE(16, 16); // size of the fmt chunk
	out.writeUInt16LE(1, 20); // PCM
	out.writeUInt16LE(1, 22); // mono
	out.writeUInt32LE(rate, 24);
	out.writeUInt32LE(rate, 28); // bytes per second
	out.writeUInt16LE(1, 32); // block align
	out.writeUInt16LE(8, 34); // bits per sample
	out.write('data', 36, 'ascii');
	out.writeUInt32LE(samples, 40);
	for (let i = 0; i < samples; i++)
		out[44 + i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * frequency * i) / rate));
	return out;
}

/** Which server-sent media Loupe displays (everything else is text or a download). No dependencies. */

/** Image and audio types a browser can show safely from data: URLs. SVG is left out on purpose. */
export const SAFE_MEDIA = /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/(mpeg|mp3|wav|x-wav|wave|ogg|webm|flac|aac|mp4))$/i;
export const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

declare module 'heic-decode' {
  interface HeicPixels {
    width: number;
    height: number;
    /** RGBA, 4 bytes a pixel, with the file's rotation and mirroring already applied. */
    data: Uint8ClampedArray;
  }
  interface HeicImageHandle {
    width: number;
    height: number;
    decode(): Promise<HeicPixels>;
  }
  interface HeicDecode {
    (input: { buffer: Uint8Array }): Promise<HeicPixels>;
    all(input: { buffer: Uint8Array }): Promise<HeicImageHandle[] & { dispose(): void }>;
  }
  const decode: HeicDecode;
  export = decode;
}

/// <reference types="vite/client" />
// qrcode ships no types; the client uses only its canvas renderer.
declare module "qrcode" {
  const QRCode: {
    toCanvas(canvas: HTMLCanvasElement, text: string, options?: Record<string, unknown>): Promise<void>;
  };
  export default QRCode;
}
